"""The cluster head's criteria set travels to the members in the head's year package
(``criteria_sets.json``).

The head prepares the year's scoring table (bảng tiêu chí chấm điểm) at its own installation; every
package of the head's unit then carries the live sets of the year of each cluster it heads, with the
head's UUIDs for the set, its groups and its criteria. A member installation accepts a set when it knows
the cluster and the package's unit is that cluster's head for the year here (or no head is recorded
here). Matching is by the set's id with an ``ImportState`` row like records: the same set again is
"unchanged", a newer one updates, and a set made here for the same cluster and year is a conflict (the
one here is kept). An update never drops a criterion below a score already given here: such a set is
rejected whole, with its reason.

Editing a criterion at the head raises the criterion's version, not the set's, so the version a set
travels with is its *revision*: the set's version plus the versions of all its groups and criteria. Any
edit, addition or removal raises it. Whether a set was changed here since it was imported is told by
a digest of its content (title, note, live groups and criteria), the same digest the package's copy
gets, so it does not depend on how each installation counts versions.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from emulation_desktop.domain.base import utcnow
from emulation_desktop.domain.models import (
    AuditEntry,
    Cluster,
    ClusterMember,
    ClusterScore,
    CriteriaSet,
    Criterion,
    CriterionGroup,
    ImportState,
    SelfScore,
    Unit,
)
from emulation_desktop.domain.text import clean_text
from emulation_desktop.errors import ValidationError
from emulation_desktop.exchange.package_format import PackageRejected, require_keys
from emulation_desktop.locale.i18n import N_, _
from emulation_desktop.review.criteria import MAX_CODE, MAX_GROUP_NAME, MAX_TITLE, criterion_values

MEMBER = "criteria_sets.json"
KIND = "criteria_set"  # also ImportState.table_name of a received set
LABEL = N_("Criteria set for scoring")

SET_KEYS = frozenset(
    {"id", "cluster_code", "year", "version", "updated_at", "title", "note", "groups", "criteria"}
)
GROUP_KEYS = frozenset({"id", "code", "name", "position"})
CRITERION_KEYS = frozenset(
    {
        "id",
        "group_id",
        "code",
        "name",
        "kind",
        "max_tenths",
        "indicator_code",
        "target_value",
        "target_text",
        "position",
        "deleted",
    }
)

# Caps on the member's shape (checked before planning) and on values (a rejection with its reason).
MAX_SETS = 100
MAX_GROUPS = 200
MAX_CRITERIA = 2_000
MAX_RAW_TEXT = 20_000
MAX_POSITION = 1_000_000
MAX_TARGET = 10**15  # đồng, counts or tenths of a percent: far above any real target
MAX_VERSION = 2**31 - 1


# ---------------------------------------------------------------------------------------------- export


def _stamp(value: datetime | None) -> str | None:
    return value.isoformat(timespec="microseconds") if value is not None else None


def _own_sets(session: Session, unit_id: str, year: int) -> list[tuple[str, CriteriaSet]]:
    """(cluster code, set) of the live sets of ``year`` of the clusters the unit heads that year."""
    rows = session.execute(
        select(Cluster.code, CriteriaSet)
        .join(CriteriaSet, CriteriaSet.cluster_id == Cluster.id)
        .join(ClusterMember, ClusterMember.cluster_id == Cluster.id)
        .where(
            ClusterMember.unit_id == unit_id,
            ClusterMember.year == year,
            ClusterMember.role == "head",
            ClusterMember.deleted.is_(False),
            Cluster.deleted.is_(False),
            CriteriaSet.year == year,
            CriteriaSet.deleted.is_(False),
        )
        .order_by(Cluster.code)
    ).all()
    # A set received from elsewhere is not re-sent: a set travels only from where it was made.
    return [(code, s) for code, s in rows if received_set_source(session, s.id) is None]


def export_member(session: Session, unit_id: str, year: int) -> dict[str, Any]:
    """The member's content for a unit's year package: the sets of the clusters the unit heads."""
    out = []
    for cluster_code, criteria_set in _own_sets(session, unit_id, year):
        groups = list(session.scalars(select(CriterionGroup).where(CriterionGroup.set_id == criteria_set.id)))
        criteria = list(session.scalars(select(Criterion).where(Criterion.set_id == criteria_set.id)))
        revision = criteria_set.version + sum(g.version for g in groups) + sum(c.version for c in criteria)
        updated = max([criteria_set.updated_at, *(r.updated_at for r in (*groups, *criteria))])
        out.append(
            {
                "id": criteria_set.id,
                "cluster_code": cluster_code,
                "year": criteria_set.year,
                "version": revision,
                "updated_at": _stamp(updated),
                "title": criteria_set.title,
                "note": criteria_set.note or "",
                # Removed groups stay behind: their criteria are removed too, and removals travel there.
                "groups": [
                    {"id": g.id, "code": g.code, "name": g.name, "position": g.position}
                    for g in sorted(groups, key=lambda g: (g.position, g.id))
                    if not g.deleted
                ],
                "criteria": [
                    {
                        "id": c.id,
                        "group_id": c.group_id,
                        "code": c.code,
                        "name": c.name,
                        "kind": c.kind,
                        "max_tenths": c.max_tenths,
                        "indicator_code": c.indicator_code,
                        "target_value": c.target_value,
                        "target_text": c.target_text or "",
                        "position": c.position,
                        "deleted": bool(c.deleted),
                    }
                    for c in sorted(criteria, key=lambda c: (c.position, c.id))
                ],
            }
        )
    return {"kind": KIND, "rows": out}


def received_set_source(session: Session, set_id: str) -> str | None:
    """The code of the unit whose package brought the set here, or None when it was made here."""
    return session.scalar(
        select(ImportState.unit_code).where(ImportState.record_id == set_id, ImportState.table_name == KIND)
    )


# --------------------------------------------------------------------------------------- shape check


def _invalid() -> PackageRejected:
    return PackageRejected(
        _("The package is refused: {reason}").format(reason=_("“{name}” is not valid.").format(name=MEMBER))
    )


def _text(value: Any) -> bool:
    return isinstance(value, str) and len(value) <= MAX_RAW_TEXT


def _int(value: Any) -> bool:
    return type(value) is int


def check_member(value: Any) -> list[dict[str, Any]]:
    """The member's sets, every object with exactly its keys and every value of its type; anything
    else refuses the package. The values themselves are judged when planning."""
    content = require_keys(value, frozenset({"kind", "rows"}), MEMBER)
    rows = content["rows"]
    if content["kind"] != KIND or not isinstance(rows, list) or len(rows) > MAX_SETS:
        raise _invalid()
    for entry in rows:
        require_keys(entry, SET_KEYS, MEMBER)
        if not (
            all(_text(entry[k]) for k in ("id", "cluster_code", "updated_at", "title", "note"))
            and _int(entry["year"])
            and _int(entry["version"])
            and isinstance(entry["groups"], list)
            and len(entry["groups"]) <= MAX_GROUPS
            and isinstance(entry["criteria"], list)
            and len(entry["criteria"]) <= MAX_CRITERIA
        ):
            raise _invalid()
        for group in entry["groups"]:
            require_keys(group, GROUP_KEYS, MEMBER)
            if not (all(_text(group[k]) for k in ("id", "code", "name")) and _int(group["position"])):
                raise _invalid()
        for item in entry["criteria"]:
            require_keys(item, CRITERION_KEYS, MEMBER)
            if not (
                all(_text(item[k]) for k in ("id", "code", "name", "kind", "target_text"))
                and all(item[k] is None or _text(item[k]) for k in ("group_id", "indicator_code"))
                and _int(item["max_tenths"])
                and _int(item["position"])
                and (item["target_value"] is None or _int(item["target_value"]))
                and isinstance(item["deleted"], bool)
            ):
                raise _invalid()
    return rows


# ---------------------------------------------------------------------------------------------- plan


@dataclass(frozen=True)
class PlannedCriterion:
    """A criterion as it will be after the import: what a travelling self-score is matched to."""

    id: str
    code: str
    max_tenths: int


@dataclass
class PlannedSet:
    """What applying writes for one set."""

    set_id: str
    cluster_id: str
    revision: int
    old_revision: int | None  # None: a new set
    values: dict[str, Any]  # title, note, updated_at
    group_inserts: list[dict[str, Any]] = field(default_factory=list)
    group_updates: list[dict[str, Any]] = field(default_factory=list)
    group_removals: list[dict[str, Any]] = field(default_factory=list)
    criterion_inserts: list[dict[str, Any]] = field(default_factory=list)
    criterion_updates: list[dict[str, Any]] = field(default_factory=list)
    criterion_removals: list[dict[str, Any]] = field(default_factory=list)


class _Rejected(Exception):
    """One set is rejected with this reason (the rest of the package is still planned)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _digest(
    title: str, note: str, deleted: bool, groups: list[tuple[Any, ...]], criteria: list[tuple[Any, ...]]
) -> str:
    """The content of a set (live groups and criteria, each a tuple starting with its id): the same
    for the package's copy and the copy written here from it."""
    content = (title, note, deleted, sorted(groups), sorted(criteria))
    return hashlib.blake2b(repr(content).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _group_tuple(g: Any) -> tuple[Any, ...]:
    return (g["id"], g["code"], g["name"], g["position"])


_CRITERION_FIELDS = (
    "group_id",
    "code",
    "name",
    "kind",
    "max_tenths",
    "indicator_code",
    "target_value",
    "target_text",
    "position",
)


def _criterion_tuple(c: dict[str, Any]) -> tuple[Any, ...]:
    return (c["id"], *(c[k] for k in _CRITERION_FIELDS))


def _local_digest(session: Session, criteria_set: CriteriaSet) -> str:
    groups = session.scalars(
        select(CriterionGroup).where(
            CriterionGroup.set_id == criteria_set.id, CriterionGroup.deleted.is_(False)
        )
    )
    criteria = session.scalars(
        select(Criterion).where(Criterion.set_id == criteria_set.id, Criterion.deleted.is_(False))
    )
    return _digest(
        criteria_set.title,
        criteria_set.note or "",
        bool(criteria_set.deleted),
        [(g.id, g.code, g.name, g.position) for g in groups],
        [_criterion_tuple(_stored(c)) for c in criteria],
    )


def _stored(criterion: Criterion) -> dict[str, Any]:
    """A stored criterion's travelling values, as planning cleans the package's."""
    values = {k: getattr(criterion, k) for k in ("id", *_CRITERION_FIELDS, "search_key")}
    values["target_text"] = values["target_text"] or ""
    return values


def _points(tenths: int) -> str:
    """95 → "9,5": the editor's own input form, so its rules and messages apply unchanged."""
    return f"{tenths // 10},{tenths % 10}" if tenths >= 0 else str(tenths)


def _clean(value: str, limit: int, message: str) -> str:
    cleaned = clean_text(value)
    if len(cleaned) > limit:
        raise _Rejected(message)
    return cleaned


def _checked_groups(entry: dict[str, Any], is_uuid: Callable[[Any], bool]) -> list[dict[str, Any]]:
    groups: list[dict[str, Any]] = []
    seen: set[str] = set()
    codes: set[str] = set()
    too_long = _("A name or code in the criteria set is too long.")
    for group in entry["groups"]:
        if not is_uuid(group["id"]) or group["id"] in seen:
            raise _Rejected(_("A group or criterion of the set has no valid identifier."))
        seen.add(group["id"])
        name = _clean(group["name"], MAX_GROUP_NAME, too_long)
        if not name:
            raise _Rejected(_("A group of criteria needs a name."))
        code = _clean(group["code"], MAX_CODE, too_long)
        if code and code in codes:
            raise _Rejected(
                _("Two groups cannot have the same number “{code}” in one set.").format(code=code)
            )
        codes.add(code)
        if not 0 <= group["position"] <= MAX_POSITION:
            raise _Rejected(_("The order of a group or criterion is not valid."))
        groups.append(
            {
                "id": group["id"],
                "code": code,
                "name": name,
                "position": group["position"],
            }
        )
    return groups


def _checked_criteria(
    session: Session, entry: dict[str, Any], group_ids: set[str], is_uuid: Callable[[Any], bool]
) -> tuple[list[dict[str, Any]], set[str]]:
    """The live criteria, each validated as the criteria editor does, and the ids of removed ones."""
    live: list[dict[str, Any]] = []
    removed: set[str] = set()
    seen: set[str] = set(group_ids)
    codes: set[str] = set()
    too_long = _("A name or code in the criteria set is too long.")
    for item in entry["criteria"]:
        if not is_uuid(item["id"]) or item["id"] in seen:
            raise _Rejected(_("A group or criterion of the set has no valid identifier."))
        seen.add(item["id"])
        if item["deleted"]:
            removed.add(item["id"])
            continue
        code = _clean(item["code"], MAX_CODE, too_long)
        shown = code or str(item["position"])
        if not code:
            raise _Rejected(
                _("Criterion “{code}”: {reason}").format(
                    code=shown, reason=_("A criterion needs its number.")
                )
            )
        if code in codes:
            raise _Rejected(
                _("Two criteria cannot have the same number “{code}” in one set.").format(code=code)
            )
        codes.add(code)
        if item["group_id"] is not None and item["group_id"] not in group_ids:
            raise _Rejected(
                _("Criterion “{code}”: {reason}").format(code=code, reason=_("its group is not in the set."))
            )
        if not 0 <= item["position"] <= MAX_POSITION:
            raise _Rejected(_("The order of a group or criterion is not valid."))
        target = item["target_value"]
        if target is not None and target > MAX_TARGET:
            raise _Rejected(
                _("Criterion “{code}”: {reason}").format(
                    code=code, reason=_("The target must be a whole number above zero.")
                )
            )
        try:
            # The criteria editor's own rules and messages (name, kind, maximum, indicator, target,
            # lengths). An empty kind, which the editor reads as "normal", is refused: the head's
            # package always names it.
            values = criterion_values(
                session,
                {
                    "name": item["name"],
                    "code": code,
                    "kind": item["kind"] or "-",
                    "max_points": _points(item["max_tenths"]),
                    "indicator_code": item["indicator_code"],
                    "target_value": target,
                    "target_text": item["target_text"],
                },
            )
        except ValidationError as exc:
            raise _Rejected(
                _("Criterion “{code}”: {reason}").format(code=code, reason="; ".join(exc.errors.values()))
            ) from None
        values.update(id=item["id"], group_id=item["group_id"], position=item["position"])
        live.append(values)
    return live, removed


def _head_codes(session: Session, cluster_id: str, year: int) -> set[str]:
    return set(
        session.scalars(
            select(Unit.code)
            .join(ClusterMember, ClusterMember.unit_id == Unit.id)
            .where(
                ClusterMember.cluster_id == cluster_id,
                ClusterMember.year == year,
                ClusterMember.role == "head",
                ClusterMember.deleted.is_(False),
            )
        )
    )


def _live_highest(session: Session, criterion_ids: list[str]) -> dict[str, int]:
    """criterion id → the highest live score (self or agreed) given here."""
    highest: dict[str, int] = {}
    for model in (SelfScore, ClusterScore):
        for start in range(0, len(criterion_ids), 500):
            chunk = criterion_ids[start : start + 500]
            for criterion_id, points in session.execute(
                select(model.criterion_id, func.max(model.points_tenths))
                .where(model.criterion_id.in_(chunk), model.deleted.is_(False))
                .group_by(model.criterion_id)
            ):
                highest[criterion_id] = max(highest.get(criterion_id, 0), points or 0)
    return highest


def _ids_elsewhere(session: Session, set_id: str, ids: list[str]) -> bool:
    """Does any of ``ids`` name a group or criterion of another set here?"""
    for model in (CriterionGroup, Criterion):
        for start in range(0, len(ids), 500):
            if session.scalar(
                select(model.id)
                .where(model.id.in_(ids[start : start + 500]), model.set_id != set_id)
                .limit(1)
            ):
                return True
    return False


def _plan_changes(
    session: Session,
    planned: PlannedSet,
    groups: list[dict[str, Any]],
    live: list[dict[str, Any]],
    now: datetime,
    user: str,
) -> None:
    """Fill ``planned`` with the rows to insert, change and remove; refuse a change that would take a
    score given here above its criterion's maximum, or remove a criterion that has scores here."""
    local_groups = {
        g.id: g
        for g in session.scalars(select(CriterionGroup).where(CriterionGroup.set_id == planned.set_id))
    }
    local_criteria = {
        c.id: c for c in session.scalars(select(Criterion).where(Criterion.set_id == planned.set_id))
    }
    incoming = {c["id"] for c in live}
    gone = [c for c in local_criteria.values() if not c.deleted and c.id not in incoming]
    highest = _live_highest(session, [*(incoming & set(local_criteria)), *(c.id for c in gone)])
    for criterion in gone:
        if criterion.id in highest:
            raise _Rejected(
                _("Criterion “{code}” would be removed, but it already has scores here.").format(
                    code=criterion.code
                )
            )
    stamp = {"updated_at": now, "updated_by": user}
    for group in groups:
        found = local_groups.get(group["id"])
        if found is None:
            planned.group_inserts.append(
                {
                    **group,
                    "set_id": planned.set_id,
                    "created_at": now,
                    "version": 1,
                    "deleted": False,
                    **stamp,
                }
            )
        elif found.deleted or (found.code, found.name, found.position) != (
            group["code"],
            group["name"],
            group["position"],
        ):
            planned.group_updates.append({**group, "deleted": False, "version": found.version + 1, **stamp})
    kept = {g["id"] for g in groups}
    planned.group_removals = [
        {"id": g.id, "deleted": True, "version": g.version + 1, **stamp}
        for g in local_groups.values()
        if not g.deleted and g.id not in kept
    ]
    for values in live:
        here = local_criteria.get(values["id"])
        if here is None:
            planned.criterion_inserts.append(
                {
                    **values,
                    "set_id": planned.set_id,
                    "created_at": now,
                    "version": 1,
                    "deleted": False,
                    **stamp,
                }
            )
            continue
        if values["max_tenths"] < highest.get(here.id, 0):
            raise _Rejected(
                _("The maximum of criterion “{code}” would fall below a score already given here.").format(
                    code=values["code"]
                )
            )
        if here.deleted or _stored(here) != values:
            planned.criterion_updates.append(
                {**values, "deleted": False, "version": here.version + 1, **stamp}
            )
    planned.criterion_removals = [
        {"id": c.id, "deleted": True, "version": c.version + 1, **stamp} for c in gone
    ]


def plan_sets(
    session: Session,
    rows: list[dict[str, Any]],
    plan: Any,
    *,
    parse_stamp: Callable[[Any], datetime | None],
    is_uuid: Callable[[Any], bool],
    issue: Callable[[str, str, str], Any],
) -> dict[str, list[PlannedCriterion]]:
    """Sort the package's criteria sets into the plan (``plan._sets``, its counts and import states).

    Returns, per cluster code, the criteria a set of the package will leave there: the self-scores of
    the same package are matched to those, not to what is stored now."""
    outcome: dict[str, list[PlannedCriterion]] = {}
    seen: set[str] = set()
    now = utcnow()
    user = clean_text(plan.unit_code)
    for entry in rows:
        set_id = entry["id"]
        shown = set_id[:40]
        if not is_uuid(set_id) or set_id in seen:
            plan.rejected.append(issue(KIND, shown, _("The record identifier is not valid.")))
            continue
        seen.add(set_id)
        try:
            planned, criteria = _plan_one(session, entry, plan, now, user, parse_stamp, is_uuid, issue)
        except _Rejected as exc:
            plan.rejected.append(issue(KIND, set_id, exc.reason))
            continue
        if planned is not None:
            plan._sets.append(planned)
            outcome[entry["cluster_code"]] = criteria
    return outcome


def _plan_one(
    session: Session,
    entry: dict[str, Any],
    plan: Any,
    now: datetime,
    user: str,
    parse_stamp: Callable[[Any], datetime | None],
    is_uuid: Callable[[Any], bool],
    issue: Callable[[str, str, str], Any],
) -> tuple[PlannedSet | None, list[PlannedCriterion]]:
    """One set: (what to write, the criteria it leaves), (None, []) when nothing is written; raises
    _Rejected with the reason."""
    set_id, cluster_code, year, revision = entry["id"], entry["cluster_code"], entry["year"], entry["version"]
    updated_at = parse_stamp(entry["updated_at"])
    if not 1 <= revision <= MAX_VERSION or updated_at is None:
        raise _Rejected(_("The record's version or dates are not valid."))
    if year != plan.year:
        raise _Rejected(
            _("The criteria set is for {found}, not for the package's year {year}.").format(
                found=year, year=plan.year
            )
        )
    cluster = session.scalar(select(Cluster).where(Cluster.code == cluster_code, Cluster.deleted.is_(False)))
    if cluster is None:
        raise _Rejected(
            _(
                "The criteria set of {unit} for cluster {cluster}, {year}, is not accepted: no such cluster here."
            ).format(unit=plan.unit_name, cluster=cluster_code[:20], year=year)
        )
    heads = _head_codes(session, cluster.id, year)
    if heads and plan.unit_code not in heads:
        raise _Rejected(
            _(
                "The criteria set is not accepted: here, {unit} is not the head of cluster {cluster} in {year}."
            ).format(unit=plan.unit_name, cluster=cluster.code, year=year)
        )
    title = _clean(entry["title"], MAX_TITLE, _("A name or code in the criteria set is too long."))
    if not title:
        raise _Rejected(_("A criteria set needs a title."))
    note = clean_text(entry["note"])
    groups = _checked_groups(entry, is_uuid)
    live, removed_ids = _checked_criteria(session, entry, {g["id"] for g in groups}, is_uuid)
    digest = _digest(
        title,
        note,
        False,
        [_group_tuple(g) for g in groups],
        [_criterion_tuple(c) for c in live],
    )
    criteria = [PlannedCriterion(c["id"], c["code"], c["max_tenths"]) for c in live]
    state = {
        "record_id": set_id,
        "table_name": KIND,
        "unit_code": plan.unit_code,
        "year": plan.year,
        "version": revision,
        "row_hash": digest,
        "package_id": plan.package_id,
    }
    values = {"title": title, "note": note, "updated_at": updated_at}
    here = session.get(CriteriaSet, set_id)
    if here is None:
        other = session.scalar(
            select(CriteriaSet.id).where(CriteriaSet.cluster_id == cluster.id, CriteriaSet.year == year)
        )
        if other is not None:
            plan.conflicts.append(
                issue(
                    KIND,
                    set_id,
                    _("Cluster {cluster} already has a criteria set for {year} here; it is kept.").format(
                        cluster=cluster.code, year=year
                    ),
                )
            )
            return None, []
        ids = [*(g["id"] for g in groups), *(c["id"] for c in live), *removed_ids]
        if _ids_elsewhere(session, set_id, ids):
            raise _Rejected(_("A group or criterion of this set already belongs to another set here."))
        planned = PlannedSet(set_id, cluster.id, revision, None, values)
        _plan_changes(session, planned, groups, live, now, user)
        plan.new[KIND] += 1
        plan._states.append(state)
        return planned, criteria
    if here.cluster_id != cluster.id or here.year != year:
        raise _Rejected(_("A criteria set with this identifier belongs to another cluster or year here."))
    base = session.execute(
        select(ImportState.version, ImportState.row_hash).where(
            ImportState.record_id == set_id,
            ImportState.table_name == KIND,
            ImportState.unit_code == plan.unit_code,
        )
    ).first()
    if base is None:
        plan.conflicts.append(
            issue(KIND, set_id, _("The record exists here but was not imported; it is kept as it is here."))
        )
        return None, []
    local_changed = _local_digest(session, here) != base.row_hash
    if digest == base.row_hash or revision < base.version:
        plan.unchanged[KIND] += 1
        return None, []
    if local_changed or revision == base.version:
        plan.conflicts.append(
            issue(
                KIND,
                set_id,
                _("Changed both here and at the source since version {v}; the copy here is kept.").format(
                    v=base.version
                ),
            )
        )
        return None, []
    ids = [*(g["id"] for g in groups), *(c["id"] for c in live), *removed_ids]
    if _ids_elsewhere(session, set_id, ids):
        raise _Rejected(_("A group or criterion of this set already belongs to another set here."))
    planned = PlannedSet(set_id, cluster.id, revision, here.version, values)
    _plan_changes(session, planned, groups, live, now, user)
    plan.updated[KIND] += 1
    plan._states.append(state)
    return planned, criteria


# --------------------------------------------------------------------------------------------- apply


def apply_sets(session: Session, planned: list[PlannedSet], *, unit_code: str, year: int, user: str) -> None:
    """Write the planned sets inside the import's transaction: parents before their children, and
    before the self-scores that point at them. Changes and removals set different columns: one bulk
    UPDATE each."""
    now = utcnow()
    for p in planned:
        if p.old_revision is None:
            row = {"id": p.set_id, "cluster_id": p.cluster_id, "year": year, "created_at": now, **p.values}
            session.execute(insert(CriteriaSet), [{**row, "version": p.revision, "updated_by": unit_code}])
        else:
            session.execute(
                update(CriteriaSet),
                [{"id": p.set_id, **p.values, "version": p.revision, "updated_by": unit_code}],
            )
        for model, rows in (
            (CriterionGroup, p.group_inserts),
            (Criterion, p.criterion_inserts),
        ):
            if rows:
                session.execute(insert(model), rows)
        for model, rows in (
            (CriterionGroup, p.group_updates),
            (CriterionGroup, p.group_removals),
            (Criterion, p.criterion_updates),
            (Criterion, p.criterion_removals),
        ):
            if rows:
                session.execute(update(model), rows)
        session.add(
            AuditEntry(
                user=user,
                action="import" if p.old_revision is None else "update",
                table_name=KIND,
                record_id=p.set_id,
                old_values="" if p.old_revision is None else json.dumps({"version": p.old_revision}),
                new_values=json.dumps(
                    {
                        "version": p.revision,
                        "added": len(p.criterion_inserts),
                        "changed": len(p.criterion_updates),
                        "removed": len(p.criterion_removals),
                    }
                ),
                reason=_("Package of {code} for {year}").format(code=unit_code, year=year),
            )
        )
