"""Day one for a real office (issue #16): the unit this data folder belongs to, its villages, its
committee's people and its year, taken from the official list; for the office that heads a cluster, the
cluster too. The set-up window and the ``setup`` command both go through ``check_plan`` and
``apply_setup``; the rules are in docs/setup.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from emulation_desktop.domain import catalogue
from emulation_desktop.domain.audit import Setting, audit_row
from emulation_desktop.domain.base import new_id
from emulation_desktop.domain.catalogue import Catalogue, ListedUnit
from emulation_desktop.domain.models import Cluster, ClusterMember, CommitteeMember, Unit
from emulation_desktop.domain.org import in_subtree
from emulation_desktop.domain.people import NAME_LENGTH, POSITIONS, SIGNS_AS
from emulation_desktop.domain.text import clean_text, fold
from emulation_desktop.errors import InputError, ValidationError
from emulation_desktop.locale.i18n import _
from emulation_desktop.operations import structure
from emulation_desktop.storage.database import Database

ROLES = ("office", "cluster_head", "city")
ROLE_SETTING = "installation_role"  # the Setting row that says what this installation is
FIRST_YEAR, LAST_YEAR = 2000, 2100
TEST_PREFIX = "T"  # a unit outside the official list has a code starting with T (listed codes are digits)
CODE_LENGTH = 12  # a test unit's code, so that its villages' codes ("T01-001") fit the column
UNIT_NAME_LENGTH = 120  # Unit.name and Cluster.name
DISTRICT_TYPES = ("Quận", "Huyện", "Thị xã", "Thành phố")  # the district-level types of the old list
# A village's type from the first words of its name; otherwise "Tổ dân phố" in a ward or town,
# "Thôn" elsewhere.
VILLAGE_TYPES = ("Tổ dân phố", "Khu phố", "Thôn", "Ấp", "Bản", "Làng", "Buôn", "Khóm", "Xóm", "Khu")
URBAN_TYPES = ("Phường", "Thị trấn")


@dataclass(frozen=True)
class Person:
    """One person of the committee: ``position`` one of ``people.POSITIONS``, ``signs_as`` "tm" (the
    chairman, on behalf of the standing committee), "kt" (a vice chairman, for the chairman) or ""."""

    name: str
    position: str = "chair"
    signs_as: str = ""


@dataclass(frozen=True)
class SetupPlan:
    """What the set-up writes. ``role``: "office" (a commune's or ward's committee, or a district's for a
    year before 2025), "cluster_head" (an office that also sets up its cluster for the year) or "city"
    (a province-level office). Name, type and province come from the official list for a listed code."""

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


# ------------------------------------------------------------------------------------------- reading


def needs_setup(db: Database) -> bool:
    """True while no unit of the data file is owned here: the window then offers the set-up."""
    with db.session() as session:
        return session.scalar(select(Unit.id).where(Unit.is_local, ~Unit.deleted).limit(1)) is None


def people_of(db: Database, unit_code: str, year: int) -> list[Person]:
    """The committee's people for the year, in the order they were listed."""
    with db.session() as session:
        unit = structure.resolve_unit(session, unit_code)
        return [person_of(m) for m in committee_of(session, unit, year)]


def signer(db: Database, unit_code: str, year: int) -> Person | None:
    """Who signs the unit's documents for the year: the person marked "tm", else the chairman."""
    with db.session() as session:
        return signer_in(session, structure.resolve_unit(session, unit_code), year)


def signer_in(session: Session, unit: Unit, year: int) -> Person | None:
    """``signer`` inside a caller's transaction (the documents' header and signature block)."""
    people = [person_of(m) for m in committee_of(session, unit, year)]
    return next((p for p in people if p.signs_as == "tm"), None) or next(
        (p for p in people if p.position == "chair"), None
    )


def installation_role(db: Database) -> str:
    """The role the set-up gave this installation ("" before the set-up)."""
    with db.session() as session:
        return session.scalar(select(Setting.value).where(Setting.key == ROLE_SETTING)) or ""


def committee_of(session: Session, unit: Unit, year: int) -> list[CommitteeMember]:
    """The live committee rows of the unit's year, in their order (a building block)."""
    return list(
        session.scalars(
            select(CommitteeMember)
            .where(CommitteeMember.unit_id == unit.id, CommitteeMember.year == year, ~CommitteeMember.deleted)
            .order_by(CommitteeMember.sort_order)
        )
    )


def person_of(member: CommitteeMember) -> Person:
    return Person(member.name, member.position, member.signs_as)


# ------------------------------------------------------------------------------------ villages' text


def villages_from_text(text: str) -> list[str]:
    """Village names pasted from Excel (cells split by tabs) or typed one per line: trimmed, NFC, empty
    cells and repeats (ignoring case) dropped, in the order given."""
    names: list[str] = []
    seen: set[str] = set()
    for line in text.splitlines():
        for cell in line.split("\t"):
            name = clean_text(cell)
            if name and _key(name) not in seen:
                seen.add(_key(name))
                names.append(name)
    return names


# A first cell saying what the column is ("Tên thôn", "Thôn, tổ dân phố", "STT") is a heading.
_HEADINGS = ("ten", "stt", "danh sach", "thon, to dan pho", "thon/to dan pho", "thon", "to dan pho", "")


def villages_from_column(cells: Iterable[str]) -> list[str]:
    """The villages of a column read from a file (its first cells holding a name): as
    ``villages_from_text``, with a heading in the first cell left out."""
    names = list(cells)
    heading = fold(names[0]) if names else ""
    if heading in _HEADINGS or heading.startswith("ten "):
        names = names[1:]
    return villages_from_text("\n".join(names))


def _key(name: str) -> str:
    """Two village names are the same when they differ only in case or spacing; not in diacritics
    ("Thôn Đông" and "Thôn Động" are two villages), so this is not ``fold``."""
    return clean_text(name).casefold()


# ------------------------------------------------------------------------------------------- the plan


def _role_of(role: str) -> str:
    return role.strip().replace("-", "_")


def _province_type(name: str) -> str:
    return "Thành phố" if name.startswith("Thành phố") else "Tỉnh"


def _listed(cat: Catalogue, role: str, code: str) -> tuple[ListedUnit | None, str]:
    """A code of the official list as (unit, level); a province for the city's office."""
    if role == "city":
        province = cat.province(code)
        if province is None:
            return None, "city"
        return ListedUnit(province.code, province.name, _province_type(province.name), province.code), "city"
    unit = cat.unit(code)
    if unit is not None:
        return unit, "commune"
    district = cat.district(code)
    return district, "district"


def _unknown_code(code: str, year: int) -> str:
    return _(
        "The code “{code}” is not in the official list of units for {year}. A unit outside the list (a "
        "test unit) has a code starting with T and its name typed in."
    ).format(code=code, year=year)


def plan_from_catalogue(unit_code: str, year: int, role: str = "office", chair: str = "") -> SetupPlan:
    """A plan for a unit of the official list in force in ``year``, with its chairman if named (he or
    she signs on behalf of the standing committee). The head of a cluster starts as its only member."""
    role = _role_of(role)
    code = clean_text(unit_code)
    if role not in ROLES:
        raise InputError(_("Unknown role “{role}”: office, cluster-head or city.").format(role=role))
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InputError(_year_message())
    cat = catalogue.for_year(year)
    listed, _level = _listed(cat, role, code)
    if listed is None:
        raise InputError(_unknown_code(code, year))
    chair = clean_text(chair)
    return SetupPlan(
        role=role,
        unit_code=listed.code,
        year=year,
        unit_name=listed.name,
        unit_type=listed.type,
        province_code=listed.province,
        people=(Person(chair, "chair", "tm"),) if chair else (),
        cluster_members=(listed.code,) if role == "cluster_head" else (),
        head_code=listed.code if role == "cluster_head" else "",
    )


def _year_message() -> str:
    return _("The year must be between {first} and {last}.").format(first=FIRST_YEAR, last=LAST_YEAR)


def _clean(plan: SetupPlan) -> SetupPlan:
    """The plan as it would be stored: text NFC and trimmed, the cluster head among the members."""
    members = tuple(dict.fromkeys(c for c in (clean_text(m) for m in plan.cluster_members) if c))
    plan = replace(
        plan,
        role=_role_of(plan.role),
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
    )
    if plan.role == "cluster_head" and plan.unit_code and plan.unit_code not in members:
        plan = replace(plan, cluster_members=(plan.unit_code, *members))
    return plan


def _resolved(plan: SetupPlan) -> tuple[SetupPlan, str, dict[str, str]]:
    """The plan completed from the official list (name, type, province of a listed unit), the unit's
    level, and what is wrong with the unit's part of it."""
    errors: dict[str, str] = {}
    code, year = plan.unit_code, plan.year
    if plan.role not in ROLES:
        errors["role"] = _("Choose what this office is: a committee, a cluster head or the city.")
        return plan, "", errors
    if not FIRST_YEAR <= year <= LAST_YEAR:
        errors["year"] = _year_message()
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
            errors["unit_name"] = _too_long(UNIT_NAME_LENGTH)
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
    listed, level = _listed(cat, plan.role, code)
    if listed is None:
        errors["unit_code"] = _unknown_code(code, year)
        return plan, "", errors
    if plan.role == "office" and level == "district" and year >= catalogue.FIRST_YEAR_OF_CURRENT:
        errors["unit_code"] = _("Districts have no committee since 1 July 2025; choose a commune or ward.")
    plan = replace(plan, unit_name=listed.name, unit_type=listed.type, province_code=listed.province)
    return plan, level, errors


def _too_long(limit: int) -> str:
    return _("At most {n} characters.").format(n=limit)


def check_plan(plan: SetupPlan) -> dict[str, str]:
    """Everything wrong with the plan, field → message for the page that shows the field; empty when the
    plan can be applied. A committee without a chairman is allowed (``plan_warnings`` says so)."""
    plan = _clean(plan)
    plan, level, errors = _resolved(plan)
    if errors and ("role" in errors or "year" in errors):
        return errors
    errors.update(_village_errors(plan, level))
    errors.update(_people_errors(plan.people))
    errors.update(_cluster_errors(plan))
    return errors


def plan_warnings(plan: SetupPlan) -> dict[str, str]:
    """What the set-up allows but the clerk should know: the documents will have no signer's name."""
    people = _clean(plan).people
    if not any(p.position == "chair" or p.signs_as == "tm" for p in people):
        return {"people": _("No chairman yet: the documents will be signed without a name.")}
    return {}


def _village_errors(plan: SetupPlan, level: str) -> dict[str, str]:
    if not plan.villages:
        return {}
    if level != "commune":
        return {
            "villages": _(
                "Villages and residential groups belong to a commune or ward; a district or a province "
                "has none of its own."
            )
        }
    seen: set[str] = set()
    for name in plan.villages:
        if not name:
            return {"villages": _("A village has no name.")}
        if len(name) > UNIT_NAME_LENGTH:
            return {
                "villages": _("The village name “{name}” is longer than {n} characters.").format(
                    name=name[:40] + "…", n=UNIT_NAME_LENGTH
                )
            }
        if _key(name) in seen:
            return {"villages": _("The village “{name}” is listed twice.").format(name=name)}
        seen.add(_key(name))
    if len(plan.villages) > 999:
        return {"villages": _("At most 999 villages.")}
    return {}


def _people_errors(people: tuple[Person, ...]) -> dict[str, str]:
    for number, person in enumerate(people, start=1):
        if not person.name:
            return {"people": _("Person {n} has no name.").format(n=number)}
        if len(person.name) > NAME_LENGTH:
            return {
                "people": _("The name of person {n} is longer than {limit} characters.").format(
                    n=number, limit=NAME_LENGTH
                )
            }
        if person.position not in POSITIONS:
            return {"people": _("Person {n} has an unknown position.").format(n=number)}
        if person.signs_as not in SIGNS_AS:
            return {"people": _("Person {n} has an unknown way of signing.").format(n=number)}
        if person.signs_as == "tm" and person.position != "chair":
            return {"people": _("Only the chairman signs on behalf of the standing committee (TM.).")}
        if person.signs_as == "kt" and person.position != "vice_chair":
            return {"people": _("Only a vice chairman signs for the chairman (KT.).")}
    if sum(p.position == "chair" for p in people) > 1:
        return {"people": _("A committee has one chairman.")}
    return {}


def _cluster_errors(plan: SetupPlan) -> dict[str, str]:
    errors: dict[str, str] = {}
    given = plan.cluster_code or plan.cluster_name or plan.head_code or plan.deputy_code
    if plan.role != "cluster_head":
        if given or plan.cluster_members:
            errors["cluster_code"] = _("Only the office that heads a cluster sets the cluster up.")
        return errors
    if not plan.cluster_code:
        errors["cluster_code"] = _("Give the cluster a code.")
    elif len(plan.cluster_code) > 20:
        errors["cluster_code"] = _too_long(20)
    if not plan.cluster_name:
        errors["cluster_name"] = _("Give the cluster its name (for example “Cụm thi đua số 3”).")
    elif len(plan.cluster_name) > UNIT_NAME_LENGTH:
        errors["cluster_name"] = _too_long(UNIT_NAME_LENGTH)
    cat = catalogue.for_year(plan.year)
    for code in plan.cluster_members:
        if code != plan.unit_code and _listed(cat, "office", code)[0] is None:
            errors["cluster_members"] = _unknown_code(code, plan.year)
            break
    if plan.head_code not in plan.cluster_members:
        errors["head_code"] = _("The cluster head must be one of the cluster's members.")
    if plan.deputy_code and plan.deputy_code not in plan.cluster_members:
        errors["deputy_code"] = _("The cluster deputy must be one of the cluster's members.")
    elif plan.deputy_code and plan.deputy_code == plan.head_code:
        errors["deputy_code"] = _("The cluster head and deputy are two different units.")
    return errors


# ------------------------------------------------------------------------------------------ applying


def apply_setup(db: Database, plan: SetupPlan, user: str = "") -> None:
    """Set the data folder up for the plan's unit, all in one transaction or nothing: the province (and,
    before 2025, the district) from the official list, the unit (owned here) with its villages (and a
    district's communes), the committee's people for the year, the cluster and its members for the year
    (cluster head), the year itself and the installation's role. Setting up the same unit again for
    another year adds that year; for the same year it changes only what the plan changes."""
    errors = check_plan(plan)
    if errors:
        raise ValidationError(errors)
    plan, level, _errors = _resolved(_clean(plan))
    cat = catalogue.for_year(plan.year)
    with db.transaction() as session:
        _refuse_other_unit(session, plan.unit_code)
        parent = _ancestors(session, cat, plan, level, user)
        unit = _own_unit(session, cat, plan, level, parent, user)
        _add_villages(session, unit, plan, user)
        if level == "commune" and plan.year >= catalogue.FIRST_YEAR_OF_CURRENT:
            # Imported here, not at the top: operations/predecessors.py builds on this module's helpers.
            from emulation_desktop.operations.predecessors import put_offered

            put_offered(session, unit, user)  # the old communes it was formed from, as the mapping has them
        put_people(session, unit, plan.year, plan.people, user)
        if plan.role == "cluster_head":
            _put_cluster(session, cat, plan, user)
        year = structure.year_record(session, unit, plan.year)
        if year in session.new:
            session.add(audit_row("create", "emulation_year", year.id, user=user, new={"year": plan.year}))
        _put_role(session, plan.role, user)


def _refuse_other_unit(session: Session, code: str) -> None:
    """One data folder is one unit's: refuse when units outside this one's tree are owned here."""
    mine = session.scalar(select(Unit).where(Unit.code == code, ~Unit.deleted))
    owned = select(Unit).where(Unit.is_local, ~Unit.deleted).order_by(Unit.path)
    if mine is not None:
        owned = owned.where(~in_subtree(Unit.path, mine.path))
    other = session.scalars(owned.limit(1)).first()
    if other is not None:
        raise InputError(
            _(
                "This data folder is already set up for {name} ({code}); each data folder belongs to one "
                "unit. Choose another data folder for {other}."
            ).format(name=other.name, code=other.code, other=code)
        )


def _place_name(name: str, unit_type: str) -> str:
    """'Đông Anh' for 'Huyện Đông Anh', as written before the date of a document."""
    return name.removeprefix(unit_type).strip() if unit_type else name


def _spec(code: str, name: str, unit_type: str, level: str, **more: Any) -> dict[str, Any]:
    return {
        "code": code,
        "name": name,
        "level": level,
        "unit_type": unit_type,
        "place_name": _place_name(name, unit_type),
        **more,
    }


def _ensure(session: Session, parent: Unit | None, spec: dict[str, Any], user: str) -> Unit:
    """The unit with the spec's code, added (not owned here) under ``parent`` when it is missing."""
    found = session.scalar(select(Unit).where(Unit.code == spec["code"]))
    if found is None:
        structure.insert_units(session, parent, [spec], user=user)
        found = session.scalar(select(Unit).where(Unit.code == spec["code"]))
        assert found is not None
    return found


def _chain(
    cat: Catalogue, province_code: str, district_code: str, user: str, session: Session
) -> Unit | None:
    """The province (and, in the old list, the district) a unit sits under, added when missing."""
    province = cat.province(province_code) if province_code else None
    parent = None
    if province is not None:
        spec = _spec(province.code, province.name, _province_type(province.name), "city")
        parent = _ensure(session, None, spec, user)
    district = cat.district(district_code) if district_code else None
    if district is not None:
        parent = _ensure(
            session, parent, _spec(district.code, district.name, district.type, "district"), user
        )
    return parent


def _ancestors(session: Session, cat: Catalogue, plan: SetupPlan, level: str, user: str) -> Unit | None:
    if level == "city":
        return None
    listed = cat.unit(plan.unit_code)
    return _chain(cat, plan.province_code, listed.district if listed else "", user, session)


def _own_unit(
    session: Session, cat: Catalogue, plan: SetupPlan, level: str, parent: Unit | None, user: str
) -> Unit:
    """The plan's unit, owned here: added, or an imported copy adopted (its records become editable)."""
    spec = _spec(plan.unit_code, plan.unit_name, plan.unit_type, level)
    if level == "district":  # a district's office works over its communes: they come from the list
        spec["children"] = [
            _spec(c.code, c.name, c.type, "commune") for c in cat.units if c.district == plan.unit_code
        ]
    unit = session.scalar(select(Unit).where(Unit.code == plan.unit_code))
    if unit is None:
        structure.insert_units(session, parent, [spec], is_local=True, user=user)
        unit = session.scalar(select(Unit).where(Unit.code == plan.unit_code))
        assert unit is not None
    elif not unit.is_local:
        structure.change_ownership(session, unit, True, user=user, reason=_("set-up"))
    return unit


def _village_type(name: str, unit: Unit) -> str:
    for kind in VILLAGE_TYPES:
        if fold(name).startswith(fold(kind) + " "):
            return kind
    return "Tổ dân phố" if unit.unit_type in URBAN_TYPES else "Thôn"


def _add_villages(session: Session, unit: Unit, plan: SetupPlan, user: str) -> None:
    """The villages not there yet (by name, ignoring case), numbered after the
    existing ones ("00454-01"), owned here like their commune."""
    existing = session.scalars(
        select(Unit).where(Unit.parent_id == unit.id, Unit.level_code == "village")
    ).all()
    names = {_key(v.name) for v in existing}
    codes = {v.code for v in existing}
    number, specs = 0, []
    for name in plan.villages:
        if _key(name) in names:
            continue
        number += 1
        while f"{unit.code}-{number:02d}" in codes:
            number += 1
        code = f"{unit.code}-{number:02d}"
        codes.add(code)
        specs.append(_spec(code, name, _village_type(name, unit), "village"))
    if specs:
        structure.insert_units(session, unit, specs, is_local=True, user=user)
        # Units have no years of their own yet: the year a village starts is kept in the audit log.
        session.add(
            audit_row(
                "create",
                "unit",
                unit.id,
                user=user,
                new={"villages": [s["code"] for s in specs], "from_year": plan.year},
            )
        )


def put_people(session: Session, unit: Unit, year: int, people: Iterable[Person], user: str) -> None:
    """The committee's people for the year become ``people`` (none: left as they are); unchanged,
    nothing is written. Also used by the new year, which copies last year's people."""
    people = tuple(people)
    current = committee_of(session, unit, year)
    if [person_of(m) for m in current] == list(people) or not people:
        return  # a plan without people leaves the year's people as they are
    old = [p.__dict__ for p in map(person_of, current)]
    session.execute(
        update(CommitteeMember)
        .where(CommitteeMember.id.in_([m.id for m in current]))
        .values(deleted=True, version=CommitteeMember.version + 1, updated_by=user)
    )
    for order, person in enumerate(people):
        session.add(
            CommitteeMember(
                id=new_id(),
                unit_id=unit.id,
                year=year,
                name=person.name,
                position=person.position,
                signs_as=person.signs_as,
                sort_order=order,
                updated_by=user,
                search_key=fold(person.name),
            )
        )
    session.add(
        audit_row(
            "update" if current else "create",
            "committee_member",
            unit.id,
            user=user,
            old={"year": year, "people": old} if current else None,
            new={"year": year, "people": [p.__dict__ for p in people]},
        )
    )


def _put_cluster(session: Session, cat: Catalogue, plan: SetupPlan, user: str) -> None:
    """The cluster (under the province) and its members for the year, with this year's head and deputy.
    Members from other offices are added as units not owned here, under their own province."""
    province = _chain(cat, plan.province_code, "", user, session)
    cluster = session.scalar(select(Cluster).where(Cluster.code == plan.cluster_code))
    if cluster is None:
        cluster = structure.insert_cluster(session, plan.cluster_code, plan.cluster_name, province, user=user)
    for code in plan.cluster_members:
        unit = session.scalar(select(Unit).where(Unit.code == code))
        if unit is None:
            listed, level = _listed(cat, "office", code)
            assert listed is not None  # check_plan saw every member in the list
            above = _chain(cat, listed.province, listed.district, user, session)
            unit = _ensure(session, above, _spec(listed.code, listed.name, listed.type, level), user)
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
