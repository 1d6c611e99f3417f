"""Giao ước thi đua: at the year-end review the members sign next year's emulation agreement, its
content the cluster's key tasks for next year (as written in the cluster's year-end report), each
member's chairman signing for its standing board. Without the key tasks it is a draft (``readiness``).
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table
from sqlalchemy.orm import Session

from emulation_desktop.reports import layout as L
from emulation_desktop.reports.report_data import (
    Member,
    cluster_issuer,
    find_cluster,
    front_of,
    members,
    signer_of,
)
from emulation_desktop.reports.request import Built, ReportRequest, require_scope
from emulation_desktop.reports.review_tally import front_of_name
from emulation_desktop.review.elections import next_year_roles
from emulation_desktop.review.meeting import meeting_of, next_year_tasks

KIND = "review-agreement"
SCOPES = ("cluster",)


def _signatures(session: Session, member_list: list[Member], year: int) -> Flowable:
    """The members' signature blocks, two a row: TM. BAN THƯỜNG TRỰC / the committee / CHỦ TỊCH / name."""
    st = L.styles()
    cells: list[list[Flowable]] = []
    for m in member_list:
        cells.append(
            [
                L.para("TM. BAN THƯỜNG TRỰC", st.sign),
                L.para("ỦY BAN MTTQ VIỆT NAM", st.sign),
                L.para(L.upper(m.unit.name), st.sign),
                L.para("CHỦ TỊCH", st.sign),
                Spacer(1, 24 * mm),
                L.para(signer_of(session, m.unit, year) or " ", st.sign),
                Spacer(1, 8 * mm),
            ]
        )
    if len(cells) % 2:
        cells.append([Spacer(1, 1)])
    table = Table([cells[i : i + 2] for i in range(0, len(cells), 2)], colWidths=["50%", "50%"])
    table.setStyle(L.cell_style())
    return table


def agreement_story(session: Session, request: ReportRequest) -> list[Flowable]:
    """The agreement's pages (the meeting pack holds them too)."""
    year = request.year
    cluster = find_cluster(session, request.code)
    issuer, _head = cluster_issuer(session, cluster, year)
    name = L.nfc(cluster.name)
    member_list = members(session, cluster, year)
    setup = meeting_of(session, cluster.code, year)
    tasks = next_year_tasks(session, cluster.code, year)
    roles = next_year_roles(session, cluster.code, year)
    signed_on = setup.held_on if setup else request.date()
    story: list[Flowable] = [
        *L.header(issuer.with_suffix("GƯTĐ-CTĐ"), signed_on),
        *L.title("Giao ước thi đua", f"Năm {year + 1} - {name}"),
        L.body(
            f"Thực hiện phong trào thi đua của Ủy ban MTTQ Việt Nam Thành phố; căn cứ kết quả công tác thi đua "
            f"năm {year} và nhiệm vụ năm {year + 1}, tại Hội nghị tổng kết công tác thi đua năm {year}, các "
            f"đơn vị trong {name} gồm: " + "; ".join(front_of(m.unit) for m in member_list) + ", "
            f"thống nhất ký giao ước thi đua năm {year + 1} với các nội dung sau:"
        ),
        L.heading("I. NỘI DUNG GIAO ƯỚC"),
    ]
    if tasks:
        story += [L.body(f"{i}. {L.nfc(task).rstrip(';.')}.") for i, task in enumerate(tasks, start=1)]
    else:
        story += L.dotted("", 8)
    head = roles.get("head")
    story += [
        L.heading("II. TỔ CHỨC THỰC HIỆN"),
        L.body(
            f"1. Các đơn vị đăng ký danh hiệu, chỉ tiêu thi đua năm {year + 1} ngay từ đầu năm; tổ chức thực "
            "hiện tốt các nội dung giao ước; thực hiện chế độ báo cáo, tự chấm điểm theo bảng tiêu chí "
            "của Cụm."
        ),
        L.body(
            f"2. {('Cụm trưởng năm ' + str(year + 1) + ' (' + front_of_name(head['unit']) + ')') if head else 'Cụm trưởng'} "
            f"theo dõi, đôn đốc các đơn vị thực hiện; tổng hợp kết quả thực hiện giao ước, báo cáo tại Hội "
            f"nghị tổng kết công tác thi đua năm {year + 1}."
        ),
        KeepTogether(
            [
                L.body(f"Giao ước được lập thành {len(member_list):02d} bản, mỗi đơn vị giữ 01 bản./."),
                Spacer(1, 6),
                _signatures(session, member_list, year),
            ]
        ),
    ]
    return story


def build(session: Session, request: ReportRequest) -> Built:
    require_scope(request, SCOPES)
    name = L.nfc(find_cluster(session, request.code).name)
    story: list[Flowable] = [*L.new_document(), *agreement_story(session, request)]
    title = f"Giao ước thi đua năm {request.year + 1} - {name}"
    return L.document(story, title, name)
