"""The list of supervision sessions of a year, each with its recommendations and their follow-up; then
the social criticism sessions, which are recorded with them but are not supervision (the indicators
count them apart), in a section of their own with their own total."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy.orm import Session

from emulation_desktop.indicators.compute import Report
from emulation_desktop.locale.formatting import format_date, format_number, format_percent
from emulation_desktop.reports import tables as T
from emulation_desktop.reports.list_document import ListKind, Section, build_list, records_of
from emulation_desktop.reports.report_data import choice
from emulation_desktop.reports.request import Built, ReportRequest

KIND = "supervision-list"

COLUMNS = (
    T.Column("TT", 4.5, "right"),
    T.Column("Thời gian", 9, "center"),
    T.Column("Nội dung giám sát", 24),
    T.Column("Lĩnh vực", 11),
    T.Column("Hình thức", 11),
    T.Column("Địa bàn", 10),
    T.Column("Kiến nghị", 17),
    T.Column("Kết quả giải quyết", 13.5),
)


def _when(row: dict[str, Any]) -> str:
    start, end = row.get("start_date"), row.get("end_date")
    if start and end and end != start:
        return f"{format_date(start)} -\n{format_date(end)}"
    return format_date(start or end) if (start or end) else ""


CRITICISM = "social_criticism"  # the kind of session that is social criticism, not supervision


def session_rows(
    session: Session, unit_code: str, year: int, start: int = 1, *, criticism: bool = False
) -> list[tuple[str, ...]]:
    """The unit's supervision sessions of the year (or, with ``criticism``, its social criticism
    sessions) as table cells, oldest first."""
    sessions = [
        sv
        for sv in records_of(session, "supervision", unit_code, year, "start_date")
        if (sv.get("kind") == CRITICISM) == criticism
    ]
    by_session: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for rec in records_of(session, "recommendation", unit_code, year, "followed_up_on"):
        by_session[rec["supervision_id"]].append(rec)
    rows = []
    for i, sv in enumerate(sessions, start=start):
        recs = by_session.get(sv["id"], [])
        made = "\n".join(
            f"- {r['content']}" + (f" ({r['addressee']})" if r.get("addressee") else "") for r in recs
        )
        follow = "\n".join(
            f"- {choice('status', r['status'])}"
            + (f" ({format_date(r['followed_up_on'])})" if r.get("followed_up_on") else "")
            + (f": {r['response']}" if r.get("response") else "")
            for r in recs
        )
        rows.append(
            (
                str(i),
                _when(sv),
                sv.get("subject") or "",
                choice("field", sv.get("field")),
                f"{choice('kind', sv.get('kind'))}\n({choice('mode', sv.get('mode')).lower()})",
                sv.get("place_name") or "",
                made,
                follow,
            )
        )
    return rows


def summary(report: Report) -> str:
    r = report.results
    text = (
        f"Tổng số: {format_number(r['supervisions'].current.value or 0)} cuộc giám sát (chủ trì "
        f"{format_number(r['supervisions_led'].current.value or 0)} cuộc, phối hợp "
        f"{format_number(r['supervisions_joint'].current.value or 0)} cuộc)"
    )
    recs = r["recommendations"].current
    if recs.total:
        text += (
            f"; {format_number(recs.total)} kiến nghị, trong đó {format_number(recs.value or 0)} kiến nghị "
            f"đã được giải quyết (đạt {format_percent(recs.rate or 0, digits=1)})"
        )
    return text + "."


def criticism_rows(session: Session, unit_code: str, year: int, start: int = 1) -> list[tuple[str, ...]]:
    return session_rows(session, unit_code, year, start, criticism=True)


def criticism_summary(report: Report) -> str:
    return f"Tổng số: {format_number(report.results['social_criticisms'].current.value or 0)} cuộc phản biện xã hội."


SUPERVISION_LIST = ListKind(
    COLUMNS,
    10,
    (
        Section("I. CÁC CUỘC GIÁM SÁT", session_rows, summary),
        Section("II. CÁC CUỘC PHẢN BIỆN XÃ HỘI", criticism_rows, criticism_summary),
    ),
    subject="Các cuộc giám sát, phản biện xã hội, kiến nghị và kết quả giải quyết năm {year}",
    title="Danh sách các cuộc giám sát năm {year}",
)


def build(session: Session, request: ReportRequest) -> Built:
    return build_list(SUPERVISION_LIST, session, request)
