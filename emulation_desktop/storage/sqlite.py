"""SQLite specifics, kept here so the rest of the code stays dialect-neutral."""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from emulation_desktop.domain.file_messages import FULL, OTHER, READ_ONLY, write_failure

if TYPE_CHECKING:  # SQLAlchemy is loaded only when the first session is needed (see storage.plain)
    from sqlalchemy.engine import Engine

# "EMUD" as a big-endian int: marks a file as ours so that a foreign SQLite file is refused.
APPLICATION_ID = 0x454D5544
BUSY_TIMEOUT_MS = 5000
MAGIC = b"SQLite format 3\x00"
PART = ".part"  # a copy being written, renamed into place once complete and checked


def apply_pragmas(connection: sqlite3.Connection) -> None:
    """Every connection: foreign keys on, WAL, synchronous FULL, a busy timeout (docs/architecture.md, Storage)."""
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")  # a read-only connection keeps the file's mode, silently
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


def apply_read_pragmas(connection: sqlite3.Connection) -> None:
    """A connection that only reads: the busy timeout, and no write can slip through. The file's WAL
    mode is its own (set by the first writer), and synchronous and foreign keys govern writes only."""
    connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    connection.execute("PRAGMA query_only=ON")


def install_pragmas(engine: Engine) -> None:
    """The pragmas on every connection the engine opens."""
    from sqlalchemy import event

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        apply_pragmas(dbapi_connection)


def folder_writable(folder: Path) -> bool:
    """Whether files can be created in ``folder``: False on a read-only disk or a write-protected
    stick, even for an administrator (``access`` answers EROFS for root too)."""
    if os.name != "nt":
        return os.access(folder, os.W_OK)
    probe = folder / f".write-test-{os.getpid()}"  # pragma: no cover - Windows: access() ignores ACLs
    try:  # pragma: no cover
        os.close(os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_TRUNC))
        probe.unlink()
        return True
    except OSError:  # pragma: no cover
        return False


def _has_wal(path: Path) -> bool:
    wal = Path(f"{path}-wal")
    try:
        return wal.stat().st_size > 0
    except OSError:
        return False


def read_only_uri(path: Path, *, settled: bool = False) -> str:
    """An SQLite URI that reads ``path`` without ever writing it.

    A file in WAL mode needs its ``-shm`` (and ``-wal``) beside it even to be read, and SQLite creates
    them if they are missing: impossible on a read-only disk, and litter beside a backup on a stick.
    When no write-ahead log holds changes, ``immutable=1`` reads the file alone (SQLite's "read-only
    media" advice): for a ``settled`` file that nothing writes (a backup), or when the folder cannot be
    written, so no other program can be changing it either."""
    uri = Path(os.path.abspath(path)).as_uri() + "?mode=ro"
    if not _has_wal(path) and (settled or not folder_writable(Path(path).parent)):
        uri += "&immutable=1"
    return uri


def connect_read_only(path: Path, *, settled: bool = False, **kwargs: Any) -> sqlite3.Connection:
    return sqlite3.connect(read_only_uri(path, settled=settled), uri=True, **kwargs)


def read_header(path: Path, *, settled: bool = False) -> tuple[int, int, int]:
    """(application_id, user_version, table count) of an SQLite file, read without changing it."""
    connection = connect_read_only(path, settled=settled)
    try:
        app_id = connection.execute("PRAGMA application_id").fetchone()[0]
        user_version = connection.execute("PRAGMA user_version").fetchone()[0]
        tables = connection.execute(
            "SELECT count(*) FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        ).fetchone()[0]
    finally:
        connection.close()
    return app_id, user_version, tables


def quick_check(path: Path, *, settled: bool = False) -> bool:
    """SQLite's quick_check on a file (fast: no index cross-checks); False when the file is damaged."""
    try:
        connection = connect_read_only(path, settled=settled)
        try:
            return connection.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        finally:
            connection.close()
    except sqlite3.DatabaseError:
        return False


def stamp(connection: sqlite3.Connection, user_version: int) -> None:
    connection.execute(f"PRAGMA application_id={APPLICATION_ID}")
    connection.execute(f"PRAGMA user_version={int(user_version)}")


def failure_kind(exc: BaseException) -> str:
    """FULL, READ_ONLY, VANISHED or OTHER (domain/file_messages.py) for an error of SQLite or of the
    operating system."""
    if isinstance(exc, sqlite3.Error):
        name = getattr(exc, "sqlite_errorname", "") or ""
        text = str(exc).lower()
        if name == "SQLITE_FULL" or "full" in text:
            return FULL
        if name.startswith("SQLITE_READONLY") or "readonly" in text or "read-only" in text:
            return READ_ONLY
        return OTHER
    if isinstance(exc, OSError):
        return write_failure(exc)
    return OTHER


def remove_with_journals(path: Path) -> None:
    """Remove a scratch copy and whatever SQLite kept beside it; what cannot be removed stays quietly."""
    for suffix in ("", "-journal", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            os.unlink(f"{path}{suffix}")


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; Windows flushes it with the volume)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            raise
    finally:
        os.close(fd)


def remove_dead_partials(folder: Path, prefix: str) -> None:
    """Partial copies (``<prefix>….part-<pid>``) left in ``folder`` by a run that was killed."""
    import re

    from emulation_desktop.storage import scratch

    scratch.remove_dead(folder, rf"^{re.escape(prefix)}.*\{PART}-(\d+)")


def backup_file(source: Path, target: Path, *, settled: bool = False) -> None:
    """Copy a database with SQLite's online backup API, check the copy, then rename it into place.

    The source is only read (``read_only_uri``; ``settled`` for a backup being restored). The copy is
    written as ``<target>.part-<pid>`` with its rollback journal in memory, so nothing but that one
    file is ever beside it; it is switched out of WAL so that it can be read later on a read-only stick
    without ``-wal``/``-shm`` files; and on any failure it is removed, so no partial copy is left. A
    partial copy left by a killed run is removed by the next copy to the same place (``scratch.py``)."""
    from emulation_desktop.storage import scratch

    target.parent.mkdir(parents=True, exist_ok=True)
    remove_dead_partials(target.parent, target.name)
    partial = scratch.tagged(target, PART.lstrip("."))
    try:
        src = connect_read_only(source, settled=settled)
        try:
            dst = sqlite3.connect(partial)
            try:
                dst.execute("PRAGMA journal_mode=MEMORY")
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")
                # quick_check: every page and b-tree of the copy, which is what a copy can get wrong
                # (a short write, a bad sector); the online backup copies pages verbatim, so the
                # index-against-table comparison integrity_check adds only re-checks the source, at
                # five to six times the cost (21 s against 3.7 s for 1.4 GB). A restore still runs
                # the full integrity_check on the copy it takes (backup.newest_good_backup).
                ok = dst.execute("PRAGMA quick_check").fetchone()[0]
            finally:
                dst.close()
        finally:
            src.close()
        if ok != "ok":
            raise sqlite3.DatabaseError(f"backup copy failed quick_check: {ok}")
        partial.replace(target)
        fsync_dir(target.parent)
    except BaseException:
        remove_with_journals(partial)
        raise
