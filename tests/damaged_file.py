"""A data file damaged the way a power cut or a failing disk damages one, for the tests of the check
that runs after the window shows (docs/reliability.md, "Garbage in a page of the data file")."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def damage_table(path: Path, table: str = "audit_log") -> None:
    """Garbage over the first page of a table's rows: the schema still reads, the rows do not."""
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    root = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    size = connection.execute("PRAGMA page_size").fetchone()[0]
    connection.close()
    data = bytearray(path.read_bytes())
    data[size * (root - 1) : size * root] = b"\x5a" * size
    path.write_bytes(bytes(data))


def wal_bytes(path: Path) -> bytes:
    """The file's write-ahead log as it is (b"" when there is none): what a refused write did not add."""
    wal = path.with_name(path.name + "-wal")
    return wal.read_bytes() if wal.exists() else b""
