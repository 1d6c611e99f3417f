"""The list of support activities of a year (danh sách hỗ trợ): one line per record, on landscape pages.

A district records hundreds of rows a year and a city thousands, so the rows go through
``tables.RowsTable`` (measured once, split by bisection): 10,000 rows cost what drawing them costs.
The totals come from ``indicators.compute``, the same figures as the report and the dashboard.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from emulation_desktop.indicators.compute import Report
from emulation_desktop.locale.formatting import format_date, format_number
from emulation_desktop.reports import list_document
from emulation_desktop.reports import tables as T
from emulation_desktop.reports.list_document import ListKind, Section, build_list, records_of
from emulation_desktop.reports.report_data import choice
from emulation_desktop.reports.request import Built, ReportRequest

KIND = "support-list"

COLUMNS = (
    T.Column("TT", 5, "right"),
    T.Column("Ngày", 8.5, "center"),
    T.Column("Xã, thị trấn", 13),
    T.Column("Người, hộ được hỗ trợ", 19),
    T.Column("Hình thức hỗ trợ", 17),
    T.Column("Đối tượng", 13),
    T.Column("Giá trị (đồng)", 11.5, "right"),
    T.Column("Nguồn kinh phí", 13),
)


def record_rows(session: Session, unit_code: str, year: int, start: int = 1) -> list[tuple[str, ...]]:
    """The unit's support records of the year as table cells, oldest first."""
    out: list[tuple[str, ...]] = []
    for row in records_of(session, "support_activity", unit_code, year, "activity_date"):
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


def totals(report: Report) -> str:
    """The totals line of a unit or a cluster: houses with their value, then the other support."""
    figures = report.results
    houses, other = figures["solidarity_houses"].current, figures["other_support"].current
    return (
        f"Tổng số: {format_number(houses.value or 0)} nhà đại đoàn kết trị giá "
        f"{format_number(houses.amount_vnd or 0)} đồng; các hình thức hỗ trợ khác trị giá "
        f"{format_number(other.amount_vnd or 0)} đồng."
    )


def total_row(report: Report, count: int) -> T.Row:
    """The table's last line: how many activities are listed and what they are worth together (the
    scope's support figures: the houses' value and the other support)."""
    figures = report.results
    value = (figures["solidarity_houses"].current.amount_vnd or 0) + (
        figures["other_support"].current.amount_vnd or 0
    )
    return T.Row(
        ("", "", "", f"Tổng cộng: {format_number(count)} hoạt động", "", "", format_number(value), ""),
        bold=True,
    )


SUPPORT_LIST = ListKind(
    COLUMNS,
    10.5,
    (Section("", record_rows, totals, total_row),),
    subject="Các hoạt động hỗ trợ, an sinh xã hội năm {year}",
    title="Danh sách hoạt động hỗ trợ năm {year}",
)


def render_list(rows: Sequence[T.Row | Sequence[str]], **options: Any) -> bytes:
    """The list document around ready-made rows (what the benchmark times); ``options`` as for
    :func:`list_document.render_list`."""
    return list_document.render_list(SUPPORT_LIST, rows, **options)


def build(session: Session, request: ReportRequest) -> Built:
    return build_list(SUPPORT_LIST, session, request)
