"""Undo commands. Each calls a core operation (one transaction); none touches a widget.

The first action runs before the command is pushed, so a refused save surfaces in the form and never
reaches the stack; ``redo`` then only repeats it after an undo. If the core refuses an undo or redo
later (the year was locked meanwhile), the clerk is told and the command leaves the stack.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from emulation_desktop.errors import AppError
from emulation_desktop.locale.i18n import _
from emulation_desktop.operations import records
from emulation_desktop.ui.context import AppContext
from emulation_desktop.ui.qt import QUndoCommand


class RecordCommand(QUndoCommand):
    def __init__(self, ctx: AppContext, kind: str, record_id: str, text: str) -> None:
        super().__init__(text)
        self.ctx, self.kind, self.record_id = ctx, kind, record_id
        self._pushed = False

    def forward(self) -> None:
        raise NotImplementedError

    def backward(self) -> None:
        raise NotImplementedError

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True  # already done by the editor before pushing
            return
        self._run(self.forward)

    def undo(self) -> None:
        self._run(self.backward)

    def _run(self, action: Callable[[], None]) -> None:
        try:
            action()
        except AppError as exc:
            self.setObsolete(True)
            self.ctx.error.emit(exc.message)
            return
        self.ctx.records_changed.emit(self.kind)
        self.ctx.saved(_("Saved"))


class AddRecord(RecordCommand):
    """Undo hides the new record in the bin; redo brings it back (same id, so children follow)."""

    def forward(self) -> None:
        records.restore_record(self.ctx.db, self.kind, self.record_id, user=self.ctx.user)

    def backward(self) -> None:
        records.delete_record(self.ctx.db, self.kind, self.record_id, user=self.ctx.user)


class DeleteRecord(RecordCommand):
    def forward(self) -> None:
        records.delete_record(self.ctx.db, self.kind, self.record_id, user=self.ctx.user)

    def backward(self) -> None:
        records.restore_record(self.ctx.db, self.kind, self.record_id, user=self.ctx.user)


class RestoreRecord(RecordCommand):
    def forward(self) -> None:
        records.restore_record(self.ctx.db, self.kind, self.record_id, user=self.ctx.user)

    def backward(self) -> None:
        records.delete_record(self.ctx.db, self.kind, self.record_id, user=self.ctx.user)


class EditRecord(RecordCommand):
    """Stored values before and after, so undo writes the old ones back through the core."""

    def __init__(
        self, ctx: AppContext, kind: str, record_id: str, text: str, old: dict[str, Any], new: dict[str, Any]
    ) -> None:
        super().__init__(ctx, kind, record_id, text)
        self.old, self.new = old, new

    def forward(self) -> None:
        records.update_record(self.ctx.db, self.kind, self.record_id, self.new, user=self.ctx.user)

    def backward(self) -> None:
        records.update_record(self.ctx.db, self.kind, self.record_id, self.old, user=self.ctx.user)
