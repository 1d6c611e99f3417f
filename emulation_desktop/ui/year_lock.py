"""Lock a unit's year once submitted, or unlock it with a reason (audited, and the next package says
"revised after submission")."""

from __future__ import annotations

from emulation_desktop.errors import ValidationError
from emulation_desktop.locale.i18n import _
from emulation_desktop.operations import structure
from emulation_desktop.ui.context import AppContext
from emulation_desktop.ui.qt import QWidget
from emulation_desktop.ui.reason_dialog import ReasonDialog


class YearLockDialog(ReasonDialog):
    def __init__(self, ctx: AppContext, *, lock: bool, parent: QWidget | None = None) -> None:
        unit = ctx.unit.name if ctx.unit else ""
        if lock:
            title = _("Lock the year {year}").format(year=ctx.year)
            text = _(
                "Lock the year {year} of {unit}? Its records become read-only, for example once the "
                "report has been submitted. The year can be unlocked later, with a reason."
            )
            prompt = _("Reason (optional):")
            placeholder = _("For example: report submitted to the city on 15/12")
            ok_text = _("Lock the year")
        else:
            title = _("Unlock the year {year}").format(year=ctx.year)
            text = _(
                "Unlock the year {year} of {unit}? Its records can be changed again. The reason is kept "
                "in the history of changes, and the next data package says the year was revised after "
                "submission."
            )
            prompt = _("Reason (required):")
            placeholder = _("For example: correcting the number of houses after the city's review")
            ok_text = _("Unlock the year")
        super().__init__(
            name="year_lock_dialog",
            title=title,
            explanation=text.format(year=ctx.year, unit=unit),
            prompt=prompt,
            placeholder=placeholder,
            ok_text=ok_text,
            parent=parent,
        )
        self.ctx, self.lock = ctx, lock

    def apply(self, reason: str) -> str:
        reason = reason.strip()
        if not self.lock and not reason:
            raise ValidationError({"reason": _("Give a reason for unlocking the year.")})
        change = structure.lock_year if self.lock else structure.unlock_year
        change(self.ctx.db, self.ctx.unit_code, self.ctx.year, reason=reason, user=self.ctx.user)
        return reason
