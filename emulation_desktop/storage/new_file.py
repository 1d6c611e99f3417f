"""A new data file appears whole or not at all, and scratch files of a killed run do not linger.

The schema is built in ``<name>.new-<pid>`` beside the data file, stamped (application id and schema
version), synced, and only then given the data file's name. A power cut or a kill before that leaves
no data file, so the next start simply builds one again, instead of a half-built file that would be
refused for ever as foreign (docs/reliability.md). The same goes for a restore's staging copy
(``<name>.restoring-<pid>``): the next opening of the folder removes the scratch files whose process
has ended.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from emulation_desktop.storage import scratch, sqlite

if TYPE_CHECKING:
    from sqlalchemy import Engine

log = logging.getLogger(__name__)

NEW, RESTORING = "new", "restoring"


def scratch_path(db_path: Path, purpose: str) -> Path:
    """Where this process builds a file that will become ``db_path`` (same folder, so a rename)."""
    return scratch.tagged(db_path, purpose)


def remove_leftovers(db_path: Path) -> list[Path]:
    """Remove scratch files (and their journals) left beside ``db_path`` by a process that has ended."""
    return scratch.remove_dead(db_path.parent, rf"^{re.escape(db_path.name)}\.(?:{NEW}|{RESTORING})-(\d+)")


def create_file(db_path: Path, build: Callable[[Engine], None]) -> None:
    """Build a new data file with ``build`` (the schema, the reference rows, the stamp) under a scratch
    name, then put it in place. On any failure the scratch file is removed and the error raised."""
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    scratch = scratch_path(db_path, NEW)
    sqlite.remove_with_journals(scratch)

    def connect() -> sqlite3.Connection:
        connection = sqlite3.connect(scratch, check_same_thread=False)
        # Nothing reads the scratch file but us: its rollback journal stays in memory (no -journal file).
        connection.execute("PRAGMA journal_mode=MEMORY")
        connection.execute("PRAGMA foreign_keys=ON")
        return connection

    engine = create_engine(f"sqlite:///{scratch}", creator=connect, poolclass=NullPool)
    try:
        build(engine)
        engine.dispose()
        with contextlib.closing(sqlite3.connect(scratch)) as connection:
            connection.execute("PRAGMA journal_mode=WAL")  # stored in the file: every later opening uses it
        _fsync(scratch)
        _put_in_place(scratch, db_path)
        sqlite.fsync_dir(db_path.parent)
    except BaseException:
        engine.dispose()
        sqlite.remove_with_journals(scratch)
        raise


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _put_in_place(scratch: Path, db_path: Path) -> None:
    """Give the scratch file the data file's name, never over a data file another run put there first
    (two first starts at once): the loser's copy is simply dropped and the winner's file used."""
    if db_path.exists() and db_path.stat().st_size == 0:
        os.replace(scratch, db_path)  # an empty file (made by hand, or by an old version) is no data
        return
    try:
        if os.name == "nt":  # pragma: no cover - rename refuses an existing target on Windows
            os.rename(scratch, db_path)
            return
        os.link(scratch, db_path)  # refuses an existing target, unlike rename
    except FileExistsError:
        log.info("another run created %s first; using it", db_path)
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        os.replace(scratch, db_path)  # a file system without hard links (FAT on a stick)
        return
    os.unlink(scratch)
