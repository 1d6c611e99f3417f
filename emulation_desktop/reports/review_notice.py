"""Thông báo kết luận: what the review meeting concluded, sent to the members after it: who chaired,
when and where, the ranking (ties and how they were decided), the acclaim and the elections, the
commendations proposed, and the chair's conclusions as recorded in the meeting's set-up. A part not
recorded yet is left to fill in, and the notice is a draft (``readiness``)."""

from __future__ import annotations

from reportlab.platypus import Flowable
from sqlalchemy.orm import Session

from emulation_desktop.locale.formatting import format_date
from emulation_desktop.reports import layout as L
from emulation_desktop.reports.report_data import cluster_issuer, find_cluster, front_of
from emulation_desktop.reports.request import Built, ReportRequest, require_scope
from emulation_desktop.reports.review_invitation import chaired_by
from emulation_desktop.reports.review_minutes import ties
from emulation_desktop.reports.review_summary import rank_text
from emulation_desktop.reports.review_tally import heading, outcome
from emulation_desktop.review.board import board, commendations
from emulation_desktop.review.elections import results
from emulation_desktop.review.meeting import meeting_of
from emulation_desktop.review.points import show

KIND = "review-notice"
SCOPES = ("cluster",)


def notice_story(session: Session, request: ReportRequest) -> list[Flowable]:
    """The notice's pages (the meeting pack holds them too)."""
    year = request.year
    cluster = find_cluster(session, request.code)
    issuer, _head = cluster_issuer(session, cluster, year)
    name = L.nfc(cluster.name)
    setup = meeting_of(session, cluster.code, year)
    current = board(session, cluster.code, year)
    found = results(session, cluster.code, year)
    proposals = commendations(session, cluster.code, year)
    meeting = f"Hội nghị tổng kết công tác thi đua năm {year}, triển khai nhiệm vụ năm {year + 1} của {name}"
    story: list[Flowable] = [
        *L.header(issuer.with_suffix("TB-CTĐ"), request.date()),
        *L.title(
            "Thông báo",
            f"Kết luận của đồng chí {L.nfc(setup.chair)} tại {meeting}" if setup else f"Kết luận {meeting}",
        ),
    ]
    if setup is not None:
        story.append(
            L.body(
                f"Ngày {format_date(setup.held_on)}, tại {L.nfc(setup.place)}, {name} tổ chức Hội nghị tổng "
                f"kết công tác thi đua năm {year}, triển khai nhiệm vụ năm {year + 1}. {chaired_by(setup)[:1].upper()}"
                f"{chaired_by(setup)[1:]} chủ trì Hội nghị; dự Hội nghị có {len(setup.delegates)} đại biểu "
                f"Ban Thường trực các đơn vị trong Cụm. Sau khi nghe báo cáo tổng kết, các đơn vị chấm điểm, "
                f"bình xét thi đua, suy tôn và bầu Cụm trưởng, Cụm phó năm {year + 1}, đồng chí chủ trì Hội "
                "nghị kết luận như sau:"
            )
        )
    else:
        story += L.dotted("", 3)
    story.append(L.heading("I. KẾT QUẢ HỘI NGHỊ"))
    if current.view is not None and current.view.criteria:
        ranked = "; ".join(
            f"{front_of(r.unit)}: {show(r.agreed_total)} điểm, xếp thứ {rank_text(r.rank, r.tied)}"
            for r in current.rows
        )
        story.append(L.body(f"1. Kết quả chấm điểm, xếp thứ: {ranked}."))
        story += [L.body(text) for text in ties(current, proposals, found)]
    else:
        story += L.dotted("1. Kết quả chấm điểm, xếp thứ:", 3)
    for i, result in enumerate(found, start=2):
        if result.held:
            story.append(L.body(f"{i}. {heading(result)}: {outcome(result, name)}"))
        else:
            story += L.dotted(f"{i}. {heading(result)}:", 2)
    number = len(found) + 2
    if proposals:
        listed = "; ".join(f"{front_of(p.unit)} ({L.nfc(p.title)})" for p in proposals)
        story.append(
            L.body(
                f"{number}. Hội nghị thống nhất đề nghị Ủy ban MTTQ Việt Nam Thành phố khen thưởng: {listed}."
            )
        )
    else:
        story += L.dotted(f"{number}. Đề nghị khen thưởng:", 2)
    story.append(L.heading("II. Ý KIẾN KẾT LUẬN"))
    lines = setup.conclusion_lines() if setup else []
    story += [L.body(f"{i}. {line}") for i, line in enumerate(lines, start=1)] or L.dotted("", 8)
    story.append(
        L.signature(
            issuer,
            keep_with=[L.body(f"{name} thông báo để các đơn vị trong Cụm biết, thực hiện./.")],
        )
    )
    return story


def build(session: Session, request: ReportRequest) -> Built:
    require_scope(request, SCOPES)
    name = L.nfc(find_cluster(session, request.code).name)
    story: list[Flowable] = [*L.new_document(), *notice_story(session, request)]
    title = f"Thông báo kết luận Hội nghị tổng kết năm {request.year} - {name}"
    return L.document(story, title, name)
