"""The cluster's year-end review pack, in one PDF that prints in one go: agenda, delegate list, minutes
template, a scoring sheet per unit, the ballots (acclaiming the leading unit; next year's cluster head
and deputy, one copy per member), the tally sheet and the commendation proposal.

Each part starts on a new page and numbers its own pages (from its second page).
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer
from sqlalchemy import select
from sqlalchemy.orm import Session

from emulation_desktop.domain.models import Pledge
from emulation_desktop.indicators.compute import Report, compute
from emulation_desktop.indicators.scope import unit_scope
from emulation_desktop.reports import layout as L
from emulation_desktop.reports import tables as T
from emulation_desktop.reports.figures import NONE, cell
from emulation_desktop.reports.readiness import units_with_results
from emulation_desktop.reports.report_data import (
    Member,
    cluster_issuer,
    find_cluster,
    front_of,
    indicator_label,
    members,
)
from emulation_desktop.reports.request import Built, ReportRequest, require_scope
from emulation_desktop.reports.review_ballots import leader_ballot, roles_ballot
from emulation_desktop.reports.review_minutes import minutes_closing, minutes_opening
from emulation_desktop.reports.review_proposal import proposal_letter
from emulation_desktop.reports.review_scoring_sheet import review_data, unit_sheet
from emulation_desktop.review.criteria import find_set
from emulation_desktop.review.default_criteria import DEFAULT_CRITERIA

KIND = "meeting-pack"
SCOPES = ("cluster",)


def _agenda(issuer: L.Issuer, request: ReportRequest, name: str, head: Member) -> list[Flowable]:
    year = request.year
    items = [
        ("08h00 - 08h15", "Đón tiếp đại biểu", f"Đơn vị Cụm trưởng ({head.short_name})"),
        ("08h15 - 08h25", "Tuyên bố lý do, giới thiệu đại biểu", f"Đơn vị Cụm trưởng ({head.short_name})"),
        ("08h25 - 08h55", f"Báo cáo tổng kết công tác thi đua năm {year} của {name}", "Cụm trưởng"),
        ("08h55 - 09h30", "Tham luận của các đơn vị trong Cụm", "Các đơn vị"),
        ("09h30 - 10h00", "Chấm điểm, bình xét thi đua", "Các đơn vị"),
        (
            "10h00 - 10h20",
            f"Suy tôn đơn vị dẫn đầu; bầu Cụm trưởng, Cụm phó năm {year + 1}; kiểm phiếu",
            "Tổ kiểm phiếu",
        ),
        ("10h20 - 10h40", "Phát biểu chỉ đạo", "Lãnh đạo Ủy ban MTTQ Việt Nam Thành phố"),
        ("10h40 - 10h50", f"Bàn giao nhiệm vụ Cụm trưởng; ký giao ước thi đua năm {year + 1}", "Cụm trưởng"),
        ("10h50 - 11h00", "Bế mạc hội nghị", f"Đơn vị Cụm trưởng ({head.short_name})"),
    ]
    return [
        *L.header(issuer.with_suffix("CT-CTĐ"), request.date()),
        *L.title(
            "Chương trình",
            f"Hội nghị tổng kết công tác thi đua năm {year}, triển khai nhiệm vụ năm {year + 1}",
            name,
        ),
        *L.dotted("Thời gian:"),
        *L.dotted("Địa điểm:"),
        Spacer(1, 6),
        T.RowsTable(
            [T.Column("Thời gian", 18, "center"), T.Column("Nội dung", 52), T.Column("Thực hiện", 30)],
            items,
            size=12,
            pad=5,
        ),
    ]


def _delegates(
    issuer: L.Issuer, request: ReportRequest, name: str, member_list: list[Member]
) -> list[Flowable]:
    rows: list[T.Row | tuple[str, ...]] = [
        T.Row(("Đại biểu Ủy ban MTTQ Việt Nam Thành phố",), bold=True, span=True)
    ]
    rows += [("", "", "", "") for _ in range(2)]
    for member in member_list:
        rows.append(T.Row((front_of(member.unit),), bold=True, span=True))
        rows += [("", "", "", "") for _ in range(3)]
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


def _minutes(issuer: L.Issuer, request: ReportRequest, name: str) -> list[Flowable]:
    year = request.year
    story: list[Flowable] = [
        *minutes_opening(issuer, request, name),
        *L.dotted("Thành phần tham dự:", 3),
        L.heading("NỘI DUNG HỘI NGHỊ"),
        *L.dotted("", 12),
        L.heading("KẾT QUẢ CHẤM ĐIỂM, BÌNH XÉT, SUY TÔN"),
        *L.dotted("Đơn vị dẫn đầu được suy tôn:", 2),
        *L.dotted(f"Cụm trưởng năm {year + 1}:"),
        *L.dotted(f"Cụm phó năm {year + 1}:"),
        *L.dotted("Các đơn vị đề nghị khen thưởng:", 3),
        L.heading("Ý KIẾN KẾT LUẬN CỦA LÃNH ĐẠO ỦY BAN MTTQ VIỆT NAM THÀNH PHỐ"),
        *L.dotted("", 6),
        *minutes_closing(),
    ]
    return story


def _scoring_sheet(
    request: ReportRequest, name: str, member: Member, report: Report, recorded: bool
) -> list[Flowable]:
    """A member's sheet on the cluster's default table; ``recorded`` False (the member recorded nothing
    for the year) leaves its results as "–", not zeros."""
    year = request.year
    rows: list[T.Row | tuple[str, ...]] = []
    # The cluster's default scoring table (the cluster has no criteria set of its own).
    for i, item in enumerate(DEFAULT_CRITERIA, start=1):
        code = item.indicator_code
        rows.append(
            (
                str(i),
                indicator_label(code),
                cell(report.results[code].current, item.shown_as) if recorded else NONE,
                str(item.max_points),
                "",
                "",
            )
        )
    total = sum(item.max_points for item in DEFAULT_CRITERIA)
    rows.append(T.Row(("", "Tổng cộng", "", str(total), "", ""), bold=True))
    return [
        *L.title(
            "Phiếu chấm điểm thi đua",
            f"Năm {year} - {name}",
        ),
        L.para(f"Đơn vị được chấm: {front_of(member.unit)}", L.styles().center),
        T.RowsTable(
            [
                T.Column("TT", 7, "center"),
                T.Column("Tiêu chí", 35),
                T.Column("Kết quả đạt được", 20, "right"),
                T.Column("Điểm tối đa", 12, "center"),
                T.Column("Điểm tự chấm", 13, "center"),
                T.Column("Điểm Cụm chấm", 13, "center"),
            ],
            rows,
            size=11,
            pad=5,
        ),
        L.sign_columns(("Đơn vị tự chấm",), ("Đại diện Cụm chấm",)),
    ]


def _count_table(units: list[str], first: str, second: str) -> T.RowsTable:
    """The members, one line each, with two empty columns for the counts written in at the conference."""
    return T.RowsTable(
        [
            T.Column("TT", 7, "center"),
            T.Column("Đơn vị", 53),
            T.Column(first, 20, "center"),
            T.Column(second, 20, "center"),
        ],
        [(str(i), u, "", "") for i, u in enumerate(units, start=1)],
        size=12,
        pad=5,
    )


def _tally(issuer: L.Issuer, request: ReportRequest, name: str, member_list: list[Member]) -> list[Flowable]:
    year = request.year
    st = L.styles()
    units = [front_of(m.unit) for m in member_list]
    return [
        *L.header(issuer.with_suffix("BB-CTĐ"), request.date()),
        *L.title(
            "Biên bản kiểm phiếu",
            f"Suy tôn đơn vị dẫn đầu năm {year}; bầu Cụm trưởng, Cụm phó năm {year + 1}",
        ),
        *L.dotted("Tổ kiểm phiếu gồm:", 2),
        *L.dotted(
            "Tổng số phiếu phát ra: ........ phiếu; số phiếu thu về: ........ phiếu; hợp lệ: ........ phiếu"
        ),
        L.para("1. Kết quả suy tôn đơn vị dẫn đầu", st.subheading),
        _count_table(units, "Số phiếu đồng ý", "Tỷ lệ (%)"),
        Spacer(1, 6),
        L.para(f"2. Kết quả bầu Cụm trưởng, Cụm phó năm {year + 1}", st.subheading),
        _count_table(units, "Phiếu bầu Cụm trưởng", "Phiếu bầu Cụm phó"),
        Spacer(1, 6),
        *L.dotted("Kết quả:", 2),
        L.sign_columns(("Tổ kiểm phiếu",), ("Chủ trì hội nghị",), signer_space=18 * mm),
    ]


def _proposal(
    session: Session, issuer: L.Issuer, request: ReportRequest, name: str, member_list: list[Member]
) -> list[Flowable]:
    year = request.year
    rows = []
    for i, m in enumerate(member_list, start=1):
        title = session.scalar(
            select(Pledge.title).where(
                Pledge.unit_id == m.unit.id, Pledge.year == year, Pledge.deleted.is_(False)
            )
        )
        rows.append((str(i), front_of(m.unit), L.nfc(title or ""), ""))
    table = T.RowsTable(
        [
            T.Column("TT", 6, "center"),
            T.Column("Đơn vị", 36),
            T.Column("Danh hiệu đã đăng ký", 32),
            T.Column("Hình thức khen thưởng đề nghị", 26),
        ],
        rows,
        size=12,
        pad=5,
    )
    return proposal_letter(issuer, request, name, "các đơn vị", table)


def build(session: Session, request: ReportRequest) -> Built:
    require_scope(request, SCOPES)
    cluster = find_cluster(session, request.code)
    year = request.year
    issuer, head = cluster_issuer(session, cluster, year)
    member_list = members(session, cluster, year)
    name = L.nfc(cluster.name)

    parts: list[list[Flowable]] = [
        _agenda(issuer, request, name, head),
        _delegates(issuer, request, name, member_list),
        _minutes(issuer, request, name),
    ]
    # The cluster's own criteria set when it has one (with the scores given so far); else the cluster's
    # default table (review.default_criteria).
    review = review_data(session, cluster, year) if find_set(session, cluster.code, year) else None
    recorded = units_with_results(session, (m.unit.id for m in member_list), year)
    for member in member_list:
        if review is not None:
            parts.append(unit_sheet(session, request, review, review.board.row(member.unit.code)))
            continue
        report = compute(session, unit_scope(session, member.unit.code), year)
        parts.append(_scoring_sheet(request, name, member, report, member.unit.id in recorded))
    # One of each ballot per member; the "review-ballots" document prints as many as are issued.
    every = [front_of(m.unit) for m in member_list]
    parts += [[Spacer(1, 10 * mm), *leader_ballot(year, name, every)] for _ in member_list]
    parts += [[Spacer(1, 10 * mm), *roles_ballot(year + 1, name, every)] for _ in member_list]
    parts.append(_tally(issuer, request, name, member_list))
    parts.append(_proposal(session, issuer, request, name, member_list))

    story: list[Flowable] = []
    for i, part in enumerate(parts):
        story += L.new_document() if i == 0 else L.next_document()
        story += part
    title = f"Tài liệu Hội nghị tổng kết công tác thi đua năm {year} - {name}"
    pdf = L.render(story, title=title, author=name, subject=title)
    return Built(pdf, L.nfc(title))
