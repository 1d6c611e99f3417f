"""What the window is working on: the database, the unit and year, and whether they may be edited.

Editors, commands and the dashboard share one ``AppContext``; it announces changes with signals, so no
widget needs to know another.
"""

from __future__ import annotations

from functools import cached_property

from emulation_desktop.operations import unit_years
from emulation_desktop.storage.database import Database
from emulation_desktop.ui.qt import QObject, QUndoStack, Signal


def _user() -> str:
    import getpass  # when the first change is saved, not at every start (docs/startup.md)

    try:
        return getpass.getuser()
    except Exception:  # no login name on some locked-down PCs: the audit stays anonymous
        return ""


class AppContext(QObject):
    context_changed = Signal()  # unit or year changed: editors re-query
    records_changed = Signal(str)  # kind name: a record of that kind was written
    # More than one kind changed, or units arrived (a package, the demo, a submission): the context bar
    # re-reads its units and years, which sets the context again (so every view re-reads too).
    data_changed = Signal()
    message = Signal(str)  # a short status-bar message ("Đã lưu")
    error = Signal(str)  # a message the clerk must read
    open_document = Signal(str, int)  # document kind and year: show it on the Documents tab

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.undo_stack = QUndoStack(self)
        self.unit: unit_years.UnitChoice | None = None
        self.year = 0
        self.state = unit_years.YearState(imported=True, locked=False)

    @cached_property
    def user(self) -> str:
        """Who is working, as the audit records it: the computer's login name."""
        return _user()

    @property
    def unit_code(self) -> str:
        return self.unit.code if self.unit else ""

    @property
    def editable(self) -> bool:
        return self.unit is not None and self.state.editable

    def set_context(self, unit: unit_years.UnitChoice | None, year: int) -> None:
        self.unit, self.year = unit, year
        self.refresh_state()
        self.context_changed.emit()

    def refresh_state(self) -> None:
        if self.unit is None:
            self.state = unit_years.YearState(imported=True, locked=False)
            return
        self.state = unit_years.year_state_of(self.db, self.unit.code, self.year)

    def saved(self, text: str) -> None:
        self.message.emit(text)
