"""Giấy mời: the cluster invites its members' standing boards to the year-end review meeting, with the
date, time and place from the meeting's set-up (``review.meeting``); without one, the lines are left
to fill in and the invitation is a draft (``readiness``)."""

from __future__ import annotations

from reportlab.platypus import Flowable
from sqlalchemy.orm import Session

from emulation_desktop.locale.formatting import admin_date
from emulation_desktop.reports import layout as L
from emulation_desktop.reports.report_data import cluster_issuer, find_cluster, front_of, members
from emulation_desktop.reports.request import Built, ReportRequest, require_scope
from emulation_desktop.review.meeting import MeetingSetup, meeting_of

KIND = "review-invitation"
SCOPES = ("cluster",)
WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")


def meeting_time(setup: MeetingSetup) -> str:
    """ "08 giờ 00, thứ Ba, ngày 08 tháng 11 năm 2022"."""
    hour, minute = setup.hour_minute
    return f"{hour:02d} giờ {minute:02d}, {WEEKDAYS[setup.held_on.weekday()]}, {admin_date(setup.held_on)}"


def chaired_by(setup: MeetingSetup) -> str:
    return f"đồng chí {L.nfc(setup.chair)}" + (f", {L.nfc(setup.chair_title)}" if setup.chair_title else "")


def invitation_story(session: Session, request: ReportRequest) -> list[Flowable]:
    """The invitation's pages (the meeting pack holds them too)."""
    year = request.year
    cluster = find_cluster(session, request.code)
    issuer, _head = cluster_issuer(session, cluster, year)
    name = L.nfc(cluster.name)
    member_list = members(session, cluster, year)
    setup = meeting_of(session, cluster.code, year)
    st = L.styles()
    story: list[Flowable] = [
        *L.header(issuer.with_suffix("GM-CTĐ"), request.date()),
        *L.title(
            "Giấy mời",
            f"Dự Hội nghị tổng kết công tác thi đua năm {year}, triển khai nhiệm vụ năm {year + 1}",
        ),
        L.para(f"Kính gửi: Ban Thường trực các đơn vị trong {name}", st.center),
        *(L.para(f"- {front_of(m.unit)};", st.body) for m in member_list),
        L.body(
            f"{name} tổ chức Hội nghị tổng kết công tác thi đua năm {year}, triển khai nhiệm vụ năm "
            f"{year + 1}; trân trọng kính mời đại diện Ban Thường trực các đơn vị dự Hội nghị."
        ),
    ]
    if setup is None:
        story += [*L.dotted("Thời gian:"), *L.dotted("Địa điểm:"), *L.dotted("Chủ trì:")]
    else:
        story += [
            L.bold_lead("Thời gian:", f"{meeting_time(setup)}."),
            L.bold_lead("Địa điểm:", f"{L.nfc(setup.place)}."),
            L.bold_lead("Chủ trì:", f"{chaired_by(setup)}."),
        ]
    story += [
        L.body(
            f"Đề nghị các đơn vị chuẩn bị báo cáo kết quả thi đua năm {year}, bảng tự chấm điểm theo bảng "
            f"tiêu chí của Cụm và cử đại biểu dự Hội nghị đúng thành phần."
        ),
    ]
    story.append(
        L.signature(
            issuer,
            ["Như trên;", "Ban Thường trực Ủy ban MTTQ Việt Nam Thành phố (để b/c);", "Lưu: VT."],
            keep_with=[L.body("Rất mong các đồng chí đến dự đúng giờ./.")],
        )
    )
    return story


def build(session: Session, request: ReportRequest) -> Built:
    require_scope(request, SCOPES)
    name = L.nfc(find_cluster(session, request.code).name)
    story: list[Flowable] = [*L.new_document(), *invitation_story(session, request)]
    title = f"Giấy mời dự Hội nghị tổng kết năm {request.year} - {name}"
    return L.document(story, title, name)
