"""Backups of the data file: taken with SQLite's backup API, verified, kept on a schedule, restorable.

Kept: every copy of the last 24 hours (so a safety copy taken before a restore is never pruned at once),
then the newest copy of each of the last 7 days, 4 weeks and 12 months. Like Anki and Zotero, a copy is
only kept once ``integrity_check`` says it is whole.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from emulation_desktop import paths
from emulation_desktop.errors import StorageError
from emulation_desktop.locale.i18n import _
from emulation_desktop.storage import sqlite

log = logging.getLogger(__name__)

_NAME = re.compile(r"^backup-(\d{8}-\d{6}-\d{6})(?:-([\w-]+))?\.sqlite3$")
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12
# Tables a clerk recognises, counted in the backups list so a copy can be told apart at a glance.
COUNTED_TABLES = ("support_activity", "donation", "supervision", "delegate_conference", "pledge")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime
    reason: str
    size: int

    def record_counts(self) -> dict[str, int]:
        """Live records per main table in this copy (read-only)."""
        connection = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
        try:
            return {
                table: connection.execute(f"SELECT count(*) FROM {table} WHERE deleted = 0").fetchone()[0]
                for table in COUNTED_TABLES
            }
        except sqlite3.DatabaseError:
            return {}
        finally:
            connection.close()


def take_backup(
    db_path: Path, folder: Path | None = None, *, reason: str = "manual", now: datetime | None = None
) -> BackupInfo:
    """Copy the live file into the backups folder, verify the copy, then prune old copies."""
    folder = folder or paths.backups_dir(db_path.parent)
    folder.mkdir(parents=True, exist_ok=True)
    now = now or datetime.now()
    target = folder / f"backup-{now:%Y%m%d-%H%M%S-%f}-{reason}.sqlite3"
    try:
        sqlite.backup_file(db_path, target)
    except (OSError, sqlite3.Error) as exc:
        raise StorageError(_("The backup could not be made: {detail}").format(detail=exc)) from exc
    prune(folder, now=now)
    return _info(target)


def save_backup_to(db_path: Path, target: Path) -> None:
    """A verified copy at a place the user chose (e.g. a USB stick)."""
    try:
        sqlite.backup_file(db_path, target)
    except (OSError, sqlite3.Error) as exc:
        raise StorageError(_("The backup could not be saved there: {detail}").format(detail=exc)) from exc


def _info(path: Path) -> BackupInfo:
    match = _NAME.match(path.name)
    assert match
    return BackupInfo(
        path, datetime.strptime(match.group(1), "%Y%m%d-%H%M%S-%f"), match.group(2) or "", path.stat().st_size
    )


def list_backups(folder: Path) -> list[BackupInfo]:
    """Kept backups, newest first."""
    if not folder.exists():
        return []
    found = [_info(p) for p in folder.iterdir() if _NAME.match(p.name)]
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def prune(folder: Path, *, now: datetime | None = None) -> list[Path]:
    """Keep the last day's copies, then the newest per day (7), ISO week (4) and month (12)."""
    now = now or datetime.now()
    backups = list_backups(folder)
    keep: set[Path] = set()
    for period_key, limit in (
        (lambda d: d.date(), KEEP_DAILY),
        (lambda d: d.isocalendar()[:2], KEEP_WEEKLY),
        (lambda d: (d.year, d.month), KEEP_MONTHLY),
    ):
        seen: list[object] = []
        for backup in backups:  # newest first: the first of each period is its newest copy
            key = period_key(backup.taken_at)
            if key not in seen:
                seen.append(key)
                if len(seen) <= limit:
                    keep.add(backup.path)
    keep.update(b.path for b in backups if now - b.taken_at < timedelta(hours=24))
    removed = []
    for backup in backups:
        if backup.path not in keep:
            backup.path.unlink(missing_ok=True)
            removed.append(backup.path)
    return removed


def newest_good_backup(folder: Path) -> BackupInfo | None:
    """The newest backup that passes integrity_check, for recovering from a damaged file."""
    for backup in list_backups(folder):
        try:
            connection = sqlite3.connect(f"file:{backup.path}?mode=ro", uri=True)
            try:
                if connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok":
                    return backup
            finally:
                connection.close()
        except sqlite3.DatabaseError:
            continue
    return None


def restore_backup(db_path: Path, backup: Path) -> Path | None:
    """Replace the data file by a backup. The current file is backed up first (if it can be read) and
    returned; a file that cannot be read is moved aside, never deleted. The caller closes the database first."""
    app_id, _version, _tables = sqlite.read_header(backup)
    if app_id != sqlite.APPLICATION_ID:
        raise StorageError(_("“{name}” is not a backup of this application.").format(name=backup.name))
    safety: Path | None = None
    if db_path.exists():
        try:
            safety = take_backup(db_path, reason="before-restore").path
        except StorageError:
            safety = set_aside(db_path)
    staging = db_path.with_name(db_path.name + ".restoring")
    sqlite.backup_file(backup, staging)
    for suffix in ("-wal", "-shm"):
        Path(str(db_path) + suffix).unlink(missing_ok=True)
    staging.replace(db_path)
    log.info("restored %s from %s", db_path, backup)
    return safety


def set_aside(db_path: Path) -> Path:
    """Move a damaged file (and its journal) next to itself with a timestamp; never delete it."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = db_path.with_name(f"{db_path.stem}-damaged-{stamp}{db_path.suffix}")
    db_path.replace(aside)
    for suffix in ("-wal", "-shm"):
        journal = Path(str(db_path) + suffix)
        if journal.exists():
            journal.replace(Path(str(aside) + suffix))
    return aside
