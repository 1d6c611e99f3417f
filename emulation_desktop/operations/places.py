"""Read-only helpers behind the editors: the places a picker completes over.

Kept Qt-free so that the same answers can be tested without a screen. ``places_for`` is the window's
door (it opens its own read); ``places_under`` is the building block, over a session. What the window
reads first (units, years, the year's state, pledge progress) is in ``unit_years``.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, aliased

from emulation_desktop.domain import models as m
from emulation_desktop.domain.org import in_subtree
from emulation_desktop.domain.text import fold
from emulation_desktop.operations.records import resolve_unit
from emulation_desktop.storage.database import Database


@dataclass(frozen=True)
class Place:
    id: str
    code: str
    level: str
    label: str  # what the picker shows: "Thôn Đông (Xã Bắc Hồng)" for a village
    key: str  # folded label, for diacritic-blind completion


def places_under(
    session: Session, unit_code: str, levels: tuple[str, ...], year: int | None = None
) -> list[Place]:
    """Communes and/or villages under a unit, communes first, then by name; with ``year``, only those
    valid that year (a village ends with its old commune, docs/setup.md)."""
    unit = resolve_unit(session, unit_code)
    place, parent = m.Unit, aliased(m.Unit)
    rows = session.execute(
        select(place.id, place.code, place.name, place.level_code, parent.name.label("parent_name"))
        .outerjoin(parent, parent.id == place.parent_id)
        .where(
            in_subtree(place.path, unit.path),
            place.id != unit.id,
            place.level_code.in_(levels),
            place.deleted.is_(False),
            *(
                ()
                if year is None
                else (
                    or_(place.valid_from.is_(None), place.valid_from <= year),
                    or_(place.valid_until.is_(None), place.valid_until >= year),
                )
            ),
        )
        .order_by(place.level_code != "commune", place.name)
    ).all()
    result = []
    for row in rows:
        label = row.name if row.level_code == "commune" else f"{row.name} ({row.parent_name})"
        result.append(Place(row.id, row.code, row.level_code, label, fold(f"{label} {row.code}")))
    return result


def places_for(db: Database, unit_code: str, levels: tuple[str, ...], year: int | None = None) -> list[Place]:
    """The places under a unit for an editor's pickers, read on their own (see ``places_under``)."""
    with db.session() as session:
        return places_under(session, unit_code, levels, year)
