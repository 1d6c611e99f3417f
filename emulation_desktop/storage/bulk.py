"""Fast inserts of many validated rows: the path of imports, the demo and large packages.

On SQLite we hand pre-converted tuples straight to the driver's executemany: SQLAlchemy's per-row bind
processing costs more than SQLite's own insert at 100k rows. Other dialects use SQLAlchemy Core.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Table, insert
from sqlalchemy.engine import Connection


def _sqlite_value(kind: str, value: Any) -> Any:
    if value is None or kind == "plain":
        return value
    if kind == "datetime":
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")  # SQLAlchemy's SQLite DATETIME storage format
    if kind == "date":
        return value.isoformat()
    if kind == "bool":
        return 1 if value else 0
    return value


def _column_kinds(table: Table) -> dict[str, str]:
    kinds = {}
    for column in table.columns:
        if isinstance(column.type, DateTime):
            kinds[column.name] = "datetime"
        elif isinstance(column.type, Date):
            kinds[column.name] = "date"
        elif isinstance(column.type, Boolean):
            kinds[column.name] = "bool"
        else:
            kinds[column.name] = "plain"
    return kinds


def bulk_insert(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert complete rows (every row has the same keys) inside the caller's transaction."""
    if not rows:
        return
    if connection.dialect.name != "sqlite":
        connection.execute(insert(table), list(rows))
        return
    names = list(rows[0])
    kinds = _column_kinds(table)
    # Columns the rows leave out get their scalar defaults, as SQLAlchemy would have given them.
    defaults = {
        column.name: column.default.arg
        for column in table.columns
        if column.name not in names and column.default is not None and column.default.is_scalar
    }
    special = [(index, kinds[name]) for index, name in enumerate(names) if kinds[name] != "plain"]
    cache: dict[Any, Any] = {}  # batches share timestamps: convert each distinct value once

    def convert(kind: str, value: Any) -> Any:
        key = (kind, value)
        if key not in cache:
            cache[key] = _sqlite_value(kind, value)
        return cache[key]

    columns = [*names, *defaults]
    extra = [_sqlite_value(kinds[name], value) for name, value in defaults.items()]
    sql = f'INSERT INTO "{table.name}" ({", ".join(columns)}) VALUES ({", ".join("?" * len(columns))})'
    getter = itemgetter(*names)
    data = []
    for row in rows:
        values = [*getter(row), *extra] if len(names) > 1 else [getter(row), *extra]
        for index, kind in special:
            if values[index] is not None:
                values[index] = convert(kind, values[index])
        data.append(tuple(values))
    connection.exec_driver_sql(sql, data)
