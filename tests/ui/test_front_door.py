"""One front door into the core: the window reads and writes only through core functions that take the
``Database`` and open their own transaction. No session, query, SQL or ORM model is handled in ui/.

Failures name each file:line, so the one who owns it knows where to add the core's door."""

from __future__ import annotations

import re
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "emulation_desktop" / "ui"

FORBIDDEN = {
    "a query run in the window": re.compile(r"\.(execute|scalars?)\("),
    # SQLAlchemy's select() or a table's .select(); a private method called _select is not one.
    "a SELECT built in the window": re.compile(r"(?<![\w])select\("),
    "a session made in the window": re.compile(r"\bSession\(|\.session\(\)"),
    "a plain read opened in the window": re.compile(r"\.reading\(\)"),
    "SQLAlchemy imported in the window": re.compile(r"^\s*(from|import)\s+sqlalchemy\b"),
    "the ORM models imported in the window": re.compile(
        r"^\s*from\s+emulation_desktop\.domain(\.models\s+import|\s+import\s+.*\bmodels\b)"
    ),
}

# ui/warm_up.py preloads SQLAlchemy and the models after the first paint by name (importlib), which
# none of the patterns above takes for an import: it runs no query.


def offences(source: str) -> list[tuple[int, str]]:
    found = []
    for number, line in enumerate(source.splitlines(), 1):
        code = line.split("#", 1)[0]
        found += [(number, what) for what, pattern in FORBIDDEN.items() if pattern.search(code)]
    return found


def test_the_patterns_catch_what_they_are_for():
    assert [what for _n, what in offences("with self.ctx.db.session() as session:")] == [
        "a session made in the window"
    ]
    assert offences("rows = session.execute(select(Unit.id))")[0][1] == "a query run in the window"
    assert len(offences("rows = session.execute(select(Unit.id))")) == 2
    assert offences("from sqlalchemy import select") and offences("import sqlalchemy.orm")
    assert offences("from emulation_desktop.domain.models import Cluster")
    assert offences("from emulation_desktop.domain import models as m")
    assert offences("with db.reading() as connection:")
    # Not offences: a private method, the preload list, a comment, a word in a string.
    assert offences("self._select(('group', new_id))") == []
    assert offences('    "sqlalchemy.orm",') == []
    assert offences("x = 1  # was: db.session()") == []
    assert offences("from emulation_desktop.domain.record_kinds import KINDS") == []


def test_the_window_goes_through_the_front_door():
    found = [
        f"{path.relative_to(UI.parent.parent)}:{number}: {what}"
        for path in sorted(UI.rglob("*.py"))
        for number, what in offences(path.read_text(encoding="utf-8"))
    ]
    assert found == [], "ui/ must call the core's doors (functions taking the Database):\n" + "\n".join(found)
