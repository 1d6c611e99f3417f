"""The documents the app makes: kind name → builder, and the scopes each accepts (unit / cluster).

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
    scopes: tuple[str, ...]  # "unit", "cluster"

    def builder(self) -> Callable[[Session, ReportRequest], Built]:
        module = importlib.import_module(f"emulation_desktop.reports.{self.module}")
        return module.build  # type: ignore[no-any-return]


DOCUMENT_KINDS: dict[str, DocumentKind] = {
    kind.name: kind
    for kind in (
        DocumentKind("annual", N_("Year-end report"), "annual", ("unit", "cluster")),
        DocumentKind("cluster", N_("Cluster consolidated report"), "cluster", ("cluster",)),
        DocumentKind("pledge-form", N_("Emulation pledge form"), "pledge_form", ("unit", "cluster")),
        DocumentKind("support-list", N_("List of support activities"), "support_list", ("unit", "cluster")),
        DocumentKind(
            "supervision-list", N_("List of supervision sessions"), "supervision_list", ("unit", "cluster")
        ),
        DocumentKind("meeting-pack", N_("Year-end review meeting pack"), "meeting_pack", ("cluster",)),
        DocumentKind(
            "review-scoring-sheet", N_("Review scoring sheets"), "review_scoring_sheet", ("unit", "cluster")
        ),
        DocumentKind("review-summary", N_("Review summary of scores"), "review_summary", ("cluster",)),
        DocumentKind("review-ballots", N_("Acclaim and election ballots"), "review_ballots", ("cluster",)),
        DocumentKind("review-tally", N_("Ballot tally record"), "review_tally", ("cluster",)),
        DocumentKind("review-minutes", N_("Review conference minutes"), "review_minutes", ("cluster",)),
        DocumentKind("review-proposal", N_("Commendation proposal"), "review_proposal", ("cluster",)),
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


def build_request(session: Session, request: ReportRequest) -> Built:
    """:func:`build_document` for a request already made."""
    document = document_kind(request.kind)
    require_scope(request, document.scopes)
    if not 1900 <= request.year <= 2200:
        raise InputError(_("The year {year} is out of range.").format(year=request.year))
    # Loaded here, not on import: the window lists the documents before ReportLab is needed.
    from emulation_desktop.reports.layout import drafting
    from emulation_desktop.reports.readiness import missing

    # An incomplete document prints only as a draft, saying what it lacks (``readiness``); the same list
    # goes back with it, so the window says what is missing without asking twice.
    lacking = missing(session, request)
    with drafting(lacking):
        built = document.builder()(session, request)
    return replace(built, missing=tuple(lacking))
