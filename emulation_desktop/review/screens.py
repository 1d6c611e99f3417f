"""What the Tổng kết & suy tôn tab reads: the front door of its screens. Each function takes the
``Database`` and reads in a session of its own; the tab calls nothing else to read, and writes through
the review's operations (``criteria``, ``scores``, ``elections``, ``board``).

- :func:`review_cluster`: the cluster whose review the unit open in the window takes part in;
- :func:`review_screen`: everything the steps show at once (board, what is missing, elections, next
  year's roles, proposals, and whether and how the criteria set may be edited);
- :func:`score_proposals`, :func:`election_result`, :func:`score_grid`: what one choice on a step
  shows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from emulation_desktop.domain.indicators import BY_CODE, INDICATORS
from emulation_desktop.domain.models import Criterion, Indicator, Unit
from emulation_desktop.operations.clusters import cluster_of_unit
from emulation_desktop.review import elections
from emulation_desktop.review.board import Board, Gap, ProposalRow, board, commendations, readiness
from emulation_desktop.review.criteria_guard import editing_refusal
from emulation_desktop.review.criteria_view import CriteriaView, find_set
from emulation_desktop.review.elections import ElectionResult
from emulation_desktop.review.score_grid import ScoreGrid, read_grid
from emulation_desktop.review.scores import Proposal, propose_all
from emulation_desktop.storage.database import Database


@dataclass(frozen=True)
class CriteriaEditing:
    """What the criteria page needs beside the set itself."""

    refusal: str | None  # why this installation may not change the set; None when it may
    previous: CriteriaView | None  # last year's set, to copy (read only while the year has no set)
    measures: dict[str, str]  # figure code → how it measures, in the order figures are listed


@dataclass(frozen=True)
class ReviewScreen:
    """The cluster's review of a year, as the tab's steps show it."""

    board: Board
    gaps: list[Gap]
    results: list[ElectionResult]
    roles: dict[str, dict[str, str] | None]
    proposals: list[ProposalRow]
    criteria: CriteriaEditing


def review_cluster(db: Database, unit_code: str, year: int) -> str | None:
    """The code of the cluster a unit belongs to in ``year`` (the review a clerk opens), if any."""
    with db.session() as session:
        unit = session.scalar(select(Unit).where(Unit.code == unit_code, Unit.deleted.is_(False)))
        cluster = cluster_of_unit(session, unit.id, year) if unit is not None else None
        return cluster.code if cluster is not None else None


def indicator_measures(session: Session) -> dict[str, str]:
    """Every figure a criterion may be linked to and how it measures ("count", "amount", "ratio"): the
    app's own figures in their order, then any other the data file holds, by code."""
    rows = {code: measure for code, measure in session.execute(select(Indicator.code, Indicator.measure))}
    order = [d.code for d in INDICATORS if d.code in rows] + sorted(set(rows) - set(BY_CODE))
    return {code: rows[code] for code in order}


def _criteria_editing(
    session: Session, cluster_code: str, year: int, view: CriteriaView | None
) -> CriteriaEditing:
    return CriteriaEditing(
        refusal=editing_refusal(session, cluster_code, year),
        previous=find_set(session, cluster_code, year - 1) if view is None else None,
        measures=indicator_measures(session) if view is not None else {},
    )


def review_screen(db: Database, cluster_code: str, year: int) -> ReviewScreen:
    """The whole review of the cluster's year, read in one session."""
    with db.session() as session:
        current = board(session, cluster_code, year)
        return ReviewScreen(
            board=current,
            gaps=readiness(session, cluster_code, year),
            results=elections.results(session, cluster_code, year),
            roles=elections.next_year_roles(session, cluster_code, year),
            proposals=commendations(session, cluster_code, year),
            criteria=_criteria_editing(session, cluster_code, year, current.view),
        )


def score_proposals(
    db: Database, unit_code: str, criteria: Sequence[Criterion], year: int
) -> dict[str, Proposal]:
    """The score each linked criterion proposes for the unit from its own figures, by criterion id."""
    with db.session() as session:
        return propose_all(session, unit_code, criteria, year)


def election_result(db: Database, cluster_code: str, year: int, kind: str) -> ElectionResult:
    """One election of the review ("leading_unit", "head", "deputy") as recorded, or not held yet."""
    with db.session() as session:
        return next(r for r in elections.results(session, cluster_code, year) if r.kind == kind)


def score_grid(db: Database, cluster_code: str, year: int, stage: str) -> ScoreGrid:
    """The criteria by the cluster's units, with the scores of ``stage`` ("self" or "cluster") given."""
    with db.session() as session:
        return read_grid(session, cluster_code, year, stage)
