"""The review side by side: every unit's self and agreed scores, the totals and the ranking (ties
shown openly), commendation proposals, and what is still missing before the conference.

The whole review in one piece, for the ``review`` command, is in ``review.summary``."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from emulation_desktop.domain.audit import audit_row
from emulation_desktop.domain.base import new_id
from emulation_desktop.domain.models import (
    ClusterScore,
    CommendationProposal,
    Criterion,
    PackageLog,
    SelfScore,
    Unit,
)
from emulation_desktop.domain.text import clean_text
from emulation_desktop.errors import NotFoundError, ValidationError
from emulation_desktop.locale.i18n import N_, _
from emulation_desktop.operations.clusters import cluster_members, find_cluster
from emulation_desktop.operations.records import resolve_unit
from emulation_desktop.review import elections
from emulation_desktop.review.criteria_values import FULL_MARKS
from emulation_desktop.review.criteria_view import CriteriaView, find_set
from emulation_desktop.review.meeting import check_meeting, cluster_units, meeting_of
from emulation_desktop.review.points import show
from emulation_desktop.storage.database import Database

TIE_RULE = N_(
    "Units with equal agreed totals share a rank and are listed as tied, by unit code; the ranking does "
    "not break the tie. The conference decides between tied units (by acclaim or a vote)."
)


@dataclass
class UnitRow:
    unit: Unit
    role: str
    self_points: dict[str, int] = field(default_factory=dict)  # criterion id → tenths
    agreed_points: dict[str, int] = field(default_factory=dict)
    justifications: dict[str, str] = field(default_factory=dict)
    evidence: dict[str, str] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    self_total: int = 0
    agreed_total: int = 0
    rank: int = 0
    tied: bool = False

    @property
    def code(self) -> str:
        return self.unit.code

    @property
    def short_name(self) -> str:
        return self.unit.place_name or self.unit.name


def total(points: dict[str, int], criteria: list[Criterion]) -> int:
    """Normal and bonus points add, penalty points subtract."""
    out = 0
    for criterion in criteria:
        value = points.get(criterion.id)
        if value is None:
            continue
        out += -value if criterion.kind == "penalty" else value
    return out


@dataclass
class Board:
    cluster_code: str
    cluster_name: str
    year: int
    view: CriteriaView | None
    rows: list[UnitRow]  # in ranking order (rank, then code)

    @property
    def criteria(self) -> list[Criterion]:
        return self.view.criteria if self.view else []

    def ranking_groups(self) -> list[list[UnitRow]]:
        groups: list[list[UnitRow]] = []
        for row in self.rows:
            if groups and groups[-1][0].rank == row.rank:
                groups[-1].append(row)
            else:
                groups.append([row])
        return groups

    def row(self, unit_code: str) -> UnitRow:
        for row in self.rows:
            if row.code == unit_code:
                return row
        raise NotFoundError(_("No unit with code “{code}”.").format(code=unit_code))


def board(session: Session, cluster_code: str, year: int) -> Board:
    cluster = find_cluster(session, cluster_code)
    view = find_set(session, cluster_code, year)
    rows = {unit.id: UnitRow(unit, role) for unit, role in cluster_members(session, cluster, year)}
    if view is not None:
        ids = [c.id for c in view.criteria]
        for score in session.scalars(
            select(SelfScore).where(SelfScore.criterion_id.in_(ids), SelfScore.deleted.is_(False))
        ):
            if score.unit_id in rows:
                row = rows[score.unit_id]
                row.self_points[score.criterion_id] = score.points_tenths
                row.justifications[score.criterion_id] = score.justification
                row.evidence[score.criterion_id] = score.evidence
        for agreed in session.scalars(
            select(ClusterScore).where(ClusterScore.criterion_id.in_(ids), ClusterScore.deleted.is_(False))
        ):
            if agreed.unit_id in rows:
                rows[agreed.unit_id].agreed_points[agreed.criterion_id] = agreed.points_tenths
                rows[agreed.unit_id].notes[agreed.criterion_id] = agreed.note
        for row in rows.values():
            row.self_total = total(row.self_points, view.criteria)
            row.agreed_total = total(row.agreed_points, view.criteria)
    ordered = sorted(rows.values(), key=lambda r: (-r.agreed_total, r.code))
    for row in ordered:
        row.rank = 1 + sum(1 for other in ordered if other.agreed_total > row.agreed_total)
        row.tied = sum(1 for other in ordered if other.agreed_total == row.agreed_total) > 1
    return Board(cluster.code, cluster.name, year, view, ordered)


# Commendation proposals ---------------------------------------------------------------------------------


def propose_commendation(
    db: Database,
    cluster_code: str,
    year: int,
    unit_code: str,
    title: str,
    reason: str = "",
    *,
    user: str = "",
) -> str:
    """Propose a commendation (Cờ thi đua, Bằng khen...) for a member unit, with the reason."""
    title, reason = clean_text(title), clean_text(reason)
    if not title:
        raise ValidationError({"title": _("Say which commendation is proposed (for example Cờ thi đua).")})
    with db.transaction() as session:
        cluster = find_cluster(session, cluster_code)
        unit = resolve_unit(session, unit_code)
        if unit.code not in elections.candidates_of(session, cluster.id, year):
            raise ValidationError(
                {
                    "unit": _("{unit} is not a member of the cluster in {year}.").format(
                        unit=unit.name, year=year
                    )
                }
            )
        last = session.scalars(
            select(CommendationProposal.position)
            .where(CommendationProposal.cluster_id == cluster.id, CommendationProposal.year == year)
            .order_by(CommendationProposal.position.desc())
        ).first()
        proposal = CommendationProposal(
            id=new_id(),
            cluster_id=cluster.id,
            year=year,
            unit_id=unit.id,
            position=(last or 0) + 1,
            title=title,
            reason=reason,
            updated_by=user,
        )
        session.add(proposal)
        session.add(audit_row("create", "commendation_proposal", proposal.id, user=user))
    return proposal.id


def withdraw_commendation(db: Database, proposal_id: str, *, user: str = "") -> None:
    with db.transaction() as session:
        proposal = session.get(CommendationProposal, proposal_id)
        if proposal is None or proposal.deleted:
            raise NotFoundError(_("No such commendation proposal."))
        proposal.deleted, proposal.version, proposal.updated_by = True, proposal.version + 1, user
        session.add(audit_row("delete", "commendation_proposal", proposal.id, user=user))


@dataclass(frozen=True)
class ProposalRow:
    id: str
    unit: Unit
    title: str
    reason: str


def commendations(session: Session, cluster_code: str, year: int) -> list[ProposalRow]:
    cluster = find_cluster(session, cluster_code)
    rows = session.execute(
        select(CommendationProposal, Unit)
        .join(Unit, Unit.id == CommendationProposal.unit_id)
        .where(
            CommendationProposal.cluster_id == cluster.id,
            CommendationProposal.year == year,
            CommendationProposal.deleted.is_(False),
        )
        .order_by(CommendationProposal.position)
    ).all()
    return [ProposalRow(p.id, unit, p.title, p.reason) for p, unit in rows]


# Readiness ---------------------------------------------------------------------------------------------

STEPS = (
    "criteria",
    "packages",
    "self_scores",
    "agreed_scores",
    "elections",
    "roles",
    "proposals",
    "meeting",
)


@dataclass(frozen=True)
class Gap:
    step: str  # one of STEPS
    message: str
    unit_code: str = ""


def readiness(session: Session, cluster_code: str, year: int) -> list[Gap]:
    """What is still missing before (or at) the conference, step by step; empty when all is ready.

    A step with no gap is done (the tab ticks it): so every step says what it lacks even while an
    earlier one is not done. Without criteria to score against, nothing is scored yet, and the
    elections, next year's roles, the proposals and the meeting's set-up are missing until they are
    recorded."""
    gaps: list[Gap] = []
    current = board(session, cluster_code, year)
    view = current.view
    normal = [c for c in view.criteria if c.kind == "normal"] if view is not None else []
    if view is None:
        gaps.append(
            Gap("criteria", _("The criteria set for {year} has not been prepared.").format(year=year))
        )
    elif not view.criteria:
        gaps.append(Gap("criteria", _("The criteria set has no criteria yet.")))
    elif view.normal_max != FULL_MARKS:
        gaps.append(
            Gap(
                "criteria",
                _("The criteria add up to {points} points, not 100.").format(points=show(view.normal_max)),
            )
        )
    if not normal:
        gaps.append(Gap("agreed_scores", _("Nothing can be scored before the criteria set has criteria.")))
    received = set(
        session.scalars(
            select(PackageLog.unit_code).where(
                PackageLog.direction == "received",
                PackageLog.year == year,
                PackageLog.status.in_(("applied", "unchanged")),
            )
        )
    )
    for row in current.rows:
        name = row.unit.name
        if not row.unit.is_local and row.code not in received:
            gaps.append(
                Gap("packages", _("{unit} has not sent its year package.").format(unit=name), row.code)
            )
        if not normal:
            continue
        missing_self = [c for c in normal if c.id not in row.self_points]
        if len(missing_self) == len(normal):
            gaps.append(Gap("self_scores", _("{unit} has no self-scores.").format(unit=name), row.code))
        elif missing_self:
            gaps.append(
                Gap(
                    "self_scores",
                    _("{unit} has not scored itself on: {criteria}.").format(
                        unit=name, criteria=", ".join(c.code or c.name for c in missing_self)
                    ),
                    row.code,
                )
            )
        missing_agreed = [c for c in normal if c.id not in row.agreed_points]
        if missing_agreed:
            gaps.append(
                Gap(
                    "agreed_scores",
                    _("{unit}: criteria not scored by the cluster: {criteria}.").format(
                        unit=name, criteria=", ".join(c.code or c.name for c in missing_agreed)
                    ),
                    row.code,
                )
            )
    for result in elections.results(session, cluster_code, year):
        if result.status != "elected":
            gaps.append(Gap("elections", f"{_(result.label)}: {result.status_text()}"))
    roles = elections.next_year_roles(session, cluster_code, year)
    if roles["head"] is None:
        gaps.append(Gap("roles", _("Next year's cluster head is not set.")))
    if roles["deputy"] is None:
        gaps.append(Gap("roles", _("Next year's cluster deputy is not set.")))
    if not commendations(session, cluster_code, year):
        gaps.append(Gap("proposals", _("No commendation has been proposed yet.")))
    return gaps + meeting_gaps(session, cluster_code, year)


def meeting_gaps(session: Session, cluster_code: str, year: int) -> list[Gap]:
    """The meeting's set-up (``review.meeting``): done when it has its date, time, place, chair,
    secretary and at least one delegate, as ``check_meeting`` (the rule saving it applies) finds it now;
    the cluster's members may have changed since it was saved."""
    setup = meeting_of(session, cluster_code, year)
    if setup is None:
        return [
            Gap(
                "meeting",
                _(
                    "The review meeting of {year} has not been set up (date, time, place, chair, secretary, "
                    "delegates)."
                ).format(year=year),
            )
        ]
    errors = check_meeting(setup, year, cluster_units(session, cluster_code, year))
    return [Gap("meeting", message) for message in dict.fromkeys(errors.values())]
