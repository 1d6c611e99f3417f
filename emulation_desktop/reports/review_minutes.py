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
from emulation_desktop.reports.review_scoring_sheet import ReviewData, cluster_review
from emulation_desktop.reports.review_summary import ranking_table
from emulation_desktop.reports.review_tally import ballots_line, front_of_name, heading, not_held, outcome
from emulation_desktop.review.board import Board, ProposalRow, commendations
from emulation_desktop.review.elections import ElectionResult, next_year_roles, results
from emulation_desktop.review.meeting import MeetingSetup, meeting_of
from emulation_desktop.review.points import show

KIND = "review-minutes"
SCOPES = ("cluster",)
BLANK_TIME = "Hồi ..... giờ ..... ngày ..... tháng ..... năm"


def minutes_opening(
    issuer: L.Issuer, request: ReportRequest, name: str, setup: MeetingSetup | None = None
) -> list[Flowable]:
    """The head of the conference's minutes (also the meeting pack's blank ones): number, title, when,
    where, who chaired and who kept the record, from the meeting's set-up (lines to fill in without
    one)."""
    year = request.year
    out: list[Flowable] = [
        *L.header(issuer.with_suffix("BB-CTĐ"), request.date()),
        *L.title(
            "Biên bản",
            f"Hội nghị tổng kết công tác thi đua năm {year}, triển khai nhiệm vụ năm {year + 1}",
            name,
        ),
    ]
    if setup is None:
        return [
            *out,
            *L.dotted(f"Thời gian: {BLANK_TIME}"),
            *L.dotted("Địa điểm:"),
            *L.dotted("Chủ trì hội nghị:"),
            *L.dotted("Thư ký hội nghị:"),
        ]
    st = L.styles()
    return [
        *out,
        L.para(f"Thời gian: {when_text(setup)}.", st.body_plain),
        L.para(f"Địa điểm: {L.nfc(setup.place)}.", st.body_plain),
        L.para(f"Chủ trì hội nghị: {person(setup.chair, setup.chair_title)}.", st.body_plain),
        L.para(f"Thư ký hội nghị: {person(setup.secretary, setup.secretary_title)}.", st.body_plain),
    ]


def when_text(setup: MeetingSetup) -> str:
    """ "08 giờ 00, ngày 08 tháng 11 năm 2022"."""
    hour, minute = setup.hour_minute
    return f"{hour:02d} giờ {minute:02d}, {admin_date(setup.held_on)}"


def person(name: str, title: str) -> str:
    """ "đồng chí Đàm Văn Huân, Phó Chủ tịch ..." (the position only when given)."""
    return f"đồng chí {L.nfc(name)}" + (f", {L.nfc(title)}" if title else "")


def minutes_closing(setup: MeetingSetup | None = None) -> list[Flowable]:
    """The end of the minutes: the closing time and adoption, then the secretary's and the chair's
    signatures (with their names from the set-up)."""
    return [
        L.body(
            "Hội nghị kết thúc vào hồi ..... giờ ..... cùng ngày. Biên bản đã được thông qua tại Hội nghị."
        ),
        L.sign_columns(
            ("Thư ký hội nghị",),
            ("Chủ trì hội nghị",),
            names=(setup.secretary, setup.chair) if setup else (),
        ),
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
    data, issuer, _head = cluster_review(session, request, SCOPES)
    story: list[Flowable] = [*L.new_document(), *minutes_story(session, request, data, issuer)]
    title = f"Biên bản Hội nghị tổng kết công tác thi đua năm {request.year} - {data.name}"
    pdf = L.render(story, title=title, author=data.name, subject=title)
    return Built(pdf, L.nfc(title))


def attendance(setup: MeetingSetup | None, data: ReviewData) -> list[Flowable]:
    """Who attended: the delegates of the set-up by unit (the city's guests first), else the member
    units."""
    st = L.styles()
    if setup is None or not setup.delegates:
        return [
            L.para("Thành phần tham dự: đại diện Ban Thường trực các đơn vị trong Cụm:", st.body),
            *(
                L.para(f"- {front_of(r.unit)}", st.body)
                for r in sorted(data.board.rows, key=lambda r: r.code)
            ),
        ]
    guests = [d for d in setup.delegates if not d.unit_code]
    out: list[Flowable] = [L.para(f"Thành phần tham dự: {len(setup.delegates)} đại biểu, gồm:", st.body)]
    if guests:
        out.append(L.para("- " + "; ".join(person(d.name, d.title) for d in guests) + ".", st.body))
    for row in sorted(data.board.rows, key=lambda r: r.code):
        present = [d for d in setup.delegates if d.unit_code == row.code]
        if present:
            names = "; ".join(
                f"{L.nfc(d.name)}" + (f" ({L.nfc(d.title)})" if d.title else "") for d in present
            )
            out.append(L.para(f"- {front_of(row.unit)}: {names}.", st.body))
    return out


def minutes_story(
    session: Session, request: ReportRequest, data: ReviewData, issuer: L.Issuer
) -> list[Flowable]:
    """The minutes' pages (the meeting pack holds them too)."""
    year = request.year
    cluster = data.cluster
    name = data.name
    found = results(session, cluster.code, year)
    roles = next_year_roles(session, cluster.code, year)
    proposals = commendations(session, cluster.code, year)
    setup = meeting_of(session, cluster.code, year)
    st = L.styles()
    story: list[Flowable] = [
        *minutes_opening(issuer, request, name, setup),
        *attendance(setup, data),
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
    story.append(L.heading("V. Ý KIẾN KẾT LUẬN CỦA CHỦ TRÌ HỘI NGHỊ"))
    conclusions = setup.conclusion_lines() if setup else []
    story += [L.body(line) for line in conclusions] or L.dotted("", 5)
    story += minutes_closing(setup)
    return story
