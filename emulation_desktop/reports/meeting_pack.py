"""The cluster's year-end review pack, in one PDF that prints in one go, from the meeting's set-up
(``review.meeting``): a cover with the contents, then the invitation, the agenda, the delegate list,
the cluster's report, the summary of the scores, blank scoring sheets for the meeting, one acclaim and
one election ballot per delegate, a tally record per vote, the minutes, the commendation proposal, next
year's emulation agreement and the notice of the conclusions.

The pages are numbered on across the parts (from the second page; the ballot sheets, cut in two, carry
no number), so the contents can say where each part starts: the pack is laid out once to learn that,
then again with the contents filled in. A part whose data is missing (no criteria set for the year, no
set-up) says so in its place; the pack is then a draft listing what is missing (``readiness``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from reportlab.platypus import Flowable, Spacer
from sqlalchemy.orm import Session

from emulation_desktop.reports import layout as L
from emulation_desktop.reports import tables as T
from emulation_desktop.reports.cluster import cluster_story
from emulation_desktop.reports.report_data import Member, cluster_issuer, find_cluster, front_of, members
from emulation_desktop.reports.request import Built, ReportRequest, require_scope
from emulation_desktop.reports.review_agreement import agreement_story
from emulation_desktop.reports.review_ballots import leader_ballot, roles_ballot, two_per_page
from emulation_desktop.reports.review_invitation import invitation_story, meeting_time
from emulation_desktop.reports.review_minutes import minutes_closing, minutes_opening, minutes_story
from emulation_desktop.reports.review_notice import notice_story
from emulation_desktop.reports.review_proposal import proposal_story
from emulation_desktop.reports.review_scoring_sheet import ReviewData, blank_sheet, review_data
from emulation_desktop.reports.review_summary import summary_story
from emulation_desktop.reports.review_tally import heading, vote_tally
from emulation_desktop.review.criteria_view import find_set
from emulation_desktop.review.elections import results
from emulation_desktop.review.meeting import MeetingSetup, meeting_of

KIND = "meeting-pack"
SCOPES = ("cluster",)

# The agenda: minutes from the start, what, who ("{head}": the host unit's short name).
AGENDA = (
    (0, 15, "Đón tiếp đại biểu", "Đơn vị Cụm trưởng ({head})"),
    (15, 10, "Tuyên bố lý do, giới thiệu đại biểu", "Đơn vị Cụm trưởng ({head})"),
    (25, 30, "Báo cáo tổng kết công tác thi đua năm {year} của {name}", "Cụm trưởng"),
    (55, 35, "Tham luận của các đơn vị trong Cụm", "Các đơn vị"),
    (90, 30, "Chấm điểm, bình xét thi đua; thông qua bảng tổng hợp kết quả chấm điểm", "Các đơn vị"),
    (120, 20, "Suy tôn đơn vị dẫn đầu; bầu Cụm trưởng, Cụm phó năm {next}; kiểm phiếu", "Tổ kiểm phiếu"),
    (140, 20, "Phát biểu kết luận", "Chủ trì hội nghị"),
    (160, 10, "Bàn giao nhiệm vụ Cụm trưởng; ký giao ước thi đua năm {next}", "Cụm trưởng"),
    (170, 10, "Thông qua biên bản; bế mạc hội nghị", "Đơn vị Cụm trưởng ({head})"),
)
NO_CRITERIA = "Chưa có bảng tiêu chí chấm điểm thi đua năm {year} của Cụm."
NO_SETUP = "Chưa thiết lập hội nghị: chưa có danh sách đại biểu để in phiếu."


@dataclass
class Part:
    title: str  # its line in the contents
    make: Callable[[], list[Flowable]]  # fresh flowables each time (the pack is laid out twice)
    orientation: str = "portrait"


def _agenda(issuer: L.Issuer, request: ReportRequest, name: str, head: Member, setup: MeetingSetup | None):
    year = request.year
    start = datetime.combine(setup.held_on, datetime.min.time()) if setup else None
    if setup is not None and start is not None:
        hour, minute = setup.hour_minute
        start = start.replace(hour=hour, minute=minute)
    rows = []
    for offset, length, what, who in AGENDA:
        when = ""
        if start is not None:
            begin, end = start + timedelta(minutes=offset), start + timedelta(minutes=offset + length)
            when = f"{begin:%H}h{begin:%M} - {end:%H}h{end:%M}"
        values = {"head": head.short_name, "year": year, "next": year + 1, "name": name}
        rows.append((when, what.format(**values), who.format(**values)))
    story: list[Flowable] = [
        *L.header(issuer.with_suffix("CT-CTĐ"), request.date()),
        *L.title(
            "Chương trình",
            f"Hội nghị tổng kết công tác thi đua năm {year}, triển khai nhiệm vụ năm {year + 1}",
            name,
        ),
    ]
    if setup is None:
        story += [*L.dotted("Thời gian:"), *L.dotted("Địa điểm:")]
    else:
        story += [
            L.bold_lead("Thời gian:", f"{meeting_time(setup)}."),
            L.bold_lead("Địa điểm:", f"{L.nfc(setup.place)}."),
        ]
    story += [
        Spacer(1, 6),
        T.RowsTable(
            [T.Column("Thời gian", 18, "center"), T.Column("Nội dung", 52), T.Column("Thực hiện", 30)],
            rows,
            size=12,
            pad=5,
        ),
    ]
    return story


def _delegates(request: ReportRequest, name: str, setup: MeetingSetup | None, member_list: list[Member]):
    """The delegates of the set-up with a column to sign in; lines to fill in without one."""
    rows: list[T.Row | tuple[str, ...]] = []
    if setup is None:
        rows.append(T.Row(("Đại biểu Ủy ban MTTQ Việt Nam Thành phố",), bold=True, span=True))
        rows += [("", "", "", "") for _ in range(2)]
        for member in member_list:
            rows.append(T.Row((front_of(member.unit),), bold=True, span=True))
            rows += [("", "", "", "") for _ in range(3)]
    else:
        number = 0
        groups = [("", "Đại biểu khách mời")] + [(m.unit.code, front_of(m.unit)) for m in member_list]
        for code, label in groups:
            present = [d for d in setup.delegates if d.unit_code == code]
            if not present:
                continue
            rows.append(T.Row((label,), bold=True, span=True))
            for d in present:
                number += 1
                rows.append((str(number), L.nfc(d.name), L.nfc(d.title), ""))
    return [
        *L.title(
            "Danh sách đại biểu",
            f"Dự Hội nghị tổng kết công tác thi đua năm {request.year} - {name}",
        ),
        T.RowsTable(
            [
                T.Column("TT", 7, "center"),
                T.Column("Họ và tên", 35),
                T.Column("Chức vụ", 35),
                T.Column("Ký tên", 23),
            ],
            rows,
            size=12,
            pad=6,
        ),
    ]


def _lacking(title: str, summary: str, line: str) -> list[Flowable]:
    """A part that cannot be printed yet: its title and what it waits for."""
    return [*L.title(title, summary), L.para(line, L.styles().center_italic)]


def _blank_minutes(issuer: L.Issuer, request: ReportRequest, name: str, setup: MeetingSetup | None):
    """The minutes to write at the meeting, while the scores are not there to print them filled."""
    year = request.year
    return [
        *minutes_opening(issuer, request, name, setup),
        *L.dotted("Thành phần tham dự:", 3),
        L.heading("NỘI DUNG HỘI NGHỊ"),
        *L.dotted("", 8),
        L.heading("KẾT QUẢ CHẤM ĐIỂM, BÌNH XÉT, SUY TÔN"),
        *L.dotted("Xếp thứ; các đơn vị đồng điểm và cách Hội nghị quyết định:", 3),
        *L.dotted("Đơn vị dẫn đầu được suy tôn:", 2),
        *L.dotted(f"Cụm trưởng năm {year + 1}:"),
        *L.dotted(f"Cụm phó năm {year + 1}:"),
        *L.dotted("Các đơn vị đề nghị khen thưởng:", 3),
        L.heading("Ý KIẾN KẾT LUẬN CỦA CHỦ TRÌ HỘI NGHỊ"),
        *L.dotted("", 6),
        *minutes_closing(setup),
    ]


def _parts(session: Session, request: ReportRequest) -> list[Part]:
    cluster = find_cluster(session, request.code)
    year = request.year
    issuer, head = cluster_issuer(session, cluster, year)
    member_list = members(session, cluster, year)
    name = L.nfc(cluster.name)
    setup = meeting_of(session, cluster.code, year)
    view = find_set(session, cluster.code, year)
    data: ReviewData | None = review_data(session, cluster, year) if view and view.criteria else None
    found = results(session, cluster.code, year)
    no_criteria = NO_CRITERIA.format(year=year)
    every = [front_of(m.unit) for m in member_list]
    ballots = len(setup.delegates) if setup else 0

    parts = [
        Part("Giấy mời", lambda: invitation_story(session, request)),
        Part("Chương trình hội nghị", lambda: _agenda(issuer, request, name, head, setup)),
        Part("Danh sách đại biểu", lambda: _delegates(request, name, setup, member_list)),
        Part(f"Báo cáo tổng hợp kết quả thi đua năm {year}", lambda: cluster_story(session, request)),
    ]
    if data is not None:
        review = data
        parts += [
            Part(
                "Bảng tổng hợp kết quả chấm điểm thi đua",
                lambda: summary_story(request, review, issuer),
                "landscape",
            ),
            Part(
                f"Phiếu chấm điểm thi đua ({len(member_list)} đơn vị, để chấm tại Hội nghị)",
                lambda: [
                    flowable
                    for i, m in enumerate(member_list)
                    for flowable in [*(L.next_part() if i else []), *blank_sheet(request, review, m.unit)]
                ],
            ),
        ]
    else:
        parts += [
            Part(
                "Bảng tổng hợp kết quả chấm điểm thi đua",
                lambda: _lacking(
                    "Bảng tổng hợp", f"Kết quả chấm điểm thi đua năm {year} - {name}", no_criteria
                ),
            ),
            Part(
                "Phiếu chấm điểm thi đua",
                lambda: _lacking("Phiếu chấm điểm thi đua", f"Năm {year} - {name}", no_criteria),
            ),
        ]
    if ballots:
        parts += [
            Part(
                f"Phiếu suy tôn đơn vị dẫn đầu ({ballots} phiếu)",
                lambda: two_per_page(
                    [leader_ballot(year, name, every) for _ in range(ballots)], in_pack=True
                ),
            ),
            Part(
                f"Phiếu bầu Cụm trưởng, Cụm phó năm {year + 1} ({ballots} phiếu)",
                lambda: two_per_page(
                    [roles_ballot(year + 1, name, every) for _ in range(ballots)], in_pack=True
                ),
            ),
        ]
    else:
        parts.append(
            Part(
                "Phiếu suy tôn, phiếu bầu",
                lambda: _lacking("Phiếu suy tôn, phiếu bầu", f"Năm {year} - {name}", NO_SETUP),
            )
        )
    for result in found:
        parts.append(
            Part(
                f"Biên bản kiểm phiếu: {heading(result)}",
                lambda result=result: vote_tally(request, issuer, name, result, len(member_list)),
            )
        )
    if data is not None:
        review = data
        parts += [
            Part("Biên bản hội nghị", lambda: minutes_story(session, request, review, issuer)),
            Part("Tờ trình đề nghị khen thưởng", lambda: proposal_story(session, request, review, issuer)),
        ]
    else:
        parts.append(Part("Biên bản hội nghị", lambda: _blank_minutes(issuer, request, name, setup)))
    parts += [
        Part(f"Giao ước thi đua năm {year + 1}", lambda: agreement_story(session, request)),
        Part("Thông báo kết luận hội nghị", lambda: notice_story(session, request)),
    ]
    return parts


def _cover(
    issuer: L.Issuer,
    request: ReportRequest,
    name: str,
    setup: MeetingSetup | None,
    rows: list[tuple[str, ...]],
) -> list[Flowable]:
    year = request.year
    st = L.styles()
    when = f"{meeting_time(setup)} - {L.nfc(setup.place)}" if setup else ""
    return [
        L.para(L.upper(" ".join(issuer.parent_lines)), st.center),
        L.para(L.upper(name), st.sign),
        Spacer(1, 18),
        L.para("TÀI LIỆU", st.title),
        L.para(
            f"Hội nghị tổng kết công tác thi đua năm {year}, triển khai nhiệm vụ năm {year + 1}",
            st.summary,
        ),
        L.Rule(),
        L.para(when, st.center_italic) if when else Spacer(1, 1),
        Spacer(1, 10),
        L.para("MỤC LỤC", st.title),
        Spacer(1, 6),
        T.RowsTable(
            [T.Column("TT", 8, "center"), T.Column("Tài liệu", 78), T.Column("Trang", 14, "center")],
            rows,
            size=12,
            pad=4,
        ),
    ]


def build(session: Session, request: ReportRequest) -> Built:
    require_scope(request, SCOPES)
    cluster = find_cluster(session, request.code)
    year = request.year
    issuer, _head = cluster_issuer(session, cluster, year)
    name = L.nfc(cluster.name)
    setup = meeting_of(session, cluster.code, year)
    if setup is not None and request.issued_on is None:
        request = replace(request, issued_on=setup.held_on)  # the meeting's papers bear its date
    parts = _parts(session, request)
    title = f"Tài liệu Hội nghị tổng kết công tác thi đua năm {year} - {name}"

    def lay_out(pages: dict[object, int]) -> tuple[bytes, dict[object, int]]:
        found: dict[object, int] = {}
        rows = [
            (str(i), part.title, str(pages.get(i, "")) if pages else "00")
            for i, part in enumerate(parts, start=1)
        ]
        story: list[Flowable] = [*L.new_document(), *_cover(issuer, request, name, setup, rows)]
        for i, part in enumerate(parts, start=1):
            story += [*L.next_part(part.orientation), L.PageMark(found, i), *part.make()]
        return L.render(story, title=title, author=name, subject=title), found

    _first, pages = lay_out({})
    pdf, again = lay_out(pages)
    if again != pages:  # the contents moved a part (they never should: the cover is one page)
        pdf, _ = lay_out(again)
    return Built(pdf, L.nfc(title))
