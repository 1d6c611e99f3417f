"""Backups of the data file: taken with SQLite's backup API, verified, kept on a schedule, restorable.

Kept: the newest ten copies of the last 24 hours and its first (so a safety copy taken before a restore
is never pruned at once, and a day of many imports does not fill the disk), then the newest copy of each
of the last 7 days, 4 weeks and 12 months. Like Anki and Zotero, a copy is
only kept once ``quick_check`` says every page of it is whole (``sqlite.backup_file``).
"""

from __future__ import annotations

import logging
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from emulation_desktop import paths
from emulation_desktop.domain.file_messages import cannot_save
from emulation_desktop.errors import BadBackupError, CorruptFileError, StorageError
from emulation_desktop.locale.i18n import _
from emulation_desktop.storage import new_file, sqlite
from emulation_desktop.storage.change_watch import last_audit_id_of

log = logging.getLogger(__name__)

_NAME = re.compile(r"^backup-(\d{8}-\d{6}-\d{6})(?:-([\w-]+))?\.sqlite3$")
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12
# Of the last day's copies, the newest this many: every import takes one, and a city that receives its
# 126 units' packages in a day made 126 copies of a growing file, 47 GB (benchmarks/README.md,
# ``city_consolidation``). The oldest copy of the day stays too, as the day's first state.
KEEP_RECENT = 10
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
        try:
            connection = sqlite.connect_read_only(self.path, settled=True)
        except sqlite3.Error:
            return {}
        try:
            return {
                table: connection.execute(f"SELECT count(*) FROM {table} WHERE deleted = 0").fetchone()[0]
                for table in COUNTED_TABLES
            }
        except sqlite3.DatabaseError:
            return {}
        finally:
            connection.close()


def audit_differs(backup: BackupInfo, last_audit_id: int) -> bool:
    """Whether ``backup`` lacks audited changes of a file whose newest audit entry is
    ``last_audit_id`` (or holds others: a file restored from an older copy). Every change of the core
    writes its audit entry, the command line's included, so this tells changes made while no window
    watched the file. A copy that cannot be read counts as different."""
    try:
        connection = sqlite.connect_read_only(backup.path, settled=True)
        try:
            return last_audit_id_of(connection) != last_audit_id
        finally:
            connection.close()
    except sqlite3.Error:
        return True


def take_backup(
    db_path: Path, folder: Path | None = None, *, reason: str = "manual", now: datetime | None = None
) -> BackupInfo:
    """Copy the live file into the backups folder, verify the copy, then prune old copies."""
    folder = folder or paths.backups_dir(db_path.parent)
    now = now or datetime.now()
    target = folder / f"backup-{now:%Y%m%d-%H%M%S-%f}-{reason}.sqlite3"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        sqlite.remove_dead_partials(folder, "backup-")  # copies cut short by a kill or a power cut
        sqlite.backup_file(db_path, target)
    except (OSError, sqlite3.Error) as exc:
        kind = sqlite.failure_kind(exc)
        if kind == sqlite.READ_ONLY or not sqlite.folder_writable(db_path.parent):
            from emulation_desktop.storage.database import read_only_error

            raise read_only_error(db_path.parent) from exc
        if kind == sqlite.FULL:
            raise StorageError(
                _(
                    "The backup could not be made: the disk holding “{folder}” is full. Nothing was "
                    "left half-made; free some space, then try again."
                ).format(folder=folder)
            ) from exc
        raise StorageError(_("The backup could not be made: {detail}").format(detail=exc)) from exc
    prune(folder, now=now)
    return _info(target)


def save_backup_to(db_path: Path, target: Path) -> None:
    """A verified copy at a place the user chose (e.g. a USB stick); a full or read-only stick is told
    plainly (the same words as any file saved to a stick) and nothing partial is left there."""
    try:
        sqlite.backup_file(db_path, target)
    except (OSError, sqlite3.Error) as exc:
        kind = sqlite.failure_kind(exc)
        if kind != sqlite.FULL and kind != sqlite.READ_ONLY:
            if not (target.parent.is_dir() and not sqlite.folder_writable(target.parent)):
                raise StorageError(
                    _("The backup could not be saved there: {detail}").format(
                        detail=getattr(exc, "strerror", None) or exc
                    )
                ) from exc
            kind = sqlite.READ_ONLY
        raise StorageError(cannot_save(kind, target.parent, target.name)) from exc


def _info(path: Path) -> BackupInfo:
    match = _NAME.match(path.name)
    assert match
    return BackupInfo(path, _taken_at(match.group(1)), match.group(2) or "", path.stat().st_size)


def _taken_at(stamp: str) -> datetime:
    """``20240131-235959-000001`` read by position: ``strptime`` costs a closing window ~20 ms the first
    time (its module and a regular expression per format)."""
    return datetime(
        int(stamp[0:4]),
        int(stamp[4:6]),
        int(stamp[6:8]),
        int(stamp[9:11]),
        int(stamp[11:13]),
        int(stamp[13:15]),
        int(stamp[16:22]),
    )


def list_backups(folder: Path) -> list[BackupInfo]:
    """Kept backups, newest first."""
    if not folder.exists():
        return []
    found = [_info(p) for p in folder.iterdir() if _NAME.match(p.name)]
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def prune(folder: Path, *, now: datetime | None = None) -> list[Path]:
    """Keep the last day's newest copies (``KEEP_RECENT``) and its oldest, then the newest per day (7),
    ISO week (4) and month (12)."""
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
    recent = [b for b in backups if now - b.taken_at < timedelta(hours=24)]
    keep.update(b.path for b in recent[:KEEP_RECENT])
    if recent:
        keep.add(recent[-1].path)
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
            connection = sqlite.connect_read_only(backup.path, settled=True)
            try:
                if connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok":
                    return backup
            finally:
                connection.close()
        except sqlite3.DatabaseError:
            continue
    return None


def verify_backup(backup: Path) -> None:
    """Refuse a backup that the start-up or ``check`` would refuse: not ours, newer than this version,
    damaged, failing any check (broken links, …) or with a structure that is not the application's (a
    planted trigger). Only reads the file, and never writes beside it (a read-only stick)."""
    from emulation_desktop.storage.database import check_file

    def refuse(reason: str) -> BadBackupError:
        return BadBackupError(
            _("“{name}” was not restored, and the data was left as it is: {reason}").format(
                name=backup.name, reason=reason
            )
        )

    try:
        version = check_file(backup, settled=True)
    except CorruptFileError as exc:  # its message speaks of the data file, kept aside: not this case
        raise refuse(_("the copy is damaged (SQLite's own check fails on it).")) from exc
    except StorageError as exc:  # not ours, or newer than this version
        raise refuse(exc.message) from exc
    if version == 0:
        raise refuse(_("“{name}” is not a backup of this application.").format(name=backup.name))
    failures = _failed_checks(backup)
    if failures:
        raise refuse(_("it fails the data checks: {detail}").format(detail=" ".join(failures)))


def _failed_checks(backup: Path) -> list[str]:
    """The messages of every check the backup fails (the same checks as the ``check`` command)."""
    from sqlalchemy.orm import Session

    from emulation_desktop.storage.check import run_checks
    from emulation_desktop.storage.database import file_engine

    engine = file_engine(backup, read_only=True, settled=True)
    try:
        with Session(engine) as session:
            return [finding.message for finding in run_checks(session) if not finding.ok]
    finally:
        engine.dispose()


def restore_backup(db_path: Path, backup: Path) -> Path | None:
    """Replace the data file by a backup, once the backup passes every check (``verify_backup``). The
    current file is backed up first (if it can be read) and returned; a file that cannot be read is
    moved aside, never deleted. The caller closes the database first."""
    from emulation_desktop.storage.database import refuse_if_read_only

    refuse_if_read_only(db_path.parent)
    verify_backup(backup)
    safety: Path | None = None
    if db_path.exists():
        try:
            safety = take_backup(db_path, reason="before-restore").path
        except StorageError:
            safety = set_aside(db_path)
    staging = new_file.scratch_path(db_path, new_file.RESTORING)
    try:
        sqlite.backup_file(backup, staging, settled=True)
        for suffix in ("-wal", "-shm"):
            Path(str(db_path) + suffix).unlink(missing_ok=True)
        staging.replace(db_path)
    except (OSError, sqlite3.Error) as exc:
        sqlite.remove_with_journals(staging)
        detail = (
            _("the disk is full.")
            if sqlite.failure_kind(exc) == sqlite.FULL
            else str(getattr(exc, "strerror", None) or exc)
        )
        raise StorageError(_("The backup could not be restored: {detail}").format(detail=detail)) from exc
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
