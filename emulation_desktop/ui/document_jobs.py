"""The Documents tab's work that runs off the GUI thread: build a document and draw its pages, keep the
year-end report's text. Plain functions over the database; no widgets."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from emulation_desktop.domain.models import Cluster
from emulation_desktop.operations import clusters
from emulation_desktop.reports.drafts import Draft, save_draft
from emulation_desktop.reports.registry import build_document
from emulation_desktop.storage.database import Database
from emulation_desktop.ui.pdf_preview import PreviewError, render_pages
from emulation_desktop.ui.qt import QImage

ANNUAL = "annual"


@dataclass(frozen=True)
class Request:
    kind: str
    scope: str  # "unit" or "cluster"
    code: str
    year: int
    number: str
    issued_on: date


@dataclass
class Preview:
    request: Request
    pdf: bytes
    title: str
    images: list[QImage] = field(default_factory=list)
    note: str = ""  # why there are no pictures (the PDF itself is fine)
    draft: Draft | None = None


def make_preview(db: Database, request: Request) -> Preview:
    """Build the document and draw its pages (off the GUI thread)."""
    with db.session() as session:
        built = build_document(
            session,
            request.kind,
            request.scope,
            request.code,
            request.year,
            issued_on=request.issued_on,
            number=request.number,
        )
        draft = None
        if request.kind == ANNUAL:
            from emulation_desktop.reports import annual
            from emulation_desktop.reports.report_data import ReportRequest

            draft = annual.current_draft(
                session, ReportRequest(ANNUAL, request.scope, request.code, request.year)
            )
    preview = Preview(request, built.pdf, built.title, draft=draft)
    try:
        preview.images = render_pages(built.pdf)
    except PreviewError as exc:
        preview.note = exc.message
    return preview


def cluster_of_unit(db: Database, unit_id: str, year: int) -> Cluster | None:
    with db.session() as session:
        return clusters.cluster_of_unit(session, unit_id, year)


def draft_owner(db: Database, request: Request) -> str:
    """The unit a year-end report's text is kept under: the unit itself, or the cluster's head."""
    if request.scope == "unit":
        return request.code
    from emulation_desktop.reports.report_data import find_cluster, head_of, members

    with db.session() as session:
        cluster = find_cluster(session, request.code)
        return head_of(members(session, cluster, request.year)).unit.code


def save_text(db: Database, request: Request, draft: Draft, user: str) -> Draft:
    """Keep the edited text of a year-end report with it (the version guards against a concurrent save)."""
    return save_draft(
        db, draft_owner(db, request), request.year, ANNUAL, draft, scope=request.scope, user=user
    )
