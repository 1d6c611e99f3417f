"""The skeleton every list document shares (the support list, the supervision list): for a unit, its
rows; for a cluster, each member under its name, numbered on, then that member's totals line. One
landscape document: header, title, then each section (the supervision list has two: the supervision
sessions and the social criticism) with its heading, the totals of the whole scope and its table, the
signature. Each section's totals count exactly the rows of its table.

A list module says only what differs: its columns, its sections (one unit's rows, how their figures
are worded, the table's closing total line), its title (:class:`ListKind`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from reportlab.platypus import Flowable
from sqlalchemy.orm import Session

from emulation_desktop.indicators.compute import Report, compute
from emulation_desktop.indicators.scope import Scope, unit_scope
from emulation_desktop.operations.clusters import cluster_scope
from emulation_desktop.operations.queries import ListQuery, all_records
from emulation_desktop.reports import layout as L
from emulation_desktop.reports.report_data import cluster_issuer, find_cluster, members, the_unit, unit_issuer
from emulation_desktop.reports.request import SCOPES, Built, ReportRequest, require_scope
from emulation_desktop.reports.tables import Column, Row, RowsTable

PAGE_ROWS = 5000  # rows fetched per query

# ``unit_rows(session, unit_code, year, start)``: one unit's rows of the year, numbered from ``start``.
UnitRows = Callable[[Session, str, int, int], list[tuple[str, ...]]]


def records_of(session: Session, kind: str, unit_code: str, year: int, sort: str) -> list[dict[str, Any]]:
    """Every live record of one kind a unit keeps for the year, sorted on ``sort``."""
    return all_records(session, ListQuery(kind, unit_code, year, sort=sort, limit=PAGE_ROWS))


@dataclass(frozen=True)
class Section:
    """One table of a list document: its heading, one unit's rows, how their figures read."""

    heading: str  # "" when the list has one table
    unit_rows: UnitRows
    totals: Callable[[Report], str]  # the figures of a unit, a member or the whole scope, in a sentence
    # The table's last line from the whole scope's figures and the number of rows listed, if any.
    total_row: Callable[[Report, int], Row] | None = None


@dataclass(frozen=True)
class ListKind:
    """What one list document says: its table, its sections, its wording."""

    columns: tuple[Column, ...]
    size: float  # the table's font size
    sections: tuple[Section, ...]
    subject: str  # under the title: "Các hoạt động hỗ trợ, an sinh xã hội năm {year}"
    title: str  # the PDF's title, before " - <scope>": "Danh sách hoạt động hỗ trợ năm {year}"


@dataclass(frozen=True)
class Table:
    """A section as laid out: heading, totals sentences, rows."""

    heading: str
    totals: Sequence[str]
    rows: Sequence[Row | Sequence[str]]


@dataclass
class ListedScope:
    """What a list document covers: its issuer, the scope of its totals, its name and its table rows."""

    issuer: L.Issuer
    scope: Scope
    name: str
    rows: list[Row | Sequence[str]]
    count: int  # the records listed (not the member headings and totals lines)


def listed_scope(
    session: Session,
    request: ReportRequest,
    unit_rows: UnitRows,
    member_totals: Callable[[Report], str],
) -> ListedScope:
    """A unit's rows, or a cluster's: each member under its name, numbered on, then its own totals line.

    ``member_totals`` words a member's figures for the italic line after its rows."""
    year = request.year
    if request.scope == "unit":
        unit = the_unit(session, request.code)
        issuer = unit_issuer(session, unit, year=year).with_suffix("DS-MTTQ")
        listed = unit_rows(session, unit.code, year, 1)
        return ListedScope(issuer, unit_scope(session, unit.code), L.nfc(unit.name), [*listed], len(listed))
    cluster = find_cluster(session, request.code)
    issuer, _head = cluster_issuer(session, cluster, year)
    rows: list[Row | Sequence[str]] = []
    count = 0
    for member in members(session, cluster, year):
        rows.append(Row((member.unit.name,), bold=True, span=True))
        listed = unit_rows(session, member.unit.code, year, count + 1)
        count += len(listed)
        rows += listed
        figures = compute(session, unit_scope(session, member.unit.code), year)
        rows.append(Row((member_totals(figures),), italic=True, span=True))
    return ListedScope(
        issuer.with_suffix("DS-CTĐ"),
        cluster_scope(session, cluster.code, year),
        L.nfc(cluster.name),
        rows,
        count,
    )


def render_list(
    kind: ListKind,
    rows: Sequence[Row | Sequence[str]],
    *,
    issuer: L.Issuer,
    issued_on: date,
    year: int,
    scope_name: str,
    totals: Sequence[str] = (),
    number: str = "",
) -> bytes:
    """The list document around ready-made rows of one table, on landscape pages."""
    return render_tables(
        kind,
        [Table("", totals, rows)],
        issuer=issuer,
        issued_on=issued_on,
        year=year,
        scope_name=scope_name,
        number=number,
    )


def render_tables(
    kind: ListKind,
    tables: Sequence[Table],
    *,
    issuer: L.Issuer,
    issued_on: date,
    year: int,
    scope_name: str,
    number: str = "",
) -> bytes:
    """The list document around its tables, each under its heading and totals, on landscape pages."""
    story: list[Flowable] = [
        *L.new_document("landscape"),
        *L.header(issuer, issued_on, number),
        *L.title("Danh sách", kind.subject.format(year=year), L.nfc(scope_name)),
    ]
    for table in tables:
        if table.heading:
            story += L.heading_before_table(table.heading)
        story += [L.body(line) for line in table.totals]
        story.append(RowsTable(kind.columns, table.rows, size=kind.size))
    story.append(L.signature(issuer, with_recipients=False))
    title = document_title(kind, year, scope_name)
    return L.render(story, title=title, author=issuer.name_in_text, subject=title, orientation="landscape")


def document_title(kind: ListKind, year: int, scope_name: str) -> str:
    return f"{kind.title.format(year=year)} - {scope_name}"


def build_list(kind: ListKind, session: Session, request: ReportRequest) -> Built:
    """The list document of a unit or a cluster for the request's year."""
    require_scope(request, SCOPES)
    year = request.year
    tables = []
    for section in kind.sections:
        listed = listed_scope(session, request, section.unit_rows, section.totals)
        figures = compute(session, listed.scope, year)
        rows = list(listed.rows)
        if section.total_row is not None:
            rows.append(section.total_row(figures, listed.count))
        tables.append(Table(section.heading, [section.totals(figures)], rows))
    pdf = render_tables(
        kind,
        tables,
        issuer=listed.issuer,
        issued_on=request.date(),
        year=year,
        scope_name=listed.name,
        number=request.number,
    )
    return Built(pdf, L.nfc(document_title(kind, year, listed.name)))
