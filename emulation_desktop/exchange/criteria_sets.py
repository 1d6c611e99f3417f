"""The cluster head's criteria set travels to the members in the head's year package
(``criteria_sets.json``): what the member holds, how it is made, and its shape.

The head prepares the year's scoring table (bảng tiêu chí chấm điểm) at its own installation; every
package of the head's unit then carries the live sets of the year of each cluster it heads, with the
head's UUIDs for the set, its groups and its criteria. A set received from elsewhere is not sent on.

Editing a criterion at the head raises the criterion's version, not the set's, so the version a set
travels with is its *revision*: the set's version plus the versions of all its groups and criteria. Any
edit, addition or removal raises it. How a member plans a received set is in
exchange.criteria_set_planning (its values are judged in exchange.criteria_set_values); the import
writes it (exchange.import_package).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from emulation_desktop.domain.models import (
    Cluster,
    ClusterMember,
    CriteriaSet,
    Criterion,
    CriterionGroup,
    ImportState,
)
from emulation_desktop.exchange.package_format import PackageRejected, refusal, require_keys
from emulation_desktop.locale.i18n import N_, _

MEMBER = "criteria_sets.json"
KIND = "criteria_set"  # also ImportState.table_name of a received set
LABEL = N_("Criteria set for scoring")

SET_KEYS = frozenset(
    {"id", "cluster_code", "year", "version", "updated_at", "title", "note", "groups", "criteria"}
)
GROUP_KEYS = frozenset({"id", "code", "name", "position"})
# A criterion's values that travel, in the order the set's digest takes them (criteria_set_values).
CRITERION_FIELDS = (
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
CRITERION_KEYS = frozenset({"id", *CRITERION_FIELDS, "deleted"})

# Caps on the member's shape (checked before planning) and on values (a rejection with its reason).
MAX_SETS = 100
MAX_GROUPS = 200
MAX_CRITERIA = 2_000
MAX_RAW_TEXT = 20_000
MAX_POSITION = 1_000_000
MAX_TARGET = 10**15  # đồng, counts or tenths of a percent: far above any real target


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
    return refusal(_("“{name}” is not valid.").format(name=MEMBER))


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
