"""Start-up checks before the window opens: one running copy per data folder, a data file that can be
read safely (or the newest good backup in its place), and a warning when the folder is on a network
or removable drive.

The data file's full check runs once the window shows (``check_after_start``); until it passes, no
change is written. Every message is plain Vietnamese from the core's errors; nothing here deletes a
file. A damaged data file is moved aside next to itself, and a foreign or newer file is refused
untouched.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from emulation_desktop import paths
from emulation_desktop.errors import AppError, CorruptFileError
from emulation_desktop.locale.i18n import _
from emulation_desktop.storage import location
from emulation_desktop.storage.database import Database, open_database
from emulation_desktop.storage.instance_lock import AlreadyOpenError, InstanceLock
from emulation_desktop.storage.sqlite import folder_writable
from emulation_desktop.ui import background, dialogs, settings, single_instance
from emulation_desktop.ui.qt import QWidget

if TYPE_CHECKING:
    from emulation_desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)

EXIT_ALREADY_OPEN = 0  # the first window came forward: nothing went wrong
# The exit code of a window closed because its file was found damaged after it opened (by id(window)).
STOPPED: dict[int, int] = {}


class StartupStopped(Exception):
    """Start-up cannot go on; the clerk has already been told why."""

    def __init__(self, exit_code: int) -> None:
        super().__init__(exit_code)
        self.exit_code = exit_code


def acquire_instance(folder: Path, parent: QWidget | None = None) -> InstanceLock:
    """Take the data folder's lock. A second copy asks the first to come forward, says so plainly and
    stops; a lock left by a crashed copy is taken over without a word to the clerk."""
    lock = InstanceLock(folder)
    try:
        lock.acquire()
    except AlreadyOpenError as exc:
        raised = single_instance.request_raise(folder)
        log.info("data folder already open (holder %s); first window raised: %s", exc.holder, raised)
        dialogs.inform(parent, exc.message)
        raise StartupStopped(EXIT_ALREADY_OPEN) from exc
    if lock.recovered_stale:
        log.info("took over the lock of a copy that ended without closing (a crash or power cut)")
    return lock


def open_data(folder: Path, parent: QWidget | None = None, *, defer_check: bool = False) -> Database:
    """Open the data file; a damaged one is replaced by the newest good backup if the clerk agrees.

    ``defer_check`` (the window's start, ``ui.app.run``): only the cheap part of the check runs before
    the window (header, owner, version, schema). SQLite's ``quick_check`` reads every page: 80 ms for
    the demo, 7 s for a million records, a minute for a city; :func:`check_after_start` runs it once the
    window shows, and no change is written before it passes (``storage.database.StartCheck``;
    docs/reliability.md)."""
    try:
        return open_database(folder, defer_check=defer_check)
    except CorruptFileError as exc:
        log.warning("data file damaged: %s", exc.message)
        return recover(folder, exc, parent)
    except AppError as exc:  # a foreign file, a newer schema, a disk that cannot be read
        log.warning("data file refused: %s", exc.message)
        dialogs.warn(parent, exc.message)
        raise StartupStopped(exc.exit_code if exc.exit_code != 1 else 2) from exc


def recover(folder: Path, damaged: CorruptFileError, parent: QWidget | None = None) -> Database:
    from emulation_desktop.storage.backup import newest_good_backup, restore_backup, set_aside
    from emulation_desktop.ui.backups_dialog import describe

    db_path = paths.database_path(folder)
    if not folder_writable(folder):  # nothing can be moved aside or restored there; the message says so
        dialogs.warn(parent, damaged.message)
        raise StartupStopped(damaged.exit_code)
    backup = newest_good_backup(paths.backups_dir(folder))
    if backup is None:
        dialogs.warn(
            parent,
            damaged.message
            + "\n\n"
            + _(
                "No good backup was found, so the data file has been left exactly as it is. "
                "Please ask your technical support for help before using the application again."
            ),
        )
        raise StartupStopped(damaged.exit_code)
    question = (
        damaged.message
        + "\n\n"
        + _("Replace it by {backup}? Changes made after that backup will have to be entered again.").format(
            backup=describe(backup)
        )
    )
    if not dialogs.confirm(parent, question):
        dialogs.inform(parent, _("Nothing was changed. The application will close now."))
        raise StartupStopped(damaged.exit_code)
    try:
        aside = set_aside(db_path)
        restore_backup(db_path, backup.path)
        db = open_database(folder)
    except (AppError, OSError) as exc:
        message = exc.message if isinstance(exc, AppError) else str(exc)
        dialogs.warn(parent, _("The backup could not be restored: {detail}").format(detail=message))
        raise StartupStopped(1) from exc
    log.info("restored %s; damaged file kept as %s", backup.path.name, aside)
    dialogs.inform(
        parent,
        _(
            "The backup was restored. The damaged file was kept, untouched, as “{name}” in the data folder."
        ).format(name=aside.name),
    )
    return db


def check_after_start(folder: Path, window: MainWindow) -> None:
    """The data file's full check, on a thread of its own once the window shows. A damaged file is
    then handled as at start (:func:`recover`): the window lets go of it, the newest good backup is
    offered in its place, and without one the application closes, the file untouched."""
    db = window.ctx.db
    check = db.start_check
    if check is None:
        return

    def done(ok: bool | None) -> None:
        if ok is False and window.ctx.db is db:  # not cancelled, and the file not replaced meanwhile
            damaged_after_start(folder, window)

    background.quietly(check.run, done)


def damaged_after_start(folder: Path, window: MainWindow) -> None:
    db = window.ctx.db
    try:
        assert db.start_check is not None
        db.start_check.require()
        return
    except CorruptFileError as exc:
        damaged = exc
    log.warning("data file damaged (found after start): %s", damaged.message)
    unit, year = window.ctx.unit_code, window.ctx.year
    window.safety.autobackup.dirty = False  # no closing backup is taken of a damaged file
    db.close()
    try:
        window.ctx.db = recover(folder, damaged, window)
    except StartupStopped as stop:
        # The window closes: every change it would save is refused by the check, no backup is due,
        # and the process ends with the code a damaged file gets at start (``ui.app.run``).
        STOPPED[id(window)] = stop.exit_code
        window.close()
        return
    window.ctx.undo_stack.clear()  # the undo steps belong to the data that was replaced
    window.context_bar.load_units(unit, year)


def location_warning(folder: Path) -> str:
    """The warning to show for a data folder on a network or removable drive ("" when local)."""
    return location.risk_message(location.classify(folder))


def warn_about_location(folder: Path, window: QWidget) -> str:
    """A lasting notice in the window, and a dialog the first time for this folder."""
    text = location_warning(folder)
    if not text:
        return ""
    log.warning("data folder %s is on a %s drive", folder, location.classify(folder))
    safety = getattr(window, "safety", None)
    if safety is not None:
        safety.show_location_warning(text)
    key = str(folder.resolve())
    if settings.get("safety/location_warned") != key:
        settings.put("safety/location_warned", key)
        dialogs.warn(window, text)
    return text
