"""The emulation pledge form (bản đăng ký thi đua): the title a unit strives for and its targets.

For a unit, its form; for a cluster, every member's form in one PDF, each starting on a new page.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from emulation_desktop.domain.indicators import BY_CODE, INDICATORS
from emulation_desktop.domain.models import Pledge, PledgeTarget, Unit
from emulation_desktop.locale.formatting import format_number, format_percent
from emulation_desktop.operations.clusters import cluster_of_unit
from emulation_desktop.reports import layout as L
from emulation_desktop.reports import tables as T
from emulation_desktop.reports.report_data import (
    find_cluster,
    indicator_label,
    members,
    the_unit,
    unit_issuer,
)
from emulation_desktop.reports.request import Built, ReportRequest, require_scope

KIND = "pledge-form"
SCOPES = ("unit", "cluster")
_ORDER = {d.code: i for i, d in enumerate(INDICATORS)}


def target_text(target: PledgeTarget) -> str:
    """ "133 nhà", "7.690.000.000 đồng", "85,0%"; several parts joined when given together."""
    parts = []
    measure = BY_CODE[target.indicator_code].measure if target.indicator_code in BY_CODE else "count"
    if target.target_value is not None:
        parts.append(format_number(target.target_value) + (" nhà" if measure == "count_amount" else ""))
    if target.target_amount_vnd is not None:
        parts.append(f"{format_number(target.target_amount_vnd)} đồng")
    if target.target_percent is not None:
        parts.append(format_percent(target.target_percent / 1000, digits=1))
    return "; ".join(parts) or "-"


def _form(session: Session, unit: Unit, request: ReportRequest) -> list[object]:
    year = request.year
    issuer = unit_issuer(session, unit, year=year).with_suffix("ĐK-MTTQ")
    pledge = session.scalar(
        select(Pledge)
        .where(Pledge.unit_id == unit.id, Pledge.year == year, Pledge.deleted.is_(False))
        .order_by(Pledge.created_at)
    )
    targets = (
        list(
            session.scalars(
                select(PledgeTarget).where(
                    PledgeTarget.pledge_id == pledge.id, PledgeTarget.deleted.is_(False)
                )
            )
        )
        if pledge
        else []
    )
    targets.sort(key=lambda t: _ORDER.get(t.indicator_code, 999))
    cluster = cluster_of_unit(session, unit.id, year)
    cluster_name = L.nfc(cluster.name) if cluster else "Cụm thi đua"
    st = L.styles()
    story: list[object] = [
        *L.header(issuer, request.date(), request.number),
        *L.title("Bản đăng ký thi đua", f"Năm {year}"),
        L.para(f"Kính gửi: {cluster_name} - Ủy ban MTTQ Việt Nam Thành phố", st.center),
        L.body(
            f"Thực hiện hướng dẫn công tác thi đua, khen thưởng năm {year}, căn cứ chức năng, nhiệm vụ và tình "
            f"hình thực tế của địa phương, Ban Thường trực {issuer.name_in_text} đăng ký thi đua năm {year} "
            "như sau:"
        ),
        L.heading("I. DANH HIỆU THI ĐUA ĐĂNG KÝ"),
    ]
    if pledge:
        story.append(L.body(f"Tập thể {issuer.name_in_text} đăng ký danh hiệu “{pledge.title}”."))
        if pledge.registered_on:
            story.append(L.body(f"Ngày đăng ký: {pledge.registered_on:%d/%m/%Y}."))
    else:
        story += L.dotted("Danh hiệu:", 2)
    story += L.heading_before_table("II. CÁC NỘI DUNG, CHỈ TIÊU THI ĐUA")
    rows = [
        (str(i), indicator_label(t.indicator_code), target_text(t), L.nfc(t.note))
        for i, t in enumerate(targets, start=1)
    ]
    if not rows:  # an empty form to fill in by hand
        rows = [(str(i), indicator_label(d.code), "", "") for i, d in enumerate(INDICATORS, start=1)]
    story.append(
        T.RowsTable(
            [
                T.Column("TT", 5, "center"),
                T.Column("Nội dung, chỉ tiêu thi đua", 48),
                T.Column("Chỉ tiêu đăng ký", 30, "right"),
                T.Column("Ghi chú", 17),
            ],
            rows,
        )
    )
    closing = L.body(
        f"Ban Thường trực {issuer.name_in_text} cam kết tổ chức thực hiện tốt các nội dung, chỉ tiêu đã đăng "
        f"ký, phấn đấu hoàn thành xuất sắc nhiệm vụ năm {year}."
    )
    story.append(L.signature(issuer, [f"{cluster_name};", "Lưu: VT."], keep_with=[closing]))
    return story


def build(session: Session, request: ReportRequest) -> Built:
    require_scope(request, SCOPES)
    if request.scope == "unit":
        units = [the_unit(session, request.code)]
        name = units[0].name
    else:
        cluster = find_cluster(session, request.code)
        units = [m.unit for m in members(session, cluster, request.year)]
        name = cluster.name
    story: list[object] = []
    for i, unit in enumerate(units):
        story += L.new_document() if i == 0 else L.next_document()
        story += _form(session, unit, request)
    title = f"Bản đăng ký thi đua năm {request.year} - {name}"
    pdf = L.render(story, title=title, author=L.nfc(name), subject=title)  # type: ignore[arg-type]
    return Built(pdf, L.nfc(title))
