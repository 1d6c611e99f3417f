"""Read-only helpers behind the main window: which units and years to offer, the places a picker
completes over, whether a unit-year may be edited, and each pledge target's progress.

Kept Qt-free so that the same answers can be tested (and reused by reports) without a screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select, union
from sqlalchemy.orm import Session, aliased

from emulation_desktop.domain import models as m
from emulation_desktop.domain.text import fold
from emulation_desktop.indicators.compute import Report
from emulation_desktop.indicators.definitions import BY_CODE
from emulation_desktop.operations.records import resolve_unit

# Record tables that carry a year; the year picker offers every year any of them mentions.
_YEAR_TABLES = (m.Pledge, m.SupportActivity, m.Donation, m.Supervision, m.FuneralTally, m.EmulationYear)


@dataclass(frozen=True)
class UnitChoice:
    id: str
    code: str
    name: str
    is_local: bool


def context_units(session: Session) -> list[UnitChoice]:
    """The committees a clerk can open: the units this installation owns, then imported units of the
    same organisation levels (their read-only copies). Without any owned unit, every committee above
    commune level is offered, so a fresh or cluster-only installation still shows something."""
    unit = m.Unit
    local_levels = set(
        session.scalars(select(unit.level_code).where(unit.is_local.is_(True), unit.deleted.is_(False)))
    )
    if local_levels:
        parent = aliased(m.Unit)
        roots = select(unit).outerjoin(parent, parent.id == unit.parent_id)
        local_roots = roots.where(
            unit.is_local.is_(True), (parent.id.is_(None)) | (parent.is_local.is_(False))
        )
        levels = {u.level_code for u in session.scalars(local_roots)}
    else:
        levels = {"district"}
    rows = session.scalars(
        select(unit).where(unit.level_code.in_(levels), unit.deleted.is_(False)).order_by(unit.code)
    ).all()
    choices = [UnitChoice(u.id, u.code, u.name, bool(u.is_local)) for u in rows]
    return sorted(choices, key=lambda c: (not c.is_local, c.code))


def known_years(session: Session, unit_id: str | None, today: date | None = None) -> list[int]:
    """Years with any record of the unit, plus this year and next, newest first."""
    this_year = (today or date.today()).year
    queries = [select(t.year).where(t.unit_id == unit_id) for t in _YEAR_TABLES]  # type: ignore[attr-defined]
    years = set(session.scalars(union(*queries))) if unit_id else set()
    years |= {this_year, this_year + 1}
    return sorted(years, reverse=True)


def latest_year_with_records(session: Session, unit_id: str, today: date | None = None) -> int:
    """The year a clerk most likely wants to open: the newest year with records, not past this year."""
    this_year = (today or date.today()).year
    past = [y for y in known_years(session, unit_id, today) if y <= this_year]
    with_records = [
        y
        for y in past
        if any(
            session.scalar(select(t.id).where(t.unit_id == unit_id, t.year == y).limit(1))  # type: ignore[attr-defined]
            for t in _YEAR_TABLES[:-1]
        )
    ]
    return with_records[0] if with_records else this_year


@dataclass(frozen=True)
class YearState:
    imported: bool
    locked: bool
    lock_reason: str = ""

    @property
    def editable(self) -> bool:
        return not self.imported and not self.locked


def year_state(session: Session, unit_code: str, year: int) -> YearState:
    unit = resolve_unit(session, unit_code)
    row = session.scalar(
        select(m.EmulationYear).where(m.EmulationYear.unit_id == unit.id, m.EmulationYear.year == year)
    )
    locked = bool(row and row.locked)
    return YearState(not unit.is_local, locked, (row.lock_reason if row and locked else "") or "")


@dataclass(frozen=True)
class Place:
    id: str
    code: str
    level: str
    label: str  # what the picker shows: "Thôn Đông (Xã Bắc Hồng)" for a village
    key: str  # folded label, for diacritic-blind completion


def places_under(session: Session, unit_code: str, levels: tuple[str, ...]) -> list[Place]:
    """Communes and/or villages under a unit, communes first, then by name."""
    unit = resolve_unit(session, unit_code)
    place, parent = m.Unit, aliased(m.Unit)
    rows = session.execute(
        select(place.id, place.code, place.name, place.level_code, parent.name.label("parent_name"))
        .outerjoin(parent, parent.id == place.parent_id)
        .where(
            place.path.startswith(unit.path),
            place.id != unit.id,
            place.level_code.in_(levels),
            place.deleted.is_(False),
        )
        .order_by(place.level_code != "commune", place.name)
    ).all()
    result = []
    for row in rows:
        label = row.name if row.level_code == "commune" else f"{row.name} ({row.parent_name})"
        result.append(Place(row.id, row.code, row.level_code, label, fold(f"{label} {row.code}")))
    return result


@dataclass(frozen=True)
class Progress:
    target_id: str
    indicator_code: str
    label: str  # English source label of the indicator
    unit: str  # "count", "amount" (đồng) or "percent" (tenths of a percent)
    target: int
    achieved: int

    @property
    def ratio(self) -> float:
        return self.achieved / self.target if self.target else 0.0


def pledge_progress(session: Session, unit_code: str, year: int, report: Report) -> list[Progress]:
    """Each live pledge target of the unit-year beside what the indicators say was achieved."""
    unit = resolve_unit(session, unit_code)
    pledge, target = m.Pledge, m.PledgeTarget
    rows = session.scalars(
        select(target)
        .join(pledge, pledge.id == target.pledge_id)
        .where(
            target.unit_id == unit.id,
            target.year == year,
            target.deleted.is_(False),
            pledge.deleted.is_(False),
        )
        .order_by(target.indicator_code)
    ).all()
    result = []
    for row in rows:
        definition = BY_CODE.get(row.indicator_code)
        if definition is None or row.indicator_code not in report.results:
            continue
        figure = report[row.indicator_code].current
        if row.target_percent is not None:
            unit_name, goal, done = "percent", row.target_percent, round((figure.rate or 0) * 1000)
        elif row.target_amount_vnd is not None:
            unit_name, goal, done = "amount", row.target_amount_vnd, figure.amount_vnd or 0
        else:
            unit_name, goal, done = "count", row.target_value or 0, figure.value or 0
        result.append(Progress(row.id, row.indicator_code, definition.label, unit_name, goal, done))
    return result
