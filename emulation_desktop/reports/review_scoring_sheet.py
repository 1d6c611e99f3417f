"""Phiếu chấm điểm thi đua: one sheet per unit with the cluster's criteria, each unit's self-score and
the agreed cluster score (for a unit: its own sheet; for a cluster: every member's, one after another).

The helpers here (the review's data for a document, the sheet itself) serve the other review documents
and the meeting pack too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from reportlab.platypus import Flowable, Spacer
from sqlalchemy.orm import Session

from emulation_desktop.domain.indicators import BY_CODE
from emulation_desktop.domain.models import Cluster, Unit
from emulation_desktop.errors import NotFoundError
from emulation_desktop.indicators.compute import compute
from emulation_desktop.indicators.scope import unit_scope
from emulation_desktop.locale.i18n import _
from emulation_desktop.operations.clusters import cluster_of_unit
from emulation_desktop.reports import layout as L
from emulation_desktop.reports import tables as T
from emulation_desktop.reports.figures import NONE, in_words
from emulation_desktop.reports.readiness import units_with_results
from emulation_desktop.reports.report_data import cluster_issuer, find_cluster, front_of, the_unit
from emulation_desktop.reports.request import Built, ReportRequest, require_scope
from emulation_desktop.review.board import Board, UnitRow, board, total
from emulation_desktop.review.criteria import CriteriaView
from emulation_desktop.review.points import show
from emulation_desktop.review.scores import evidence_labels

KIND = "review-scoring-sheet"
SCOPES = ("unit", "cluster")

KIND_NOTE = {"bonus": "Điểm thưởng", "penalty": "Điểm trừ"}


@dataclass
class ReviewData:
    cluster: Cluster
    name: str  # the cluster's name, NFC
    board: Board
    view: CriteriaView


def review_data(session: Session, cluster: Cluster, year: int) -> ReviewData:
    current = board(session, cluster.code, year)
    if current.view is None:
        raise NotFoundError(
            _("The cluster “{code}” has no criteria set for {year} yet.").format(code=cluster.code, year=year)
        )
    return ReviewData(cluster, L.nfc(cluster.name), current, current.view)


def cluster_review(
    session: Session, request: ReportRequest, scopes: tuple[str, ...]
) -> tuple[ReviewData, L.Issuer, Any]:
    """The start of every cluster-wide review document: the scope checked against the document's own
    ``scopes``, the cluster's review data for the year, and who issues it (the issuer and the cluster
    head's unit)."""
    require_scope(request, scopes)
    cluster = find_cluster(session, request.code)
    data = review_data(session, cluster, request.year)
    issuer, head = cluster_issuer(session, cluster, request.year)
    return data, issuer, head


def achieved(session: Session, view: CriteriaView, row: UnitRow, year: int) -> dict[str, str]:
    """What the unit achieved on each criterion linked to an indicator (criterion id → the figure in the
    documents' words, from ``indicators.compute``; "–" if the unit recorded nothing for the year)."""
    linked = [c for c in view.criteria if c.indicator_code in BY_CODE]
    if not linked:
        return {}
    if not units_with_results(session, [row.unit.id], year):
        return {c.id: NONE for c in linked}
    report = compute(session, unit_scope(session, row.code), year)
    return {
        c.id: in_words(report[c.indicator_code].current, BY_CODE[c.indicator_code].measure) for c in linked
    }


def criterion_rows(
    view: CriteriaView,
    row: UnitRow | None,
    *,
    details: bool = True,
    figures: Mapping[str, str] | None = None,
) -> list[T.Row | tuple[str, ...]]:
    """The criteria by group, with the unit's self and agreed scores and the totals. A criterion linked
    to an indicator states the unit's figure (``figures``, from :func:`achieved`); the others, the
    unit's own justification or evidence."""
    out: list[T.Row | tuple[str, ...]] = []
    groups = {g.id: g for g in view.groups}
    for group_id, items in view.by_group.items():
        group = groups.get(group_id or "")
        if group is not None:
            out.append(T.Row((f"{group.code}. {group.name}".strip(". "),), bold=True, span=True))
        for c in items:
            name = c.name + (f" ({c.target_text})" if c.target_text else "")
            if c.kind in KIND_NOTE:
                name = f"{KIND_NOTE[c.kind]}: {name}"
            cells = [c.code, name, show(c.max_tenths)]
            if details:
                note = ""
                if figures is not None and c.id in figures:
                    note = figures[c.id]
                elif row is not None:
                    note = row.justifications.get(c.id, "")
                    labels = [x for x in evidence_labels(row.evidence.get(c.id, "")) if x]
                    if labels and not note:
                        note = "; ".join(labels)
                cells.append(note)
            cells += [
                show(row.self_points.get(c.id)) if row else "",
                show(row.agreed_points.get(c.id)) if row else "",
            ]
            out.append(tuple(cells))
    normal = view.of_kind("normal")
    width = 6 if details else 5
    pad = ("",) * (width - 5)

    def line(label: str, criteria: list, max_tenths: int | None) -> T.Row:  # type: ignore[type-arg]
        own = show(total(row.self_points, criteria)) if row else ""
        agreed = show(total(row.agreed_points, criteria)) if row else ""
        return T.Row(
            ("", label, show(max_tenths) if max_tenths is not None else "", *pad, own, agreed), bold=True
        )

    out.append(line("Cộng điểm các tiêu chí", normal, view.normal_max))
    if view.of_kind("bonus"):
        out.append(line("Điểm thưởng", view.of_kind("bonus"), view.bonus_max))
    if view.of_kind("penalty"):
        penalty = view.of_kind("penalty")
        own = show(sum(row.self_points.get(c.id, 0) for c in penalty)) if row else ""
        agreed = show(sum(row.agreed_points.get(c.id, 0) for c in penalty)) if row else ""
        out.append(T.Row(("", "Điểm trừ", "", *pad, own, agreed), bold=True))
    out.append(line("Tổng điểm", view.criteria, None))
    return out


def unit_sheet(session: Session, request: ReportRequest, data: ReviewData, row: UnitRow) -> list[Flowable]:
    year = request.year
    return [
        *L.title("Phiếu chấm điểm thi đua", f"Năm {year} - {data.name}"),
        L.para(f"Đơn vị: {front_of(row.unit)}", L.styles().center),
        T.RowsTable(
            [
                T.Column("TT", 6, "center"),
                T.Column("Tiêu chí", 38),
                T.Column("Điểm tối đa", 9, "center"),
                T.Column("Kết quả, giải trình", 27),
                T.Column("Điểm tự chấm", 10, "center"),
                T.Column("Điểm Cụm chấm", 10, "center"),
            ],
            criterion_rows(data.view, row, figures=achieved(session, data.view, row, year)),
            size=10.5,
            pad=4,
        ),
        Spacer(1, 4),
        L.sign_columns(("Thủ trưởng đơn vị tự chấm",), ("Đại diện Cụm chấm",)),
    ]


def blank_sheet(request: ReportRequest, data: ReviewData, unit: Unit) -> list[Flowable]:
    """A unit's sheet to fill in at the meeting: the criteria and their maximum points, the result,
    self and cluster columns empty."""
    return [
        *L.title("Phiếu chấm điểm thi đua", f"Năm {request.year} - {data.name}"),
        L.para(f"Đơn vị: {front_of(unit)}", L.styles().center),
        T.RowsTable(
            [
                T.Column("TT", 6, "center"),
                T.Column("Tiêu chí", 38),
                T.Column("Điểm tối đa", 9, "center"),
                T.Column("Kết quả, giải trình", 27),
                T.Column("Điểm tự chấm", 10, "center"),
                T.Column("Điểm Cụm chấm", 10, "center"),
            ],
            criterion_rows(data.view, None),
            size=10.5,
            pad=4,
        ),
        Spacer(1, 4),
        L.sign_columns(("Thủ trưởng đơn vị tự chấm",), ("Đại diện Cụm chấm",)),
    ]


def build(session: Session, request: ReportRequest) -> Built:
    require_scope(request, SCOPES)
    year = request.year
    if request.scope == "unit":
        unit = the_unit(session, request.code)
        cluster = cluster_of_unit(session, unit.id, year)
        if cluster is None:
            raise NotFoundError(_("{unit} is in no cluster in {year}.").format(unit=unit.name, year=year))
        data = review_data(session, cluster, year)
        rows = [data.board.row(unit.code)]
        title = f"Phiếu chấm điểm thi đua năm {year} - {front_of(unit)}"
    else:
        data = review_data(session, find_cluster(session, request.code), year)
        rows = sorted(data.board.rows, key=lambda r: r.code)
        title = f"Phiếu chấm điểm thi đua năm {year} - {data.name}"
    story: list[Flowable] = []
    for i, row in enumerate(rows):
        story += L.new_document() if i == 0 else L.next_document()
        story += unit_sheet(session, request, data, row)
    pdf = L.render(story, title=title, author=data.name, subject=title)
    return Built(pdf, L.nfc(title))
