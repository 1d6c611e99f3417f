"""The Documents tab's preview, made off the GUI thread: the document from the data (through the front
door, ``reports.jobs``) and its pages drawn as pictures. No widgets."""

from __future__ import annotations

from dataclasses import dataclass, field

from emulation_desktop.operations.report_drafts import Draft
from emulation_desktop.reports.jobs import make_document
from emulation_desktop.reports.request import ReportRequest, document_file_name, number_line
from emulation_desktop.storage.database import Database
from emulation_desktop.ui.pdf_preview import PreviewError, render_pages
from emulation_desktop.ui.qt import QImage


@dataclass
class Preview:
    request: ReportRequest
    pdf: bytes
    title: str
    images: list[QImage] = field(default_factory=list)
    note: str = ""  # why there are no pictures (the PDF itself is fine)
    draft: Draft | None = None  # the year-end report's text, to edit
    file_name: str = ""  # the name offered when it is saved ("bo-tai-lieu-hoi-nghi-…-2022.pdf")
    data_version: int = 0  # the tab's count of data changes when it was made (stale when behind)
    missing: tuple[str, ...] = ()  # what it still lacks: not empty, it is a draft (``Built.missing``)
    number: str = ""  # "Số 01/BC-MTTQ, ngày 08/11/2022" once the register gave it one


def make_preview(
    db: Database, request: ReportRequest, data_version: int = 0, *, issue_as: str | None = None
) -> Preview:
    """Make the document and draw its pages (off the GUI thread); with ``issue_as`` (the user), issue it
    as final first: numbered from the register (``reports.document_register``)."""
    if issue_as is not None:
        from emulation_desktop.reports.document_register import issue_document

        built = issue_document(db, request, user=issue_as)
    else:
        built = make_document(db, request)
    preview = Preview(
        request,
        built.pdf,
        built.title,
        draft=built.text,
        file_name=document_file_name(request, built.title),
        data_version=data_version,
        missing=built.missing,
        number=number_line(built),
    )
    try:
        preview.images = render_pages(built.pdf)
    except PreviewError as exc:
        preview.note = exc.message
    return preview
