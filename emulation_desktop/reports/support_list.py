"""The list of support activities of a year (danh sách hỗ trợ): one line per record, on landscape pages.

A district records hundreds of rows a year and a city thousands, so the rows go through
``layout.RowsTable`` (measured once, split by bisection): 10,000 rows cost what drawing them costs.
The totals come from ``indicators.compute``, the same figures as the report and the dashboard.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy.orm import Session

from emulation_desktop.indicators.compute import Report, compute
from emulation_desktop.locale.formatting import format_date, format_number
from emulation_desktop.operations.queries import ListQuery, all_records
from emulation_desktop.reports import layout as L
from emulation_desktop.reports.report_data import (
    Built,
    ReportRequest,
    choice,
    listed_scope,
    require_scope,
)

KIND = "support-list"
SCOPES = ("unit", "cluster")
PAGE_ROWS = 5000  # rows fetched per query

COLUMNS = (
    L.Column("TT", 5, "right"),
    L.Column("Ngày", 8.5, "center"),
    L.Column("Xã, thị trấn", 13),
    L.Column("Người, hộ được hỗ trợ", 19),
    L.Column("Hình thức hỗ trợ", 17),
    L.Column("Đối tượng", 13),
    L.Column("Giá trị (đồng)", 11.5, "right"),
    L.Column("Nguồn kinh phí", 13),
)


def record_rows(session: Session, unit_code: str, year: int, start: int = 1) -> list[tuple[str, ...]]:
    """The unit's support records of the year as table cells, oldest first."""
    out: list[tuple[str, ...]] = []
    query = ListQuery("support_activity", unit_code, year, sort="activity_date", limit=PAGE_ROWS)
    for row in all_records(session, query):
        when = row.get("activity_date")
        out.append(
            (
                str(start + len(out)),
                format_date(when) if when else "",
                row.get("place_name") or "",
                row.get("beneficiary") or "",
                choice("kind", row.get("kind")),
                choice("household_category", row.get("household_category")),
                format_number(row.get("value_vnd") or 0),
                row.get("funding_source") or "",
            )
        )
    return out


def table(rows: Sequence[L.Row | Sequence[str]]) -> L.RowsTable:
    return L.RowsTable(COLUMNS, rows, size=10.5)


def render_list(
    rows: Sequence[L.Row | Sequence[str]],
    *,
    issuer: L.Issuer,
    issued_on: date,
    year: int,
    scope_name: str,
    totals: Sequence[str] = (),
    number: str = "",
) -> bytes:
    """The list document around ready-made rows (also what the benchmark times)."""
    story: list[object] = [
        *L.new_document("landscape"),
        *L.header(issuer, issued_on, number),
        *L.title("Danh sách", f"Các hoạt động hỗ trợ, an sinh xã hội năm {year}", L.nfc(scope_name)),
        *[L.body(line) for line in totals],
        table(rows),
    ]
    story.append(L.signature(issuer, with_recipients=False))
    title = f"Danh sách hoạt động hỗ trợ năm {year} - {scope_name}"
    return L.render(story, title=title, author=issuer.name_in_text, subject=title, orientation="landscape")  # type: ignore[arg-type]


def totals(report: Report) -> str:
    """The totals line of a unit or a cluster: houses with their value, then the other support."""
    figures = report.results
    houses, other = figures["solidarity_houses"].current, figures["other_support"].current
    return (
        f"Tổng số: {format_number(houses.value or 0)} nhà đại đoàn kết trị giá "
        f"{format_number(houses.amount_vnd or 0)} đồng; các hình thức hỗ trợ khác trị giá "
        f"{format_number(other.amount_vnd or 0)} đồng."
    )


def build(session: Session, request: ReportRequest) -> Built:
    require_scope(request, SCOPES)
    year = request.year
    listed = listed_scope(session, request, record_rows, totals)
    pdf = render_list(
        listed.rows,
        issuer=listed.issuer,
        issued_on=request.date(),
        year=year,
        scope_name=listed.name,
        totals=[totals(compute(session, listed.scope, year))],
        number=request.number,
    )
    return Built(pdf, L.nfc(f"Danh sách hoạt động hỗ trợ năm {year} - {listed.name}"))
