"""Lock a unit's year once submitted, or unlock it with a reason (audited, and the next package says
"revised after submission")."""

from __future__ import annotations

from emulation_desktop.errors import AppError, ValidationError
from emulation_desktop.locale.i18n import _
from emulation_desktop.operations import structure
from emulation_desktop.ui.context import AppContext
from emulation_desktop.ui.qt import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
    qconnect,
)

ERROR_STYLE = "color: #b00020;"


class YearLockDialog(QDialog):
    def __init__(self, ctx: AppContext, *, lock: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.lock = ctx, lock
        unit = ctx.unit.name if ctx.unit else ""
        self.setObjectName("year_lock_dialog")
        self.resize(520, 300)
        if lock:
            self.setWindowTitle(_("Lock the year {year}").format(year=ctx.year))
            text = _(
                "Lock the year {year} of {unit}? Its records become read-only, for example once the "
                "report has been submitted. The year can be unlocked later, with a reason."
            )
            prompt = _("Reason (optional):")
            placeholder = _("For example: report submitted to the city on 15/12")
            ok_text = _("Lock the year")
        else:
            self.setWindowTitle(_("Unlock the year {year}").format(year=ctx.year))
            text = _(
                "Unlock the year {year} of {unit}? Its records can be changed again. The reason is kept "
                "in the history of changes, and the next data package says the year was revised after "
                "submission."
            )
            prompt = _("Reason (required):")
            placeholder = _("For example: correcting the number of houses after the city's review")
            ok_text = _("Unlock the year")
        explanation = QLabel(text.format(year=ctx.year, unit=unit))
        explanation.setWordWrap(True)
        label = QLabel(prompt)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText(placeholder)
        self.reason.setTabChangesFocus(True)
        label.setBuddy(self.reason)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        qconnect(self.buttons.accepted, self.accept)
        qconnect(self.buttons.rejected, self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(label)
        layout.addWidget(self.reason, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.reason.setFocus()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        self.reason.setFocus()

    def accept(self) -> None:
        reason = self.reason.toPlainText().strip()
        if not self.lock and not reason:
            self.show_error(_("Give a reason for unlocking the year."))
            return
        try:
            if self.lock:
                structure.lock_year(
                    self.ctx.db, self.ctx.unit_code, self.ctx.year, reason=reason, user=self.ctx.user
                )
            else:
                structure.unlock_year(
                    self.ctx.db, self.ctx.unit_code, self.ctx.year, reason=reason, user=self.ctx.user
                )
        except ValidationError as exc:
            self.show_error(next(iter(exc.errors.values()), exc.message))
            return
        except AppError as exc:
            self.show_error(exc.message)
            return
        super().accept()
