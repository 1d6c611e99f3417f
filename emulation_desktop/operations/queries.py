"""Reading lists of records for the editors: filtered, sorted and paged in SQL, never in Python.

A proxy model over every row took 13 s per keystroke at a million rows; SQL with the search key and
the (unit_id, year, deleted) indexes answers in milliseconds when the words are common (the walk stops
after a page), and the trigram search index (storage/search_index.py) answers when they are rare, which
the walk could only learn by reading the whole unit-year (issue #19). ``list_page`` is the window's door (it
opens its own read); ``list_records`` and ``all_records`` are the building blocks, over a session.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import and_, column, func, literal_column, select, text
from sqlalchemy import table as sql_table
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.elements import UnaryExpression
from sqlalchemy.sql.operators import custom_op

from emulation_desktop.domain.models import RecordMixin, Unit
from emulation_desktop.domain.record_kinds import RecordKind
from emulation_desktop.domain.text import fold
from emulation_desktop.errors import InputError
from emulation_desktop.locale.i18n import _
from emulation_desktop.operations.records import kind_of, resolve_unit
from emulation_desktop.storage import search_index
from emulation_desktop.storage.database import Database


@dataclass(frozen=True)
class ListQuery:
    kind: str
    unit: str  # unit id or code
    year: int | None = None
    search: str = ""
    sort: str = ""  # a field name of the kind, or "" for newest first
    descending: bool = False
    deleted: bool = False  # True lists the bin (soft-deleted records) instead
    parent_id: str | None = None  # for child kinds: the parent's id
    limit: int = 500
    offset: int = 0
    # Counting every match of a common word over a million rows costs a full scan; past this many
    # the status bar says "more than 1.000" instead; the table shows one page of 500 anyway.
    count_limit: int = 1_000


@dataclass(frozen=True)
class ListResult:
    # Raw values; each row has "id", "version", and "place_name" if the kind refers to a place.
    rows: list[dict[str, Any]]
    total: int
    total_capped: bool = False  # True when there are more than ``total`` matches


def _ref_field(kind: RecordKind) -> str | None:
    return next((f.name for f in kind.fields if f.kind == "ref"), None)


def list_records(session: Session, query: ListQuery) -> ListResult:
    """One page of records matching the query, with the total count for the status bar."""
    kind = kind_of(query.kind)
    model = kind.model
    table = model.__tablename__
    unit = resolve_unit(session, query.unit)
    words = fold(query.search).split()
    # Every word must appear somewhere: "nha dai doan ket dong anh" narrows as the clerk types. The search
    # index only narrows the rows read (a superset): this test decides, the same either way.
    matching = [model.search_key.contains(word, autoescape=True) for word in words]
    from_index = _index_rows(session, query, model, _scope(query, kind, unit.id, _as_is), words)
    # Rows offered by the search index are looked up by rowid; the list's own terms are then kept off
    # every index, or SQLite may prefer walking ix_<table>_recent and test each row against the offer.
    scoped = _unindexed if from_index is not None else _as_is
    conditions = [*_scope(query, kind, unit.id, scoped), *matching]
    columns = [model.id, model.version, *(getattr(model, f.name) for f in kind.fields)]
    ref = _ref_field(kind)
    place = aliased(Unit)

    def reading(*columns: Any) -> Any:
        found = select(*columns).select_from(model)
        return found.outerjoin(place, place.id == getattr(model, ref)) if ref else found

    statement = reading(*columns, place.name.label("place_name")) if ref else reading(*columns)
    if query.sort:
        if query.sort not in {f.name for f in kind.fields} | {"place_name"}:
            raise InputError(_("Cannot sort by “{name}”.").format(name=query.sort))
        key = place.name if query.sort == "place_name" else getattr(model, query.sort)
        order = [key.desc() if query.descending else key.asc(), model.id]
    else:
        # Walks ix_<table>_recent backwards: no sort, and the scan stops after one page of matches.
        order = [model.created_at.desc(), model.id.desc()]
    rowid = _rowid(table)
    if from_index is not None:
        ordered = reading(rowid).where(*conditions, rowid.in_(from_index)).order_by(*order)
        return _page_from_rowids(session, query, ordered, statement, rowid, order)
    if query.offset == 0:
        # One walk finds the page and the count together: the rowids of the first count_limit + 1
        # matches, in order; then the page's rows by rowid. Two walks (the page, then the count) read
        # the page's stretch of the unit-year twice: a third of a searched keystroke (issue #19).
        ordered = (
            reading(rowid).where(*conditions).order_by(*order).limit(max(query.limit, query.count_limit + 1))
        )
        return _page_from_rowids(session, query, ordered, statement, rowid, order)
    # A later page (documents that list every record): the page, then the count from the start.
    statement = statement.where(*conditions).order_by(*order).limit(query.limit).offset(query.offset)
    rows = _dicts(session.execute(statement))
    matches = select(model.id).where(*conditions).limit(query.count_limit + 1).subquery()
    total = session.scalar(select(func.count()).select_from(matches)) or 0
    if total > query.count_limit:
        return ListResult(rows, query.count_limit, True)
    return ListResult(rows, total, False)


def _scope(query: ListQuery, kind: RecordKind, unit_id: str, scoped: Callable[[Any], Any]) -> list[Any]:
    """The list's own terms: its unit, its side (the list or the bin), its year, its parent."""
    model: Any = kind.model
    terms = [scoped(model.unit_id) == unit_id, scoped(model.deleted).is_(query.deleted)]
    if query.year is not None and hasattr(model, "year"):
        terms.append(scoped(model.year) == query.year)
    if kind.parent and query.parent_id:
        terms.append(scoped(getattr(model, kind.parent[0])) == query.parent_id)
    return terms


# When the search index answers (``_index_rows``), measured at a million support activities in one
# unit-year (benchmarks/README.md, search_keystroke). Reading a row by the rowid the index gives costs
# about LOOKUP_COST rows of the walk down ix_<table>_recent; the walk's first SAMPLE_ROWS rows tell how
# far it would go for a page and its count, and a walk of at most WALK_ROWS rows is taken without asking
# (counting what the index offers reads each trigram's list of rows, as long as that walk for a common
# word); the index is asked for at most INDEX_ROWS rows.
INDEX_ROWS = 10_000
SAMPLE_ROWS = 2_000
WALK_ROWS = 100_000
LOOKUP_COST = 12
_PLUS = custom_op("+")


def _as_is(column: Any) -> Any:
    return column


def _unindexed(column: Any) -> Any:
    """``+column``: SQLite's documented way to keep a term off every index (“Disqualifying WHERE clause
    terms using unary +”, its query planner's page); the value is unchanged."""
    return UnaryExpression(column, operator=_PLUS, type_=column.type)


def _rowid(table: str) -> Any:
    return literal_column(f"{table}.rowid")


def _index_rows(
    session: Session, query: ListQuery, model: Any, scope: list[Any], words: list[str]
) -> Any | None:
    """The rowids the search index offers for the words (a select), when reading them costs less than
    the walk would; else None: the walk, as before the index (storage/search_index.py).

    The walk down ix_<table>_recent stops after a page and a count of matches: fast for a common word,
    the whole unit-year for a rare one (300–800 ms at a million rows, issue #19). The index costs a
    lookup per row holding every trigram of the long words. So: count the matches in the walk's first
    ``SAMPLE_ROWS`` rows, and from their density how many rows the walk would read; walk if that is at
    most ``WALK_ROWS``, else ask the index for at most that many divided by ``LOOKUP_COST`` rows (and never
    more than ``INDEX_ROWS``); if it has fewer, it answers. Words under three letters have no trigram: LIKE alone reads them, within the rows
    the longer words let through, or by the walk when every word is short (a page of a common pair of
    letters comes at once)."""
    long_words = [word for word in words if len(word) >= search_index.MIN_WORD]
    fts = search_index.index_name(model.__tablename__)
    if not long_words or not _has_index(session, fts):
        return None
    most = INDEX_ROWS
    if not query.sort and SAMPLE_ROWS:
        head = (
            select(model.search_key)
            .where(*scope)
            .order_by(model.created_at.desc(), model.id.desc())
            .limit(SAMPLE_ROWS)
            .subquery()
        )
        hits = and_(*(head.c.search_key.contains(word, autoescape=True) for word in words))
        read, found = session.execute(select(func.count(), func.count().filter(hits))).one()
        if read < SAMPLE_ROWS:
            return None  # the whole list was read: the walk costs no more than that
        if found:
            walked = (query.offset + query.limit + query.count_limit + 1) * SAMPLE_ROWS / found
            if walked <= WALK_ROWS:
                return None  # a walk this short costs less than counting the index's offer
            most = min(most, int(walked / LOOKUP_COST))
    rowid = column("rowid")
    holding = literal_column(fts).op("MATCH")(search_index.match_text(search_index.pieces(long_words)))
    offered = select(rowid).select_from(sql_table(fts)).where(holding)
    counted = session.scalar(select(func.count()).select_from(offered.limit(most).subquery())) or 0
    return offered if counted < most else None


def _has_index(session: Session, name: str) -> bool:
    """Whether the file holds the search index: a file made where its hooks were not installed is
    searched by the walk alone, as before the index, rather than failing."""
    found = session.execute(
        text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :name"), {"name": name}
    )
    return found.first() is not None


def _dicts(result: Any) -> list[dict[str, Any]]:
    """The rows as dicts, the column names read once (``dict(row._mapping)`` reads them per row)."""
    names = list(result.keys())
    return [dict(zip(names, row, strict=True)) for row in result]


def _page_from_rowids(
    session: Session, query: ListQuery, ordered: Any, statement: Any, rowid: Any, order: list[Any]
) -> ListResult:
    """The page and the count from the matches' rowids in order (those the index offered, fewer than
    ``INDEX_ROWS``, or the walk's first ``count_limit + 1``): one pass lists them, a second reads the
    page's rows; the same page and count as two walks give."""
    # Read through the connection: the rows are plain columns, and the ORM's row handling cost more
    # than the reads. The page's rowids go as one JSON text, not one parameter each.
    connection = session.connection()
    matches = connection.execute(ordered).scalars().all()
    wanted = matches[query.offset : query.offset + query.limit]
    listed = func.json_each(json.dumps(wanted)).table_valued("value")
    page = statement.where(rowid.in_(select(listed.c.value))).order_by(*order)
    rows = _dicts(connection.execute(page)) if wanted else []
    if query.offset == 0 and len(rows) < query.limit:
        return ListResult(rows, len(rows), False)
    if len(matches) > query.count_limit:
        return ListResult(rows, query.count_limit, True)
    return ListResult(rows, len(matches), False)


def list_page(db: Database, query: ListQuery) -> ListResult:
    """One page of records for the editor's table, read on its own."""
    with db.session() as session:
        return list_records(session, query)


def all_records(session: Session, query: ListQuery) -> list[dict[str, Any]]:
    """Every record matching ``query``, read ``query.limit`` rows at a time (for documents that list
    them all). A short page is the last: the count a page carries stops at ``count_limit``."""
    out: list[dict[str, Any]] = []
    while True:
        page = list_records(session, replace(query, offset=query.offset + len(out)))
        out += page.rows
        if len(page.rows) < query.limit:
            return out


def get_record(session: Session, kind_name: str, record_id: str) -> RecordMixin | None:
    return session.get(kind_of(kind_name).model, record_id)
