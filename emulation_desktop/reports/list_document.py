"""The skeleton every list document shares (the support list, the supervision list): for a unit, its
rows; for a cluster, each member under its name, numbered on, then that member's totals line. One
landscape document: header, title, the totals of the whole scope, the table, the signature.

A list module says only what differs: its columns, one unit's rows, how its figures are worded, its
title (:class:`ListKind`).
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
class ListKind:
    """What one list document says: its table, one unit's rows, how its figures read, its wording."""

    columns: tuple[Column, ...]
    size: float  # the table's font size
    unit_rows: UnitRows
    totals: Callable[[Report], str]  # the figures of a unit, a member or the whole scope, in a sentence
    subject: str  # under the title: "Các hoạt động hỗ trợ, an sinh xã hội năm {year}"
    title: str  # the PDF's title, before " - <scope>": "Danh sách hoạt động hỗ trợ năm {year}"


@dataclass
class ListedScope:
    """What a list document covers: its issuer, the scope of its totals, its name and its table rows."""

    issuer: L.Issuer
    scope: Scope
    name: str
    rows: list[Row | Sequence[str]]


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
        issuer = unit_issuer(session, unit).with_suffix("DS-MTTQ")
        return ListedScope(
            issuer,
            unit_scope(session, unit.code),
            L.nfc(unit.name),
            [*unit_rows(session, unit.code, year, 1)],
        )
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
        issuer.with_suffix("DS-CTĐ"), cluster_scope(session, cluster.code, year), L.nfc(cluster.name), rows
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
    """The list document around ready-made rows, on landscape pages."""
    story: list[Flowable] = [
        *L.new_document("landscape"),
        *L.header(issuer, issued_on, number),
        *L.title("Danh sách", kind.subject.format(year=year), L.nfc(scope_name)),
        *[L.body(line) for line in totals],
        RowsTable(kind.columns, rows, size=kind.size),
        L.signature(issuer, with_recipients=False),
    ]
    title = document_title(kind, year, scope_name)
    return L.render(story, title=title, author=issuer.name_in_text, subject=title, orientation="landscape")


def document_title(kind: ListKind, year: int, scope_name: str) -> str:
    return f"{kind.title.format(year=year)} - {scope_name}"


def build_list(kind: ListKind, session: Session, request: ReportRequest) -> Built:
    """The list document of a unit or a cluster for the request's year."""
    require_scope(request, SCOPES)
    year = request.year
    listed = listed_scope(session, request, kind.unit_rows, kind.totals)
    pdf = render_list(
        kind,
        listed.rows,
        issuer=listed.issuer,
        issued_on=request.date(),
        year=year,
        scope_name=listed.name,
        totals=[kind.totals(compute(session, listed.scope, year))],
        number=request.number,
    )
    return Built(pdf, L.nfc(document_title(kind, year, listed.name)))
