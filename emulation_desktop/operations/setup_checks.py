"""Everything wrong with a set-up plan, field by field, before anything is written (docs/setup.md):
the window shows each message under the field on its page, the ``setup`` command prints them."""

from __future__ import annotations

from emulation_desktop.domain import catalogue
from emulation_desktop.domain.people import NAME_LENGTH, POSITIONS, SIGNS_AS
from emulation_desktop.locale.i18n import _
from emulation_desktop.operations.committee import Person
from emulation_desktop.operations.predecessors import CODE_LIMIT, Predecessor, listed_old
from emulation_desktop.operations.setup_plan import (
    UNIT_NAME_LENGTH,
    SetupPlan,
    cleaned,
    listed,
    resolved,
    too_long,
    unknown_code,
)
from emulation_desktop.operations.villages import village_key


def check_plan(plan: SetupPlan) -> dict[str, str]:
    """Everything wrong with the plan, field → message for the page that shows the field; empty when the
    plan can be applied. A committee without a chairman is allowed (``plan_warnings`` says so)."""
    plan = cleaned(plan)
    plan, level, errors = resolved(plan)
    if errors and ("role" in errors or "year" in errors):
        return errors
    errors.update(_village_errors(plan, level))
    errors.update(_people_errors(plan.people))
    errors.update(_cluster_errors(plan))
    errors.update(_predecessor_errors(plan))
    return errors


def plan_warnings(plan: SetupPlan) -> dict[str, str]:
    """What the set-up allows but the clerk should know: the documents will have no signer's name."""
    people = cleaned(plan).people
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
        if village_key(name) in seen:
            return {"villages": _("The village “{name}” is listed twice.").format(name=name)}
        seen.add(village_key(name))
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
        errors["cluster_code"] = too_long(20)
    if not plan.cluster_name:
        errors["cluster_name"] = _("Give the cluster its name (for example “Cụm thi đua số 3”).")
    elif len(plan.cluster_name) > UNIT_NAME_LENGTH:
        errors["cluster_name"] = too_long(UNIT_NAME_LENGTH)
    cat = catalogue.for_year(plan.year)
    for code in plan.cluster_members:
        if code != plan.unit_code and listed(cat, "office", code)[0] is None:
            errors["cluster_members"] = unknown_code(code, plan.year)
            break
    if plan.head_code not in plan.cluster_members:
        errors["head_code"] = _("The cluster head must be one of the cluster's members.")
    if plan.deputy_code and plan.deputy_code not in plan.cluster_members:
        errors["deputy_code"] = _("The cluster deputy must be one of the cluster's members.")
    elif plan.deputy_code and plan.deputy_code == plan.head_code:
        errors["deputy_code"] = _("The cluster head and deputy are two different units.")
    return errors


def _successor_name(plan: SetupPlan, code: str) -> str:
    if code == plan.unit_code and plan.unit_name:
        return plan.unit_name
    found = listed(catalogue.for_year(plan.year), "office", code)[0]
    return found.name if found else code


def _predecessor_errors(plan: SetupPlan) -> dict[str, str]:
    """The old units of the plan's unit and of its cluster members: each known (from the list before
    2025, or typed with its name), listed once per successor, and a split one counted in one only."""
    successors: list[tuple[str, tuple[Predecessor, ...]]] = []
    if plan.predecessors is not None and plan.role != "city":
        successors.append((plan.unit_code, plan.predecessors))
    for code, items in plan.member_predecessors:
        if plan.role != "cluster_head" or code not in plan.cluster_members:
            return {"predecessors": _("Only the cluster's members have their old units set here.")}
        if code != plan.unit_code:
            successors.append((code, items))
    counted_by: dict[str, str] = {}
    for successor, items in successors:
        seen: set[str] = set()
        for old in items:
            if not old.code or len(old.code) > CODE_LIMIT or "/" in old.code:
                return {
                    "predecessors": _("An old unit needs a code of at most {n} characters.").format(
                        n=CODE_LIMIT
                    )
                }
            if old.code in seen:
                return {"predecessors": _("The old unit “{code}” is listed twice.").format(code=old.code)}
            seen.add(old.code)
            if listed_old(old.code) is None and old.code != successor and not old.name:
                return {
                    "predecessors": _(
                        "The code “{code}” is not in the list before 2025: type the old unit's name too."
                    ).format(code=old.code)
                }
            if len(old.name) > UNIT_NAME_LENGTH:
                return {"predecessors": too_long(UNIT_NAME_LENGTH)}
            if old.counted and old.code in counted_by:
                other = counted_by[old.code]
                return {
                    "predecessors": _(
                        "{old} ({code}) is counted in last year's figures of both {first} and {second}: an "
                        "old unit split between new ones is counted in one of them only. Untick it in one."
                    ).format(
                        old=old.name or old.code,
                        code=old.code,
                        first=_successor_name(plan, other),
                        second=_successor_name(plan, successor),
                    )
                }
            if old.counted:
                counted_by[old.code] = successor
    return {}
