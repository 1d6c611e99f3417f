"""Planning a criteria set received in the cluster head's package: accept it, update, or keep ours.

A member installation accepts a set when it knows the cluster and the package's unit is that
cluster's head for the year here (or no head is recorded here). Matching is by the set's id, with an
``ImportState`` like records (exchange.conflicts, by content): the same set again is "unchanged", a
newer one updates, and a set made here for the same cluster and year is a conflict (the one here is
kept). An update never drops a criterion below a score already given here, nor removes a criterion
that has scores: such a set is rejected whole, with its reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from emulation_desktop.domain.base import utcnow
from emulation_desktop.domain.models import (
    Cluster,
    ClusterMember,
    ClusterScore,
    CriteriaSet,
    Criterion,
    CriterionGroup,
    SelfScore,
    Unit,
)
from emulation_desktop.domain.text import clean_text
from emulation_desktop.exchange.conflicts import Copy, decide, imported_copies
from emulation_desktop.exchange.criteria_set_values import (
    SetRejected,
    checked_criteria,
    checked_groups,
    checked_heading,
    criterion_tuple,
    group_tuple,
    local_digest,
    set_digest,
    stored_values,
)
from emulation_desktop.exchange.criteria_sets import KIND
from emulation_desktop.exchange.import_plan import ImportPlan
from emulation_desktop.exchange.package_format import MAX_VERSION, is_uuid, parse_stamp
from emulation_desktop.locale.i18n import _


@dataclass(frozen=True)
class PlannedCriterion:
    """A criterion as it will be after the import: what a travelling self-score is matched to."""

    id: str
    code: str
    max_tenths: int


@dataclass
class PlannedSet:
    """What applying writes for one set."""

    set_id: str
    cluster_id: str
    revision: int
    old_revision: int | None  # None: a new set
    values: dict[str, Any]  # title, note, updated_at
    group_inserts: list[dict[str, Any]] = field(default_factory=list)
    group_updates: list[dict[str, Any]] = field(default_factory=list)
    group_removals: list[dict[str, Any]] = field(default_factory=list)
    criterion_inserts: list[dict[str, Any]] = field(default_factory=list)
    criterion_updates: list[dict[str, Any]] = field(default_factory=list)
    criterion_removals: list[dict[str, Any]] = field(default_factory=list)


def plan_sets(
    session: Session, rows: list[dict[str, Any]], plan: ImportPlan
) -> dict[str, list[PlannedCriterion]]:
    """Sort the package's criteria sets into the plan (``plan.writes.criteria_sets``, its counts and
    import states).

    Returns, per cluster code, the criteria a set of the package will leave there: the self-scores of
    the same package are matched to those, not to what is stored now."""
    outcome: dict[str, list[PlannedCriterion]] = {}
    imported = imported_copies(session, plan.unit_code, KIND)
    seen: set[str] = set()
    now = utcnow()
    user = clean_text(plan.unit_code)
    for entry in rows:
        set_id = entry["id"]
        shown = set_id[:40]
        if not is_uuid(set_id) or set_id in seen:
            plan.add_rejected(KIND, shown, _("The record identifier is not valid."))
            continue
        seen.add(set_id)
        try:
            planned, criteria = _plan_one(session, entry, plan, imported.get(set_id), now, user)
        except SetRejected as exc:
            plan.add_rejected(KIND, set_id, exc.reason)
            continue
        if planned is not None:
            plan.writes.criteria_sets.append(planned)
            outcome[entry["cluster_code"]] = criteria
    return outcome


def _plan_one(
    session: Session, entry: dict[str, Any], plan: ImportPlan, base: Copy | None, now: datetime, user: str
) -> tuple[PlannedSet | None, list[PlannedCriterion]]:
    """One set: (what to write, the criteria it leaves), (None, []) when nothing is written; raises
    SetRejected with the reason. ``base``: what the last import of the set left here."""
    set_id, cluster_code, year, revision = entry["id"], entry["cluster_code"], entry["year"], entry["version"]
    updated_at = parse_stamp(entry["updated_at"])
    if not 1 <= revision <= MAX_VERSION or updated_at is None:
        raise SetRejected(_("The record's version or dates are not valid."))
    if year != plan.year:
        raise SetRejected(
            _("The criteria set is for {found}, not for the package's year {year}.").format(
                found=year, year=plan.year
            )
        )
    cluster = session.scalar(select(Cluster).where(Cluster.code == cluster_code, Cluster.deleted.is_(False)))
    if cluster is None:
        raise SetRejected(
            _(
                "The criteria set of {unit} for cluster {cluster}, {year}, is not accepted: no such cluster here."
            ).format(unit=plan.unit_name, cluster=cluster_code[:20], year=year)
        )
    heads = _head_codes(session, cluster.id, year)
    if heads and plan.unit_code not in heads:
        raise SetRejected(
            _(
                "The criteria set is not accepted: here, {unit} is not the head of cluster {cluster} in {year}."
            ).format(unit=plan.unit_name, cluster=cluster.code, year=year)
        )
    title, note = checked_heading(entry)
    groups = checked_groups(entry)
    live, removed_ids = checked_criteria(session, entry, {g["id"] for g in groups})
    digest = set_digest(
        title, note, False, [group_tuple(g) for g in groups], [criterion_tuple(c) for c in live]
    )
    here = session.get(CriteriaSet, set_id)
    if here is not None and (here.cluster_id != cluster.id or here.year != year):
        raise SetRejected(_("A criteria set with this identifier belongs to another cluster or year here."))
    decision = decide(
        None if here is None else Copy(here.version, local_digest(session, here)),
        base,
        Copy(revision, digest),
        by_content=True,
    )
    if plan.keeps_here(KIND, set_id, decision):
        return None, []
    if decision.outcome == "new" and session.scalar(
        select(CriteriaSet.id).where(CriteriaSet.cluster_id == cluster.id, CriteriaSet.year == year)
    ):
        plan.add_conflict(
            KIND,
            set_id,
            _("Cluster {cluster} already has a criteria set for {year} here; it is kept.").format(
                cluster=cluster.code, year=year
            ),
        )
        return None, []
    if _ids_elsewhere(session, set_id, [*(g["id"] for g in groups), *(c["id"] for c in live), *removed_ids]):
        raise SetRejected(_("A group or criterion of this set already belongs to another set here."))
    values = {"title": title, "note": note, "updated_at": updated_at}
    planned = PlannedSet(set_id, cluster.id, revision, None if here is None else here.version, values)
    _plan_changes(session, planned, groups, live, now, user)
    plan.count_write(
        KIND, decision.outcome, record_id=set_id, table_name=KIND, version=revision, row_hash=digest
    )
    return planned, [PlannedCriterion(c["id"], c["code"], c["max_tenths"]) for c in live]


def _plan_changes(
    session: Session,
    planned: PlannedSet,
    groups: list[dict[str, Any]],
    live: list[dict[str, Any]],
    now: datetime,
    user: str,
) -> None:
    """Fill ``planned`` with the rows to insert, change and remove; refuse a change that would take a
    score given here above its criterion's maximum, or remove a criterion that has scores here."""
    local_groups = {
        g.id: g
        for g in session.scalars(select(CriterionGroup).where(CriterionGroup.set_id == planned.set_id))
    }
    local_criteria = {
        c.id: c for c in session.scalars(select(Criterion).where(Criterion.set_id == planned.set_id))
    }
    incoming = {c["id"] for c in live}
    gone = [c for c in local_criteria.values() if not c.deleted and c.id not in incoming]
    highest = _live_highest(session, [*(incoming & set(local_criteria)), *(c.id for c in gone)])
    for criterion in gone:
        if criterion.id in highest:
            raise SetRejected(
                _("Criterion “{code}” would be removed, but it already has scores here.").format(
                    code=criterion.code
                )
            )
    stamp = {"updated_at": now, "updated_by": user}
    new_row = {"set_id": planned.set_id, "created_at": now, "version": 1, "deleted": False, **stamp}
    for group in groups:
        found = local_groups.get(group["id"])
        if found is None:
            planned.group_inserts.append({**group, **new_row})
        elif found.deleted or (found.code, found.name, found.position) != (
            group["code"],
            group["name"],
            group["position"],
        ):
            planned.group_updates.append({**group, "deleted": False, "version": found.version + 1, **stamp})
    kept = {g["id"] for g in groups}
    planned.group_removals = [
        {"id": g.id, "deleted": True, "version": g.version + 1, **stamp}
        for g in local_groups.values()
        if not g.deleted and g.id not in kept
    ]
    for values in live:
        here = local_criteria.get(values["id"])
        if here is None:
            planned.criterion_inserts.append({**values, **new_row})
            continue
        if values["max_tenths"] < highest.get(here.id, 0):
            raise SetRejected(
                _("The maximum of criterion “{code}” would fall below a score already given here.").format(
                    code=values["code"]
                )
            )
        if here.deleted or stored_values(here) != values:
            planned.criterion_updates.append(
                {**values, "deleted": False, "version": here.version + 1, **stamp}
            )
    planned.criterion_removals = [
        {"id": c.id, "deleted": True, "version": c.version + 1, **stamp} for c in gone
    ]


def _head_codes(session: Session, cluster_id: str, year: int) -> set[str]:
    return set(
        session.scalars(
            select(Unit.code)
            .join(ClusterMember, ClusterMember.unit_id == Unit.id)
            .where(
                ClusterMember.cluster_id == cluster_id,
                ClusterMember.year == year,
                ClusterMember.role == "head",
                ClusterMember.deleted.is_(False),
            )
        )
    )


def _live_highest(session: Session, criterion_ids: list[str]) -> dict[str, int]:
    """criterion id → the highest live score (self or agreed) given here."""
    highest: dict[str, int] = {}
    for model in (SelfScore, ClusterScore):
        for start in range(0, len(criterion_ids), 500):
            chunk = criterion_ids[start : start + 500]
            for criterion_id, points in session.execute(
                select(model.criterion_id, func.max(model.points_tenths))
                .where(model.criterion_id.in_(chunk), model.deleted.is_(False))
                .group_by(model.criterion_id)
            ):
                highest[criterion_id] = max(highest.get(criterion_id, 0), points or 0)
    return highest


def _ids_elsewhere(session: Session, set_id: str, ids: list[str]) -> bool:
    """Does any of ``ids`` name a group or criterion of another set here?"""
    for model in (CriterionGroup, Criterion):
        for start in range(0, len(ids), 500):
            if session.scalar(
                select(model.id)
                .where(model.id.in_(ids[start : start + 500]), model.set_id != set_id)
                .limit(1)
            ):
                return True
    return False
