"""The cluster's consolidated report (báo cáo tổng hợp): members and roles, the narrative of the cluster's
totals, the shortcomings and the proposals, and an appendix table by district with the cluster totals
of this year and last year."""

from __future__ import annotations

from reportlab.platypus import Flowable
from sqlalchemy.orm import Session

from emulation_desktop.indicators.compute import compute
from emulation_desktop.indicators.scope import unit_scope
from emulation_desktop.operations.clusters import cluster_scope
from emulation_desktop.reports import layout as L
from emulation_desktop.reports import tables as T
from emulation_desktop.reports.annual import filled, previous_footnote, report_context
from emulation_desktop.reports.figures import NONE, cell, lines
from emulation_desktop.reports.readiness import units_with_results
from emulation_desktop.reports.report_data import cluster_signed, find_cluster, members
from emulation_desktop.reports.request import Built, ReportRequest, require_scope

KIND = "cluster"
SCOPES = ("cluster",)


def build(session: Session, request: ReportRequest) -> Built:
    require_scope(request, SCOPES)
    story = [*L.new_document(), *cluster_story(session, request)]
    name = L.nfc(find_cluster(session, request.code).name)
    title = f"Báo cáo tổng hợp kết quả thi đua năm {request.year} - {name}"
    pdf = L.render(story, title=title, author=name, subject=title)
    return Built(pdf, L.nfc(title))


def cluster_story(session: Session, request: ReportRequest) -> list[Flowable]:
    """The report's pages, its landscape appendix included (the meeting pack holds them too)."""
    year = request.year
    cluster = find_cluster(session, request.code)
    scope = cluster_scope(session, cluster.code, year)
    member_list = members(session, cluster, year)
    issuer, head, draft = cluster_signed(session, cluster, year, KIND)
    total = compute(session, scope, year)
    per_unit = [(m, compute(session, unit_scope(session, m.unit.code), year)) for m in member_list]
    name = L.nfc(cluster.name)
    names = ", ".join(m.short_name for m in member_list)
    deputy = next((m for m in member_list if m.role == "deputy"), None)

    # The same text as the cluster's year-end report drafts, kept under this document's own kind.
    text = filled(session, report_context(session, request), KIND, "cluster")
    recorded = units_with_results(session, scope.unit_ids, year)
    roles = f"Cụm trưởng: Ủy ban MTTQ Việt Nam huyện {head.short_name}"
    if deputy:
        roles += f"; Cụm phó: Ủy ban MTTQ Việt Nam huyện {deputy.short_name}"
    story: list[Flowable] = [
        *L.header(issuer, request.date(), request.number or (draft.number if draft else "")),
        *L.title("Báo cáo", f"Tổng hợp kết quả thi đua năm {year} của {name}"),
        L.body(
            f"{name} năm {year} gồm {len(member_list)} đơn vị: Ủy ban MTTQ Việt Nam các huyện {names}. "
            f"{roles}. Trên cơ sở báo cáo của các đơn vị, {name} tổng hợp kết quả thi đua năm {year} như sau:"
        ),
        L.heading(f"I. KẾT QUẢ THỰC HIỆN CÁC NỘI DUNG THI ĐUA NĂM {year}"),
        *L.paragraphs(text.narrative),
        L.heading("II. SỐ LIỆU TỔNG HỢP THEO ĐƠN VỊ"),
        L.body(
            f"Số liệu chi tiết của từng đơn vị và của toàn Cụm năm {year}, so với năm {year - 1}, tại Phụ lục "
            "kèm theo báo cáo này."
        ),
        L.heading("III. HẠN CHẾ, TỒN TẠI"),
        *L.paragraphs(text.shortcomings or ""),
        L.heading("IV. ĐỀ XUẤT, KIẾN NGHỊ"),
        *L.paragraphs(text.proposals or ""),
    ]
    closing = L.body(f"Trên đây là báo cáo tổng hợp kết quả thi đua năm {year} của {name}.")
    story.append(L.signature(issuer, keep_with=[closing]))

    # Appendix: the table by district, on landscape pages
    st = L.styles()
    story += L.switch_to("landscape")
    story += [
        L.para("PHỤ LỤC", st.title),
        L.para(f"Tổng hợp kết quả thi đua năm {year} theo đơn vị của {name}", st.summary),
        L.para(
            f"(Kèm theo Báo cáo tổng hợp kết quả thi đua năm {year} của {name})",
            st.center_italic,
        ),
    ]
    columns = [T.Column("TT", 3.5, "center"), T.Column("Nội dung, chỉ tiêu", 27)]
    columns += [T.Column(m.short_name, 11.5, "right") for m, _ in per_unit]
    columns += [
        T.Column(f"Toàn Cụm năm {year}", 12.5, "right"),
        T.Column(f"Toàn Cụm năm {year - 1}", 12.5, "right"),
    ]
    rows = []
    for i, line in enumerate(lines(), start=1):
        row = [str(i), line.label]
        row += [
            cell(report.results[line.code].current, line.part, newline=True)
            if m.unit.id in recorded
            else NONE
            for m, report in per_unit
        ]
        result = total.results[line.code]
        row += [
            cell(result.current, line.part, newline=True) if recorded else NONE,
            cell(result.previous, line.part, newline=True),
        ]
        rows.append(row)
    story.append(T.RowsTable(columns, rows, size=10))
    # The cluster's column of last year sums the old units its new members were formed from: say so.
    story += previous_footnote(total, cluster=True)
    return story
