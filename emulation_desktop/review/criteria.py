"""The cluster's criteria set for a year: groups, criteria, maximum points, bonus and penalty, and the
link of a criterion to an indicator and target. The cluster head prepares it; members receive it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from emulation_desktop.domain.base import new_id
from emulation_desktop.domain.models import (
    AuditEntry,
    Cluster,
    ClusterScore,
    CriteriaSet,
    Criterion,
    CriterionGroup,
    Indicator,
    SelfScore,
)
from emulation_desktop.domain.review import CRITERION_KINDS
from emulation_desktop.domain.text import clean_text, fold
from emulation_desktop.errors import ConflictError, InputError, NotFoundError, ValidationError
from emulation_desktop.locale.i18n import _
from emulation_desktop.operations.clusters import find_cluster
from emulation_desktop.review.points import to_tenths
from emulation_desktop.storage.database import Database

FULL_MARKS = 1000  # the normal criteria of a set add up to 100 points


@dataclass
class CriteriaView:
    """A criteria set as read for scoring and documents: groups and criteria in order."""

    cluster: Cluster
    set: CriteriaSet
    groups: list[CriterionGroup]
    criteria: list[Criterion]
    by_group: dict[str | None, list[Criterion]] = field(default_factory=dict)

    def of_kind(self, kind: str) -> list[Criterion]:
        return [c for c in self.criteria if c.kind == kind]

    @property
    def normal_max(self) -> int:
        return sum(c.max_tenths for c in self.criteria if c.kind == "normal")

    @property
    def bonus_max(self) -> int:
        return sum(c.max_tenths for c in self.criteria if c.kind == "bonus")


def find_set(session: Session, cluster_code: str, year: int) -> CriteriaView | None:
    cluster = find_cluster(session, cluster_code)
    found = session.scalar(
        select(CriteriaSet).where(
            CriteriaSet.cluster_id == cluster.id, CriteriaSet.year == year, CriteriaSet.deleted.is_(False)
        )
    )
    if found is None:
        return None
    groups = list(
        session.scalars(
            select(CriterionGroup)
            .where(CriterionGroup.set_id == found.id, CriterionGroup.deleted.is_(False))
            .order_by(CriterionGroup.position)
        )
    )
    order = {g.id: g.position for g in groups}
    criteria = sorted(
        session.scalars(select(Criterion).where(Criterion.set_id == found.id, Criterion.deleted.is_(False))),
        key=lambda c: (order.get(c.group_id or "", 10_000), c.position),
    )
    view = CriteriaView(cluster, found, groups, criteria)
    for criterion in criteria:
        view.by_group.setdefault(criterion.group_id, []).append(criterion)
    return view


def load_set(session: Session, cluster_code: str, year: int) -> CriteriaView:
    view = find_set(session, cluster_code, year)
    if view is None:
        raise NotFoundError(
            _("The cluster “{code}” has no criteria set for {year} yet.").format(code=cluster_code, year=year)
        )
    return view


def _criterion_values(session: Session, spec: Mapping[str, Any]) -> dict[str, Any]:
    errors: dict[str, str] = {}
    name = clean_text(str(spec.get("name") or ""))
    if not name:
        errors["name"] = _("A criterion needs a name.")
    kind = spec.get("kind") or "normal"
    if kind not in CRITERION_KINDS:
        errors["kind"] = _("A criterion is normal, bonus or penalty, not “{kind}”.").format(kind=kind)
    max_tenths = 0
    try:
        max_tenths = to_tenths(spec.get("max_points"))
        if max_tenths == 0:
            errors["max_points"] = _("A criterion needs its maximum points.")
    except InputError as exc:
        errors["max_points"] = exc.message
    indicator = spec.get("indicator_code") or None
    if indicator and session.get(Indicator, indicator) is None:
        errors["indicator_code"] = _("Unknown indicator “{code}”.").format(code=indicator)
    target = spec.get("target_value")
    if target is not None and (not isinstance(target, int) or isinstance(target, bool) or target <= 0):
        errors["target_value"] = _("The target must be a whole number above zero.")
    if errors:
        raise ValidationError(errors)
    return {
        "name": name,
        "code": clean_text(str(spec.get("code") or "")),
        "kind": kind,
        "max_tenths": max_tenths,
        "indicator_code": indicator,
        "target_value": target,
        "target_text": clean_text(str(spec.get("target_text") or "")),
        "search_key": fold(name),
    }


def _unique_code(code: str, taken: set[str]) -> str:
    """A criterion's code is its name across installations (self-scores travel by it): one per set."""
    if code in taken:
        raise ValidationError(
            {"code": _("Two criteria cannot have the same number “{code}” in one set.").format(code=code)}
        )
    taken.add(code)
    return code


def create_criteria_set(
    db: Database,
    cluster_code: str,
    year: int,
    title: str,
    groups: Sequence[Mapping[str, Any]],
    *,
    note: str = "",
    user: str = "",
) -> str:
    """Create the year's criteria set in one transaction. ``groups``: each with ``code``, ``name`` and
    ``criteria`` (each: code, name, kind, max_points, indicator_code, target_value, target_text)."""
    title = clean_text(title)
    if not title:
        raise ValidationError({"title": _("A criteria set needs a title.")})
    with db.transaction() as session:
        cluster = find_cluster(session, cluster_code)
        if session.scalar(
            select(CriteriaSet.id).where(
                CriteriaSet.cluster_id == cluster.id, CriteriaSet.year == year, CriteriaSet.deleted.is_(False)
            )
        ):
            raise InputError(
                _("The cluster already has a criteria set for {year}; edit it instead.").format(year=year)
            )
        criteria_set = CriteriaSet(
            id=new_id(), cluster_id=cluster.id, year=year, title=title, note=clean_text(note), updated_by=user
        )
        session.add(criteria_set)
        session.flush()  # no ORM relationships: parents go in before their children
        position = 0
        codes: set[str] = set()
        for g, spec in enumerate(groups, start=1):
            name = clean_text(str(spec.get("name") or ""))
            if not name:
                raise ValidationError({"group": _("A group of criteria needs a name.")})
            group = CriterionGroup(
                id=new_id(),
                set_id=criteria_set.id,
                position=g,
                code=clean_text(str(spec.get("code") or "")),
                name=name,
                updated_by=user,
            )
            session.add(group)
            session.flush()
            for item in spec.get("criteria") or ():
                position += 1
                values = _criterion_values(session, item)
                values["code"] = _unique_code(values["code"] or str(position), codes)
                session.add(
                    Criterion(
                        id=new_id(),
                        set_id=criteria_set.id,
                        group_id=group.id,
                        position=position,
                        updated_by=user,
                        **values,
                    )
                )
        session.add(
            AuditEntry(user=user, action="create", table_name="criteria_set", record_id=criteria_set.id)
        )
    return criteria_set.id


def add_criterion(
    db: Database, set_id: str, group_id: str | None, spec: Mapping[str, Any], *, user: str = ""
) -> str:
    with db.transaction() as session:
        criteria_set = session.get(CriteriaSet, set_id)
        if criteria_set is None or criteria_set.deleted:
            raise NotFoundError(_("No such criteria set."))
        values = _criterion_values(session, spec)
        codes = set(
            session.scalars(
                select(Criterion.code).where(Criterion.set_id == set_id, Criterion.deleted.is_(False))
            )
        )
        last = session.scalars(
            select(Criterion.position).where(Criterion.set_id == set_id).order_by(Criterion.position.desc())
        ).first()
        values["code"] = _unique_code(values["code"] or str((last or 0) + 1), codes)
        criterion = Criterion(
            id=new_id(), set_id=set_id, group_id=group_id, position=(last or 0) + 1, updated_by=user, **values
        )
        session.add(criterion)
        session.add(AuditEntry(user=user, action="create", table_name="criterion", record_id=criterion.id))
    return criterion.id


def update_criterion(
    db: Database, criterion_id: str, changes: Mapping[str, Any], *, version: int | None = None, user: str = ""
) -> None:
    """Change a criterion; a lower maximum than a score already given is refused."""
    with db.transaction() as session:
        criterion = session.get(Criterion, criterion_id)
        if criterion is None or criterion.deleted:
            raise NotFoundError(_("No such criterion."))
        if version is not None and version != criterion.version:
            raise ConflictError(_("The criterion was changed meanwhile; reload it and try again."))
        current = {
            "name": criterion.name,
            "code": criterion.code,
            "kind": criterion.kind,
            "max_points": criterion.max_tenths / 10,
            "indicator_code": criterion.indicator_code,
            "target_value": criterion.target_value,
            "target_text": criterion.target_text,
        }
        values = _criterion_values(session, {**current, **changes})
        others = set(
            session.scalars(
                select(Criterion.code).where(
                    Criterion.set_id == criterion.set_id,
                    Criterion.id != criterion.id,
                    Criterion.deleted.is_(False),
                )
            )
        )
        values["code"] = _unique_code(values["code"] or criterion.code, others)
        highest = max(
            [
                *session.scalars(
                    select(SelfScore.points_tenths).where(SelfScore.criterion_id == criterion.id)
                ),
                *session.scalars(
                    select(ClusterScore.points_tenths).where(ClusterScore.criterion_id == criterion.id)
                ),
                0,
            ]
        )
        if values["max_tenths"] < highest:
            raise InputError(_("Some units already have more points than this maximum for this criterion."))
        for key, value in values.items():
            setattr(criterion, key, value)
        criterion.version += 1
        criterion.updated_by = user
        session.add(AuditEntry(user=user, action="update", table_name="criterion", record_id=criterion.id))
