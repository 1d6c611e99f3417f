"""The data file's own structure against the application's: tables, indexes, triggers and views.

A file can pass SQLite's integrity check and still not be ours: a planted trigger (``after insert on
support_activity begin delete from donation; end``) would silently wipe records at the next import. So
``check`` and every restore compare ``sqlite_master`` with the schema the application itself makes
(its models on an in-memory database, made once per process), and report any object that is extra,
missing or changed. SQLite's internal objects (``sqlite_*``, e.g. the indexes behind UNIQUE) are left
out: they follow from the tables.

Tables are compared by their parts (columns and constraints, in any order, spaces ignored), so a
migration that adds a column the way the models declare it still matches; indexes, triggers and views
by their whole text.
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from functools import lru_cache

from emulation_desktop.locale.i18n import _

Schema = dict[tuple[str, str], object]  # (type, name) → its normalised definition


def _parts(create_table: str) -> Counter[str]:
    """The top-level, comma-separated parts inside a CREATE TABLE's outer parentheses."""
    head, _open, body = create_table.partition("(")
    body = body[: body.rfind(")")]
    parts, depth, current = [], 0, []
    quote = ""
    for char in body:
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"`[":
            quote = "]" if char == "[" else char
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    parts.append("".join(current))
    return Counter([_normal(head), *(_normal(part) for part in parts)])


def _normal(sql: str) -> str:
    text = re.sub(r"\s+", " ", sql).strip()
    return re.sub(r"\s*([(),])\s*", r"\1", text)


def schema_of(connection: sqlite3.Connection) -> Schema:
    schema: Schema = {}
    for kind, name, sql in connection.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
    ):
        if sql is None:
            continue
        schema[(kind, name)] = _parts(sql) if kind == "table" else _normal(sql)
    return schema


@lru_cache(maxsize=1)
def reference_schema() -> Schema:
    """The schema the application makes, read from a throwaway in-memory database."""
    from sqlalchemy import create_engine

    from emulation_desktop.domain.models import Base
    from emulation_desktop.storage import search_index  # noqa: F401 - its after_create hooks

    engine = create_engine("sqlite://")
    try:
        Base.metadata.create_all(engine)
        with engine.connect() as connection:
            return schema_of(connection.connection.driver_connection)  # type: ignore[arg-type]
    finally:
        engine.dispose()


def _kind_label(kind: str) -> str:
    return {
        "table": _("table"),
        "index": _("index"),
        "trigger": _("trigger"),
        "view": _("view"),
    }.get(kind, kind)


def differences(connection: sqlite3.Connection) -> list[str]:
    """Each difference from the application's schema in a few words; empty when the file is ours."""
    found, expected = schema_of(connection), reference_schema()
    lines = []
    for key in sorted(found.keys() - expected.keys()):
        lines.append(_("an extra {kind} “{name}”").format(kind=_kind_label(key[0]), name=key[1]))
    for key in sorted(expected.keys() - found.keys()):
        lines.append(_("a missing {kind} “{name}”").format(kind=_kind_label(key[0]), name=key[1]))
    for key in sorted(found.keys() & expected.keys()):
        if found[key] != expected[key]:
            lines.append(_("a changed {kind} “{name}”").format(kind=_kind_label(key[0]), name=key[1]))
    return lines
