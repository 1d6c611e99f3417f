"""The names the window shows for units that have years (``domain.unit_labels.with_years``), read in
plain SQL so that the unit picker, on the first screen, needs no ORM (docs/architecture.md)."""

from __future__ import annotations

from collections.abc import Iterable

from emulation_desktop.domain.unit_labels import with_years
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
