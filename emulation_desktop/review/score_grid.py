"""The score grid: the criteria of the cluster's set (rows) by the units of the cluster (columns), the
points of one stage (the agreed cluster score, or the self-scores the cluster head's installation
gives its own units), typed like a spreadsheet and saved at once.

A cell is checked as it is typed (:func:`cell_points`: the same check a single score gets, its
maximum included); saving the changed cells is one transaction (:func:`save_grid`), refused whole with a
message per cell when one is wrong. Only the points change: a score's justification, evidence or note
stays as it was (the per-criterion form gives them)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy.orm import Session

from emulation_desktop.domain.models import Criterion
from emulation_desktop.domain.text import clean_text
from emulation_desktop.errors import InputError, NotFoundError, ValidationError
from emulation_desktop.locale.i18n import _
from emulation_desktop.operations.records import resolve_unit
from emulation_desktop.review.board import board
from emulation_desktop.review.criteria_view import find_set
from emulation_desktop.review.scores import apply_scores, check_points, check_stage, unit_refusal
from emulation_desktop.storage.database import Database


@dataclass(frozen=True)
class GridUnit:
    """A column of the grid."""

    code: str
    name: str  # the short name ("Đông Anh"), for the column's header
    refusal: str | None  # why this installation may not give this unit's scores of the stage


@dataclass(frozen=True)
class ScoreGrid:
    stage: str  # "self" or "cluster"
    criteria: list[Criterion]  # in the set's order
    units: list[GridUnit]  # by unit code
    points: dict[tuple[str, str], int]  # (criterion id, unit code) → tenths, the scores given so far


def read_grid(session: Session, cluster_code: str, year: int, stage: str) -> ScoreGrid:
    """The grid of ``stage`` for the cluster's review of ``year`` (no rows while there is no set)."""
    check_stage(stage)
    current = board(session, cluster_code, year)
    view = current.view
    units: list[GridUnit] = []
    points: dict[tuple[str, str], int] = {}
    for row in sorted(current.rows, key=lambda r: r.code):
        refusal = unit_refusal(session, row.unit, view.set, stage) if view is not None else None
        units.append(GridUnit(row.code, row.short_name, refusal))
        given = row.self_points if stage == "self" else row.agreed_points
        points.update({(criterion_id, row.code): value for criterion_id, value in given.items()})
    return ScoreGrid(stage, current.criteria, units, points)


def cell_key(criterion_id: str, unit_code: str) -> str:
    """The name a cell's message carries in a ``ValidationError`` of :func:`save_grid`."""
    return f"{criterion_id}@{unit_code}"


def cell_points(criterion: Criterion, raw: object) -> int | None:
    """A cell as typed: empty is no score (None); else the points in tenths, checked as a single score
    is (a number like 9,5 or 9.5, at most the criterion's maximum); raises ``InputError``."""
    if raw is None or (isinstance(raw, str) and not clean_text(raw)):
        return None
    return check_points(criterion, raw)


def save_grid(
    db: Database,
    cluster_code: str,
    year: int,
    stage: str,
    cells: Mapping[tuple[str, str], object],
    *,
    user: str = "",
) -> int:
    """Save the cells changed in the grid, ``(criterion id, unit code) → points as typed`` (empty: the
    score is removed), in one transaction; nothing is written when any cell is refused. Returns the
    number of scores set or removed."""
    check_stage(stage)
    with db.transaction() as session:
        view = find_set(session, cluster_code, year)
        if view is None:
            raise NotFoundError(_("The criteria set for {year} has not been prepared.").format(year=year))
        criteria = {c.id: c for c in view.criteria}
        errors: dict[str, str] = {}
        by_unit: dict[str, list[dict[str, object]]] = {}
        for (criterion_id, unit_code), raw in cells.items():
            criterion = criteria.get(criterion_id)
            if criterion is None:
                raise NotFoundError(_("No such criterion."))
            try:
                points = cell_points(criterion, raw)
            except InputError as exc:
                errors[cell_key(criterion_id, unit_code)] = _("{unit}, criterion {code}: {message}").format(
                    unit=resolve_unit(session, unit_code).name,
                    code=criterion.code or criterion.name,
                    message=exc.message,
                )
                continue
            by_unit.setdefault(unit_code, []).append(
                {"criterion_id": criterion_id, "points": None if points is None else str(raw)}
            )
        if errors:
            raise ValidationError(errors)
        count = 0
        for unit_code, entries in sorted(by_unit.items()):
            unit = resolve_unit(session, unit_code)
            count += apply_scores(session, stage, unit, entries, user=user, points_only=True)
    return count
