"""The cluster's criteria set for a year: groups, criteria, maximum points, bonus and penalty, and the
link of a criterion to an indicator and target. The cluster head prepares it; members receive it.

Every change is one transaction with its audit entry, checked against the version the clerk saw, and
refused (``ReadOnlyError``) where this installation may not change the set: a set received from the
cluster head in a package, a set at a member's installation, or a year a member here has locked."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from emulation_desktop.domain.base import new_id
from emulation_desktop.domain.models import (
    AuditEntry,
    Cluster,
    ClusterScore,
    CriteriaSet,
    Criterion,
    CriterionGroup,
    EmulationYear,
    ImportState,
    Indicator,
    SelfScore,
    Unit,
)
from emulation_desktop.domain.money import parse_vnd
from emulation_desktop.domain.review import CRITERION_KINDS
from emulation_desktop.domain.text import clean_text, fold
from emulation_desktop.errors import (
    ConflictError,
    InputError,
    NotFoundError,
    ReadOnlyError,
    ValidationError,
)
from emulation_desktop.locale.formatting import format_number
from emulation_desktop.locale.i18n import _
from emulation_desktop.operations.clusters import cluster_members, find_cluster
from emulation_desktop.review.points import show, to_tenths
from emulation_desktop.storage.database import Database

FULL_MARKS = 1000  # the normal criteria of a set add up to 100 points
# The title a new set gets unless the clerk types another; documents print it as it is (Vietnamese).
DEFAULT_TITLE = "Bảng tiêu chí chấm điểm thi đua năm {year}"
# Column widths of the schema: a longer text would be cut by a server database, so it is refused here.
MAX_CODE, MAX_GROUP_NAME, MAX_NAME, MAX_TITLE, MAX_TARGET_TEXT = 10, 300, 400, 200, 200
FULL_RATE = 1000  # a rate target in tenths of a percent: 100%


@dataclass
class CriteriaView:
    """A criteria set as read for scoring and documents: groups and criteria in order."""

    cluster: Cluster
    set: CriteriaSet
    groups: list[CriterionGroup]
    criteria: list[Criterion]
    by_group: dict[str | None, list[Criterion]] = field(default_factory=dict)

    def of_kind(self, kind: str) -> list[Criterion]:
        return [c for c in self.criteria if c.kind == kind]

    @property
    def normal_max(self) -> int:
        return sum(c.max_tenths for c in self.criteria if c.kind == "normal")

    @property
    def bonus_max(self) -> int:
        return sum(c.max_tenths for c in self.criteria if c.kind == "bonus")


def find_set(session: Session, cluster_code: str, year: int) -> CriteriaView | None:
    cluster = find_cluster(session, cluster_code)
    found = session.scalar(
        select(CriteriaSet).where(
            CriteriaSet.cluster_id == cluster.id, CriteriaSet.year == year, CriteriaSet.deleted.is_(False)
        )
    )
    if found is None:
        return None
    groups = list(
        session.scalars(
            select(CriterionGroup)
            .where(CriterionGroup.set_id == found.id, CriterionGroup.deleted.is_(False))
            .order_by(CriterionGroup.position)
        )
    )
    order = {g.id: g.position for g in groups}
    criteria = sorted(
        session.scalars(select(Criterion).where(Criterion.set_id == found.id, Criterion.deleted.is_(False))),
        key=lambda c: (order.get(c.group_id or "", 10_000), c.position),
    )
    view = CriteriaView(cluster, found, groups, criteria)
    for criterion in criteria:
        view.by_group.setdefault(criterion.group_id, []).append(criterion)
    return view


def load_set(session: Session, cluster_code: str, year: int) -> CriteriaView:
    view = find_set(session, cluster_code, year)
    if view is None:
        raise NotFoundError(
            _("The cluster “{code}” has no criteria set for {year} yet.").format(code=cluster_code, year=year)
        )
    return view


# Who may change a set ------------------------------------------------------------------------------------


def set_source(session: Session, set_id: str) -> str | None:
    """The code of the unit a set was imported from (the cluster head), or None for a set made here.

    The import records what each received row was set from (``ImportState``); the review reads that
    bookkeeping itself rather than depending on the exchange package."""
    return session.scalar(
        select(ImportState.unit_code).where(
            ImportState.table_name == CriteriaSet.__tablename__, ImportState.record_id == set_id
        )
    )


def _unit_label(session: Session, code: str) -> str:
    name = session.scalar(select(Unit.name).where(Unit.code == code))
    return name or code


def edit_refusal(session: Session, cluster: Cluster, year: int, set_id: str | None = None) -> str | None:
    """Why this installation may not prepare or change the cluster's criteria set of ``year``; None
    when it may.

    - A set received from the cluster head is the head's: a member changing its copy would score
      against a table nobody else has.
    - At a member's installation (the year's head is an imported unit here) the set is not prepared at
      all: it arrives in the head's package, and a second set of the same cluster and year would clash.
    - A year locked by a member held here was submitted with this set; it stays as submitted."""
    if set_id is not None:
        source = set_source(session, set_id)
        if source is not None:
            return _(
                "This criteria set was received from the cluster head ({unit}); only the cluster head "
                "can change it."
            ).format(unit=_unit_label(session, source))
    members = cluster_members(session, cluster, year)
    local = [unit for unit, _role in members if unit.is_local]
    head = next((unit for unit, role in members if role == "head"), None)
    if head is not None and not head.is_local and local:
        return _(
            "The cluster head ({unit}) prepares the criteria set; it arrives in the head's package."
        ).format(unit=head.name)
    if local:
        locked = session.scalar(
            select(Unit.name)
            .join(EmulationYear, EmulationYear.unit_id == Unit.id)
            .where(
                EmulationYear.unit_id.in_([unit.id for unit in local]),
                EmulationYear.year == year,
                EmulationYear.locked.is_(True),
            )
            .order_by(Unit.code)
        )
        if locked is not None:
            return _(
                "The year {year} of {unit} is locked; the criteria set cannot change until it is unlocked."
            ).format(year=year, unit=locked)
    return None


def editing_refusal(session: Session, cluster_code: str, year: int) -> str | None:
    """:func:`edit_refusal` for the cluster's set of the year (or for preparing one), by cluster code."""
    cluster = find_cluster(session, cluster_code)
    found = session.scalar(
        select(CriteriaSet.id).where(
            CriteriaSet.cluster_id == cluster.id, CriteriaSet.year == year, CriteriaSet.deleted.is_(False)
        )
    )
    return edit_refusal(session, cluster, year, found)


def _check_editable(session: Session, cluster: Cluster, year: int, set_id: str | None = None) -> None:
    reason = edit_refusal(session, cluster, year, set_id)
    if reason is not None:
        raise ReadOnlyError(reason)


def _editable_set(session: Session, set_id: str, version: int | None = None) -> CriteriaSet:
    criteria_set = session.get(CriteriaSet, set_id)
    if criteria_set is None or criteria_set.deleted:
        raise NotFoundError(_("No such criteria set."))
    cluster = session.get(Cluster, criteria_set.cluster_id)
    assert cluster is not None
    _check_editable(session, cluster, criteria_set.year, criteria_set.id)
    if version is not None and version != criteria_set.version:
        raise ConflictError(_("The criteria set was changed meanwhile; reload it and try again."))
    return criteria_set


def _editable_group(session: Session, group_id: str, version: int | None = None) -> CriterionGroup:
    group = session.get(CriterionGroup, group_id)
    if group is None or group.deleted:
        raise NotFoundError(_("No such group of criteria."))
    _editable_set(session, group.set_id)
    if version is not None and version != group.version:
        raise ConflictError(_("The group was changed meanwhile; reload it and try again."))
    return group


def _editable_criterion(session: Session, criterion_id: str, version: int | None = None) -> Criterion:
    criterion = session.get(Criterion, criterion_id)
    if criterion is None or criterion.deleted:
        raise NotFoundError(_("No such criterion."))
    _editable_set(session, criterion.set_id)
    if version is not None and version != criterion.version:
        raise ConflictError(_("The criterion was changed meanwhile; reload it and try again."))
    return criterion


def _audit(
    session: Session,
    action: str,
    table: str,
    record_id: str,
    user: str,
    old: Mapping[str, Any] | None = None,
    new: Mapping[str, Any] | None = None,
) -> None:
    session.add(
        AuditEntry(
            user=user,
            action=action,
            table_name=table,
            record_id=record_id,
            old_values=json.dumps(old, ensure_ascii=False, sort_keys=True) if old else "",
            new_values=json.dumps(new, ensure_ascii=False, sort_keys=True) if new else "",
        )
    )


# Values as the clerk types them --------------------------------------------------------------------------


def _too_long(errors: dict[str, str], name: str, value: str, most: int) -> None:
    if len(value) > most:
        errors[name] = _("At most {n} characters ({count} typed).").format(n=most, count=len(value))


def _target(measure: str | None, raw: object, errors: dict[str, str]) -> int | None:
    """The target full points need, stored as the indicator measures it: a count, đồng, or a rate in
    tenths of a percent ("80" or "70,5%" → 800, 705). Empty: no target of the cluster's own."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, int) and not isinstance(raw, bool):
        if raw <= 0:
            errors["target_value"] = _("The target must be a whole number above zero.")
            return None
        return raw
    if not isinstance(raw, str):
        errors["target_value"] = _("The target must be a whole number above zero.")
        return None
    text = clean_text(raw)
    if measure == "ratio":
        try:
            tenths = to_tenths(text.rstrip("%").strip())
        except InputError:
            tenths = 0
        if not 0 < tenths <= FULL_RATE:
            errors["target_value"] = _(
                "The target is a percentage above 0 and at most 100, for example 80 or 70,5."
            )
            return None
        return tenths
    if measure == "amount":
        try:
            amount = parse_vnd(text)
        except InputError as exc:
            errors["target_value"] = exc.message
            return None
        if amount <= 0:
            errors["target_value"] = _("The target must be a whole number above zero.")
            return None
        return amount
    if not re.fullmatch(r"\d{1,3}(\.\d{3})+|\d+", text) or int(text.replace(".", "")) <= 0:
        errors["target_value"] = _("The target must be a whole number above zero.")
        return None
    return int(text.replace(".", ""))


def target_input(criterion: Criterion, measure: str | None) -> str:
    """A criterion's own target as the clerk types it back: "80" (a rate), "1.500.000" (đồng), "12"."""
    if criterion.target_value is None:
        return ""
    if measure == "ratio":
        return show(criterion.target_value)
    return format_number(criterion.target_value)


def criterion_values(session: Session, spec: Mapping[str, Any]) -> dict[str, Any]:
    errors: dict[str, str] = {}
    name = clean_text(str(spec.get("name") or ""))
    if not name:
        errors["name"] = _("A criterion needs a name.")
    _too_long(errors, "name", name, MAX_NAME)
    code = clean_text(str(spec.get("code") or ""))
    _too_long(errors, "code", code, MAX_CODE)
    kind = spec.get("kind") or "normal"
    if kind not in CRITERION_KINDS:
        errors["kind"] = _("A criterion is normal, bonus or penalty, not “{kind}”.").format(kind=kind)
    max_tenths = 0
    raw_max = spec.get("max_points")
    try:
        max_tenths = 0 if raw_max is None or str(raw_max).strip() == "" else to_tenths(raw_max)
        if max_tenths == 0:
            errors["max_points"] = _("A criterion needs its maximum points.")
    except InputError as exc:
        errors["max_points"] = exc.message
    indicator = spec.get("indicator_code") or None
    measure = None
    if indicator:
        row = session.get(Indicator, indicator)
        if row is None:
            errors["indicator_code"] = _("Unknown indicator “{code}”.").format(code=indicator)
        else:
            measure = row.measure
    target = _target(measure, spec.get("target_value"), errors)
    target_text = clean_text(str(spec.get("target_text") or ""))
    _too_long(errors, "target_text", target_text, MAX_TARGET_TEXT)
    if errors:
        raise ValidationError(errors)
    return {
        "name": name,
        "code": code,
        "kind": kind,
        "max_tenths": max_tenths,
        "indicator_code": indicator,
        "target_value": target,
        "target_text": target_text,
        "search_key": fold(name),
    }


def _unique_code(code: str, taken: set[str]) -> str:
    """A criterion's code is its name across installations (self-scores travel by it): one per set."""
    if code in taken:
        raise ValidationError(
            {"code": _("Two criteria cannot have the same number “{code}” in one set.").format(code=code)}
        )
    taken.add(code)
    return code


def _free_number(start: int, taken: set[str]) -> str:
    """An unnumbered criterion takes its position, or the next number no other criterion has."""
    number = start
    while str(number) in taken:
        number += 1
    return str(number)


def roman(n: int) -> str:
    out = ""
    for value, letters in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def _group_values(spec: Mapping[str, Any], taken: set[str], position: int) -> dict[str, str]:
    """A group's number ("I", "II"...; the next free one when left empty) and name, checked."""
    errors: dict[str, str] = {}
    name = clean_text(str(spec.get("name") or ""))
    if not name:
        errors["group"] = _("A group of criteria needs a name.")
    _too_long(errors, "group", name, MAX_GROUP_NAME)
    code = clean_text(str(spec.get("code") or ""))
    _too_long(errors, "group_code", code, MAX_CODE)
    if code and code in taken:
        errors["group_code"] = _("Two groups cannot have the same number “{code}” in one set.").format(
            code=code
        )
    if errors:
        raise ValidationError(errors)
    if not code:
        number = position
        while roman(number) in taken:
            number += 1
        code = roman(number)
    return {"code": code, "name": name}


def _clean_title(title: str) -> str:
    title = clean_text(title)
    errors: dict[str, str] = {}
    if not title:
        errors["title"] = _("A criteria set needs a title.")
    _too_long(errors, "title", title, MAX_TITLE)
    if errors:
        raise ValidationError(errors)
    return title


# Whole sets --------------------------------------------------------------------------------------------


def _existing_set(session: Session, cluster: Cluster, year: int) -> str | None:
    return session.scalar(
        select(CriteriaSet.id).where(
            CriteriaSet.cluster_id == cluster.id, CriteriaSet.year == year, CriteriaSet.deleted.is_(False)
        )
    )


def _insert_set(
    session: Session,
    cluster: Cluster,
    year: int,
    title: str,
    note: str,
    groups: Sequence[Mapping[str, Any]],
    loose: Sequence[Mapping[str, Any]],
    user: str,
) -> CriteriaSet:
    """Insert a set, its groups and criteria in order (``loose``: criteria of no group, last)."""
    criteria_set = CriteriaSet(
        id=new_id(), cluster_id=cluster.id, year=year, title=title, note=clean_text(note), updated_by=user
    )
    session.add(criteria_set)
    session.flush()  # no ORM relationships: parents go in before their children
    position = 0
    codes: set[str] = set()
    group_codes: set[str] = set()
    batches: list[tuple[str | None, Sequence[Mapping[str, Any]]]] = []
    for g, spec in enumerate(groups, start=1):
        values = _group_values(spec, group_codes, g)
        group_codes.add(values["code"])
        group = CriterionGroup(id=new_id(), set_id=criteria_set.id, position=g, updated_by=user, **values)
        session.add(group)
        batches.append((group.id, spec.get("criteria") or ()))
    batches.append((None, loose))
    session.flush()
    for group_id, items in batches:
        for item in items:
            position += 1
            values = criterion_values(session, item)
            values["code"] = _unique_code(values["code"] or _free_number(position, codes), codes)
            session.add(
                Criterion(
                    id=new_id(),
                    set_id=criteria_set.id,
                    group_id=group_id,
                    position=position,
                    updated_by=user,
                    **values,
                )
            )
    return criteria_set


def _new_set_checks(session: Session, cluster_code: str, year: int) -> Cluster:
    cluster = find_cluster(session, cluster_code)
    if _existing_set(session, cluster, year):
        raise InputError(
            _("The cluster already has a criteria set for {year}; edit it instead.").format(year=year)
        )
    _check_editable(session, cluster, year)
    return cluster


def create_criteria_set(
    db: Database,
    cluster_code: str,
    year: int,
    title: str,
    groups: Sequence[Mapping[str, Any]],
    *,
    note: str = "",
    user: str = "",
) -> str:
    """Create the year's criteria set in one transaction. ``groups``: each with ``code``, ``name`` and
    ``criteria`` (each: code, name, kind, max_points, indicator_code, target_value, target_text)."""
    title = _clean_title(title)
    with db.transaction() as session:
        cluster = _new_set_checks(session, cluster_code, year)
        criteria_set = _insert_set(session, cluster, year, title, note, groups, (), user)
        _audit(session, "create", "criteria_set", criteria_set.id, user, new={"title": title, "year": year})
    return criteria_set.id


def _as_spec(criterion: Criterion) -> dict[str, Any]:
    return {
        "code": criterion.code,
        "name": criterion.name,
        "kind": criterion.kind,
        "max_points": Decimal(criterion.max_tenths) / 10,
        "indicator_code": criterion.indicator_code,
        "target_value": criterion.target_value,
        "target_text": criterion.target_text,
    }


def copy_last_year(
    db: Database, cluster_code: str, year: int, *, title: str | None = None, user: str = ""
) -> str:
    """Create ``year``'s set from the cluster's set of the year before: the same groups, numbers,
    names, kinds, maximum points, indicator links and targets, as new records (new ids) of ``year``.

    Most years the cluster re-uses last year's table with a few changes. The title is last year's with
    the year changed (or ``title``)."""
    with db.transaction() as session:
        previous = find_set(session, cluster_code, year - 1)
        if previous is None:
            raise NotFoundError(
                _("The cluster has no criteria set for {year} to copy.").format(year=year - 1)
            )
        cluster = _new_set_checks(session, cluster_code, year)
        if title is None:
            old = previous.set.title
            title = (
                old.replace(str(year - 1), str(year))
                if str(year - 1) in old
                else DEFAULT_TITLE.format(year=year)
            )
        title = _clean_title(title)
        groups = [
            {
                "code": g.code,
                "name": g.name,
                "criteria": [_as_spec(c) for c in previous.by_group.get(g.id, [])],
            }
            for g in previous.groups
        ]
        loose = [_as_spec(c) for c in previous.by_group.get(None, [])]
        criteria_set = _insert_set(session, cluster, year, title, previous.set.note, groups, loose, user)
        _audit(
            session,
            "create",
            "criteria_set",
            criteria_set.id,
            user,
            new={"title": title, "year": year, "copied_from": previous.set.id},
        )
    return criteria_set.id


def update_set(
    db: Database,
    set_id: str,
    *,
    title: str | None = None,
    note: str | None = None,
    version: int | None = None,
    user: str = "",
) -> None:
    """Change a set's title and/or note."""
    with db.transaction() as session:
        criteria_set = _editable_set(session, set_id, version)
        old = {"title": criteria_set.title, "note": criteria_set.note}
        if title is not None:
            criteria_set.title = _clean_title(title)
        if note is not None:
            criteria_set.note = clean_text(note)
        criteria_set.version += 1
        criteria_set.updated_by = user
        new = {"title": criteria_set.title, "note": criteria_set.note}
        _audit(session, "update", "criteria_set", criteria_set.id, user, old, new)


# Groups ------------------------------------------------------------------------------------------------


def _live_groups(session: Session, set_id: str) -> list[CriterionGroup]:
    return list(
        session.scalars(
            select(CriterionGroup)
            .where(CriterionGroup.set_id == set_id, CriterionGroup.deleted.is_(False))
            .order_by(CriterionGroup.position)
        )
    )


def add_group(db: Database, set_id: str, code: str, name: str, *, user: str = "") -> str:
    """Append a group ("III. Công tác giám sát"); left without a number it takes the next one."""
    with db.transaction() as session:
        _editable_set(session, set_id)
        groups = _live_groups(session, set_id)
        last = session.scalar(
            select(func.max(CriterionGroup.position)).where(CriterionGroup.set_id == set_id)
        )
        values = _group_values({"code": code, "name": name}, {g.code for g in groups}, len(groups) + 1)
        group = CriterionGroup(
            id=new_id(), set_id=set_id, position=(last or 0) + 1, updated_by=user, **values
        )
        session.add(group)
        _audit(session, "create", "criterion_group", group.id, user, new=values)
    return group.id


def update_group(
    db: Database,
    group_id: str,
    *,
    code: str | None = None,
    name: str | None = None,
    version: int | None = None,
    user: str = "",
) -> None:
    """Rename a group or change its number."""
    with db.transaction() as session:
        group = _editable_group(session, group_id, version)
        others = {g.code for g in _live_groups(session, group.set_id) if g.id != group.id}
        spec = {"code": group.code if code is None else code, "name": group.name if name is None else name}
        values = _group_values(spec, others, group.position)
        old = {"code": group.code, "name": group.name}
        group.code, group.name = values["code"], values["name"]
        group.version += 1
        group.updated_by = user
        _audit(session, "update", "criterion_group", group.id, user, old, values)


def remove_group(db: Database, group_id: str, *, version: int | None = None, user: str = "") -> None:
    """Remove an empty group (soft delete); a group with criteria keeps them, so it is refused."""
    with db.transaction() as session:
        group = _editable_group(session, group_id, version)
        count = session.scalar(
            select(func.count())
            .select_from(Criterion)
            .where(Criterion.group_id == group.id, Criterion.deleted.is_(False))
        )
        if count:
            raise InputError(
                _("The group “{name}” still has {n} criteria; move or remove them before the group.").format(
                    name=group.name, n=count
                )
            )
        group.deleted, group.version, group.updated_by = True, group.version + 1, user
        _audit(
            session, "delete", "criterion_group", group.id, user, old={"code": group.code, "name": group.name}
        )


# Criteria ----------------------------------------------------------------------------------------------


def _group_of_set(session: Session, set_id: str, group_id: str | None) -> str | None:
    if group_id is None:
        return None
    group = session.get(CriterionGroup, group_id)
    if group is None or group.deleted or group.set_id != set_id:
        raise ValidationError({"group": _("Choose a group of this criteria set.")})
    return group.id


def _last_position(session: Session, set_id: str) -> int:
    return session.scalar(select(func.max(Criterion.position)).where(Criterion.set_id == set_id)) or 0


def add_criterion(
    db: Database, set_id: str, group_id: str | None, spec: Mapping[str, Any], *, user: str = ""
) -> str:
    """Add a criterion at the end of its group; left without a number it takes its position."""
    with db.transaction() as session:
        _editable_set(session, set_id)
        group_id = _group_of_set(session, set_id, group_id)
        values = criterion_values(session, spec)
        codes = set(
            session.scalars(
                select(Criterion.code).where(Criterion.set_id == set_id, Criterion.deleted.is_(False))
            )
        )
        last = _last_position(session, set_id)
        values["code"] = _unique_code(values["code"] or _free_number(last + 1, codes), codes)
        criterion = Criterion(
            id=new_id(), set_id=set_id, group_id=group_id, position=last + 1, updated_by=user, **values
        )
        session.add(criterion)
        _audit(session, "create", "criterion", criterion.id, user, new=_jsonable(values))
    return criterion.id


def _jsonable(values: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if k != "search_key"}


def _scores_of(session: Session, criterion_id: str) -> list[int]:
    """The live self and agreed scores given on a criterion (points in tenths)."""
    return [
        *session.scalars(
            select(SelfScore.points_tenths).where(
                SelfScore.criterion_id == criterion_id, SelfScore.deleted.is_(False)
            )
        ),
        *session.scalars(
            select(ClusterScore.points_tenths).where(
                ClusterScore.criterion_id == criterion_id, ClusterScore.deleted.is_(False)
            )
        ),
    ]


def update_criterion(
    db: Database, criterion_id: str, changes: Mapping[str, Any], *, version: int | None = None, user: str = ""
) -> None:
    """Change a criterion; a lower maximum than a score already given is refused. ``changes`` may hold
    ``group_id``: the criterion then moves to the end of that group."""
    with db.transaction() as session:
        criterion = _editable_criterion(session, criterion_id, version)
        current = {
            "name": criterion.name,
            "code": criterion.code,
            "kind": criterion.kind,
            "max_points": Decimal(criterion.max_tenths) / 10,
            "indicator_code": criterion.indicator_code,
            "target_value": criterion.target_value,
            "target_text": criterion.target_text,
        }
        values = criterion_values(session, {**current, **changes})
        others = set(
            session.scalars(
                select(Criterion.code).where(
                    Criterion.set_id == criterion.set_id,
                    Criterion.id != criterion.id,
                    Criterion.deleted.is_(False),
                )
            )
        )
        values["code"] = _unique_code(values["code"] or criterion.code, others)
        if values["max_tenths"] < max([*_scores_of(session, criterion.id), 0]):
            raise InputError(_("Some units already have more points than this maximum for this criterion."))
        if "group_id" in changes:
            group_id = _group_of_set(session, criterion.set_id, changes["group_id"] or None)
            if group_id != criterion.group_id:
                values["group_id"] = group_id
                values["position"] = _last_position(session, criterion.set_id) + 1
        old = {key: getattr(criterion, key) for key in values if key != "search_key"}
        for key, value in values.items():
            setattr(criterion, key, value)
        criterion.version += 1
        criterion.updated_by = user
        _audit(session, "update", "criterion", criterion.id, user, old, _jsonable(values))


def remove_criterion(db: Database, criterion_id: str, *, version: int | None = None, user: str = "") -> None:
    """Remove a criterion (soft delete). Refused once a unit has a self or agreed score on it: the
    score would silently drop out of the unit's total."""
    with db.transaction() as session:
        criterion = _editable_criterion(session, criterion_id, version)
        given = len(_scores_of(session, criterion.id))
        if given:
            raise InputError(
                _(
                    "“{name}” already has {n} scores (self or agreed); it cannot be removed while they "
                    "exist. Remove those scores first."
                ).format(name=criterion.name, n=given)
            )
        criterion.deleted, criterion.version, criterion.updated_by = True, criterion.version + 1, user
        _audit(
            session,
            "delete",
            "criterion",
            criterion.id,
            user,
            old={"code": criterion.code, "name": criterion.name},
        )


def move_criterion(
    db: Database, criterion_id: str, step: int, *, version: int | None = None, user: str = ""
) -> None:
    """Move a criterion one place up (``step`` -1) or down (+1) within its group. Its number stays:
    numbers name criteria across installations; the order is how the table prints."""
    if step not in (-1, 1):
        raise InputError(_("A criterion moves one place up or down."))
    with db.transaction() as session:
        criterion = _editable_criterion(session, criterion_id, version)
        siblings = list(
            session.scalars(
                select(Criterion)
                .where(
                    Criterion.set_id == criterion.set_id,
                    Criterion.group_id.is_(None)
                    if criterion.group_id is None
                    else Criterion.group_id == criterion.group_id,
                    Criterion.deleted.is_(False),
                )
                .order_by(Criterion.position)
            )
        )
        index = next(i for i, c in enumerate(siblings) if c.id == criterion.id)
        if not 0 <= index + step < len(siblings):
            message = (
                _("“{name}” is already the first of its group.")
                if step < 0
                else _("“{name}” is already the last of its group.")
            )
            raise InputError(message.format(name=criterion.name))
        other = siblings[index + step]
        criterion.position, other.position = other.position, criterion.position
        for row in (criterion, other):
            row.version += 1
            row.updated_by = user
        _audit(session, "move", "criterion", criterion.id, user, new={"step": step})
