"""Day one for a real office (issue #16): the unit this data folder belongs to, its villages, its
committee's people and its year, taken from the official list; for the office that heads a cluster, the
cluster too; for a unit formed in 2025, the old units it was formed from. The set-up window and the
``setup`` command both go through ``check_plan`` and ``apply_setup``; the rules are in docs/setup.md.

The parts live in their own modules: the plan (``setup_plan``), its checks (``setup_checks``), the
committee's people (``committee``), the villages (``villages``), units from the list (``unit_specs``).
Their public names are importable from here too, the set-up's one front door.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from emulation_desktop.domain import catalogue
from emulation_desktop.domain.audit import Setting, audit_row
from emulation_desktop.domain.catalogue import Catalogue, ListedUnit
from emulation_desktop.domain.models import Cluster, ClusterMember, Unit
from emulation_desktop.domain.org import in_subtree
from emulation_desktop.domain.text import clean_text, fold
from emulation_desktop.errors import InputError, ValidationError
from emulation_desktop.locale.i18n import _
from emulation_desktop.operations import structure
from emulation_desktop.operations.committee import (
    Person,
    committee_of,
    people_of,
    person_of,
    put_people,
    signer,
    signer_in,
)
from emulation_desktop.operations.predecessors import FORMED_IN, put_offered, put_predecessors, recorded
from emulation_desktop.operations.setup_checks import check_plan, plan_warnings
from emulation_desktop.operations.setup_plan import (
    CODE_LENGTH,
    DISTRICT_TYPES,
    FIRST_YEAR,
    LAST_YEAR,
    ROLES,
    TEST_PREFIX,
    UNIT_NAME_LENGTH,
    SetupPlan,
    cleaned,
    likely_successor,
    listed,
    plan_from_catalogue,
    resolved,
    successors,
)
from emulation_desktop.operations.unit_specs import ensure_unit, listed_parent, unit_spec
from emulation_desktop.operations.villages import (
    URBAN_TYPES,
    VILLAGE_TYPES,
    add_villages,
    villages_from_column,
    villages_from_text,
)
from emulation_desktop.storage.database import Database

ROLE_SETTING = "installation_role"  # the Setting row that says what this installation is

__all__ = [
    "CODE_LENGTH",
    "DISTRICT_TYPES",
    "FIRST_YEAR",
    "LAST_YEAR",
    "ROLES",
    "ROLE_SETTING",
    "TEST_PREFIX",
    "UNIT_NAME_LENGTH",
    "URBAN_TYPES",
    "VILLAGE_TYPES",
    "Person",
    "SetupPlan",
    "apply_setup",
    "check_plan",
    "committee_of",
    "going_on_as",
    "installation_role",
    "likely_successor",
    "needs_setup",
    "people_of",
    "person_of",
    "plan_from_catalogue",
    "plan_warnings",
    "put_people",
    "signer",
    "signer_in",
    "successors",
    "villages_from_column",
    "villages_from_text",
]


def needs_setup(db: Database) -> bool:
    """True while no unit of the data file is owned here: the window then offers the set-up."""
    with db.session() as session:
        return session.scalar(select(Unit.id).where(Unit.is_local, ~Unit.deleted).limit(1)) is None


def installation_role(db: Database) -> str:
    """The role the set-up gave this installation ("" before the set-up)."""
    with db.session() as session:
        return session.scalar(select(Setting.value).where(Setting.key == ROLE_SETTING)) or ""


def going_on_as(db: Database, unit_code: str) -> tuple[ListedUnit, ...]:
    """The units of the 2025 list this folder's unit may go on as (docs/setup.md), for a unit owned here
    as an old commune: one that ended with the reorganisation of 1 July 2025 (valid until 2024, or listed
    before 2025, and its code in no unit of the 2025 list) goes on as one of the units the official
    mapping formed from it; one whose code a unit of the 2025 list kept, set up here as the old commune
    (not yet formed: no ``valid_from``), goes on as that unit, its own row. Else none. Setting one of them
    up (``apply_setup``) keeps the old unit's years as history; ``refuse_other_unit`` allows it."""
    code = clean_text(unit_code)
    kept = catalogue.current().unit(code)
    with db.session() as session:
        unit = session.scalar(select(Unit).where(Unit.code == code, Unit.is_local, ~Unit.deleted))
        if unit is None:
            return ()
        ended = unit.valid_until is not None and unit.valid_until < catalogue.FIRST_YEAR_OF_CURRENT
        formed = unit.valid_from is not None
    if kept is not None:
        # The row is the new unit's; it goes on only while it is still the old commune here.
        return (kept,) if not formed and catalogue.before_2025().unit(code) is not None else ()
    if not ended and catalogue.before_2025().unit(code) is None:
        return ()
    return successors(code)


def apply_setup(db: Database, plan: SetupPlan, user: str = "") -> None:
    """Set the data folder up for the plan's unit, all in one transaction or nothing: the province (and,
    before 2025, the district) from the official list, the unit (owned here) with its villages (and a
    district's communes), the old units it was formed from, the committee's people for the year, the
    cluster and its members for the year with their old units (cluster head), the year itself and the
    installation's role. Setting up the same unit again for another year adds that year; for the same
    year it changes only what the plan changes."""
    errors = check_plan(plan)
    if errors:
        raise ValidationError(errors)
    plan, level, _errors = resolved(cleaned(plan))
    cat = catalogue.for_year(plan.year)
    with db.transaction() as session:
        refuse_other_unit(session, plan)
        parent = _ancestors(session, cat, plan, level, user)
        unit = _own_unit(session, cat, plan, level, parent, user)
        # The old units first: a unit formed now gets its years, and the old commune whose code it kept
        # (its own row) its villages' end, before the new unit's villages are added for their years.
        if plan.predecessors is not None and plan.role != "city":
            put_predecessors(session, unit, plan.predecessors, FORMED_IN, user)
        elif level == "commune" and plan.year >= catalogue.FIRST_YEAR_OF_CURRENT:
            put_offered(session, unit, user)  # the old communes it was formed from, as the mapping has them
        add_villages(session, unit, plan.villages, plan.year, user)
        put_people(session, unit, plan.year, plan.people, user)
        if plan.role == "cluster_head":
            _put_cluster(session, cat, plan, user)
        year = structure.year_record(session, unit, plan.year)
        if year in session.new:
            session.add(audit_row("create", "emulation_year", year.id, user=user, new={"year": plan.year}))
        _put_role(session, plan.role, user)


def refuse_other_unit(session: Session, plan: SetupPlan) -> None:
    """One data folder is one unit's (docs/setup.md): refuse when a unit outside this one's tree is owned
    here, unless it is an old unit this one was formed from that ended with the reorganisation (the old
    commune's office goes on as the new ward's: the old unit stays owned here, with its records and its
    years, as history)."""
    mine = session.scalar(select(Unit).where(Unit.code == plan.unit_code, ~Unit.deleted))
    olds = {p.code for p in catalogue.predecessors(plan.unit_code)}
    olds |= {p.code for p in plan.predecessors or ()}
    if mine is not None:
        olds |= {p.code for p in recorded(session, mine)}
    # A code the 2025 list still has is another new unit's office (a sibling sharing a split commune),
    # not an old unit that ended: that one stays refused.
    olds = {code for code in olds if catalogue.current().unit(code) is None}
    owned = select(Unit).where(Unit.is_local, ~Unit.deleted).order_by(Unit.path)
    if mine is not None:
        owned = owned.where(~in_subtree(Unit.path, mine.path))
    for path in session.scalars(select(Unit.path).where(Unit.code.in_(olds), ~Unit.deleted)):
        owned = owned.where(~in_subtree(Unit.path, path))
    other = session.scalars(owned.limit(1)).first()
    if other is not None:
        raise InputError(
            _(
                "This data folder is already set up for {name} ({code}); each data folder belongs to one "
                "unit. Choose another data folder for {other}."
            ).format(name=other.name, code=other.code, other=plan.unit_code)
        )


def _ancestors(session: Session, cat: Catalogue, plan: SetupPlan, level: str, user: str) -> Unit | None:
    if level == "city":
        return None
    found = cat.unit(plan.unit_code)
    return listed_parent(session, cat, plan.province_code, found.district if found else "", user)


def _own_unit(
    session: Session, cat: Catalogue, plan: SetupPlan, level: str, parent: Unit | None, user: str
) -> Unit:
    """The plan's unit, owned here: added, or an imported copy adopted (its records become editable). Set
    up for a year of the 2025 list, a unit already here takes that list's name and type: the row of an old
    commune whose code a 2025 unit kept becomes that unit (its name before is kept on its own predecessor
    row, for the documents of its years: ``unit_labels.name_in_year``)."""
    spec = unit_spec(plan.unit_code, plan.unit_name, plan.unit_type, level)
    if level == "district":  # a district's office works over its communes: they come from the list
        spec["children"] = [
            unit_spec(c.code, c.name, c.type, "commune") for c in cat.units if c.district == plan.unit_code
        ]
    unit = session.scalar(select(Unit).where(Unit.code == plan.unit_code))
    if unit is None:
        structure.insert_units(session, parent, [spec], is_local=True, user=user)
        unit = session.scalar(select(Unit).where(Unit.code == plan.unit_code))
        assert unit is not None
    elif not unit.is_local:
        structure.change_ownership(session, unit, True, user=user, reason=_("set-up"))
    if level == "commune" and plan.year >= catalogue.FIRST_YEAR_OF_CURRENT:
        _rename(session, unit, spec, user)
    return unit


def _rename(session: Session, unit: Unit, spec: dict[str, Any], user: str) -> None:
    """The unit's name and type as the list of its year has them; an audited update, or nothing."""
    new = {key: spec[key] for key in ("name", "unit_type", "place_name")}
    old = {key: getattr(unit, key) for key in new}
    if old == new:
        return
    for key, value in new.items():
        setattr(unit, key, value)
    unit.search_key = fold(f"{unit.name} {unit.code}")
    unit.version += 1
    unit.updated_by = user
    session.add(audit_row("update", "unit", unit.id, user=user, old=old, new=new))


def _put_cluster(session: Session, cat: Catalogue, plan: SetupPlan, user: str) -> None:
    """The cluster (under the province) and its members for the year, with this year's head and deputy,
    and the old units of the members the clerk set. Members from other offices are added as units not
    owned here, under their own province."""
    province = listed_parent(session, cat, plan.province_code, "", user)
    cluster = session.scalar(select(Cluster).where(Cluster.code == plan.cluster_code))
    if cluster is None:
        cluster = structure.insert_cluster(session, plan.cluster_code, plan.cluster_name, province, user=user)
    olds = dict(plan.member_predecessors)
    for code in plan.cluster_members:
        unit = session.scalar(select(Unit).where(Unit.code == code))
        if unit is None:
            found, level = listed(cat, "office", code)
            assert found is not None  # check_plan saw every member in the list
            above = listed_parent(session, cat, found.province, found.district, user)
            unit = ensure_unit(session, above, unit_spec(found.code, found.name, found.type, level), user)
        if code in olds and code != plan.unit_code:
            put_predecessors(session, unit, olds[code], FORMED_IN, user)
        role = "head" if code == plan.head_code else "deputy" if code == plan.deputy_code else "member"
        if session.scalar(
            select(ClusterMember.id).where(
                ClusterMember.cluster_id == cluster.id,
                ClusterMember.unit_id == unit.id,
                ClusterMember.year == plan.year,
                ClusterMember.role == role,
                ~ClusterMember.deleted,
            )
        ):
            continue  # already so: setting up again writes nothing
        structure.put_cluster_member(session, cluster, unit, plan.year, role, user=user)


def _put_role(session: Session, role: str, user: str) -> None:
    setting = session.get(Setting, ROLE_SETTING)
    if setting is not None and setting.value == role:
        return
    old = setting.value if setting is not None else None
    if setting is None:
        session.add(Setting(key=ROLE_SETTING, value=role))
    else:
        setting.value = role
    session.add(
        audit_row(
            "update" if old else "create",
            "setting",
            ROLE_SETTING,
            user=user,
            old={"value": old} if old else None,
            new={"value": role},
        )
    )
