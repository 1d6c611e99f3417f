"""The year-end report (báo cáo tổng kết): figures against last year, the narrative the clerk edited,
a chart, the shortcomings, next year's key tasks and the proposals. For a unit (its standing board), a
cluster (its head), or at the city's office the whole city (the city's standing board, over every
cluster's members: ``indicators.scope.city_scope``)."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.platypus import Flowable, KeepTogether, Spacer
from sqlalchemy.orm import Session

from emulation_desktop.indicators.compute import Report, compute
from emulation_desktop.indicators.scope import Scope, city_scope, unit_scope
from emulation_desktop.operations.clusters import cluster_of_unit, cluster_scope
from emulation_desktop.operations.report_drafts import Draft, get_draft
from emulation_desktop.reports import layout as L
from emulation_desktop.reports import tables as T
from emulation_desktop.reports.chart import comparison_chart
from emulation_desktop.reports.figures import comparison_rows
from emulation_desktop.reports.narrative import (
    DEFAULT_KEY_TASKS,
    DEFAULT_PROPOSALS,
    draft_narrative,
    draft_shortcomings,
)
from emulation_desktop.reports.readiness import units_with_results
from emulation_desktop.reports.report_data import (
    Member,
    city_clusters,
    city_issuer,
    cluster_signed,
    find_cluster,
    in_sentence,
    members,
    the_city,
    the_unit,
    unit_issuer,
)
from emulation_desktop.reports.request import CITY, SCOPES, Built, ReportRequest, require_scope

KIND = "annual"
ALL_SCOPES = (*SCOPES, CITY)


@dataclass
class ReportContext:
    scope: Scope
    report: Report
    issuer: L.Issuer
    subject: str
    short: str
    owner_id: str  # the unit the draft is kept under
    plan_of: str  # whose plan the report answers
    member_reports: dict[str, Report] | None
    member_list: list[Member]
    current_known: bool = True  # False: the scope has recorded nothing for the year yet
    whole: str = ""  # "Toàn huyện", "Toàn phường"…: how the narrative names the whole of a unit


def report_context(session: Session, request: ReportRequest) -> ReportContext:
    ctx = _scope_context(session, request)
    ctx.current_known = bool(units_with_results(session, ctx.scope.unit_ids, request.year))
    return ctx


def _scope_context(session: Session, request: ReportRequest) -> ReportContext:
    year = request.year
    if request.scope == "unit":
        unit = the_unit(session, request.code)
        scope = unit_scope(session, unit.code)
        draft = get_draft(session, unit.id, year, KIND, "unit")
        cluster = cluster_of_unit(session, unit.id, year)
        return ReportContext(
            scope=scope,
            report=compute(session, scope, year),
            issuer=unit_issuer(session, unit, draft.signer_name if draft else "", year),
            subject=f"hệ thống Mặt trận các cấp {in_sentence(unit, year)}",
            short=f"Mặt trận các cấp {in_sentence(unit, year)}",
            owner_id=unit.id,
            plan_of=L.nfc(cluster.name) if cluster else "Ủy ban MTTQ Việt Nam cấp trên",
            member_reports=None,
            member_list=[],
            whole=f"Toàn {L.nfc(unit.unit_type).lower() or 'đơn vị'}",
        )
    if request.scope == CITY:
        return _city_context(session, request)
    cluster = find_cluster(session, request.code)
    scope = cluster_scope(session, cluster.code, year)
    member_list = members(session, cluster, year)
    issuer, head, _draft = cluster_signed(session, cluster, year, KIND)
    names = ", ".join(m.short_name for m in member_list)
    return ReportContext(
        scope=scope,
        report=compute(session, scope, year),
        issuer=issuer,
        subject=f"hệ thống Mặt trận các cấp trong {L.nfc(cluster.name)} ({names})",
        short="hệ thống MTTQ trong Cụm",
        owner_id=head.unit.id,
        plan_of="Ủy ban MTTQ Việt Nam Thành phố",
        member_reports={
            in_sentence(m.unit, year): compute(session, unit_scope(session, m.unit.code), year)
            for m in member_list
        },
        member_list=member_list,
    )


def _city_context(session: Session, request: ReportRequest) -> ReportContext:
    """The whole city: every member of its clusters, the same ``compute`` as a cluster's totals."""
    year = request.year
    city = the_city(session, request.code)
    scope = city_scope(session, year)
    draft = get_draft(session, city.id, year, KIND, CITY)
    member_list = [m for _cluster, listed in city_clusters(session, city, year) for m in listed]
    return ReportContext(
        scope=scope,
        report=compute(session, scope, year),
        issuer=city_issuer(session, city, year, draft.signer_name if draft else ""),
        subject=f"hệ thống Mặt trận các cấp {in_sentence(city)}",
        short="hệ thống MTTQ các cấp Thành phố",
        owner_id=city.id,
        plan_of="Ủy ban Trung ương MTTQ Việt Nam",
        member_reports={
            in_sentence(m.unit, year): compute(session, unit_scope(session, m.unit.code), year)
            for m in member_list
        },
        member_list=member_list,
    )


def default_draft(session: Session, request: ReportRequest) -> Draft:
    """What the clerk starts editing: the narrative drafted from the figures and the standard key tasks."""
    ctx = report_context(session, request)
    return Draft(
        _generated(session, ctx),
        "\n".join(DEFAULT_KEY_TASKS),
        shortcomings=draft_shortcomings(ctx.report, current_known=ctx.current_known),
        proposals="\n".join(DEFAULT_PROPOSALS),
    )


def current_draft(session: Session, request: ReportRequest) -> Draft:
    """The saved draft, with anything left empty filled from the default."""
    return filled(session, report_context(session, request), KIND, request.scope)


def filled(session: Session, ctx: ReportContext, kind: str, scope: str) -> Draft:
    """The draft saved for the report ``kind`` (this one, or the cluster's consolidated report), each
    part left empty filled from what the figures draft."""
    saved = get_draft(session, ctx.owner_id, ctx.report.year, kind, scope)
    narrative = saved.narrative if saved and saved.narrative else _generated(session, ctx)
    tasks = saved.key_tasks if saved and saved.key_tasks else "\n".join(DEFAULT_KEY_TASKS)
    shortcomings = (saved.shortcomings if saved else None) or draft_shortcomings(
        ctx.report, current_known=ctx.current_known
    )
    proposals = (saved.proposals if saved else None) or "\n".join(DEFAULT_PROPOSALS)
    if saved:
        return Draft(
            narrative, tasks, saved.signer_name, saved.number, saved.version, shortcomings, proposals
        )
    return Draft(narrative, tasks, shortcomings=shortcomings, proposals=proposals)


def _generated(session: Session, ctx: ReportContext) -> str:
    return draft_narrative(
        session, ctx.report, subject=ctx.subject, short=ctx.short, members=ctx.member_reports, whole=ctx.whole
    )


def figures_table(report: Report, *, current_known: bool = True) -> T.RowsTable:
    return T.RowsTable(
        [
            T.Column("TT", 5, "center"),
            T.Column("Nội dung, chỉ tiêu", 44),
            T.Column(f"Năm {report.year - 1}", 19, "right"),
            T.Column(f"Năm {report.year}", 19, "right"),
            T.Column(f"So với năm {report.year - 1}", 20, "center"),
        ],
        comparison_rows(report, current_known=current_known),
    )


def previous_footnote(report: Report, *, cluster: bool = False) -> list[Flowable]:
    """The line under the table when last year's figures are the sum of the old units a unit was formed
    from this year (``Report.previous_from``): the reader must not take them for the unit's own."""
    if not report.previous_from:
        return []
    names = [L.nfc(u.name[:1].lower() + u.name[1:]) for u in report.previous_from]  # "xã Thái Long"
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} và {names[-1]}"
    whose = f" của các đơn vị hình thành năm {report.year}" if cluster else ""
    return [
        L.para(
            f"Số liệu năm {report.year - 1}{whose} là tổng số liệu của Ủy ban MTTQ Việt Nam {listed} "
            "(trước sắp xếp đơn vị hành chính).",
            L.styles().note,
        )
    ]


def build(session: Session, request: ReportRequest) -> Built:
    require_scope(request, ALL_SCOPES)
    ctx = report_context(session, request)
    draft = current_draft(session, request)
    year = request.year
    st = L.styles()
    cluster = request.scope == "cluster"
    who = ctx.issuer.name_in_text if cluster else "Ban Thường trực " + ctx.issuer.name_in_text
    story: list[Flowable] = [
        *L.new_document(),
        *L.header(ctx.issuer, request.date(), request.number or draft.number),
        *L.title(
            "Báo cáo",
            f"Tổng kết công tác thi đua năm {year}",
            f"và phương hướng, nhiệm vụ năm {year + 1}",
        ),
        L.body(
            f"Thực hiện Kế hoạch công tác thi đua, khen thưởng năm {year} của {ctx.plan_of}, {who} báo cáo "
            f"kết quả công tác thi đua năm {year} và phương hướng, nhiệm vụ năm {year + 1} như sau:"
        ),
        L.heading(f"I. KẾT QUẢ CÔNG TÁC THI ĐUA NĂM {year}"),
        L.para("1. Kết quả thực hiện các nội dung thi đua", st.subheading),
        *L.paragraphs(draft.narrative),
        *L.heading_before_table(f"2. Các chỉ tiêu chủ yếu so với năm {year - 1}", sub=True),
        figures_table(ctx.report, current_known=ctx.current_known),
        *previous_footnote(ctx.report, cluster=request.scope != "unit"),
        Spacer(1, 10),
        KeepTogether(
            [
                comparison_chart(ctx.report, L.frame_width(), current_known=ctx.current_known),
                L.para(
                    f"Biểu đồ: Một số chỉ tiêu chủ yếu năm {year} so với năm {year - 1}",
                    st.center_italic,
                ),
            ]
        ),
        L.heading("II. HẠN CHẾ, TỒN TẠI"),
        *L.paragraphs(draft.shortcomings or ""),
        L.heading(f"III. PHƯƠNG HƯỚNG, NHIỆM VỤ TRỌNG TÂM NĂM {year + 1}"),
    ]
    tasks = draft.key_task_list()
    story.append(
        L.body(
            f"Phát huy những kết quả đạt được, khắc phục những hạn chế còn tồn tại, năm {year + 1} "
            f"{'Cụm' if cluster else who} xác định triển khai {len(tasks)} nhóm nhiệm vụ "
            "trọng tâm sau:"
        )
    )
    for i, task in enumerate(tasks, start=1):
        story.append(L.body(f"{i}. {task.lstrip('-–• ').strip()}"))
    story.append(L.heading("IV. ĐỀ XUẤT, KIẾN NGHỊ"))
    story += L.paragraphs(draft.proposals or "")
    closing = L.body(
        f"Trên đây là báo cáo tổng kết công tác thi đua năm {year} và phương hướng, nhiệm vụ năm "
        f"{year + 1} của {ctx.issuer.name_in_text}."
    )
    story.append(L.signature(ctx.issuer, keep_with=[closing]))
    title = f"Báo cáo tổng kết công tác thi đua năm {year} - {ctx.scope.name}"
    pdf = L.render(story, title=title, author=ctx.issuer.name_in_text, subject=title)
    return Built(pdf, L.nfc(title), text=draft)
