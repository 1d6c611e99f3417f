"""A district's data file for the benchmarks, the small reads they check their results with, and the
baseline of the support-activity benchmarks: the stored rows written again with plain ``executemany``."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import select

from benchmarks import data
from benchmarks.harness import Sample, timed
from emulation_desktop.domain.models import SupportActivity, Unit
from emulation_desktop.operations import structure
from emulation_desktop.storage.database import Database, open_database


def district_installation(folder: Path, code: str, *, owner: bool = True) -> Database:
    """A new data file with the district's communes and villages; ``owner``: this installation keeps
    the district's records (else it receives them in packages)."""
    db = open_database(folder)
    structure.add_units(db, None, data.unit_specs((data.district(code),)))
    if owner:
        structure.set_local(db, [code])
    return db


@contextmanager
def scratch_installation(folder: Path, code: str, *, owner: bool = True) -> Iterator[Database]:
    """``district_installation`` for one timed run: closed and deleted afterwards."""
    db = district_installation(folder, code, owner=owner)
    try:
        yield db
    finally:
        db.close()
        shutil.rmtree(folder)


def unit_ids(db: Database) -> dict[str, str]:
    """code → id of every unit in the file."""
    with db.session() as session:
        return {code: unit_id for unit_id, code in session.execute(select(Unit.id, Unit.code))}


def count(db: Database, sql: str) -> int:
    """One number read with the raw driver (no ORM between the benchmark and its check)."""
    raw = db.engine.raw_connection()
    try:
        return raw.driver_connection.execute(sql).fetchone()[0]  # type: ignore[union-attr]
    finally:
        raw.close()


SUPPORT_COLUMNS = [column.name for column in SupportActivity.__table__.columns]
_UNIT_REFERENCES = [i for i, name in enumerate(SUPPORT_COLUMNS) if name in ("unit_id", "commune_id")]


def stored_support_rows(db: Database) -> list[tuple[Any, ...]]:
    """The support activities as the core stored them (values converted, every column, rowid order),
    with unit codes in place of unit ids, so that ``executemany_support`` can write them into another
    file with the same units (untimed)."""
    codes = {unit_id: code for code, unit_id in unit_ids(db).items()}
    raw = db.engine.raw_connection()
    try:
        rows = raw.driver_connection.execute(  # type: ignore[union-attr]
            f"SELECT {', '.join(SUPPORT_COLUMNS)} FROM support_activity ORDER BY rowid"
        ).fetchall()
    finally:
        raw.close()
    return _with_units(rows, codes)


Table = tuple[str, list[str], list[tuple[Any, ...]]]  # name, columns, rows


def stored_table(db: Database, table: str) -> Table:
    """Every row of a table that holds no unit reference, as stored (for ``executemany_support``'s
    ``also``)."""
    raw = db.engine.raw_connection()
    try:
        cursor = raw.driver_connection.execute(f"SELECT * FROM {table} ORDER BY rowid")  # type: ignore[union-attr]
        columns = [d[0] for d in cursor.description]
        return table, columns, cursor.fetchall()
    finally:
        raw.close()


def executemany_support(db: Database, rows: list[tuple[Any, ...]], also: tuple[Table, ...] = ()) -> Sample:
    """The baseline: ``sqlite3.executemany`` of ``rows`` (from ``stored_support_rows``) into
    ``support_activity``, and of the tables in ``also`` (``stored_table``), on a connection of the app's
    own engine (so with the app's pragmas), in one transaction committed like the core's. Only the insert
    is timed; the unit codes are turned into this file's ids before, and the row count is checked
    after."""
    rows_here = _with_units(rows, unit_ids(db))
    raw = db.engine.raw_connection()
    try:
        connection: sqlite3.Connection = raw.driver_connection  # type: ignore[assignment]
        sql = (
            f"INSERT INTO support_activity ({', '.join(SUPPORT_COLUMNS)}) "
            f"VALUES ({', '.join('?' for _ in SUPPORT_COLUMNS)})"
        )

        def insert() -> None:
            with connection:
                for table, columns, table_rows in also:
                    connection.executemany(
                        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
                        table_rows,
                    )
                connection.executemany(sql, rows_here)

        sample, _ = timed(insert)
    finally:
        raw.close()
    if count(db, "SELECT count(*) FROM support_activity") != len(rows):
        raise RuntimeError("the baseline did not store every row")
    return sample


def executemany_side(
    label: str,
    rows: list[tuple[Any, ...]],
    fresh_file: Callable[[str], AbstractContextManager[Database]],
    also: tuple[Table, ...] = (),
) -> tuple[str, Callable[[int], Sample]]:
    """The baseline side of ``compare`` in the support benchmarks: run ``i`` writes ``rows`` with
    ``executemany_support`` into ``fresh_file(f"baseline-{i}")``, a file made as the core's are."""

    def baseline(i: int) -> Sample:
        with fresh_file(f"baseline-{i}") as db:
            return executemany_support(db, rows, also)

    return label, baseline


def _with_units(rows: list[tuple[Any, ...]], new_values: dict[str, str]) -> list[tuple[Any, ...]]:
    """The rows with their unit references (``unit_id``, ``commune_id``) mapped through ``new_values``."""
    out = []
    for row in rows:
        values = list(row)
        for i in _UNIT_REFERENCES:
            if values[i] is not None:
                values[i] = new_values[values[i]]
        out.append(tuple(values))
    return out
