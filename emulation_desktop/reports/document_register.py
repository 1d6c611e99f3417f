"""Numbers on documents, from the register of outgoing documents (``operations.document_register``), and
the register itself as a document (sổ đăng ký văn bản đi, NĐ 30/2020, Phụ lục IV).

Every build goes through :class:`Numbering` (``registry.build_request``): a draft prints "Số:      /…"
with no number; a document already issued prints its number and date; a complete one not yet issued
prints no number either, until it is issued (:func:`issue_document`: the ``report --final`` command, and
the Documents tab when it prints or saves a complete document). Issuing gives the next number of the
series the document's own header names ("BC-MTTQ", "BB-CTĐ"…), or the number typed for it, and writes
its line in the register, in the same transaction as the build.
"""

from __future__ import annotations

from dataclasses import replace

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table
from sqlalchemy.orm import Session

from emulation_desktop.locale.formatting import format_date
from emulation_desktop.operations.document_register import (
    DocumentKey,
    Entry,
    check_number,
    entries,
    find,
    number_label,
    parse_number,
    register,
    subject_id,
)
from emulation_desktop.reports import layout as L
from emulation_desktop.reports.readiness import refuse_draft
from emulation_desktop.reports.report_data import find_cluster, head_of, members, the_unit
from emulation_desktop.reports.request import Built, ReportRequest, require_scope
from emulation_desktop.reports.tables import Column, Row, RowsTable
from emulation_desktop.storage.database import Database

KIND = "document-register"
SCOPES = ("unit",)


class Numbering:
    """The number one build prints (``layout.numbering`` asks :meth:`number_for` at each header) and,
    when it issues the document, its line in the register (:meth:`finish`)."""

    def __init__(
        self,
        session: Session,
        request: ReportRequest,
        numbered: bool,
        lacking: list[str],
        issue_as: str | None,
    ) -> None:
        self.session = session
        self.numbered = numbered
        self.lacking = lacking
        self.issue_as = issue_as
        self.key: DocumentKey | None = None
        self.entry: Entry | None = None
        self.given: tuple[str, L.Issuer, int, bool] | None = None  # unit id, issuer, number, typed
        if issue_as is not None:
            refuse_draft(lacking)  # a draft is never issued
        if numbered:
            code = subject_id(session, request.scope, request.code)
            self.key = DocumentKey(request.kind, request.scope, code, request.year, request.variant)
            self.entry = find(session, self.key)
        # Printed again, a document keeps the date it was issued on, as its number.
        self.request = replace(request, issued_on=self.entry.issued_on) if self.entry else request

    def number_for(self, issuer: L.Issuer, typed: str) -> str:
        """The number after "Số:" (without its symbol), "" to leave it blank."""
        if self.lacking:
            return ""
        if not self.numbered:
            return typed
        if self.entry is not None:
            return number_label(self.entry.number)
        if self.issue_as is None:
            return ""  # only a registered number is printed: it is given when the document is issued
        if self.given is None:
            # Typed in the request, or passed by a builder (the report's number typed before the register).
            manual = parse_number(self.request.number or typed)
            unit_id = self._issuing_unit()
            number = check_number(self.session, unit_id, issuer.number_suffix, self.request.date(), manual)
            self.given = (unit_id, issuer, number, manual is not None)
        return number_label(self.given[2])

    def _issuing_unit(self) -> str:
        """The unit whose register numbers the document: the unit (the city for the whole city's), or
        the cluster's head of the year."""
        request = self.request
        if request.scope in ("unit", "city"):
            return the_unit(self.session, request.code).id
        cluster = find_cluster(self.session, request.code)
        return head_of(members(self.session, cluster, request.year)).unit.id

    def finish(self, built: Built) -> Built:
        """The document with its number; issued now, its line written in the register."""
        if self.entry is not None:
            return replace(built, number=self.entry.number_text, issued_on=self.entry.issued_on)
        if self.given is None or self.key is None or self.issue_as is None:
            return built
        unit_id, issuer, number, typed = self.given
        entry = register(
            self.session,
            self.key,
            unit_id=unit_id,
            symbol=issuer.number_suffix,
            issued_on=self.request.date(),
            number=number,
            title=built.title,
            recipients=tuple(r.removesuffix(";") for r in issuer.recipients if not r.startswith("Lưu")),
            signer=issuer.signer_name,
            manual=typed,
            user=self.issue_as,
        )
        return replace(built, number=entry.number_text, issued_on=entry.issued_on)


def issue_document(db: Database, request: ReportRequest, *, user: str = "") -> Built:
    """Issue a document as final, in one transaction: refused if it is a draft (listing what it lacks);
    the first time, given its number in the register; after that, made again with the same number and
    date."""
    from emulation_desktop.reports.registry import build_request

    with db.transaction() as session:
        return build_request(session, request, issue_as=user)


# The register as a document ---------------------------------------------------------------------------

COLUMNS = (
    Column("Số, ký hiệu văn bản", 16, "center"),
    Column("Ngày tháng văn bản", 11, "center"),
    Column("Tên loại và trích yếu nội dung văn bản", 33),
    Column("Người ký", 12),
    Column("Nơi nhận văn bản", 28),
)


def _issuing_body(issuer: L.Issuer) -> Flowable:
    """The unit keeping the register, top left, as on the register's cover (no number, no date line)."""
    st = L.styles()
    lines: list[Flowable] = [L.para(L.upper(line), st.center) for line in issuer.parent_lines]
    lines.append(L.para(L.upper(issuer.body), st.sign))
    lines.append(L.Rule(25 * mm, 6))
    table = Table([[lines, ""]], colWidths=["45%", "55%"])
    table.setStyle(L.cell_style())
    return table


def build(session: Session, request: ReportRequest) -> Built:
    """The register of a unit's outgoing documents in a calendar year (``request.year``): every document
    it issued, its own and those it issued as the cluster's head, by date."""
    require_scope(request, SCOPES)
    from emulation_desktop.reports.report_data import unit_issuer

    unit = the_unit(session, request.code)
    year = request.year
    issuer = unit_issuer(session, unit, year=year)
    listed = entries(session, unit.code, year)
    rows: list[Row | tuple[str, ...]] = [
        (
            entry.number_text,
            format_date(entry.issued_on),
            entry.title,
            entry.signer,
            "\n".join(entry.recipients),
        )
        for entry in listed
    ]
    if not rows:
        rows = [Row((f"Không có văn bản đi nào được đăng ký trong năm {year}.",), span=True, italic=True)]
    st = L.styles()
    period = (
        f"Từ ngày {format_date(listed[0].issued_on)} đến ngày {format_date(listed[-1].issued_on)}"
        if listed
        else ""
    )
    story: list[Flowable] = [
        *L.new_document("landscape"),
        _issuing_body(issuer),
        Spacer(1, 10),
        *L.title("Sổ đăng ký văn bản đi", f"Năm {year}"),
    ]
    if period:
        story.append(L.para(period, st.center_italic))
    story.append(RowsTable(COLUMNS, rows, size=12, pad=4))
    title = f"Sổ đăng ký văn bản đi năm {year} - {L.nfc(unit.name)}"
    pdf = L.render(story, title=title, author=issuer.name_in_text, subject=title, orientation="landscape")
    return Built(pdf, L.nfc(title))
