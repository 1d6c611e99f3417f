"""Planning a package's units: its unit, ancestors and places matched to ours by code.

Each installation gives its units its own ids, so units travel by code. A unit missing here is
planned as new (an imported, read-only copy); the unit or a place whose name, type or years changed at
its owner is planned as an update of the same unit. The old units the package's unit was formed from
(format 3) replace those recorded here, so "last year" sums the same units at both offices
(docs/setup.md). The package's records may name only its own places (``PackagePlaces``).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from emulation_desktop.domain.base import new_id
from emulation_desktop.domain.models import OrgLevel, Unit
from emulation_desktop.domain.text import clean_text, fold
from emulation_desktop.errors import InputError
from emulation_desktop.exchange import keys
from emulation_desktop.exchange.import_plan import ImportPlan, PlannedUnit
from emulation_desktop.exchange.package_format import PREDECESSORS, PackageRejected, refusal
from emulation_desktop.exchange.package_reading import Package
from emulation_desktop.locale.i18n import _
from emulation_desktop.operations.predecessors import FORMED_IN, Predecessor, put_predecessors, recorded


class PackagePlaces:
    """Resolves the package's place codes to this installation's unit ids (existing or about to be
    made), the way ``operations.records.Places`` does for the clerk's entries."""

    def __init__(self, unit_name: str, by_code: dict[str, tuple[str, str, str]]) -> None:
        self.unit = type("U", (), {"name": unit_name})()
        self._by_code = by_code  # code → (id, name, level)

    def resolve(self, value: str, levels: tuple[str, ...]) -> tuple[str, str]:
        found = self._by_code.get(value)
        if found is None or found[2] not in levels:
            raise InputError(
                _("No commune or village “{value}” in {unit}.").format(value=value, unit=self.unit.name)
            )
        return found[0], found[1]


def plan_structure(session: Session, pkg: Package, plan: ImportPlan) -> dict[str, tuple[str, str, str]]:
    """Match the package's units to ours by code; plan the missing ones and the changed places.
    Returns the package's own places: code → (id, name, level)."""
    structure = pkg.structure
    levels = set(session.scalars(select(OrgLevel.code)))
    specs = [*structure["ancestors"], structure["unit"], *structure["places"]]
    for spec in specs:
        if spec["level"] not in levels:
            raise refusal(
                _("it uses an organisation level “{level}” unknown here.").format(level=spec["level"][:40])
            )
    codes = [s["code"] for s in specs]
    existing: dict[str, Unit] = {}
    for start in range(0, len(codes), 500):
        for unit in session.scalars(select(Unit).where(Unit.code.in_(codes[start : start + 500]))):
            existing[unit.code] = unit
    unit_spec = structure["unit"]
    own = existing.get(unit_spec["code"])
    if own is not None:
        if own.deleted:
            raise refusal(_("the unit {code} was deleted here.").format(code=own.code))
        if own.is_local:
            if keys.has_live_records(session, own):
                raise PackageRejected(
                    _(
                        "The package is refused: {unit} is owned by this installation and has records here. "
                        "A unit is edited in one place only; import packages of units owned elsewhere."
                    ).format(unit=own.name)
                )
            plan.adopt_unit = True
    by_code: dict[str, tuple[str, str, str]] = {}
    paths_by_code: dict[str, str] = {}
    ids_by_code: dict[str, str] = {}
    for spec in specs:
        code = spec["code"]
        found = existing.get(code)
        parent_code = spec["parent_code"]
        if found is not None:
            ids_by_code[code], paths_by_code[code] = found.id, found.path
            is_place = code != unit_spec["code"] and spec in structure["places"]
            if is_place:
                if not found.path.startswith(paths_by_code[unit_spec["code"]]):
                    raise refusal(_("the place {code} belongs to another unit here.").format(code=code))
                if found.is_local and not plan.adopt_unit:
                    raise refusal(_("the place {code} is owned by this installation.").format(code=code))
            if is_place or code == unit_spec["code"]:
                # Units are keyed by code: a name, type or years corrected by the owner update the same
                # unit here, never a second one (docs/units.md, "Corrections").
                _plan_correction(plan, found, spec)
            by_code[code] = (found.id, found.name, found.level_code)
            continue
        if parent_code is not None and parent_code not in ids_by_code:
            raise refusal(_("its structure is not valid."))
        parent_path = paths_by_code[parent_code] if parent_code is not None else "/"
        unit_id = new_id()
        ids_by_code[code], paths_by_code[code] = unit_id, f"{parent_path}{code}/"
        plan.writes.units.append(
            PlannedUnit(
                unit_id, spec, paths_by_code[code], ids_by_code.get(parent_code) if parent_code else None
            )
        )
        if spec.get("valid_from") is not None or spec.get("valid_until") is not None:
            # A new unit's years are set right after it is inserted (the same transaction).
            plan.writes.unit_updates.append(_correction(unit_id, code, spec, None))
        by_code[code] = (unit_id, clean_text(spec["name"]), spec["level"])
    plan.new_units = len(plan.writes.units)
    plan.unit_id = ids_by_code[unit_spec["code"]]
    if PREDECESSORS in structure:
        _plan_predecessors(session, plan, existing.get(unit_spec["code"]), structure)
    # Only the unit's own places can be referenced by its records.
    place_codes = {p["code"] for p in structure["places"]}
    return {code: value for code, value in by_code.items() if code in place_codes}


def _correction(unit_id: str, code: str, spec: dict[str, Any], found: Unit | None) -> dict[str, Any]:
    """The row update of a unit as the package has it; years the package does not carry (a package
    before format 3) stay as they are here."""
    name, unit_type, place_name = (clean_text(spec[k]) for k in ("name", "unit_type", "place_name"))
    years = {
        key: spec[key] if key in spec else (getattr(found, key) if found is not None else None)
        for key in ("valid_from", "valid_until")
    }
    return {
        "id": unit_id,
        "name": name,
        "unit_type": unit_type,
        "place_name": place_name,
        "deleted": False,
        "search_key": fold(f"{name} {code}"),
        **years,
    }


def _plan_correction(plan: ImportPlan, found: Unit, spec: dict[str, Any]) -> None:
    row = _correction(found.id, found.code, spec, found)
    here = {key: getattr(found, key) for key in row if key not in ("id", "search_key")}
    if any(here[key] != row[key] for key in here):
        plan.writes.unit_updates.append(row)


def _plan_predecessors(
    session: Session, plan: ImportPlan, unit: Unit | None, structure: dict[str, Any]
) -> None:
    """Plan the old units of the package's unit when they differ from those recorded here."""
    wanted = [Predecessor(p["code"], clean_text(p["name"]), p["counted"]) for p in structure[PREDECESSORS]]
    here = [(p.code, p.counted) for p in recorded(session, unit)] if unit is not None else []
    if sorted((p.code, p.counted) for p in wanted) == sorted(here):
        return
    codes = [p.code for p in wanted]
    gone = session.scalar(select(Unit.code).where(Unit.code.in_(codes), Unit.deleted).limit(1))
    if gone is not None:
        raise refusal(_("its old unit {code} was deleted here.").format(code=gone))
    plan.predecessors = wanted
    plan.formed_in = structure["unit"].get("valid_from") or FORMED_IN


def apply_predecessors(session: Session, plan: ImportPlan, user: str) -> None:
    """Record the old units the plan holds for the package's unit (``import_package`` applies the plan);
    one counted for another successor already is recorded not counted here."""
    if plan.predecessors is None:
        return
    unit = session.get(Unit, plan.unit_id)
    assert unit is not None
    put_predecessors(session, unit, plan.predecessors, plan.formed_in, user, refuse=False)
