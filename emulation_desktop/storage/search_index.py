"""The search index: an FTS5 trigram index beside each record list's table, so a search need not scan.

Every list's search box keeps the records whose folded ``search_key`` holds each folded word anywhere
(docs/architecture.md, Speed). ``LIKE '%word%'`` can use no ordinary index, so a word that matches little
or nothing read the whole unit-year: 300–800 ms at a million records (issue #19). ``<table>_search`` is
an FTS5 table with the trigram tokenizer over that one column: it names the rows that hold every
three-letter piece of a word without reading the others. ``operations/queries.py`` decides per keystroke
whether to ask it (benchmarks/README.md, ``search_keystroke``, has the measurements).

- **External content** (``content='<table>'``): the index keeps no second copy of the keys; it points
  at the table's rows by their rowid (the tables' key is a UUID text, so every row has SQLite's own
  rowid). SQLite's VACUUM may renumber such rowids and the app never runs it; a migration that rebuilds
  a record table (SQLite's 12-step ALTER) drops its triggers with it and must call ``create`` and
  ``rebuild`` again.
- **detail=none**: the index records which rows hold each trigram, not where; about 140 MB for a
  million support activities instead of more than twice that. It therefore answers “holds every piece”,
  a superset of “holds the word”; the list keeps its ``LIKE`` on every word, so a row holding “qua”,
  “uac” and “ach” apart is dropped there, and the answer is exactly the plain query's.
- **Triggers** keep it in step with the table, inside the same transaction as the change: an insert, a
  delete, and an update of ``search_key`` (the only column it holds). A soft delete or a restore
  changes ``deleted`` only: the index holds the bin's rows too, and the list's own ``deleted`` filter
  chooses the side shown.

New files get it from ``install``'s ``after_create`` hook on the models' tables, old files from the
migration to version 3 (``storage/migrations.py``). The statements are built by one function for both,
so a migrated file and a new one compare equal (``storage/schema.py``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from sqlalchemy import event

if TYPE_CHECKING:
    from sqlalchemy import Connection, MetaData, Table

# Trigram: a word shorter than this has no piece to look up; the list reads those with LIKE only.
MIN_WORD = 3


def index_name(table: str) -> str:
    return f"{table}_search"


def searched_tables() -> tuple[str, ...]:
    """The tables behind the record lists (``domain/record_kinds.py``), in the kinds' order."""
    from emulation_desktop.domain.record_kinds import KINDS

    return tuple(dict.fromkeys(kind.model.__tablename__ for kind in KINDS.values()))


def statements(table: str) -> list[str]:
    """The index of ``table`` and its three triggers, as SQL (the same text for new and migrated files)."""
    fts = index_name(table)
    return [
        f"CREATE VIRTUAL TABLE {fts} USING fts5(search_key, content='{table}', content_rowid='rowid', "
        "tokenize='trigram', detail=none, columnsize=0)",
        f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts} (rowid, search_key) VALUES (new.rowid, new.search_key); END",
        # An external-content index forgets a row by being told the values it indexed.
        f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {fts} ({fts}, rowid, search_key) VALUES ('delete', old.rowid, old.search_key); END",
        f"CREATE TRIGGER {fts}_update AFTER UPDATE OF search_key ON {table} BEGIN "
        f"INSERT INTO {fts} ({fts}, rowid, search_key) VALUES ('delete', old.rowid, old.search_key); "
        f"INSERT INTO {fts} (rowid, search_key) VALUES (new.rowid, new.search_key); END",
    ]


def drop_statements(table: str) -> list[str]:
    fts = index_name(table)
    return [
        *(f"DROP TRIGGER IF EXISTS {fts}_{event_}" for event_ in ("insert", "delete", "update")),
        f"DROP TABLE IF EXISTS {fts}",  # its shadow tables go with it
    ]


def create(connection: Connection, table: str) -> None:
    """The (empty) index of ``table`` with its triggers; an index already there is replaced."""
    for sql in (*drop_statements(table), *statements(table)):
        connection.exec_driver_sql(sql)


def rebuild(connection: Connection, table: str) -> None:
    """Index every row ``table`` holds now (a migration, or a repair), in the caller's transaction."""
    fts = index_name(table)
    connection.exec_driver_sql(f"INSERT INTO {fts} ({fts}) VALUES ('rebuild')")


def pieces(words: Iterable[str]) -> list[str]:
    """The distinct trigrams of the words, in order: every three consecutive characters of each word."""
    return list(dict.fromkeys(word[i : i + 3] for word in words for i in range(len(word) - 2)))


def match_text(trigrams: Iterable[str]) -> str:
    """The MATCH text for the rows holding every one of ``trigrams``: for the trigrams of some words, a
    superset of the rows holding the words, which the caller narrows with LIKE.

    detail=none indexes no positions, so a phrase cannot be asked; each trigram is its own quoted term,
    so no character of a word is read as FTS5 syntax."""
    return " AND ".join('"' + piece.replace('"', '""') + '"' for piece in trigrams)


def _after_create(target: Table, connection: Connection, **_kw: Any) -> None:
    create(connection, target.name)


def _after_drop(target: Table, connection: Connection, **_kw: Any) -> None:
    for sql in drop_statements(target.name):
        connection.exec_driver_sql(sql)


def install(metadata: MetaData) -> None:
    """Make every ``create_all`` over ``metadata`` (a new data file, the reference schema) build the
    index of each record list's table right after the table. Idempotent."""
    for name in searched_tables():
        table = metadata.tables[name]
        if not event.contains(table, "after_create", _after_create):
            event.listen(table, "after_create", _after_create)
            event.listen(table, "after_drop", _after_drop)


def _install_on_models() -> None:
    from emulation_desktop.domain.models import Base

    install(Base.metadata)


_install_on_models()
