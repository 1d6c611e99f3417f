"""Automatic backups: every 30 minutes while there are changes not yet in a backup, and when the app
closes after a change. A close with nothing changed takes no backup and does no work beyond a glance.

"Changed" means a commit to the data file since the newest verified backup (``take_backup`` checks every
copy with quick_check before keeping it). It is known three ways, from the cheapest:

- this session: ``PRAGMA data_version`` on a watch connection opened with the window
  (``Database.watch_changes``), which notices a commit by any connection of any process: every
  editor, dialog, import or worker, whether or not it announced itself. The ``dirty`` flag (raised by
  ``records_changed``, a year locked, or a start after a crash) still counts as well;
- before it: the newest audit entry of the file against the newest backup's (the core's changes
  write one): a change made by a command while no window was open, or by a session that ended without
  closing (whose start also raises ``dirty``);
- a file with no backup at all (new, or filled by a command) gets its first one.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from emulation_desktop import paths
from emulation_desktop.errors import StorageError
from emulation_desktop.ui.context import AppContext
from emulation_desktop.ui.qt import QObject, QTimer, Signal, qconnect

if TYPE_CHECKING:
    from emulation_desktop.storage.backup import BackupInfo
    from emulation_desktop.storage.change_watch import ChangeWatch

# ``storage.backup`` is imported when a backup is taken or looked for, not before the first paint
# (docs/startup.md).

log = logging.getLogger(__name__)

INTERVAL_MS = 30 * 60 * 1000


class AutoBackup(QObject):
    backed_up = Signal(object)  # BackupInfo
    failed = Signal(str)  # the clerk's message

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dirty = False
        self._watched = ctx.db
        self._change_watch = ctx.db.watch_changes()  # before anything is written: every commit from now on
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        qconnect(self.timer.timeout, self.tick)
        self.timer.start()
        qconnect(ctx.records_changed, lambda _kind: self.mark_dirty())
        # A restore reopens the database, then reloads the units: watch the new one from then on.
        qconnect(ctx.context_changed, self.watch)

    def mark_dirty(self) -> None:
        self.dirty = True

    @property
    def db_path(self) -> Path | None:
        folder = self.ctx.db.folder
        return paths.database_path(folder) if folder is not None else None

    def watch(self) -> ChangeWatch | None:
        """The watch on the window's current database (a restore opens another: its file is a verified
        backup's copy, so watching starts afresh)."""
        if self.ctx.db is not self._watched:
            self._watched = self.ctx.db
            self._change_watch = self.ctx.db.watch_changes()
        return self._change_watch

    def changed(self) -> bool:
        """Whether this session wrote anything since the last verified backup."""
        if self.dirty:
            return True
        watch = self.watch()
        return watch is not None and watch.changed()

    def tick(self) -> None:
        """The 30-minute timer: a backup only when something changed since the last one."""
        if self.changed():
            self.take("auto")

    def take(self, reason: str = "manual") -> BackupInfo | None:
        db_path = self.db_path
        if db_path is None or not db_path.exists():
            return None
        watch = self.watch()
        mark = watch.mark() if watch is not None else -1
        from emulation_desktop.storage.backup import take_backup

        try:
            info = take_backup(db_path, reason=reason)
        except StorageError as exc:
            log.warning("backup failed: %s", exc.message)
            self.failed.emit(exc.message)
            return None
        log.info("backup %s (%s)", info.path.name, reason)
        self.dirty = False
        if watch is not None:
            watch.settle(mark)
        self.backed_up.emit(info)
        return info

    def closing(self) -> BackupInfo | None:
        """When the window closes: a verified backup of what changed since the last one, else nothing."""
        self.timer.stop()
        if self.needs_backup():
            return self.take("close")
        return None

    def needs_backup(self) -> bool:
        """Whether the file holds a change that no verified backup has (see the module's docstring)."""
        db_path = self.db_path
        if db_path is None or not db_path.exists() or self.ctx.db.read_only:
            return False  # no file, or one that nothing could have changed (nor can a backup be kept)
        if self.changed():
            return True
        watch = self.watch()
        if watch is None:
            return True
        from emulation_desktop.storage.backup import audit_differs, list_backups

        try:
            newest = list_backups(paths.backups_dir(db_path.parent))
            if not newest:
                return True  # never backed up (a new file, or one a command filled): the first copy
            return audit_differs(newest[0], watch.last_audit_id())
        except (OSError, sqlite3.Error) as exc:  # when in doubt, back up
            log.warning("could not tell whether the data changed since the last backup: %s", exc)
            return True
