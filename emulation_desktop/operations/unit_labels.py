"""The names the window shows for units that have years (``domain.unit_labels.with_years``), and a unit's
name as it was in a year (``name_in_year``), read in plain SQL so that the unit picker, on the first
screen, needs no ORM (docs/architecture.md); the documents read the same."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from emulation_desktop.domain.unit_labels import old_type, place_name, with_years
from emulation_desktop.storage import plain_sql
from emulation_desktop.storage.database import Database


def labels_with_years(source: plain_sql.Source, codes: Iterable[str]) -> dict[str, str]:
    """Code → "name (years)" of the units among ``codes`` valid for some years only, when the units
    offered together are not all valid for the same years (old and new side by side); else nothing,
    so a list of this year's units alone reads as before."""
    wanted, params = plain_sql.in_list("code", codes)
    rows = plain_sql.rows(
        source,
        f"SELECT code, name, valid_from, valid_until FROM unit WHERE code IN {wanted} AND {plain_sql.LIVE}",
        params,
    )
    if len({(valid_from, valid_until) for _code, _name, valid_from, valid_until in rows}) < 2:
        return {}
    return {
        code: with_years(name, valid_from, valid_until)
        for code, name, valid_from, valid_until in rows
        if valid_from is not None or valid_until is not None
    }


def unit_labels(db: Database, codes: Iterable[str]) -> dict[str, str]:
    """``labels_with_years`` on its own plain read (the window's unit picker)."""
    with db.reading() as connection:
        return labels_with_years(connection, codes)


@dataclass(frozen=True)
class YearName:
    """What a document writes of a unit in a year: its name, type ("Phường") and place name."""

    name: str
    unit_type: str
    place_name: str


def name_in_year(source: plain_sql.Source, unit_id: str, year: int) -> YearName | None:
    """The unit's name in ``year`` (None: no such unit). A unit formed in 2025 that kept an old commune's
    code is that commune's row (docs/setup.md), so for a year before it was formed it has the commune's
    name, kept on its own predecessor row; any other year, or any other unit, has the row's name."""
    row = plain_sql.first(
        source,
        "SELECT u.name, u.unit_type, u.place_name, u.valid_from, own.name FROM unit AS u"
        " LEFT JOIN unit_predecessor AS own ON own.unit_id = u.id AND own.predecessor_id = u.id"
        " AND own.deleted = 0 WHERE u.id = :id",
        {"id": unit_id},
    )
    if row is None:
        return None
    name, unit_type, place, valid_from, old_name = row
    if old_name and valid_from is not None and year < valid_from:
        kind = old_type(old_name)
        return YearName(old_name, kind, place_name(old_name, kind))
    return YearName(name, unit_type, place)


def name_in_year_of(db: Database, unit_id: str, year: int) -> YearName | None:
    """``name_in_year`` read on its own (the window's door)."""
    with db.reading() as connection:
        return name_in_year(connection, unit_id, year)
