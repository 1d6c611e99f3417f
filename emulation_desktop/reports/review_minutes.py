"""Biên bản Hội nghị tổng kết: the conference's record with the ranking, the acclaim and election
results, next year's cluster head and deputy, and the commendations proposed.

Its opening and closing serve the meeting pack's blank minutes too."""

from __future__ import annotations

from reportlab.platypus import Flowable
from sqlalchemy.orm import Session

from emulation_desktop.locale.formatting import admin_date
from emulation_desktop.reports import layout as L
from emulation_desktop.reports.report_data import front_of
from emulation_desktop.reports.request import Built, ReportRequest
from emulation_desktop.reports.review_scoring_sheet import cluster_review
from emulation_desktop.reports.review_summary import ranking_table
from emulation_desktop.reports.review_tally import ballots_line, front_of_name, heading, not_held, outcome
from emulation_desktop.review.board import Board, ProposalRow, commendations
from emulation_desktop.review.elections import ElectionResult, next_year_roles, results
from emulation_desktop.review.points import show

KIND = "review-minutes"
SCOPES = ("cluster",)
BLANK_TIME = "Hồi ..... giờ ..... ngày ..... tháng ..... năm"


def minutes_opening(
    issuer: L.Issuer, request: ReportRequest, name: str, *, when: str = BLANK_TIME, place: str = ""
) -> list[Flowable]:
    """The head of the conference's minutes (also the meeting pack's blank ones): number, title, when,
    where, who chaired and who kept the record."""
    year = request.year
    return [
        *L.header(issuer.with_suffix("BB-CTĐ"), request.date()),
        *L.title(
            "Biên bản",
            f"Hội nghị tổng kết công tác thi đua năm {year}, triển khai nhiệm vụ năm {year + 1}",
            name,
        ),
        *L.dotted(f"Thời gian: {when}"),
        *L.dotted(f"Địa điểm: {place}" if place else "Địa điểm:"),
        *L.dotted("Chủ trì hội nghị:"),
        *L.dotted("Thư ký hội nghị:"),
    ]


def minutes_closing() -> list[Flowable]:
    """The end of the minutes: the closing time and adoption, then the secretary's and the chair's
    signatures."""
    return [
        L.body(
            "Hội nghị kết thúc vào hồi ..... giờ ..... cùng ngày. Biên bản đã được thông qua tại Hội nghị."
        ),
        L.sign_columns(("Thư ký hội nghị",), ("Chủ trì hội nghị",)),
    ]


def _inside(text: str) -> str:
    """A recorded sentence quoted inside another: its capital dropped (not an abbreviation's), no stop."""
    text = L.nfc(text).strip().rstrip(".")
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _names(units: list[str]) -> str:
    return units[0] if len(units) == 1 else ", ".join(units[:-1]) + " và " + units[-1]


def ties(board: Board, proposals: list[ProposalRow], found: list[ElectionResult]) -> list[str]:
    """One sentence per group of units tied on the agreed total, and how the conference decided between
    them, from what the review holds: the acclaim of the leading unit (for a tie at the top), and the
    commendations proposed for some of them but not the others, with the reason recorded. When nothing
    recorded tells them apart, the tie is stated as it stands."""
    leading = next((r for r in found if r.kind == "leading_unit" and r.status == "elected"), None)
    proposed = {p.unit.code: p for p in proposals}
    out = []
    for group in board.ranking_groups():
        if len(group) < 2:
            continue
        units = [front_of(r.unit) for r in group]
        text = (
            f"{_names(units)} đồng điểm ({show(group[0].agreed_total)} điểm), cùng xếp thứ {group[0].rank}."
        )
        codes = {r.code for r in group}
        if group[0].rank == 1 and leading is not None and leading.winner and leading.winner.code in codes:
            text += (
                f" Hội nghị đã bỏ phiếu suy tôn {front_of_name(leading.winner.name)} là đơn vị dẫn đầu "
                f"({leading.winner.votes}/{leading.valid} phiếu hợp lệ)."
            )
        chosen = [r for r in group if r.code in proposed]
        if chosen and len(chosen) < len(group):
            for r in chosen:
                p = proposed[r.code]
                text += f" Hội nghị thống nhất đề nghị khen thưởng {front_of(r.unit)} ({L.nfc(p.title)})"
                text += f" với thành tích: {_inside(p.reason)}." if p.reason else "."
        out.append(text)
    return out


def build(session: Session, request: ReportRequest) -> Built:
    year = request.year
    data, issuer, head = cluster_review(session, request, SCOPES)
    cluster = data.cluster
    name = data.name
    found = results(session, cluster.code, year)
    held_on = next((r.held_on for r in found if r.held_on), None)
    roles = next_year_roles(session, cluster.code, year)
    proposals = commendations(session, cluster.code, year)
    st = L.styles()
    story: list[Flowable] = [
        *L.new_document(),
        *minutes_opening(
            issuer,
            request,
            name,
            when=f"Hồi ..... giờ ..... {admin_date(held_on)}" if held_on else BLANK_TIME,
            place=f"trụ sở {front_of(head.unit)}",
        ),
        L.para("Thành phần tham dự: đại diện Ban Thường trực các đơn vị trong Cụm:", st.body),
        *(L.para(f"- {front_of(r.unit)}", st.body) for r in sorted(data.board.rows, key=lambda r: r.code)),
        L.heading("I. KẾT QUẢ CHẤM ĐIỂM, XẾP THỨ"),
        L.body(
            f"Căn cứ {L.nfc(data.view.set.title)}, các đơn vị đã tự chấm điểm; Hội nghị đã thảo luận, "
            "thống nhất điểm Cụm chấm và xếp thứ các đơn vị như sau:"
        ),
        ranking_table(data),
    ]
    story += [L.body(text) for text in ties(data.board, proposals, found)]
    story.append(L.heading(f"II. KẾT QUẢ SUY TÔN; BẦU CỤM TRƯỞNG, CỤM PHÓ NĂM {year + 1}"))
    for i, result in enumerate(found, start=1):
        if not result.held:
            story += [L.para(f"{i}. {heading(result)}:", st.subheading), *not_held()]
            continue
        story.append(L.bold_lead(f"{i}. {heading(result)}:", ballots_line(result)))
        story.append(L.body(outcome(result, name)))
    story.append(L.heading(f"III. CỤM TRƯỞNG, CỤM PHÓ NĂM {year + 1}"))
    for role, label in (("head", "Cụm trưởng"), ("deputy", "Cụm phó")):
        who = roles[role]
        story += [L.body(f"{label}: {front_of_name(who['unit'])}.")] if who else L.dotted(f"{label}:")
    story.append(L.heading("IV. ĐỀ NGHỊ KHEN THƯỞNG"))
    if proposals:
        story.append(L.body("Hội nghị thống nhất đề nghị Ủy ban MTTQ Việt Nam Thành phố khen thưởng:"))
        story += [L.body(f"- {front_of(p.unit)}: {L.nfc(p.title)}.") for p in proposals]
    else:
        story += L.dotted("Hội nghị thống nhất đề nghị khen thưởng:", 2)
    story += [
        L.heading("V. Ý KIẾN KẾT LUẬN CỦA LÃNH ĐẠO ỦY BAN MTTQ VIỆT NAM THÀNH PHỐ"),
        *L.dotted("", 5),
        *minutes_closing(),
    ]
    title = f"Biên bản Hội nghị tổng kết công tác thi đua năm {year} - {name}"
    pdf = L.render(story, title=title, author=name, subject=title)
    return Built(pdf, L.nfc(title))
