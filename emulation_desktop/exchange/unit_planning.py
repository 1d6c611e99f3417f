"""Planning a package's units: its unit, ancestors and places matched to ours by code.

Each installation gives its units its own ids, so units travel by code. A unit missing here is
planned as new (an imported, read-only copy); a place whose name or type changed at its owner is
planned as an update. The package's records may name only its own places (``PackagePlaces``).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from emulation_desktop.domain.base import new_id
from emulation_desktop.domain.models import OrgLevel, Unit
from emulation_desktop.domain.text import clean_text, fold
from emulation_desktop.errors import InputError
from emulation_desktop.exchange import keys
from emulation_desktop.exchange.import_plan import ImportPlan, PlannedUnit
from emulation_desktop.exchange.package_format import PackageRejected, refusal
from emulation_desktop.exchange.package_reading import Package
from emulation_desktop.locale.i18n import _


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
            if code != unit_spec["code"] and spec in structure["places"]:
                if not found.path.startswith(paths_by_code[unit_spec["code"]]):
                    raise refusal(_("the place {code} belongs to another unit here.").format(code=code))
                if found.is_local and not plan.adopt_unit:
                    raise refusal(_("the place {code} is owned by this installation.").format(code=code))
                name, unit_type, place_name = (
                    clean_text(spec[k]) for k in ("name", "unit_type", "place_name")
                )
                if (found.name, found.unit_type, found.place_name, found.deleted) != (
                    name,
                    unit_type,
                    place_name,
                    False,
                ):
                    plan.writes.unit_updates.append(
                        {
                            "id": found.id,
                            "name": name,
                            "unit_type": unit_type,
                            "place_name": place_name,
                            "deleted": False,
                            "search_key": fold(f"{name} {code}"),
                        }
                    )
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
        by_code[code] = (unit_id, clean_text(spec["name"]), spec["level"])
    plan.new_units = len(plan.writes.units)
    plan.unit_id = ids_by_code[unit_spec["code"]]
    # Only the unit's own places can be referenced by its records.
    place_codes = {p["code"] for p in structure["places"]}
    return {code: value for code, value in by_code.items() if code in place_codes}
