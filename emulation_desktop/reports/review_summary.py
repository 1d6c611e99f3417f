"""Bảng tổng hợp kết quả chấm điểm thi đua: every member side by side, criterion by criterion (the
agreed cluster score), the self and agreed totals and the ranking, ties shown as such (landscape)."""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer
from sqlalchemy.orm import Session

from emulation_desktop.reports import layout as L
from emulation_desktop.reports import tables as T
from emulation_desktop.reports.report_data import front_of
from emulation_desktop.reports.request import Built, ReportRequest
from emulation_desktop.reports.review_scoring_sheet import KIND_NOTE, ReviewData, cluster_review
from emulation_desktop.review.points import show

KIND = "review-summary"
SCOPES = ("cluster",)


def rank_text(rank: int, tied: bool) -> str:
    return f"{rank} (đồng hạng)" if tied else str(rank)


def ranking_table(data, *, size: float = 12) -> T.RowsTable:  # type: ignore[no-untyped-def]
    rows = [
        (
            rank_text(r.rank, r.tied),
            front_of(r.unit),
            show(r.self_total),
            show(r.agreed_total),
            "Đồng hạng" if r.tied else "",
        )
        for r in data.board.rows
    ]
    return T.RowsTable(
        [
            T.Column("Xếp thứ", 14, "center"),
            T.Column("Đơn vị", 44),
            T.Column("Điểm tự chấm", 14, "center"),
            T.Column("Điểm Cụm chấm", 14, "center"),
            T.Column("Ghi chú", 14, "center"),
        ],
        rows,
        size=size,
        pad=5,
    )


def build(session: Session, request: ReportRequest) -> Built:
    data, issuer, _head = cluster_review(session, request, SCOPES)
    story: list[Flowable] = [*L.new_document("landscape"), *summary_story(request, data, issuer)]
    title = f"Bảng tổng hợp kết quả chấm điểm thi đua năm {request.year} - {data.name}"
    pdf = L.render(story, title=title, author=data.name, subject=title, orientation="landscape")
    return Built(pdf, L.nfc(title))


def summary_story(request: ReportRequest, data: ReviewData, issuer: L.Issuer) -> list[Flowable]:
    """The summary's pages (landscape; the meeting pack holds them too)."""
    year = request.year
    units = sorted(data.board.rows, key=lambda r: r.code)
    view = data.view

    rows: list[T.Row | tuple[str, ...]] = []
    groups = {g.id: g for g in view.groups}
    for group_id, items in view.by_group.items():
        group = groups.get(group_id or "")
        if group is not None:
            rows.append(T.Row((f"{group.code}. {group.name}",), bold=True, span=True))
        for c in items:
            name = f"{KIND_NOTE[c.kind]}: {c.name}" if c.kind in KIND_NOTE else c.name
            rows.append((c.code, name, show(c.max_tenths), *(show(u.agreed_points.get(c.id)) for u in units)))
    rows.append(T.Row(("", "Tổng điểm tự chấm", "", *(show(u.self_total) for u in units)), bold=True))
    rows.append(T.Row(("", "Tổng điểm Cụm chấm", "", *(show(u.agreed_total) for u in units)), bold=True))
    rows.append(T.Row(("", "Xếp thứ", "", *(rank_text(u.rank, u.tied) for u in units)), bold=True))
    share = 48 / max(len(units), 1)
    columns = [
        T.Column("TT", 4, "center"),
        T.Column("Tiêu chí", 40),
        T.Column("Điểm tối đa", 8, "center"),
        *(T.Column(u.short_name, share, "center") for u in units),
    ]
    return [
        *L.header(issuer.with_suffix("BTH-CTĐ"), request.date()),
        *L.title(
            "Bảng tổng hợp",
            f"Kết quả chấm điểm thi đua năm {year} - {data.name}",
        ),
        L.para(
            f"(Theo {L.nfc(view.set.title)}; điểm Cụm chấm đã thống nhất tại Hội nghị)",
            L.styles().center_italic,
        ),
        T.RowsTable(columns, rows, size=11, pad=4),
        Spacer(1, 8),
        *L.heading_before_table("Xếp thứ các đơn vị"),
        ranking_table(data),
        L.signature(issuer),
    ]
