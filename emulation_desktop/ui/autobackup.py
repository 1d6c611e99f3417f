"""Automatic backups: every 30 minutes while there are unsaved-to-backup changes, and when the app closes.

A "dirty" flag is raised by every write the window announces (``records_changed``) and lowered by each
verified backup. ``take_backup`` checks every copy with integrity_check before keeping it.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from pathlib import Path

from emulation_desktop import paths
from emulation_desktop.errors import StorageError
from emulation_desktop.storage.backup import BackupInfo, list_backups, take_backup
from emulation_desktop.ui.context import AppContext
from emulation_desktop.ui.qt import QObject, QTimer, Signal, qconnect

log = logging.getLogger(__name__)

INTERVAL_MS = 30 * 60 * 1000
DAILY = timedelta(hours=24)


class AutoBackup(QObject):
    backed_up = Signal(object)  # BackupInfo
    failed = Signal(str)  # the clerk's message

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dirty = False
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        qconnect(self.timer.timeout, self.tick)
        self.timer.start()
        qconnect(ctx.records_changed, lambda _kind: self.mark_dirty())

    def mark_dirty(self) -> None:
        self.dirty = True

    @property
    def db_path(self) -> Path | None:
        folder = self.ctx.db.folder
        return paths.database_path(folder) if folder is not None else None

    def tick(self) -> None:
        """The 30-minute timer: a backup only when something changed since the last one."""
        if self.dirty:
            self.take("auto")

    def take(self, reason: str = "manual") -> BackupInfo | None:
        db_path = self.db_path
        if db_path is None or not db_path.exists():
            return None
        try:
            info = take_backup(db_path, reason=reason)
        except StorageError as exc:
            log.warning("backup failed: %s", exc.message)
            self.failed.emit(exc.message)
            return None
        log.info("backup %s (%s)", info.path.name, reason)
        self.dirty = False
        self.backed_up.emit(info)
        return info

    def closing(self) -> BackupInfo | None:
        """When the window closes: back up what changed, or at least once a day."""
        self.timer.stop()
        db_path = self.db_path
        if db_path is None:
            return None
        newest = list_backups(paths.backups_dir(db_path.parent))
        if self.dirty or not newest or datetime.now() - newest[0].taken_at > DAILY:
            return self.take("close")
        return None
