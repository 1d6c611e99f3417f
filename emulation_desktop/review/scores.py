"""Scores: each unit's self-score with its justification and evidence, the agreed cluster score, and
the score a criterion linked to an indicator proposes from the unit's own figures."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from emulation_desktop.domain.audit import audit_row
from emulation_desktop.domain.base import new_id
from emulation_desktop.domain.indicators import BY_CODE
from emulation_desktop.domain.models import (
    ClusterMember,
    ClusterScore,
    CriteriaSet,
    Criterion,
    EmulationYear,
    Pledge,
    PledgeTarget,
    SelfScore,
    Unit,
)
from emulation_desktop.domain.text import clean_text
from emulation_desktop.errors import InputError, NotFoundError, ReadOnlyError, ValidationError
from emulation_desktop.indicators.compute import Figure, Report, compute
from emulation_desktop.indicators.scope import unit_scope
from emulation_desktop.indicators.table import describe
from emulation_desktop.locale.i18n import _
from emulation_desktop.operations.records import resolve_unit
from emulation_desktop.review.points import show, to_tenths
from emulation_desktop.storage.database import Database

STAGES = ("self", "cluster")


def _evidence(value: object) -> str:
    """Evidence as stored: a JSON list of {"label", "ref"}; plain text becomes one label per line."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        items = [{"label": clean_text(line), "ref": ""} for line in value.splitlines() if line.strip()]
    elif isinstance(value, Sequence):
        items = []
        for item in value:
            if isinstance(item, Mapping):
                items.append(
                    {"label": clean_text(str(item.get("label") or "")), "ref": str(item.get("ref") or "")}
                )
            else:
                items.append({"label": clean_text(str(item)), "ref": ""})
    else:
        raise InputError(_("Evidence is a list of links or lines of text."))
    return json.dumps(items, ensure_ascii=False) if items else ""


def evidence_labels(stored: str) -> list[str]:
    if not stored:
        return []
    try:
        return [item.get("label", "") for item in json.loads(stored)]
    except (ValueError, AttributeError):
        return [stored]


def set_scores(
    db: Database,
    stage: str,
    unit_code: str,
    entries: Sequence[Mapping[str, Any]],
    *,
    user: str = "",
) -> int:
    """Set several scores of one unit in one transaction; each entry: ``criterion_id``, ``points`` and
    ``justification`` / ``evidence`` (self) or ``note`` (cluster). ``points`` None removes the score.

    A self-score is the unit's own: only the installation that owns the unit gives it, and not once the
    unit's year is locked. The agreed score is the cluster's, given at the cluster head's installation."""
    check_stage(stage)
    with db.transaction() as session:
        return apply_scores(session, stage, resolve_unit(session, unit_code), entries, user=user)


def check_stage(stage: str) -> None:
    if stage not in STAGES:
        raise InputError(_("Unknown kind of score “{stage}”.").format(stage=stage))


def apply_scores(
    session: Session,
    stage: str,
    unit: Unit,
    entries: Sequence[Mapping[str, Any]],
    *,
    user: str = "",
    points_only: bool = False,
) -> int:
    """:func:`set_scores` inside a transaction of the caller's. ``points_only``: only the points change;
    a score's justification, evidence or note stays as it was (a grid of points has none to give)."""
    model = SelfScore if stage == "self" else ClusterScore
    count = 0
    for entry in entries:
        criterion = session.get(Criterion, entry.get("criterion_id") or "")
        if criterion is None or criterion.deleted:
            raise NotFoundError(_("No such criterion."))
        criteria_set = session.get(CriteriaSet, criterion.set_id)
        assert criteria_set is not None
        year = criteria_set.year
        if count == 0:
            _check_unit(session, unit, criteria_set, stage)
        row = session.scalar(
            select(model).where(model.unit_id == unit.id, model.criterion_id == criterion.id)
        )
        if entry.get("points") is None:
            if row is not None and not row.deleted:
                row.deleted, row.version = True, row.version + 1
            count += 1
            continue
        points = check_points(criterion, entry["points"])
        values: dict[str, Any] = {
            "points_tenths": points,
            "year": year,
            "deleted": False,
            "updated_by": user,
        }
        if points_only:
            pass
        elif stage == "self":
            values["justification"] = clean_text(str(entry.get("justification") or ""))
            values["evidence"] = _evidence(entry.get("evidence"))
        else:
            values["note"] = clean_text(str(entry.get("note") or ""))
        if row is None:
            session.add(model(id=new_id(), unit_id=unit.id, criterion_id=criterion.id, **values))
        else:
            for key, value in values.items():
                setattr(row, key, value)
            row.version += 1
        count += 1
    session.add(
        audit_row("score", model.__tablename__, unit.id, user=user, new={"stage": stage, "scores": count})
    )
    return count


def set_score(
    db: Database,
    stage: str,
    unit_code: str,
    criterion_id: str,
    points: object,
    *,
    justification: str = "",
    evidence: object = None,
    note: str = "",
    user: str = "",
) -> None:
    """One score (see :func:`set_scores`)."""
    entry = {
        "criterion_id": criterion_id,
        "points": points,
        "justification": justification,
        "evidence": evidence,
        "note": note,
    }
    set_scores(db, stage, unit_code, [entry], user=user)


def unit_refusal(session: Session, unit: Unit, criteria_set: CriteriaSet, stage: str) -> str | None:
    """Why this installation may not give ``unit`` scores of ``stage`` in the set; None when it may."""
    try:
        _check_unit(session, unit, criteria_set, stage)
    except InputError as exc:
        return exc.message
    return None


def _check_unit(session: Session, unit: Unit, criteria_set: CriteriaSet, stage: str) -> None:
    member = session.scalar(
        select(ClusterMember.id).where(
            ClusterMember.cluster_id == criteria_set.cluster_id,
            ClusterMember.unit_id == unit.id,
            ClusterMember.year == criteria_set.year,
            ClusterMember.deleted.is_(False),
        )
    )
    if member is None:
        raise InputError(
            _("{unit} is not a member of the cluster in {year}.").format(
                unit=unit.name, year=criteria_set.year
            )
        )
    if stage == "self":
        if not unit.is_local:
            raise ReadOnlyError(
                _(
                    "{unit} scores itself at its own installation; its self-scores arrive in its package."
                ).format(unit=unit.name)
            )
        if session.scalar(
            select(EmulationYear.locked).where(
                EmulationYear.unit_id == unit.id, EmulationYear.year == criteria_set.year
            )
        ):
            raise ReadOnlyError(
                _("The year {year} of {unit} is locked; unlock it first.").format(
                    year=criteria_set.year, unit=unit.name
                )
            )


def check_points(criterion: Criterion, raw: object) -> int:
    """The points typed for ``criterion``, in tenths; refused (``ValidationError`` on "points") when they
    are not a number of points or exceed the criterion's maximum."""
    try:
        points = to_tenths(raw)
    except InputError as exc:
        raise ValidationError({"points": exc.message}) from None
    if points > criterion.max_tenths:
        raise ValidationError(
            {
                "points": _("“{name}” has at most {max} points; {points} is too many.").format(
                    name=criterion.name, max=show(criterion.max_tenths), points=show(points)
                )
            }
        )
    return points


# Proposals from the figures --------------------------------------------------------------------------


@dataclass(frozen=True)
class Proposal:
    """The score a linked criterion proposes for a unit, and how it got there."""

    criterion_id: str
    points_tenths: int | None  # None: no target to measure against
    achieved: str  # the unit's figure, as shown ("133 · 6.120.000.000 đ")
    target: str  # what full points need
    explanation: str


def _actual_and_target(
    figure: Figure, measure: str, criterion: Criterion, pledged: PledgeTarget | None
) -> tuple[float | None, int | None]:
    if measure == "ratio":
        actual = None if figure.rate is None else figure.rate * 1000  # tenths of a percent
        target = pledged.target_percent if pledged and pledged.target_percent else criterion.target_value
    elif measure == "amount":
        actual = figure.amount_vnd
        target = (
            pledged.target_amount_vnd if pledged and pledged.target_amount_vnd else criterion.target_value
        )
    else:
        actual = figure.value
        target = pledged.target_value if pledged and pledged.target_value else criterion.target_value
    return (None if actual is None else float(actual)), target


def propose(
    session: Session, unit_code: str, criterion: Criterion, year: int, report: Report | None = None
) -> Proposal | None:
    """The proposed score of a criterion linked to an indicator: full points at 100% of the target
    (the unit's pledged target for that indicator, else the criterion's own), in proportion below it,
    rounded down to the tenth of a point. None for a criterion without an indicator."""
    if not criterion.indicator_code or criterion.indicator_code not in BY_CODE:
        return None
    definition = BY_CODE[criterion.indicator_code]
    unit = resolve_unit(session, unit_code)
    report = report or compute(session, unit_scope(session, unit.code), year)
    figure = report[definition.code].current
    pledged = session.scalar(
        select(PledgeTarget)
        .join(Pledge, Pledge.id == PledgeTarget.pledge_id)
        .where(
            PledgeTarget.unit_id == unit.id,
            PledgeTarget.year == year,
            PledgeTarget.indicator_code == definition.code,
            PledgeTarget.deleted.is_(False),
            Pledge.deleted.is_(False),
        )
    )
    actual, target = _actual_and_target(figure, definition.measure, criterion, pledged)
    achieved = describe(figure)
    if not target:
        return Proposal(
            criterion.id, None, achieved, "", _("No target to measure against; score it by hand.")
        )
    shown_target = (
        f"{show(int(target))}%"
        if definition.measure == "ratio"
        else describe(_target_figure(definition.measure, target))
    )
    share = min(1.0, (actual or 0.0) / target)
    points = int(criterion.max_tenths * share + 1e-9)
    source = (
        _("the unit's pledged target")
        if pledged is not None and _pledged_used(pledged, definition.measure)
        else _("the cluster's target")
    )
    explanation = _(
        "{achieved} against {target} ({source}): {share}% of the target, {points} points."
    ).format(
        achieved=achieved,
        target=shown_target,
        source=source,
        share=show(int(share * 1000)),
        points=show(points),
    )
    return Proposal(criterion.id, points, achieved, shown_target, explanation)


def _pledged_used(pledged: PledgeTarget, measure: str) -> bool:
    if measure == "ratio":
        return bool(pledged.target_percent)
    if measure == "amount":
        return bool(pledged.target_amount_vnd)
    return bool(pledged.target_value)


def _target_figure(measure: str, target: int) -> Figure:
    return Figure(amount_vnd=target) if measure == "amount" else Figure(value=target)


def propose_all(
    session: Session, unit_code: str, criteria: Sequence[Criterion], year: int
) -> dict[str, Proposal]:
    """Proposals for every linked criterion (the unit's figures computed once)."""
    out: dict[str, Proposal] = {}
    linked = [c for c in criteria if c.indicator_code in BY_CODE]
    if not linked:
        return out
    report = compute(session, unit_scope(session, resolve_unit(session, unit_code).code), year)
    for criterion in linked:
        proposal = propose(session, unit_code, criterion, year, report)
        if proposal is not None:
            out[criterion.id] = proposal
    return out
