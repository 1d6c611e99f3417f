"""The documents' front door for a caller that holds the ``Database`` and no session (the window's
Documents tab): making a document, the year-end report's text and where it is kept, the cluster a unit
can make a cluster's document for. Each call opens its own session.

``registry.build_document`` and the builders take a ``Session`` and stay the building blocks (the
command line and the tests compose them inside one session). Nothing here loads ReportLab on import:
the builders load when a document is made.
"""

from __future__ import annotations

from dataclasses import dataclass

from emulation_desktop.operations.clusters import cluster_of_unit
from emulation_desktop.operations.report_drafts import Draft, save_draft
from emulation_desktop.reports.registry import build_request
from emulation_desktop.reports.request import Built, ReportRequest
from emulation_desktop.storage.database import Database

ANNUAL = "annual"  # the year-end report
# The documents whose text the clerk edits and keeps with them: the year-end report, and the cluster's
# (or the city's) consolidated report, which prints the same parts but its own words.
EDITABLE = (ANNUAL, "cluster")


@dataclass(frozen=True)
class ClusterRef:
    """A cluster as the window names it."""

    code: str
    name: str


def unit_cluster(db: Database, unit_id: str, year: int) -> ClusterRef | None:
    """The live cluster the unit belongs to in ``year``, if any."""
    with db.session() as session:
        cluster = cluster_of_unit(session, unit_id, year)
        return ClusterRef(cluster.code, cluster.name) if cluster is not None else None


def installation_city(db: Database) -> tuple[str, str] | None:
    """(code, name) of the city when this installation is the city's office and has clusters under it:
    the city's documents are offered then only."""
    from emulation_desktop.errors import NotFoundError
    from emulation_desktop.indicators.scope import city_unit
    from emulation_desktop.operations.setup import installation_role

    if installation_role(db) != "city":
        return None
    with db.session() as session:
        try:
            _id, code, name = city_unit(session)
        except NotFoundError:  # no cluster under it yet: nothing to consolidate
            return None
    return code, name


def make_document(db: Database, request: ReportRequest) -> Built:
    """Make one document in one session (the year-end report comes with its text, ``Built.text``, and
    every document with what it still lacks, ``Built.missing``); raises InputError / NotFoundError on a
    bad request, as ``registry.build_document`` does."""
    with db.session() as session:
        return build_request(session, request)


def draft_owner(db: Database, request: ReportRequest) -> str:
    """The unit a year-end report's text is kept under: the unit itself (the city for the whole city's),
    or the cluster's head."""
    if request.scope in ("unit", "city"):
        return request.code
    from emulation_desktop.reports.report_data import find_cluster, head_of, members

    with db.session() as session:
        cluster = find_cluster(session, request.code)
        return head_of(members(session, cluster, request.year)).unit.code


def save_report_text(db: Database, request: ReportRequest, draft: Draft, *, user: str = "") -> Draft:
    """Keep the edited text of a report (``EDITABLE``) with it (the version guards against a concurrent
    save)."""
    assert request.kind in EDITABLE, request.kind
    owner = draft_owner(db, request)
    return save_draft(db, owner, request.year, request.kind, draft, scope=request.scope, user=user)
