"""One dialog for every decision that takes a reason in words: locking or unlocking a year, returning a
member's data. It explains what will happen, takes the reason (required or not), shows a refusal under
the text box in red and keeps the dialog open, and only closes once the decision is made."""

from __future__ import annotations

from emulation_desktop.errors import AppError, ValidationError
from emulation_desktop.ui.dialogs import error_label, ok_cancel, refuse
from emulation_desktop.ui.qt import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)


class ReasonDialog(QDialog):
    """Subclasses give the words and ``apply(reason)``, which makes the decision or raises an AppError
    (a ValidationError's first field message is shown)."""

    def __init__(
        self,
        *,
        name: str,
        title: str,
        explanation: str,
        prompt: str,
        placeholder: str,
        ok_text: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.resize(520, 300)
        self.reason_text = ""
        text = QLabel(explanation)
        text.setWordWrap(True)
        label = QLabel(prompt)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText(placeholder)
        self.reason.setTabChangesFocus(True)
        label.setBuddy(self.reason)
        self.error = error_label()
        self.buttons = ok_cancel(self, ok_text)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(label)
        layout.addWidget(self.reason, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.reason.setFocus()

    def apply(self, reason: str) -> str:
        """Make the decision; returns the reason as kept. Raises AppError to keep the dialog open."""
        raise NotImplementedError

    def accept(self) -> None:
        try:
            self.reason_text = self.apply(self.reason.toPlainText())
        except ValidationError as exc:
            refuse(self.error, next(iter(exc.errors.values()), exc.message), self.reason)
            return
        except AppError as exc:
            refuse(self.error, exc.message, self.reason)
            return
        super().accept()
