"""The documents the app makes: kind name → builder, and the scopes each accepts (unit / cluster / city).

The CLI (``report KIND``), the Documents tab (through ``jobs``) and the tests all go through
:func:`build_document` / :func:`build_request`; the builders load only when a document is made.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy.orm import Session

from emulation_desktop.errors import InputError
from emulation_desktop.locale.i18n import N_, _
from emulation_desktop.reports.request import Built, ReportRequest, require_scope


@dataclass(frozen=True)
class DocumentKind:
    name: str  # the CLI's KIND
    label: str  # English source string, shown translated in the window
    module: str  # the module under emulation_desktop.reports with ``build(session, request)``
    scopes: tuple[str, ...]  # "unit", "cluster"; "city" at the city's office (``request.CITY``)
    # Given a number from the register of outgoing documents when issued: not a pack of several papers,
    # a form or ballots to fill in, nor the register itself.
    numbered: bool = True

    @property
    def offers_word(self) -> bool:
        """Also made as a Word file, for editing the final wording (``NARRATIVE``)."""
        return self.name in NARRATIVE

    def builder(self) -> Callable[[Session, ReportRequest], Built]:
        module = importlib.import_module(f"emulation_desktop.reports.{self.module}")
        return module.build  # type: ignore[no-any-return]


# The narrative documents, which also come out as Word files (.docx): reports, minutes, the proposal,
# the invitation, the agreement and the notice. Lists, scoring sheets, ballots, tallies and the meeting
# pack are laid out for print and stay PDF only.
NARRATIVE = frozenset(
    {
        "annual",
        "cluster",
        "review-minutes",
        "review-proposal",
        "review-invitation",
        "review-agreement",
        "review-notice",
    }
)
FORMATS = ("pdf", "docx")

DOCUMENT_KINDS: dict[str, DocumentKind] = {
    kind.name: kind
    for kind in (
        DocumentKind("annual", N_("Year-end report"), "annual", ("unit", "cluster", "city")),
        DocumentKind("cluster", N_("Cluster consolidated report"), "cluster", ("cluster", "city")),
        DocumentKind("pledge-form", N_("Emulation pledge form"), "pledge_form", ("unit", "cluster")),
        DocumentKind("support-list", N_("List of support activities"), "support_list", ("unit", "cluster")),
        DocumentKind(
            "supervision-list", N_("List of supervision sessions"), "supervision_list", ("unit", "cluster")
        ),
        DocumentKind(
            "meeting-pack", N_("Year-end review meeting pack"), "meeting_pack", ("cluster",), numbered=False
        ),
        DocumentKind(
            "review-scoring-sheet",
            N_("Review scoring sheets"),
            "review_scoring_sheet",
            ("unit", "cluster"),
            numbered=False,
        ),
        DocumentKind("review-summary", N_("Review summary of scores"), "review_summary", ("cluster",)),
        DocumentKind(
            "review-ballots",
            N_("Acclaim and election ballots"),
            "review_ballots",
            ("cluster",),
            numbered=False,
        ),
        DocumentKind("review-tally", N_("Ballot tally record"), "review_tally", ("cluster",)),
        DocumentKind("review-minutes", N_("Review conference minutes"), "review_minutes", ("cluster",)),
        DocumentKind("review-proposal", N_("Commendation proposal"), "review_proposal", ("cluster",)),
        DocumentKind("review-invitation", N_("Review meeting invitation"), "review_invitation", ("cluster",)),
        DocumentKind(
            "review-agreement", N_("Next year's emulation agreement"), "review_agreement", ("cluster",)
        ),
        DocumentKind(
            "review-notice", N_("Notice of the meeting's conclusions"), "review_notice", ("cluster",)
        ),
        DocumentKind(
            "document-register",
            N_("Register of outgoing documents"),
            "document_register",
            ("unit",),
            numbered=False,
        ),
        DocumentKind(
            "submissions-board",
            N_("Submissions board"),
            "submissions_board",
            ("cluster",),
            numbered=False,  # a working list of who sent what, not a document sent out
        ),
    )
}


def document_kind(name: str) -> DocumentKind:
    try:
        return DOCUMENT_KINDS[name]
    except KeyError:
        raise InputError(
            _("Unknown document “{name}”; choose one of {names}.").format(
                name=name, names=", ".join(DOCUMENT_KINDS)
            )
        ) from None


def require_format(request: ReportRequest) -> None:
    """Refuse a Word file of a document made as a PDF only, or a format that does not exist."""
    if request.format not in FORMATS:
        raise InputError(_("Unknown file format “{format}”; use pdf or docx.").format(format=request.format))
    document = document_kind(request.kind)
    if request.format == "docx" and not document.offers_word:
        raise InputError(
            _(
                "“{name}” is made as a PDF only; Word files (.docx) are made for the reports, minutes, "
                "proposals, invitations, agreements and notices."
            ).format(name=request.kind)
        )


def build_document(
    session: Session,
    kind: str,
    scope: str,
    code: str,
    year: int,
    *,
    issued_on: date | None = None,
    number: str = "",
) -> Built:
    """Make one document from the data; raises InputError / NotFoundError on a bad request."""
    return build_request(session, ReportRequest(kind, scope, code, year, issued_on, number))


def build_request(session: Session, request: ReportRequest, *, issue_as: str | None = None) -> Built:
    """:func:`build_document` for a request already made. ``issue_as`` (the user) issues it as final:
    refused if incomplete, else given its number in the register (the caller's session must be a
    transaction, ``document_register.issue_document``)."""
    document = document_kind(request.kind)
    require_scope(request, document.scopes)
    require_format(request)
    if not 1900 <= request.year <= 2200:
        raise InputError(_("The year {year} is out of range.").format(year=request.year))
    # Loaded here, not on import: the window lists the documents before ReportLab is needed.
    from emulation_desktop.reports.document_register import Numbering
    from emulation_desktop.reports.layout import drafting, numbering, output_format
    from emulation_desktop.reports.readiness import missing

    # An incomplete document prints only as a draft, saying what it lacks (``readiness``); the same list
    # goes back with it, so the window says what is missing without asking twice. Its number comes from
    # the register: the one it was given (and its date), one given now, or none.
    lacking = missing(session, request)
    number = Numbering(session, request, document.numbered, lacking, issue_as)
    with drafting(lacking), numbering(number.number_for), output_format(request.format):
        built = document.builder()(session, number.request)
    return number.finish(replace(built, missing=tuple(lacking), format=request.format))
