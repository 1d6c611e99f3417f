"""The organisation tree, clusters, roles and year locks: one transaction per operation."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from emulation_desktop.domain.audit import audit_row
from emulation_desktop.domain.base import new_id, utcnow
from emulation_desktop.domain.models import Cluster, ClusterMember, EmulationYear, OrgLevel, Unit
from emulation_desktop.domain.org import in_subtree
from emulation_desktop.domain.text import clean_text, fold
from emulation_desktop.errors import InputError, NotFoundError, ValidationError
from emulation_desktop.locale.i18n import _
from emulation_desktop.operations.records import resolve_unit
from emulation_desktop.storage.database import Database

CLUSTER_ROLES = ("head", "deputy", "member")


def _unit_row(
    session: Session,
    levels: set[str],
    spec: Mapping[str, Any],
    parent: Unit | None,
    now: object,
    user: str,
    is_local: bool,
) -> dict[str, Any]:
    code = clean_text(str(spec.get("code") or ""))
    name = clean_text(str(spec.get("name") or ""))
    errors = {}
    if not code or "/" in code:
        errors["code"] = _("A unit needs a code without “/”.")
    if not name:
        errors["name"] = _("A unit needs a name.")
    if spec.get("level") not in levels:
        errors["level"] = _("Unknown organisation level “{level}”.").format(level=spec.get("level"))
    if errors:
        raise ValidationError(errors)
    return {
        "id": new_id(),
        "code": code,
        "name": name,
        "unit_type": clean_text(str(spec.get("unit_type") or "")),
        "level_code": spec["level"],
        "parent_id": parent.id if parent else None,
        "path": f"{parent.path if parent else '/'}{code}/",
        "is_local": is_local,
        "place_name": clean_text(str(spec.get("place_name") or "")),
        "created_at": now,
        "updated_at": now,
        "updated_by": user,
        "version": 1,
        "deleted": False,
        "search_key": fold(f"{name} {code}"),
    }


def add_units(
    db: Database,
    parent_code: str | None,
    units: Iterable[Mapping[str, Any]],
    *,
    is_local: bool = False,
    user: str = "",
) -> int:
    """Add units under a parent in one transaction. Each spec: code, name, level, unit_type, place_name,
    and optionally ``children`` (a list of specs), so a district's communes and villages load at once."""
    with db.transaction() as session:
        parent = resolve_unit(session, parent_code) if parent_code else None
        return insert_units(session, parent, units, is_local=is_local, user=user)


def insert_units(
    session: Session,
    parent: Unit | None,
    units: Iterable[Mapping[str, Any]],
    *,
    is_local: bool = False,
    user: str = "",
) -> int:
    """``add_units`` inside a caller's transaction (the set-up adds a province, a unit and its villages
    in one); returns how many units were added."""
    now = utcnow()
    levels = set(session.scalars(select(OrgLevel.code)))
    existing = set(session.scalars(select(Unit.code)))
    rows: list[dict[str, Any]] = []

    def walk(specs: Iterable[Mapping[str, Any]], under: Unit | None) -> None:
        for spec in specs:
            row = _unit_row(session, levels, spec, under, now, user, is_local)
            if row["code"] in existing:
                raise InputError(_("A unit with code “{code}” already exists.").format(code=row["code"]))
            existing.add(row["code"])
            rows.append(row)
            children = spec.get("children") or ()
            if children:
                walk(children, Unit(id=row["id"], path=row["path"]))

    walk(units, parent)
    if rows:
        session.execute(insert(Unit), rows)
        session.add(audit_row("create", "unit", user=user, new=_("{n} units added").format(n=len(rows))))
    return len(rows)


def set_local(db: Database, codes: Iterable[str], *, is_local: bool = True, user: str = "") -> None:
    """Mark units (and everything under them) as owned by this installation, or not."""
    with db.transaction() as session:
        for code in codes:
            change_ownership(session, resolve_unit(session, code), is_local, user=user)


def change_ownership(
    session: Session, unit: Unit, is_local: bool, *, user: str = "", reason: str = ""
) -> None:
    """A unit and everything under it become owned here (editable) or not (read-only copies), with
    the audit entry that says so. Used by the clerk's set-up and by an import that adopts a unit."""
    was_local = bool(unit.is_local)
    session.execute(update(Unit).where(in_subtree(Unit.path, unit.path)).values(is_local=is_local))
    session.add(
        audit_row(
            "ownership",
            "unit",
            unit.id,
            user=user,
            old={"is_local": was_local},
            new={"is_local": is_local},
            reason=reason,
        )
    )


def add_cluster(db: Database, code: str, name: str, parent_code: str | None, *, user: str = "") -> Cluster:
    with db.transaction() as session:
        parent = resolve_unit(session, parent_code) if parent_code else None
        return insert_cluster(session, code, name, parent, user=user)


def insert_cluster(session: Session, code: str, name: str, parent: Unit | None, *, user: str = "") -> Cluster:
    """``add_cluster`` inside a caller's transaction."""
    code, name = clean_text(code), clean_text(name)
    if not code or not name:
        raise ValidationError({"code": _("A cluster needs a code and a name.")})
    if session.scalar(select(Cluster.id).where(Cluster.code == code)):
        raise InputError(_("A cluster with code “{code}” already exists.").format(code=code))
    cluster = Cluster(
        id=new_id(),
        code=code,
        name=name,
        parent_unit_id=parent.id if parent else None,
        updated_by=user,
        search_key=fold(f"{name} {code}"),
    )
    session.add(cluster)
    session.add(audit_row("create", "cluster", cluster.id, user=user))
    return cluster


def set_cluster_member(
    db: Database, cluster_code: str, unit_code: str, year: int, role: str = "member", *, user: str = ""
) -> None:
    """Make a unit a member of a cluster for a year with a role; a cluster has one head and one deputy."""
    with db.transaction() as session:
        cluster = session.scalar(select(Cluster).where(Cluster.code == cluster_code))
        if cluster is None:
            raise NotFoundError(_("No cluster with code “{code}”.").format(code=cluster_code))
        put_cluster_member(session, cluster, resolve_unit(session, unit_code), year, role, user=user)


def put_cluster_member(
    session: Session, cluster: Cluster, unit: Unit, year: int, role: str = "member", *, user: str = ""
) -> None:
    """``set_cluster_member`` inside a caller's transaction: a new head or deputy makes the previous
    one of that year a plain member."""
    if role not in CLUSTER_ROLES:
        raise InputError(_("Unknown cluster role “{role}”.").format(role=role))
    members = session.scalars(
        select(ClusterMember).where(ClusterMember.cluster_id == cluster.id, ClusterMember.year == year)
    ).all()
    if role != "member":
        for other in members:
            if other.role == role and other.unit_id != unit.id:
                other.role = "member"
    mine = next((m for m in members if m.unit_id == unit.id), None)
    if mine is None:
        session.add(
            ClusterMember(
                id=new_id(), cluster_id=cluster.id, unit_id=unit.id, year=year, role=role, updated_by=user
            )
        )
    else:
        mine.role, mine.deleted, mine.updated_by = role, False, user
        mine.version += 1
    session.add(
        audit_row("cluster_role", "cluster_member", unit.id, user=user, new={"year": year, "role": role})
    )


def year_record(session: Session, unit: Unit, year: int) -> EmulationYear:
    """The unit's EmulationYear row for the year, added (unlocked) when it is not there yet."""
    found = session.scalar(
        select(EmulationYear).where(EmulationYear.unit_id == unit.id, EmulationYear.year == year)
    )
    if found is None:
        found = EmulationYear(id=new_id(), unit_id=unit.id, year=year, locked=False)
        session.add(found)
    return found


def lock_year(db: Database, unit_code: str, year: int, *, reason: str = "", user: str = "") -> None:
    """Lock a unit's year once submitted: its records become read-only."""
    with db.transaction() as session:
        unit = resolve_unit(session, unit_code)
        record = year_record(session, unit, year)
        record.locked, record.locked_at, record.lock_reason = True, utcnow(), clean_text(reason)
        session.add(audit_row("lock", "emulation_year", record.id, user=user, reason=clean_text(reason)))


def unlock_year(db: Database, unit_code: str, year: int, *, reason: str, user: str = "") -> None:
    """Unlock needs a reason; the next package says "revised after submission"."""
    reason = clean_text(reason)
    if not reason:
        raise ValidationError({"reason": _("Give a reason for unlocking the year.")})
    with db.transaction() as session:
        unit = resolve_unit(session, unit_code)
        record = year_record(session, unit, year)
        if record.locked:
            record.revised_after_submission = True
        record.locked, record.lock_reason = False, reason
        session.add(audit_row("unlock", "emulation_year", record.id, user=user, reason=reason))
