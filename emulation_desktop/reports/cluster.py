"""The cluster's consolidated report (báo cáo tổng hợp): members and roles, the narrative of the cluster's
totals, the shortcomings and the proposals, and an appendix table by district with the cluster totals
of this year and last year. At the city's office, the same report for the whole city, issued by the
city's standing board: its appendix has a table by cluster, then one per cluster by unit."""

from __future__ import annotations

from reportlab.platypus import Flowable
from sqlalchemy.orm import Session

from emulation_desktop.indicators.compute import Report, compute
from emulation_desktop.indicators.scope import unit_scope
from emulation_desktop.operations.clusters import cluster_scope
from emulation_desktop.operations.report_drafts import Draft
from emulation_desktop.reports import layout as L
from emulation_desktop.reports import tables as T
from emulation_desktop.reports.annual import filled, previous_footnote, report_context
from emulation_desktop.reports.figures import NONE, cell, lines
from emulation_desktop.reports.readiness import units_with_results
from emulation_desktop.reports.report_data import (
    city_clusters,
    cluster_signed,
    find_cluster,
    in_sentence,
    listed_in_sentence,
    members,
    the_city,
)
from emulation_desktop.reports.request import CITY, Built, ReportRequest, require_scope

KIND = "cluster"
SCOPES = ("cluster", CITY)
CLUSTERS_PER_TABLE = 6  # the city's table by cluster: as many columns as a landscape page holds
UNITS_PER_TABLE = 8  # the tables by unit: shorter names than clusters


def build(session: Session, request: ReportRequest) -> Built:
    require_scope(request, SCOPES)
    text = report_text(session, request)
    if request.scope == CITY:
        story = [*L.new_document(), *city_story(session, request, text)]
        name = L.nfc(the_city(session, request.code).name)
    else:
        story = [*L.new_document(), *cluster_story(session, request, text)]
        name = L.nfc(find_cluster(session, request.code).name)
    title = f"Báo cáo tổng hợp kết quả thi đua năm {request.year} - {name}"
    pdf = L.render(story, title=title, author=name, subject=title)
    # The text goes back with the pages: the Documents tab lets the clerk edit it (reports/jobs.py).
    return Built(pdf, L.nfc(title), text=text)


def report_text(session: Session, request: ReportRequest) -> Draft:
    """The text the report prints: the same as the year-end report drafts from the figures, kept under
    this document's own kind, as the clerk edited it."""
    return filled(session, report_context(session, request), KIND, request.scope)


def cluster_story(session: Session, request: ReportRequest, text: Draft | None = None) -> list[Flowable]:
    """The report's pages, its landscape appendix included (the meeting pack holds them too)."""
    year = request.year
    cluster = find_cluster(session, request.code)
    scope = cluster_scope(session, cluster.code, year)
    member_list = members(session, cluster, year)
    issuer, head, draft = cluster_signed(session, cluster, year, KIND)
    total = compute(session, scope, year)
    per_unit = [(m, compute(session, unit_scope(session, m.unit.code), year)) for m in member_list]
    name = L.nfc(cluster.name)
    deputy = next((m for m in member_list if m.role == "deputy"), None)

    text = text or report_text(session, request)
    recorded = units_with_results(session, scope.unit_ids, year)
    roles = f"Cụm trưởng: Ủy ban MTTQ Việt Nam {in_sentence(head.unit, year)}"
    if deputy:
        roles += f"; Cụm phó: Ủy ban MTTQ Việt Nam {in_sentence(deputy.unit, year)}"
    story: list[Flowable] = [
        *L.header(issuer, request.date(), request.number or (draft.number if draft else "")),
        *L.title("Báo cáo", f"Tổng hợp kết quả thi đua năm {year} của {name}"),
        L.body(
            f"{name} năm {year} gồm {len(member_list)} đơn vị: Ủy ban MTTQ Việt Nam "
            f"{listed_in_sentence([m.unit for m in member_list], year)}. "
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
    named = [(m.short_name, report if m.unit.id in recorded else None) for m, report in per_unit]
    story += by_columns(named, "Toàn Cụm", total, known=bool(recorded), per_table=UNITS_PER_TABLE)
    # The cluster's column of last year sums the old units its new members were formed from: say so.
    story += previous_footnote(total, cluster=True)
    return story


def by_columns(
    named: list[tuple[str, Report | None]], whole: str, total: Report, *, known: bool, per_table: int
) -> list[T.RowsTable]:
    """The appendix's tables: at most ``per_table`` units or clusters side by side, in tables of
    near-equal width (13 units: 7 and 6; 90: six of 8 and six of 7), each with the whole's two
    columns. A landscape page holds about a dozen units' figures legibly; a city's 90 or more in one
    table left each column a few points wide and one row taller than a page."""
    tables = max(1, -(-len(named) // per_table))
    size, wider = divmod(len(named), tables)  # the first ``wider`` tables take one column more
    built, start = [], 0
    for number in range(tables):
        end = start + size + (1 if number < wider else 0)
        built.append(by_column(named[start:end], whole, total, known=known))
        start = end
    return built


def by_column(
    named: list[tuple[str, Report | None]], whole: str, total: Report, *, known: bool
) -> T.RowsTable:
    """The appendix's table: a column of this year's figures per unit or cluster (None: nothing recorded,
    "–"), then the whole's this year and last year."""
    year = total.year
    columns = [T.Column("TT", 3.5, "center"), T.Column("Nội dung, chỉ tiêu", 27)]
    columns += [T.Column(name, 11.5, "right") for name, _report in named]
    columns += [
        T.Column(f"{whole} năm {year}", 12.5, "right"),
        T.Column(f"{whole} năm {year - 1}", 12.5, "right"),
    ]
    rows = []
    for i, line in enumerate(lines(), start=1):
        row = [str(i), line.label]
        row += [
            cell(report.results[line.code].current, line.part, newline=True) if report is not None else NONE
            for _name, report in named
        ]
        result = total.results[line.code]
        row += [
            cell(result.current, line.part, newline=True) if known else NONE,
            cell(result.previous, line.part, newline=True),
        ]
        rows.append(row)
    return T.RowsTable(columns, rows, size=10)


def city_story(session: Session, request: ReportRequest, text: Draft | None = None) -> list[Flowable]:
    """The whole city's consolidated report: its totals (the same ``compute`` over ``city_scope``), the
    text kept under the city, and an appendix by cluster, then by unit within each cluster."""
    year = request.year
    ctx = report_context(session, request)
    city = the_city(session, request.code)
    clusters = city_clusters(session, city, year)
    text = text or filled(session, ctx, KIND, CITY)
    recorded = units_with_results(session, ctx.scope.unit_ids, year)
    issuer, total = ctx.issuer, ctx.report
    whom = issuer.name_in_text  # "Ủy ban MTTQ Việt Nam thành phố Hà Nội"
    listing = "; ".join(
        f"{L.nfc(cluster.name)} ({', '.join(m.short_name for m in listed)})" for cluster, listed in clusters
    )
    units = sum(len(listed) for _cluster, listed in clusters)
    story: list[Flowable] = [
        *L.header(issuer, request.date(), request.number or (text.number or "")),
        *L.title("Báo cáo", f"Tổng hợp kết quả thi đua năm {year} của các Cụm thi đua"),
        L.body(
            f"Năm {year}, {len(clusters)} Cụm thi đua thuộc {whom} gồm {units} đơn vị: {listing}. Trên cơ sở "
            f"số liệu các Cụm trưởng đã tiếp nhận và chuyển về, Ban Thường trực {whom} tổng hợp kết quả thi "
            f"đua năm {year} như sau:"
        ),
        L.heading(f"I. KẾT QUẢ THỰC HIỆN CÁC NỘI DUNG THI ĐUA NĂM {year}"),
        *L.paragraphs(text.narrative),
        L.heading("II. SỐ LIỆU TỔNG HỢP THEO CỤM VÀ THEO ĐƠN VỊ"),
        L.body(
            f"Số liệu chi tiết của từng Cụm thi đua, của từng đơn vị và của toàn Thành phố năm {year}, so với "
            f"năm {year - 1}, tại Phụ lục kèm theo báo cáo này."
        ),
        L.heading("III. HẠN CHẾ, TỒN TẠI"),
        *L.paragraphs(text.shortcomings or ""),
        L.heading("IV. ĐỀ XUẤT, KIẾN NGHỊ"),
        *L.paragraphs(text.proposals or ""),
    ]
    closing = L.body(
        f"Trên đây là báo cáo tổng hợp kết quả thi đua năm {year} của các Cụm thi đua thuộc {whom}."
    )
    story.append(L.signature(issuer, keep_with=[closing]))

    st = L.styles()
    story += L.switch_to("landscape")
    story += [
        L.para("PHỤ LỤC", st.title),
        L.para(f"Tổng hợp kết quả thi đua năm {year} theo Cụm thi đua và theo đơn vị", st.summary),
        L.para(
            f"(Kèm theo Báo cáo tổng hợp kết quả thi đua năm {year} của các Cụm thi đua)", st.center_italic
        ),
    ]
    per_cluster = []
    for cluster, listed in clusters:
        scope = cluster_scope(session, cluster.code, year)
        known = any(m.unit.id in recorded for m in listed)
        per_cluster.append((cluster, listed, compute(session, scope, year), known))
    named = [(L.nfc(cluster.name), report if known else None) for cluster, _l, report, known in per_cluster]
    story += by_columns(named, "Toàn Thành phố", total, known=bool(recorded), per_table=CLUSTERS_PER_TABLE)
    story += previous_footnote(total, cluster=True)
    # The first table (above) is by cluster; then one per cluster, by unit, under its own heading.
    for cluster, listed, report, known in per_cluster:
        named = [
            (
                m.short_name,
                compute(session, unit_scope(session, m.unit.code), year) if m.unit.id in recorded else None,
            )
            for m in listed
        ]
        story.append(
            L.para(f"Kết quả thi đua năm {year} của {L.nfc(cluster.name)} theo đơn vị", st.subheading)
        )
        story += by_columns(named, "Toàn Cụm", report, known=known, per_table=UNITS_PER_TABLE)
    return story
