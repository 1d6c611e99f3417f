"""What the set-up writes (``SetupPlan``), made from the official list or by the set-up window's pages,
cleaned and completed from the list before it is checked (``setup_checks``) and applied (``setup``).
The rules are in docs/setup.md."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from emulation_desktop.domain import catalogue
from emulation_desktop.domain.catalogue import Catalogue, ListedUnit
from emulation_desktop.domain.text import clean_text
from emulation_desktop.errors import InputError
from emulation_desktop.locale.i18n import _
from emulation_desktop.operations.committee import Person
from emulation_desktop.operations.predecessors import Predecessor
from emulation_desktop.operations.unit_specs import province_type

ROLES = ("office", "cluster_head", "city")
FIRST_YEAR, LAST_YEAR = 2000, 2100
TEST_PREFIX = "T"  # a unit outside the official list has a code starting with T (listed codes are digits)
CODE_LENGTH = 12  # a test unit's code, so that its villages' codes ("T01-001") fit the column
UNIT_NAME_LENGTH = 120  # Unit.name and Cluster.name
DISTRICT_TYPES = ("Quận", "Huyện", "Thị xã", "Thành phố")  # the district-level types of the old list


@dataclass(frozen=True)
class SetupPlan:
    """What the set-up writes. ``role``: "office" (a commune's or ward's committee, or a district's for a
    year before 2025), "cluster_head" (an office that also sets up its cluster for the year) or "city"
    (a province-level office). Name, type and province come from the official list for a listed code.

    ``predecessors``: the old units the unit was formed from, as the clerk chose them; None leaves them
    as recorded, or as the official mapping offers them for a unit set up for 2025 or later.
    ``member_predecessors``: the same for cluster members (code, their old units), cluster head only."""

    role: str
    unit_code: str
    year: int
    unit_name: str = ""
    unit_type: str = ""
    province_code: str = ""
    villages: tuple[str, ...] = ()
    people: tuple[Person, ...] = ()
    cluster_code: str = ""
    cluster_name: str = ""
    cluster_members: tuple[str, ...] = ()
    head_code: str = ""
    deputy_code: str = ""
    predecessors: tuple[Predecessor, ...] | None = None
    member_predecessors: tuple[tuple[str, tuple[Predecessor, ...]], ...] = ()


def role_of(role: str) -> str:
    return role.strip().replace("-", "_")


def listed(cat: Catalogue, role: str, code: str) -> tuple[ListedUnit | None, str]:
    """A code of the official list as (unit, level); a province for the city's office."""
    if role == "city":
        province = cat.province(code)
        if province is None:
            return None, "city"
        return ListedUnit(province.code, province.name, province_type(province.name), province.code), "city"
    unit = cat.unit(code)
    if unit is not None:
        return unit, "commune"
    return cat.district(code), "district"


def unknown_code(code: str, year: int) -> str:
    return _(
        "The code “{code}” is not in the official list of units for {year}. A unit outside the list (a "
        "test unit) has a code starting with T and its name typed in."
    ).format(code=code, year=year)


def year_message() -> str:
    return _("The year must be between {first} and {last}.").format(first=FIRST_YEAR, last=LAST_YEAR)


def too_long(limit: int) -> str:
    return _("At most {n} characters.").format(n=limit)


def plan_from_catalogue(unit_code: str, year: int, role: str = "office", chair: str = "") -> SetupPlan:
    """A plan for a unit of the official list in force in ``year``, with its chairman if named (he or
    she signs on behalf of the standing committee). The head of a cluster starts as its only member."""
    role = role_of(role)
    code = clean_text(unit_code)
    if role not in ROLES:
        raise InputError(_("Unknown role “{role}”: office, cluster-head or city.").format(role=role))
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InputError(year_message())
    found, _level = listed(catalogue.for_year(year), role, code)
    if found is None:
        raise InputError(unknown_code(code, year))
    chair = clean_text(chair)
    return SetupPlan(
        role=role,
        unit_code=found.code,
        year=year,
        unit_name=found.name,
        unit_type=found.type,
        province_code=found.province,
        people=(Person(chair, "chair", "tm"),) if chair else (),
        cluster_members=(found.code,) if role == "cluster_head" else (),
        head_code=found.code if role == "cluster_head" else "",
    )


def _clean_old(items: tuple[Predecessor, ...]) -> tuple[Predecessor, ...]:
    return tuple(replace(p, code=clean_text(p.code), name=clean_text(p.name)) for p in items)


def cleaned(plan: SetupPlan) -> SetupPlan:
    """The plan as it would be stored: text NFC and trimmed, the cluster head among the members."""
    members = tuple(dict.fromkeys(c for c in (clean_text(m) for m in plan.cluster_members) if c))
    plan = replace(
        plan,
        role=role_of(plan.role),
        unit_code=clean_text(plan.unit_code),
        unit_name=clean_text(plan.unit_name),
        unit_type=clean_text(plan.unit_type),
        province_code=clean_text(plan.province_code),
        villages=tuple(clean_text(v) for v in plan.villages),
        people=tuple(Person(clean_text(p.name), p.position, p.signs_as) for p in plan.people),
        cluster_code=clean_text(plan.cluster_code),
        cluster_name=clean_text(plan.cluster_name),
        cluster_members=members,
        head_code=clean_text(plan.head_code),
        deputy_code=clean_text(plan.deputy_code),
        predecessors=None if plan.predecessors is None else _clean_old(plan.predecessors),
        member_predecessors=tuple(
            (clean_text(code), _clean_old(items)) for code, items in plan.member_predecessors
        ),
    )
    if plan.role == "cluster_head" and plan.unit_code and plan.unit_code not in members:
        plan = replace(plan, cluster_members=(plan.unit_code, *members))
    return plan


def resolved(plan: SetupPlan) -> tuple[SetupPlan, str, dict[str, str]]:
    """The plan completed from the official list (name, type, province of a listed unit), the unit's
    level, and what is wrong with the unit's part of it."""
    errors: dict[str, str] = {}
    code, year = plan.unit_code, plan.year
    if plan.role not in ROLES:
        errors["role"] = _("Choose what this office is: a committee, a cluster head or the city.")
        return plan, "", errors
    if not FIRST_YEAR <= year <= LAST_YEAR:
        errors["year"] = year_message()
        return plan, "", errors
    cat = catalogue.for_year(year)
    if not code:
        errors["unit_code"] = _("Choose the unit from the official list.")
        return plan, "", errors
    if code.startswith(TEST_PREFIX):
        if len(code) > CODE_LENGTH or "/" in code:
            errors["unit_code"] = _("A test unit's code has at most {n} characters and no “/”.").format(
                n=CODE_LENGTH
            )
        if not plan.unit_name:
            errors["unit_name"] = _("Type the name of the test unit.")
        elif len(plan.unit_name) > UNIT_NAME_LENGTH:
            errors["unit_name"] = too_long(UNIT_NAME_LENGTH)
        if plan.province_code and cat.province(plan.province_code) is None:
            errors["province_code"] = _("No province with the code “{code}” in the official list.").format(
                code=plan.province_code
            )
        if plan.role == "city":
            level = "city"
        elif year < catalogue.FIRST_YEAR_OF_CURRENT and plan.unit_type in DISTRICT_TYPES:
            level = "district"
        else:
            level = "commune"
        return plan, level, errors
    found, level = listed(cat, plan.role, code)
    if found is None:
        errors["unit_code"] = unknown_code(code, year)
        return plan, "", errors
    if plan.role == "office" and level == "district" and year >= catalogue.FIRST_YEAR_OF_CURRENT:
        errors["unit_code"] = _("Districts have no committee since 1 July 2025; choose a commune or ward.")
    plan = replace(plan, unit_name=found.name, unit_type=found.type, province_code=found.province)
    return plan, level, errors


@cache
def _successors() -> dict[str, tuple[tuple[int, str], ...]]:
    """Old commune → (rank, code) of each unit of the 2025 list formed from it (the official mapping
    read the other way round): 0 kept its code, 1 took it whole, 2 took part of it."""
    found: dict[str, list[tuple[int, str]]] = {}
    for unit in catalogue.current().units:
        for old in catalogue.predecessors(unit.code):
            rank = 0 if old.code == unit.code else 1 if old.whole else 2
            found.setdefault(old.code, []).append((rank, unit.code))
    return {old: tuple(sorted(items)) for old, items in found.items()}


def successors(old_code: str) -> tuple[ListedUnit, ...]:
    """The units of the 2025 list an old commune went into, as the official mapping has them: the one
    that kept its code first, then those that took it whole, then those that took part of it."""
    current = catalogue.current()
    return tuple(
        u for _rank, code in _successors().get(clean_text(old_code), ()) if (u := current.unit(code))
    )


def likely_successor(old_code: str) -> str:
    """The successor to offer first, when the mapping leaves no doubt: the only one, or the only one that
    took the old commune whole (or kept its code). An old commune split between several is the clerk's
    choice: ""."""
    items = _successors().get(clean_text(old_code), ())
    whole = [code for rank, code in items if rank < 2]
    if len(items) == 1:
        return items[0][1]
    return whole[0] if len(whole) == 1 else ""
