"""Whether anything was committed to the data file since a moment (the window's backups ask it before
taking one, ``ui/autobackup.py``). Apart from ``storage.backup`` so that the window can watch from its
first moment without loading the backups' module before its first paint (docs/startup.md)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from emulation_desktop.storage import sqlite


class ChangeWatch:
    """Whether anything was committed to a data file since a moment: ``PRAGMA data_version`` on a
    connection of its own that never writes. SQLite changes that number for a commit by any other
    connection, in this process or another (the window, its workers, a command run beside it), and
    for nothing else but a checkpoint, so a false "changed" can only cost a backup, never miss one.
    The caller closes it before the file is replaced (``Database.close`` does)."""

    def __init__(self, db_path: Path, *, read_only: bool = False) -> None:
        self.path = db_path
        self._connection: sqlite3.Connection | None = (
            sqlite.connect_read_only(db_path, check_same_thread=False)
            if read_only
            else sqlite3.connect(db_path, check_same_thread=False)
        )
        self._connection.execute("PRAGMA query_only=ON")
        self._seen = self._version()

    def _version(self) -> int:
        assert self._connection is not None, "the watch is closed"
        return int(self._connection.execute("PRAGMA data_version").fetchone()[0])

    def changed(self) -> bool:
        """True when a commit reached the file since the watch began or was last ``settled``."""
        return self._connection is None or self._version() != self._seen

    def mark(self) -> int:
        """The file's state now, to ``settle`` on once a backup begun now is verified."""
        return self._version() if self._connection is not None else -1

    def settle(self, mark: int) -> None:
        """A verified backup holds the file as it was at ``mark``: a commit made during the copy still
        counts as a change."""
        self._seen = mark

    def last_audit_id(self) -> int:
        assert self._connection is not None, "the watch is closed"
        return last_audit_id_of(self._connection)

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


def last_audit_id_of(connection: sqlite3.Connection) -> int:
    """The newest audit entry's id in the file ``connection`` reads (0 for none)."""
    return int(connection.execute("SELECT coalesce(max(id), 0) FROM audit_log").fetchone()[0])
