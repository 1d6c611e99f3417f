"""SQLite specifics, kept here so the rest of the code stays dialect-neutral."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # SQLAlchemy is loaded only when the first session is needed (see storage.plain)
    from sqlalchemy.engine import Engine

# "EMUD" as a big-endian int: marks a file as ours so that a foreign SQLite file is refused.
APPLICATION_ID = 0x454D5544
BUSY_TIMEOUT_MS = 5000
MAGIC = b"SQLite format 3\x00"


def apply_pragmas(connection: sqlite3.Connection) -> None:
    """Every connection: foreign keys on, WAL, synchronous FULL, a busy timeout (docs/architecture.md, Storage)."""
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


def install_pragmas(engine: Engine) -> None:
    """The pragmas on every connection the engine opens."""
    from sqlalchemy import event

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        apply_pragmas(dbapi_connection)


def read_header(path: Path) -> tuple[int, int, int]:
    """(application_id, user_version, table count) of an SQLite file, read without changing it."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        app_id = connection.execute("PRAGMA application_id").fetchone()[0]
        user_version = connection.execute("PRAGMA user_version").fetchone()[0]
        tables = connection.execute(
            "SELECT count(*) FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        ).fetchone()[0]
    finally:
        connection.close()
    return app_id, user_version, tables


def quick_check(path: Path) -> bool:
    """SQLite's quick_check on a file (fast: no index cross-checks); False when the file is damaged."""
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return connection.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        finally:
            connection.close()
    except sqlite3.DatabaseError:
        return False


def stamp(connection: sqlite3.Connection, user_version: int) -> None:
    connection.execute(f"PRAGMA application_id={APPLICATION_ID}")
    connection.execute(f"PRAGMA user_version={int(user_version)}")


def backup_file(source: Path, target: Path) -> None:
    """Copy a live database with SQLite's online backup API, then verify the copy."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(target.suffix + ".part")
    src = sqlite3.connect(source)
    dst = sqlite3.connect(partial)
    try:
        src.backup(dst)
        ok = dst.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        dst.close()
        src.close()
    if ok != "ok":
        partial.unlink(missing_ok=True)
        raise OSError(f"backup copy failed integrity_check: {ok}")
    partial.replace(target)
