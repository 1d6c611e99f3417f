"""What the main window reads first: which units and years to offer, whether a unit-year may be edited,
and the Overview (each figure, each pledge target's progress).

Plain SQL (``storage.plain_sql``), so the window opens on its figures before SQLAlchemy has loaded. Kept
Qt-free so that the same answers can be tested (and reused by reports) without a screen. The functions
taking the ``Database`` are the window's doors (each opens its own plain read); those over a source
are the building blocks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from emulation_desktop.domain.indicators import BY_CODE
from emulation_desktop.errors import NotFoundError
from emulation_desktop.indicators.compute import Figure, Report, compute
from emulation_desktop.indicators.scope import unit_scope
from emulation_desktop.locale.i18n import _
from emulation_desktop.storage import plain_sql
from emulation_desktop.storage.database import Database

# Record tables that carry a year; the year picker offers every year any of them mentions. The last one
# (the year's own row, made when a year is locked) does not count as a record.
_YEAR_TABLES = ("pledge", "support_activity", "donation", "supervision", "funeral_tally", "emulation_year")


@dataclass(frozen=True)
class UnitChoice:
    id: str
    code: str
    name: str
    is_local: bool


def context_units(source: plain_sql.Source) -> list[UnitChoice]:
    """The committees a clerk can open: the units this installation owns, then imported units of the
    same organisation levels (their read-only copies). Without any owned unit, every committee above
    commune level is offered, so a fresh or cluster-only installation still shows something."""
    owns_any = plain_sql.first(source, f"SELECT 1 FROM unit WHERE is_local = 1 AND {plain_sql.LIVE} LIMIT 1")
    if owns_any:
        # The levels of the owned units at the top of their own trees (a district, not its communes).
        levels = [
            level
            for (level,) in plain_sql.rows(
                source,
                "SELECT DISTINCT u.level_code FROM unit AS u LEFT JOIN unit AS parent ON parent.id = u.parent_id"
                " WHERE u.is_local = 1 AND (parent.id IS NULL OR parent.is_local = 0)",
            )
        ]
    else:
        levels = ["district"]
    in_levels, params = plain_sql.in_list("level", levels)
    rows = plain_sql.rows(
        source,
        f"SELECT id, code, name, is_local FROM unit WHERE level_code IN {in_levels} AND {plain_sql.LIVE}"
        " ORDER BY code",
        params,
    )
    choices = [UnitChoice(unit_id, code, name, bool(is_local)) for unit_id, code, name, is_local in rows]
    return sorted(choices, key=lambda c: (not c.is_local, c.code))


def known_years(source: plain_sql.Source, unit_id: str | None, today: date | None = None) -> list[int]:
    """Years with any record of the unit, plus this year and next, newest first."""
    this_year = (today or date.today()).year
    years: set[int] = set()
    if unit_id:
        union = " UNION ".join(f"SELECT year FROM {table} WHERE unit_id = :unit" for table in _YEAR_TABLES)
        years = {year for (year,) in plain_sql.rows(source, union, {"unit": unit_id})}
    years |= {this_year, this_year + 1}
    return sorted(years, reverse=True)


def latest_year_with_records(source: plain_sql.Source, unit_id: str, today: date | None = None) -> int:
    """The year a clerk most likely wants to open: the newest year with records, not past this year."""
    this_year = (today or date.today()).year
    for year in (y for y in known_years(source, unit_id, today) if y <= this_year):
        for table in _YEAR_TABLES[:-1]:
            sql = f"SELECT 1 FROM {table} WHERE unit_id = :unit AND year = :year LIMIT 1"
            if plain_sql.first(source, sql, {"unit": unit_id, "year": year}):
                return year
    return this_year


@dataclass(frozen=True)
class YearChoices:
    years: list[int]  # newest first
    chosen: int  # the year the picker opens


def units_to_open(db: Database) -> list[UnitChoice]:
    """The unit picker's committees (see ``context_units``)."""
    with db.reading() as connection:
        return context_units(connection)


def year_choices(db: Database, unit_id: str | None, wanted: int | None = None) -> YearChoices:
    """The years the picker offers for a unit, and the one it opens: ``wanted`` (a remembered or
    requested year, offered even without records), else the latest year with records."""
    with db.reading() as connection:
        years = known_years(connection, unit_id)
        # A known wanted year spares the query for the latest year with records.
        if wanted and wanted in years:
            default = wanted
        else:
            default = latest_year_with_records(connection, unit_id) if unit_id else years[-1]
    if wanted and wanted not in years:
        years = sorted({*years, wanted}, reverse=True)
    return YearChoices(years, wanted if wanted in years else default)


def has_units(db: Database) -> bool:
    """Whether the data file holds any unit at all (the demo data goes only into an empty file)."""
    with db.reading() as connection:
        return plain_sql.first(connection, "SELECT 1 FROM unit LIMIT 1") is not None


@dataclass(frozen=True)
class YearState:
    imported: bool
    locked: bool
    lock_reason: str = ""

    @property
    def editable(self) -> bool:
        return not self.imported and not self.locked


def _unit_id(source: plain_sql.Source, unit: str) -> tuple[str, bool]:
    """(id, is_local) of a live unit given by id or code."""
    row = plain_sql.first(
        source, "SELECT id, is_local, deleted FROM unit WHERE id = :u OR code = :u", {"u": unit}
    )
    if row is None or row[2]:
        raise NotFoundError(_("No unit with code “{code}”.").format(code=unit))
    return row[0], bool(row[1])


def year_state(source: plain_sql.Source, unit_code: str, year: int) -> YearState:
    unit_id, is_local = _unit_id(source, unit_code)
    row = plain_sql.first(
        source,
        "SELECT locked, lock_reason FROM emulation_year WHERE unit_id = :unit AND year = :year",
        {"unit": unit_id, "year": year},
    )
    locked = bool(row and row[0])
    return YearState(not is_local, locked, (row[1] if row and locked else "") or "")


def year_state_of(db: Database, unit_code: str, year: int) -> YearState:
    """Whether the unit-year may be edited, read on its own (see ``year_state``)."""
    with db.reading() as connection:
        return year_state(connection, unit_code, year)


@dataclass(frozen=True)
class Goal:
    """One goal of a pledge target beside what was achieved."""

    unit: str  # "count", "amount" (đồng) or "percent" (tenths of a percent)
    target: int
    achieved: int

    @property
    def ratio(self) -> float:
        return self.achieved / self.target if self.target else 0.0


@dataclass(frozen=True)
class Progress:
    target_id: str
    indicator_code: str
    label: str  # English source label of the indicator
    pledge_id: str
    pledge_title: str  # the title the pledge strives for: two pledges may target the same indicator
    note: str
    # Usually one goal; a house target may set a number of houses and a sum of money (the count first).
    goals: tuple[Goal, ...]

    @property
    def ratio(self) -> float:
        """How far the target is met: the least met of its goals (met only when every goal is)."""
        return min(goal.ratio for goal in self.goals)


# The order the Overview lists an indicator in: the order of the indicator cards, not of the codes.
_INDICATOR_ORDER = {code: position for position, code in enumerate(BY_CODE)}


def _goals(figure: Figure, percent: int | None, amount: int | None, value: int | None) -> tuple[Goal, ...]:
    """The goals a target sets (a percent target is a rate; a count and an amount may go together)."""
    if percent is not None:
        return (Goal("percent", percent, round((figure.rate or 0) * 1000)),)
    goals = []
    if value is not None:
        goals.append(Goal("count", value, figure.value or 0))
    if amount is not None:
        goals.append(Goal("amount", amount, figure.amount_vnd or 0))
    return tuple(goals) or (Goal("count", 0, figure.value or 0),)


def pledge_progress(source: plain_sql.Source, unit_code: str, year: int, report: Report) -> list[Progress]:
    """Each live pledge target of the unit-year beside what the indicators say was achieved, pledge by
    pledge (as registered), each pledge's targets in the order of the indicators."""
    unit_id, _is_local = _unit_id(source, unit_code)
    rows = plain_sql.rows(
        source,
        "SELECT t.id, t.indicator_code, t.target_percent, t.target_amount_vnd, t.target_value, t.note,"
        " p.id, p.title"
        " FROM pledge_target AS t JOIN pledge AS p ON p.id = t.pledge_id"
        " WHERE t.unit_id = :unit AND t.year = :year AND t.deleted = 0 AND p.deleted = 0"
        " ORDER BY p.registered_on IS NULL, p.registered_on, p.title, p.id",
        {"unit": unit_id, "year": year},
    )
    result = []
    for target_id, code, percent, amount, value, note, pledge_id, title in rows:
        definition = BY_CODE.get(code)
        if definition is None or code not in report.results:
            continue
        goals = _goals(report[code].current, percent, amount, value)
        result.append(Progress(target_id, code, definition.label, pledge_id, title or "", note or "", goals))
    pledge_order = {
        pledge_id: position for position, pledge_id in enumerate(dict.fromkeys(p.pledge_id for p in result))
    }
    return sorted(result, key=lambda p: (pledge_order[p.pledge_id], _INDICATOR_ORDER[p.indicator_code]))


@dataclass(frozen=True)
class Overview:
    report: Report  # every figure of the unit-year beside last year's
    progress: list[Progress]


def overview(db: Database, unit_code: str, year: int) -> Overview:
    """The Overview tab's figures and pledge progress, in one plain read."""
    with db.reading() as connection:
        report = compute(connection, unit_scope(connection, unit_code), year)
        return Overview(report, pledge_progress(connection, unit_code, year, report))
