"""The groups of a criteria set ("I. Công tác vận động"): add one, rename or renumber it, remove an
empty one. Each is one transaction with its audit entry, checked against the version the clerk saw."""

from __future__ import annotations

from sqlalchemy import func, select

from emulation_desktop.domain.audit import audit_row
from emulation_desktop.domain.base import new_id
from emulation_desktop.domain.models import Criterion, CriterionGroup
from emulation_desktop.errors import InputError
from emulation_desktop.locale.i18n import _
from emulation_desktop.review.criteria_guard import editable_group, editable_set
from emulation_desktop.review.criteria_values import group_values
from emulation_desktop.review.criteria_view import live_groups
from emulation_desktop.storage.database import Database


def add_group(db: Database, set_id: str, code: str, name: str, *, user: str = "") -> str:
    """Append a group ("III. Công tác giám sát"); left without a number it takes the next one."""
    with db.transaction() as session:
        editable_set(session, set_id)
        groups = live_groups(session, set_id)
        last = session.scalar(
            select(func.max(CriterionGroup.position)).where(CriterionGroup.set_id == set_id)
        )
        values = group_values({"code": code, "name": name}, {g.code for g in groups}, len(groups) + 1)
        group = CriterionGroup(
            id=new_id(), set_id=set_id, position=(last or 0) + 1, updated_by=user, **values
        )
        session.add(group)
        session.add(audit_row("create", "criterion_group", group.id, user=user, new=values))
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
        group = editable_group(session, group_id, version)
        others = {g.code for g in live_groups(session, group.set_id) if g.id != group.id}
        spec = {"code": group.code if code is None else code, "name": group.name if name is None else name}
        values = group_values(spec, others, group.position)
        old = {"code": group.code, "name": group.name}
        group.code, group.name = values["code"], values["name"]
        group.version += 1
        group.updated_by = user
        session.add(audit_row("update", "criterion_group", group.id, user=user, old=old, new=values))


def remove_group(db: Database, group_id: str, *, version: int | None = None, user: str = "") -> None:
    """Remove an empty group (soft delete); a group with criteria keeps them, so it is refused."""
    with db.transaction() as session:
        group = editable_group(session, group_id, version)
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
        session.add(
            audit_row(
                "delete", "criterion_group", group.id, user=user, old={"code": group.code, "name": group.name}
            )
        )
