"""Reads in plain SQL over a stdlib ``sqlite3`` connection.

The window's first screen (units, years, the year's state, the Overview's figures) is read this way, so
it shows before SQLAlchemy has loaded. The same functions serve every other caller through their ORM
session (``connection_of``), inside the session's own transaction: each figure is still computed in
one place.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Union

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# A session (its transaction's connection is used) or a plain connection (Database.reading).
Source = Union["Session", sqlite3.Connection]

# The soft-delete flag as SQLAlchemy stores a Boolean in SQLite.
LIVE = "deleted = 0"


def connection_of(source: Source) -> sqlite3.Connection:
    """The sqlite3 connection under ``source``; a session's pending changes are flushed first, as an
    ORM query would."""
    if isinstance(source, sqlite3.Connection):
        return source
    source.flush()
    return source.connection().connection.driver_connection  # type: ignore[return-value]


def in_list(prefix: str, values: Iterable[Any]) -> tuple[str, dict[str, Any]]:
    """``(:prefix0, :prefix1, …)`` and its parameters, for ``column IN …`` over a list."""
    params = {f"{prefix}{i}": value for i, value in enumerate(values)}
    if not params:
        return "(NULL)", {}  # IN (NULL) matches nothing, as an empty list should
    return "(" + ", ".join(f":{name}" for name in params) + ")", params


def rows(source: Source, sql: str, params: dict[str, Any] | None = None) -> list[Sequence[Any]]:
    return connection_of(source).execute(sql, params or {}).fetchall()


def first(source: Source, sql: str, params: dict[str, Any] | None = None) -> Sequence[Any] | None:
    return connection_of(source).execute(sql, params or {}).fetchone()
