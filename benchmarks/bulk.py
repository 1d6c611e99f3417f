"""Building the cached benchmark files fast: they are scratch copies, rebuilt from scratch if anything
goes wrong, so none of a clerk's file's safety is worth paying for while they are written.

- **No journal, no fsync** (``journal_mode=OFF``, ``synchronous=OFF``) during the one-off build: a
  crash halfway leaves a ``.building`` folder the next run deletes. In write-ahead-log mode the search
  index's one big transaction went through the log first, page by page, and was then copied again.
- **The search index once, after the rows** (``storage/search_index.py``): its triggers are dropped while
  the rows go in and FTS5's ``rebuild`` then reads the table once. The statements are the app's own, so
  the schema and the index equal what row-by-row triggers would leave.
- **FTS5's ``hashsize``** raised to 128 MB for the rebuild only: FTS5 writes a new segment each time its
  in-memory terms reach 1 MB and merges them as it goes; fewer, larger segments mean less merging.
  Measured on 1.5 million search keys, rebuilt on a busy shared 2-core machine: 32 s with both changes.
  The setting is removed afterwards, so the file's index is configured as a new file's.

At the end the file is put back in write-ahead-log mode (the mode the app's files carry) with
``synchronous=FULL``.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterable

from emulation_desktop.storage import search_index

HASH_BYTES = 128 * 1024 * 1024


def fast_writes(connection: sqlite3.Connection) -> None:
    """No journal, no fsync and a large cache on this connection (a scratch build's only writer)."""
    connection.execute("PRAGMA journal_mode=OFF")
    connection.execute("PRAGMA synchronous=OFF")
    connection.execute("PRAGMA cache_size=-400000")  # 400 MB: the index's merges reread pages


def safe_again(connection: sqlite3.Connection) -> None:
    """The file's own modes back: write-ahead log (stored in the file) and a full fsync per commit."""
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")


def drop_search_index(connection: sqlite3.Connection, tables: Iterable[str]) -> None:
    with connection:
        for table in tables:
            for sql in search_index.drop_statements(table):
                connection.execute(sql)


def build_search_index(
    connection: sqlite3.Connection, tables: Iterable[str], log: Callable[[str], None]
) -> None:
    """Create each table's index and triggers (the app's statements) and index every row in one pass."""
    started = time.perf_counter()
    for table in tables:
        index = search_index.index_name(table)
        with connection:
            for sql in search_index.statements(table):
                connection.execute(sql)
            connection.execute(f"INSERT INTO {index} ({index}, rank) VALUES ('hashsize', {HASH_BYTES})")
            connection.execute(f"INSERT INTO {index} ({index}) VALUES ('rebuild')")
            connection.execute(f"DELETE FROM {index}_config WHERE k = 'hashsize'")
        log(f"    search index of {table} built ({time.perf_counter() - started:.0f} s)")
