"""Units of the official list as the set-up and the predecessors add them: the spec of a unit
(``structure.insert_units`` reads it), and the province (and, in the list before 2025, the district) a
unit sits under, added when missing and not owned here. Units are keyed by code across offices
(docs/units.md), so a unit already in the file is always the one used."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from emulation_desktop.domain.catalogue import Catalogue
from emulation_desktop.domain.models import Unit
from emulation_desktop.domain.unit_labels import place_name
from emulation_desktop.operations import structure


def province_type(name: str) -> str:
    return "Thành phố" if name.startswith("Thành phố") else "Tỉnh"


def unit_spec(code: str, name: str, unit_type: str, level: str, **more: Any) -> dict[str, Any]:
    """What ``structure.insert_units`` needs to add a unit (``more``: its children, its years…)."""
    return {
        "code": code,
        "name": name,
        "level": level,
        "unit_type": unit_type,
        "place_name": place_name(name, unit_type),
        **more,
    }


def ensure_unit(session: Session, parent: Unit | None, spec: dict[str, Any], user: str) -> Unit:
    """The unit with the spec's code, added (not owned here) under ``parent`` when it is missing."""
    found = session.scalar(select(Unit).where(Unit.code == spec["code"]))
    if found is None:
        structure.insert_units(session, parent, [spec], user=user)
        found = session.scalar(select(Unit).where(Unit.code == spec["code"]))
        assert found is not None
    return found


def listed_parent(
    session: Session, cat: Catalogue, province_code: str, district_code: str, user: str
) -> Unit | None:
    """The province (and, in the old list, the district) a unit sits under, added when missing."""
    province = cat.province(province_code) if province_code else None
    parent = None
    if province is not None:
        spec = unit_spec(province.code, province.name, province_type(province.name), "city")
        parent = ensure_unit(session, None, spec, user)
    district = cat.district(district_code) if district_code else None
    if district is not None:
        spec = unit_spec(district.code, district.name, district.type, "district")
        parent = ensure_unit(session, parent, spec, user)
    return parent
