"""The criteria of a set: add one to a group, change it (or move it to another group), remove one no
unit has scored yet, move one a place up or down. Each is one transaction with its audit entry, checked
against the version the clerk saw."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from emulation_desktop.domain.audit import audit_row
from emulation_desktop.domain.base import new_id
from emulation_desktop.domain.models import ClusterScore, Criterion, CriterionGroup, SelfScore
from emulation_desktop.errors import InputError, ValidationError
from emulation_desktop.locale.i18n import _
from emulation_desktop.review.criteria_guard import editable_criterion, editable_set
from emulation_desktop.review.criteria_values import as_spec, criterion_values, free_number, unique_code
from emulation_desktop.storage.database import Database


def _group_of_set(session: Session, set_id: str, group_id: str | None) -> str | None:
    if group_id is None:
        return None
    group = session.get(CriterionGroup, group_id)
    if group is None or group.deleted or group.set_id != set_id:
        raise ValidationError({"group": _("Choose a group of this criteria set.")})
    return group.id


def _last_position(session: Session, set_id: str) -> int:
    return session.scalar(select(func.max(Criterion.position)).where(Criterion.set_id == set_id)) or 0


def add_criterion(
    db: Database, set_id: str, group_id: str | None, spec: Mapping[str, Any], *, user: str = ""
) -> str:
    """Add a criterion at the end of its group; left without a number it takes its position."""
    with db.transaction() as session:
        editable_set(session, set_id)
        group_id = _group_of_set(session, set_id, group_id)
        values = criterion_values(session, spec)
        codes = set(
            session.scalars(
                select(Criterion.code).where(Criterion.set_id == set_id, Criterion.deleted.is_(False))
            )
        )
        last = _last_position(session, set_id)
        values["code"] = unique_code(values["code"] or free_number(last + 1, codes), codes)
        criterion = Criterion(
            id=new_id(), set_id=set_id, group_id=group_id, position=last + 1, updated_by=user, **values
        )
        session.add(criterion)
        session.add(audit_row("create", "criterion", criterion.id, user=user, new=_jsonable(values)))
    return criterion.id


def _jsonable(values: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if k != "search_key"}


def _scores_of(session: Session, criterion_id: str) -> list[int]:
    """The live self and agreed scores given on a criterion (points in tenths)."""
    return [
        *session.scalars(
            select(SelfScore.points_tenths).where(
                SelfScore.criterion_id == criterion_id, SelfScore.deleted.is_(False)
            )
        ),
        *session.scalars(
            select(ClusterScore.points_tenths).where(
                ClusterScore.criterion_id == criterion_id, ClusterScore.deleted.is_(False)
            )
        ),
    ]


def update_criterion(
    db: Database, criterion_id: str, changes: Mapping[str, Any], *, version: int | None = None, user: str = ""
) -> None:
    """Change a criterion; a lower maximum than a score already given is refused. ``changes`` may hold
    ``group_id``: the criterion then moves to the end of that group."""
    with db.transaction() as session:
        criterion = editable_criterion(session, criterion_id, version)
        values = criterion_values(session, {**as_spec(criterion), **changes})
        others = set(
            session.scalars(
                select(Criterion.code).where(
                    Criterion.set_id == criterion.set_id,
                    Criterion.id != criterion.id,
                    Criterion.deleted.is_(False),
                )
            )
        )
        values["code"] = unique_code(values["code"] or criterion.code, others)
        if values["max_tenths"] < max([*_scores_of(session, criterion.id), 0]):
            raise InputError(_("Some units already have more points than this maximum for this criterion."))
        if "group_id" in changes:
            group_id = _group_of_set(session, criterion.set_id, changes["group_id"] or None)
            if group_id != criterion.group_id:
                values["group_id"] = group_id
                values["position"] = _last_position(session, criterion.set_id) + 1
        old = {key: getattr(criterion, key) for key in values if key != "search_key"}
        for key, value in values.items():
            setattr(criterion, key, value)
        criterion.version += 1
        criterion.updated_by = user
        session.add(audit_row("update", "criterion", criterion.id, user=user, old=old, new=_jsonable(values)))


def remove_criterion(db: Database, criterion_id: str, *, version: int | None = None, user: str = "") -> None:
    """Remove a criterion (soft delete). Refused once a unit has a self or agreed score on it: the
    score would silently drop out of the unit's total."""
    with db.transaction() as session:
        criterion = editable_criterion(session, criterion_id, version)
        given = len(_scores_of(session, criterion.id))
        if given:
            raise InputError(
                _(
                    "“{name}” already has {n} scores (self or agreed); it cannot be removed while they "
                    "exist. Remove those scores first."
                ).format(name=criterion.name, n=given)
            )
        criterion.deleted, criterion.version, criterion.updated_by = True, criterion.version + 1, user
        session.add(
            audit_row(
                "delete",
                "criterion",
                criterion.id,
                user=user,
                old={"code": criterion.code, "name": criterion.name},
            )
        )


def move_criterion(
    db: Database, criterion_id: str, step: int, *, version: int | None = None, user: str = ""
) -> None:
    """Move a criterion one place up (``step`` -1) or down (+1) within its group. Its number stays:
    numbers name criteria across installations; the order is how the table prints."""
    if step not in (-1, 1):
        raise InputError(_("A criterion moves one place up or down."))
    with db.transaction() as session:
        criterion = editable_criterion(session, criterion_id, version)
        siblings = list(
            session.scalars(
                select(Criterion)
                .where(
                    Criterion.set_id == criterion.set_id,
                    Criterion.group_id.is_(None)
                    if criterion.group_id is None
                    else Criterion.group_id == criterion.group_id,
                    Criterion.deleted.is_(False),
                )
                .order_by(Criterion.position)
            )
        )
        index = next(i for i, c in enumerate(siblings) if c.id == criterion.id)
        if not 0 <= index + step < len(siblings):
            message = (
                _("“{name}” is already the first of its group.")
                if step < 0
                else _("“{name}” is already the last of its group.")
            )
            raise InputError(message.format(name=criterion.name))
        other = siblings[index + step]
        criterion.position, other.position = other.position, criterion.position
        for row in (criterion, other):
            row.version += 1
            row.updated_by = user
        session.add(audit_row("move", "criterion", criterion.id, user=user, new={"step": step}))
