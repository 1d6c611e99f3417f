"""The dialog of an unexpected error (ui/crash.py): what happened, and the report to copy and send."""

from __future__ import annotations

from emulation_desktop.locale.i18n import _
from emulation_desktop.ui.qt import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    qconnect,
)


class CrashDialog(QDialog):
    def __init__(self, report: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Unexpected error"))
        self.resize(640, 420)
        layout = QVBoxLayout(self)
        message = QLabel(
            _(
                "Something went wrong that the application did not expect. Everything you saved is safe. "
                "Please copy the report below and send it to the person who supports the application."
            )
        )
        message.setWordWrap(True)
        self.report = QPlainTextEdit(report)
        self.report.setReadOnly(True)
        self.report.setObjectName("report")
        buttons = QDialogButtonBox()
        copy = QPushButton(_("Copy report"))
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText(_("Close"))
        qconnect(copy.clicked, self.copy)
        qconnect(buttons.rejected, self.reject)
        for widget in (message, self.report, buttons):
            layout.addWidget(widget)

    def copy(self) -> None:
        QApplication.clipboard().setText(self.report.toPlainText())
