"""Year → Open a new year…: the next emulation year of the unit open, started from the year before
(``operations/new_year.py``: the cluster's members, the people, the pledge as a draft, the open
recommendations), in one transaction; then the window switches to it and says what was copied."""

from __future__ import annotations

from typing import TYPE_CHECKING

from emulation_desktop.locale.i18n import _, ngettext
from emulation_desktop.ui import background, dialogs
from emulation_desktop.ui.qt import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    qconnect,
)

if TYPE_CHECKING:
    from emulation_desktop.ui.main_window import MainWindow


def _copied(counts: dict[str, int]) -> list[str]:
    """What ``open_new_year`` copied, in words, leaving out what it found none of."""
    n = counts.get
    parts = [
        (n("pledges", 0), ngettext("{n} pledge (draft)", "{n} pledges (drafts)", n("pledges", 0))),
        (n("pledge_targets", 0), ngettext("{n} target", "{n} targets", n("pledge_targets", 0))),
        (
            n("recommendations", 0),
            ngettext(
                "{n} recommendation not yet resolved",
                "{n} recommendations not yet resolved",
                n("recommendations", 0),
            ),
        ),
        (
            n("people", 0),
            ngettext(
                "{n} person of the standing committee", "{n} people of the standing committee", n("people", 0)
            ),
        ),
        (
            n("cluster_members", 0),
            ngettext("{n} unit of the cluster", "{n} units of the cluster", n("cluster_members", 0)),
        ),
    ]
    return [text.format(n=count) for count, text in parts if count]


def copied_text(year: int, unit: str, counts: dict[str, int]) -> str:
    """ "Năm 2023 của Huyện Đông Anh đã được mở. Đã chép: 1 giao ước (dự thảo), 12 chỉ tiêu…"."""
    parts = _copied(counts)
    opened = _("The year {year} of {unit} is open.").format(year=year, unit=unit)
    if not parts:
        return opened + " " + _("There was nothing to copy from the year before.")
    return opened + " " + _("Copied: {what}.").format(what=", ".join(parts))


class NewYearDialog(QDialog):
    def __init__(self, unit: str, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("new_year_dialog")
        self.setWindowTitle(_("Open a new year"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "The new year of {unit} starts from the year before it: the cluster's members, the "
                "standing committee, the pledge (as a draft to edit) and the recommendations not yet "
                "resolved are copied. Last year's records stay as they are."
            ).format(unit=unit)
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        from emulation_desktop.operations.setup import FIRST_YEAR, LAST_YEAR  # the ORM: not at start

        form = QFormLayout()
        self.year = QSpinBox()
        self.year.setObjectName("new_year")
        self.year.setRange(FIRST_YEAR + 1, LAST_YEAR)
        self.year.setValue(year)
        label = QLabel(_("New year:"))
        label.setBuddy(self.year)
        form.addRow(label, self.year)
        layout.addLayout(form)
        buttons = QDialogButtonBox()
        ok = QPushButton(_("Open the year"))
        ok.setDefault(True)
        cancel = QPushButton(_("Cancel"))
        buttons.addButton(ok, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
        qconnect(buttons.accepted, self.accept)
        qconnect(buttons.rejected, self.reject)
        layout.addWidget(buttons)
        self.resize(460, self.sizeHint().height())


def ask_year(dialog: NewYearDialog) -> int | None:
    """The year asked for, None when cancelled (a test replaces this with an answer)."""
    return dialog.year.value() if dialog.exec() else None


def open_new_year(window: MainWindow) -> None:
    ctx = window.ctx
    unit = ctx.unit
    if unit is None or not unit.is_local or not window.commit_all():
        return
    year = ask_year(NewYearDialog(unit.name, ctx.year + 1, window))
    if year is None:
        return
    from emulation_desktop.operations import new_year

    user = ctx.user

    def done(counts: dict[str, int]) -> None:
        window.context_bar.choose(unit.code, year)
        text = copied_text(year, unit.name, counts)
        ctx.saved(text)
        dialogs.inform(window, text)

    background.write(
        window,
        ctx,
        lambda db: new_year.open_new_year(db, unit.code, year, user),
        _("Opening the new year..."),
        on_done=done,
    )
