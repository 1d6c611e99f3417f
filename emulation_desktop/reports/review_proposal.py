"""Tờ trình đề nghị khen thưởng: the commendations the cluster proposes (who, which title, why), with
each unit's agreed score and rank. Its letter serves the meeting pack's blank proposal too."""

from __future__ import annotations

from reportlab.platypus import Flowable
from sqlalchemy.orm import Session

from emulation_desktop.reports import layout as L
from emulation_desktop.reports import tables as T
from emulation_desktop.reports.report_data import front_of
from emulation_desktop.reports.request import Built, ReportRequest
from emulation_desktop.reports.review_scoring_sheet import ReviewData, cluster_review
from emulation_desktop.reports.review_summary import rank_text
from emulation_desktop.review.board import commendations
from emulation_desktop.review.points import show

KIND = "review-proposal"
SCOPES = ("cluster",)


def proposal_letter(
    issuer: L.Issuer, request: ReportRequest, name: str, whom: str, table: Flowable
) -> list[Flowable]:
    """The letter to the city's standing board (also the meeting pack's blank one): number, title,
    addressee, the request to commend ``whom`` ("3 đơn vị") listed in ``table``, and the signature."""
    year = request.year
    return [
        *L.header(issuer.with_suffix("TTr-CTĐ"), request.date()),
        *L.title("Tờ trình", f"Đề nghị khen thưởng công tác thi đua năm {year}"),
        L.para("Kính gửi: Ban Thường trực Ủy ban MTTQ Việt Nam Thành phố", L.styles().center),
        L.body(
            f"Căn cứ kết quả chấm điểm, bình xét thi đua tại Hội nghị tổng kết công tác thi đua năm {year}, "
            f"{name} đề nghị Ban Thường trực Ủy ban MTTQ Việt Nam Thành phố xem xét, khen thưởng {whom} sau:"
        ),
        table,
        L.signature(
            issuer,
            keep_with=[
                L.body(
                    f"{name} kính trình Ban Thường trực Ủy ban MTTQ Việt Nam Thành phố xem xét, quyết định."
                )
            ],
        ),
    ]


def build(session: Session, request: ReportRequest) -> Built:
    data, issuer, _head = cluster_review(session, request, SCOPES)
    story: list[Flowable] = [*L.new_document(), *proposal_story(session, request, data, issuer)]
    title = f"Tờ trình đề nghị khen thưởng năm {request.year} - {data.name}"
    pdf = L.render(story, title=title, author=data.name, subject=title)
    return Built(pdf, L.nfc(title))


def proposal_story(
    session: Session, request: ReportRequest, data: ReviewData, issuer: L.Issuer
) -> list[Flowable]:
    """The letter with the commendations proposed (the meeting pack holds it too)."""
    year = request.year
    cluster = data.cluster
    name = data.name
    by_code = {r.code: r for r in data.board.rows}
    rows = []
    for i, p in enumerate(commendations(session, cluster.code, year), start=1):
        ranked = by_code.get(p.unit.code)
        score = (
            f"{show(ranked.agreed_total)} điểm; xếp thứ {rank_text(ranked.rank, ranked.tied)}"
            if ranked
            else ""
        )
        rows.append((str(i), front_of(p.unit), L.nfc(p.title), L.nfc(p.reason), score))
    table = T.RowsTable(
        [
            T.Column("TT", 5, "center"),
            T.Column("Đơn vị", 24),
            T.Column("Hình thức khen thưởng", 22),
            T.Column("Thành tích", 31),
            T.Column("Kết quả chấm điểm", 18, "center"),
        ],
        rows,
        size=11,
        pad=4,
    )
    return proposal_letter(issuer, request, name, f"{len(rows)} đơn vị", table)
