"""Opening the data file: refuse foreign or newer files, migrate (after a backup), hand out sessions.

SQLAlchemy and the models are imported when the first session is asked for, not when the file is
opened: the window's first figures are read with plain sqlite3 (``Database.reading``), so the window
shows before the ORM has loaded (it costs more than Qt itself to import).
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from emulation_desktop import paths
from emulation_desktop.errors import (
    CorruptFileError,
    ForeignFileError,
    NewerSchemaError,
    ReadOnlyDataError,
    StorageError,
)
from emulation_desktop.locale.i18n import _
from emulation_desktop.storage import new_file, sqlite
from emulation_desktop.storage.migrations import MIGRATIONS, SCHEMA_VERSION

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.exc import OperationalError
    from sqlalchemy.orm import Session, sessionmaker

    from emulation_desktop.storage.change_watch import ChangeWatch

log = logging.getLogger(__name__)


class Database:
    """One data file (or any SQLAlchemy URL) and its session factory.

    Made either over an engine (a file just migrated, memory) or over a file whose engine is created
    on first use. ``read_only``: the folder cannot be written (docs/reliability.md); every read works,
    every change is refused with ReadOnlyDataError before anything is tried."""

    def __init__(
        self,
        engine: Engine | None = None,
        folder: Path | None = None,
        file: Path | None = None,
        *,
        read_only: bool = False,
        start_check: StartCheck | None = None,
    ):
        if engine is None and file is None:
            raise ValueError("a Database needs an engine or a file")
        self._engine = engine
        self.file = file
        self.folder = folder
        self.read_only = read_only
        self._factory: sessionmaker[Session] | None = None
        self._plain: sqlite3.Connection | None = None  # the main thread's reads before the engine
        # The engine may first be asked for by a worker thread (a package checked at start) while the
        # window's warm-up asks for it too: one engine, made once.
        self._making = threading.Lock()
        self._watch: ChangeWatch | None = None
        # A file opened before its full check (``open_file(defer_check=True)``): no change until it passes.
        self.start_check = start_check

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            with self._making:
                if self._engine is None:
                    assert self.file is not None
                    self._engine = file_engine(self.file, read_only=self.read_only)
            self._close_plain()  # the engine's pool reads from now on
        return self._engine

    def _sessions(self) -> Session:
        if self._factory is None:
            from sqlalchemy.orm import sessionmaker

            engine = self.engine
            with self._making:
                if self._factory is None:
                    self._factory = sessionmaker(engine, expire_on_commit=False)
        return self._factory()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session inside one transaction: committed on success, rolled back on any error.

        A failure of the disk itself (full, read-only, I/O error, busy) becomes a StorageError with a
        plain message; SQLite has rolled the transaction back, so nothing is half-written."""
        from sqlalchemy.exc import OperationalError

        if self.read_only:
            raise read_only_error(self.folder or (self.file.parent if self.file else Path(".")))
        if self.start_check is not None:
            self.start_check.require()  # waits for the check, or runs it: never a write to a damaged file
        try:
            with self._sessions() as session, session.begin():
                yield session
        except OperationalError as exc:
            raise storage_failure(exc) from exc

    def session(self) -> Session:
        """A session for reading."""
        return self._sessions()

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """A plain sqlite3 connection for reads (``storage.plain``): the engine's own when it is
        loaded, else one opened on the file, read-only. The window's first screen reads a handful of
        times before the engine exists: the main thread keeps its connection until the engine comes,
        rather than opening a new one for each read (each open read the schema and set its pragmas
        again: a tenth of the first paint's own work, benchmarks/README.md ``ui_startup``)."""
        if self._engine is None and self.file is not None:
            on_main = threading.current_thread() is threading.main_thread()
            if on_main and self._plain is not None:
                yield self._plain
                return
            connection = sqlite.connect_read_only(self.file) if self.read_only else sqlite3.connect(self.file)
            sqlite.apply_read_pragmas(connection)
            if on_main:
                self._plain = connection
                yield connection
                return
            try:
                yield connection
            finally:
                connection.close()
            return
        self._close_plain()
        pooled = self.engine.raw_connection()
        try:
            yield pooled.driver_connection  # type: ignore[misc]
        finally:
            pooled.close()  # back to the pool

    def _close_plain(self) -> None:
        if self._plain is not None and threading.current_thread() is threading.main_thread():
            self._plain.close()
            self._plain = None

    def watch_changes(self) -> ChangeWatch | None:
        """Notice every commit to the file from now on (``storage.change_watch.ChangeWatch``); one watch,
        closed with the database. None for a database without a file."""
        if self._watch is None and self.file is not None:
            from emulation_desktop.storage.change_watch import ChangeWatch

            self._watch = ChangeWatch(self.file, read_only=self.read_only)
        return self._watch

    def close(self) -> None:
        if self.start_check is not None:
            self.start_check.cancel()
        self._close_plain()
        if self._watch is not None:
            self._watch.close()
            self._watch = None
        if self._engine is not None:
            self._engine.dispose()


def file_engine(db_path: Path | None, *, read_only: bool = False, settled: bool = False) -> Engine:
    """An engine with the app's pragmas on every connection: over the file, or in memory for None.

    ``read_only`` opens the file the way ``sqlite.read_only_uri`` says (``settled`` for a backup), so
    that reading never writes beside it."""
    from sqlalchemy import create_engine

    if db_path is not None and read_only:
        engine = create_engine(
            f"sqlite:///{db_path}",  # the URL picks the dialect and the pool; the creator opens the file
            creator=lambda: sqlite.connect_read_only(db_path, settled=settled, check_same_thread=False),
        )
    else:
        engine = create_engine(f"sqlite:///{db_path}" if db_path is not None else "sqlite://")
    sqlite.install_pragmas(engine)
    return engine


def read_only_error(folder: Path) -> ReadOnlyDataError:
    """Why nothing can be written in a data folder on a read-only disk or a write-protected stick."""
    return ReadOnlyDataError(
        _(
            "The data folder “{folder}” can only be read (the drive or the folder is write-protected): "
            "the data can be viewed, printed and backed up elsewhere, but no change can be saved. To "
            "make changes, remove the write protection or copy the folder to this computer's own disk."
        ).format(folder=folder)
    )


def refuse_if_read_only(folder: Path) -> None:
    """Before an action that writes in the data folder itself (a restore, a backup kept there)."""
    if not sqlite.folder_writable(folder):
        raise read_only_error(folder)


def storage_failure(exc: OperationalError) -> StorageError:
    """A clerk's explanation of a low-level write failure."""
    text = str(exc.orig).lower()
    if "full" in text:
        return StorageError(
            _("The disk is full, so the change was not saved. Free some space, then try again.")
        )
    if "readonly" in text or "read-only" in text:
        return StorageError(_("The data file cannot be written (it is read-only); the change was not saved."))
    if "locked" in text or "busy" in text:
        return StorageError(_("The data is busy in another program; the change was not saved. Try again."))
    return StorageError(
        _(
            "The disk reported an error, so the change was not saved ({detail}). Nothing was half-written."
        ).format(detail=exc.orig)
    )


def open_database(data_dir: str | Path | None = None, *, defer_check: bool = False) -> Database:
    """Open (creating or migrating as needed) the SQLite file in the data folder. ``defer_check``: see
    ``open_file``."""
    folder = paths.data_dir(data_dir)
    return open_file(paths.database_path(folder), folder, defer_check=defer_check)


def open_file(db_path: Path, folder: Path | None = None, *, defer_check: bool = False) -> Database:
    """Open the file after checking it. ``defer_check`` (the window's start): a current, writable file
    is opened after the cheap part of the check (header, owner, version, schema), and SQLite's
    ``quick_check``, which reads every page (a minute for a city's 8 GB), is left to ``start_check``:
    the window runs it once it shows, and no change is written before it has passed
    (docs/reliability.md, "Garbage in a page of the data file")."""
    folder = folder or db_path.parent
    writable = sqlite.folder_writable(folder)
    if writable:
        new_file.remove_leftovers(db_path)
    if not db_path.exists():
        version = 0
    else:
        # A file to migrate is written at once, and a read-only folder's refusals are worded at start.
        deferred = defer_check and writable
        version = check_file(db_path, writable=writable, quick=not deferred)
        if deferred and version != SCHEMA_VERSION and version != 0:
            check_file(db_path, writable=writable)
    if version == SCHEMA_VERSION:
        # the engine is made on first use
        later = StartCheck(db_path) if defer_check and writable else None
        return Database(folder=folder, file=db_path, read_only=not writable, start_check=later)
    if not writable:  # no file yet, or one that must be migrated first: both need to write
        raise read_only_error(folder)
    if version == 0:
        _create(db_path)
        return Database(folder=folder, file=db_path)
    engine = file_engine(db_path)
    from emulation_desktop.storage.backup import take_backup

    backup = take_backup(db_path, paths.backups_dir(folder), reason=f"before-migration-v{version}")
    log.info("backed up %s before migrating to v%s", backup.path, SCHEMA_VERSION)
    _migrate(engine, version)
    return Database(engine, folder, db_path)


def _create(db_path: Path) -> None:
    """A new data file, whole or not at all (``storage/new_file.py``); a full or read-only disk is
    told in plain words."""
    from sqlalchemy.exc import SQLAlchemyError

    try:
        new_file.create_file(db_path, lambda engine: _migrate(engine, 0))
    except (OSError, sqlite3.Error, SQLAlchemyError) as exc:
        cause = getattr(exc, "orig", None) or exc  # SQLAlchemy wraps the driver's error
        kind = sqlite.failure_kind(cause)
        if kind == sqlite.READ_ONLY:
            raise read_only_error(db_path.parent) from exc
        if kind == sqlite.FULL:
            raise StorageError(
                _(
                    "The disk holding “{folder}” is full, so the data file could not be created. Nothing "
                    "was left half-made; free some space, then try again."
                ).format(folder=db_path.parent)
            ) from exc
        raise StorageError(
            _("The data file could not be created in “{folder}”: {detail}").format(
                folder=db_path.parent, detail=getattr(cause, "strerror", None) or cause
            )
        ) from exc


def check_file(db_path: Path, *, writable: bool = True, settled: bool = False, quick: bool = True) -> int:
    """Return the file's schema version, or refuse a file that is not ours, newer than us, or damaged.
    ``quick`` False leaves out SQLite's ``quick_check`` (``StartCheck`` runs it later).

    Only reads (``sqlite.read_only_uri``): a file on a read-only disk is read as it is, and is called
    damaged only when SQLite's own check fails on it (``writable`` False: it cannot be kept aside
    either, and the message says so)."""
    with db_path.open("rb") as handle:
        magic = handle.read(16)
    if magic and magic != sqlite.MAGIC:
        raise ForeignFileError(
            _("“{name}” is not a data file of this application.").format(name=db_path.name)
        )
    try:
        app_id, user_version, tables = sqlite.read_header(db_path, settled=settled)
    except sqlite3.OperationalError as exc:
        if not writable and getattr(exc, "sqlite_errorname", "") == "SQLITE_CANTOPEN":
            # a write-ahead log without its index (-shm) on a read-only disk: SQLite needs to write one
            raise read_only_error(db_path.parent) from exc
        raise CorruptFileError(_damaged_message(db_path, writable)) from exc
    except Exception as exc:  # an SQLite header over pages that cannot be read
        raise CorruptFileError(_damaged_message(db_path, writable)) from exc
    if app_id == 0 and tables == 0:
        return 0  # an empty file, e.g. just created: treat as new
    if app_id != sqlite.APPLICATION_ID:
        raise ForeignFileError(
            _("“{name}” is not a data file of this application.").format(name=db_path.name)
        )
    if user_version > SCHEMA_VERSION:
        raise NewerSchemaError(
            _(
                "“{name}” was written by a newer version of the application (data version {found}, "
                "this version knows {known}). Please update the application."
            ).format(name=db_path.name, found=user_version, known=SCHEMA_VERSION)
        )
    if quick and tables and not sqlite.quick_check(db_path, settled=settled):
        raise CorruptFileError(_damaged_message(db_path, writable))
    return user_version


class StartCheck:
    """SQLite's ``quick_check`` of a file opened without it (``open_file(defer_check=True)``).

    It runs once: on the thread that asks first, the window's background check or the first change
    (``Database.transaction``), which waits for it; a change is refused with CorruptFileError if the
    file is damaged, so nothing is ever written to one (docs/reliability.md). ``cancel`` stops a check
    still running (the window closing): it is then not done, and a later change runs it again."""

    # SQLite calls the progress handler every this many virtual-machine steps: a cancel is seen quickly.
    PROGRESS_STEPS = 10_000

    def __init__(self, db_path: Path) -> None:
        self.path = db_path
        self._lock = threading.Lock()
        self._cancelled = threading.Event()
        self.ok: bool | None = None  # None: not run (or cancelled) yet

    def run(self) -> bool | None:
        """Run the check unless it has run; True when the file passed, None when cancelled."""
        with self._lock:  # a second caller waits for the first one's answer
            if self.ok is None and not self._cancelled.is_set():
                self.ok = self._quick_check()
            return self.ok

    def _quick_check(self) -> bool | None:
        try:
            connection = sqlite.connect_read_only(self.path, check_same_thread=False)
            try:
                connection.set_progress_handler(self._cancelled.is_set, self.PROGRESS_STEPS)
                return connection.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            finally:
                connection.close()
        except sqlite3.OperationalError:
            if self._cancelled.is_set():
                return None  # interrupted by ``cancel``: not an answer
            return False
        except sqlite3.DatabaseError:
            return False

    def cancel(self) -> None:
        self._cancelled.set()

    def require(self) -> None:
        """Return once the file has passed the check; CorruptFileError if it is damaged."""
        self._cancelled.clear()  # a change asked after a cancel still needs the answer
        if not self.run():
            raise CorruptFileError(_damaged_message(self.path))


def _damaged_message(db_path: Path, writable: bool = True) -> str:
    if not writable:
        return _(
            "The data file “{name}” is damaged (for example by a power cut or a failing disk). Its "
            "folder is read-only, so it was left exactly as it is; copy the folder to a writable disk "
            "to replace the file by the newest good backup."
        ).format(name=db_path.name)
    return _(
        "The data file “{name}” is damaged (for example by a power cut or a failing disk). "
        "It will be kept aside, untouched; the newest good backup can replace it."
    ).format(name=db_path.name)


def _migrate(engine: Engine, from_version: int) -> None:
    from sqlalchemy.orm import Session

    from emulation_desktop.domain.models import Base
    from emulation_desktop.storage import search_index  # noqa: F401 - its after_create hooks
    from emulation_desktop.storage.reference import seed_reference_data

    with engine.begin() as connection:
        if from_version == 0:
            Base.metadata.create_all(connection)
        else:
            for target in range(from_version + 1, SCHEMA_VERSION + 1):
                MIGRATIONS[target](connection)
        with Session(connection) as session:
            seed_reference_data(session)
            session.flush()
        sqlite.stamp(connection.connection.driver_connection, SCHEMA_VERSION)


def memory_database() -> Database:
    """A throwaway in-memory database (used by the benchmarks' baselines and quick checks)."""
    from sqlalchemy.orm import Session

    from emulation_desktop.domain.models import Base
    from emulation_desktop.storage import search_index  # noqa: F401 - its after_create hooks
    from emulation_desktop.storage.reference import seed_reference_data

    engine = file_engine(None)
    Base.metadata.create_all(engine)
    with Session(engine) as session, session.begin():
        seed_reference_data(session)
    return Database(engine)
