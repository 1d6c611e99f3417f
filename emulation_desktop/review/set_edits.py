"""Whole criteria sets: create a year's set (with its groups and criteria), copy last year's or the
cluster's default table, change a set's title and note. Each is one transaction with its audit entry."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy.orm import Session

from emulation_desktop.domain.audit import audit_row
from emulation_desktop.domain.base import new_id
from emulation_desktop.domain.models import Cluster, CriteriaSet, Criterion, CriterionGroup
from emulation_desktop.domain.text import clean_text
from emulation_desktop.errors import InputError, NotFoundError
from emulation_desktop.locale.i18n import _
from emulation_desktop.operations.clusters import find_cluster
from emulation_desktop.review.criteria_guard import check_editable, editable_set
from emulation_desktop.review.criteria_values import (
    DEFAULT_TITLE,
    as_spec,
    clean_title,
    criterion_values,
    free_number,
    group_values,
    unique_code,
)
from emulation_desktop.review.criteria_view import find_set, set_id_of
from emulation_desktop.review.default_criteria import default_groups
from emulation_desktop.storage.database import Database


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
        values = group_values(spec, group_codes, g)
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
            values["code"] = unique_code(values["code"] or free_number(position, codes), codes)
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
    if set_id_of(session, cluster, year):
        raise InputError(
            _("The cluster already has a criteria set for {year}; edit it instead.").format(year=year)
        )
    check_editable(session, cluster, year)
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
    title = clean_title(title)
    with db.transaction() as session:
        cluster = _new_set_checks(session, cluster_code, year)
        criteria_set = _insert_set(session, cluster, year, title, note, groups, (), user)
        session.add(
            audit_row(
                "create", "criteria_set", criteria_set.id, user=user, new={"title": title, "year": year}
            )
        )
    return criteria_set.id


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
        title = clean_title(title)
        groups = [
            {
                "code": g.code,
                "name": g.name,
                "criteria": [as_spec(c) for c in previous.by_group.get(g.id, [])],
            }
            for g in previous.groups
        ]
        loose = [as_spec(c) for c in previous.by_group.get(None, [])]
        criteria_set = _insert_set(session, cluster, year, title, previous.set.note, groups, loose, user)
        session.add(
            audit_row(
                "create",
                "criteria_set",
                criteria_set.id,
                user=user,
                new={"title": title, "year": year, "copied_from": previous.set.id},
            )
        )
    return criteria_set.id


def use_default_criteria(
    db: Database, cluster_code: str, year: int, *, title: str | None = None, user: str = ""
) -> str:
    """Create ``year``'s set as a copy of the cluster's default table (the one the meeting pack prints
    for a cluster without a set of its own): its criteria, linked to their figures, in one group, to be
    changed like any set. Refused when the year already has a set."""
    title = clean_title(DEFAULT_TITLE.format(year=year) if title is None else title)
    with db.transaction() as session:
        cluster = _new_set_checks(session, cluster_code, year)
        criteria_set = _insert_set(session, cluster, year, title, "", default_groups(), (), user)
        session.add(
            audit_row(
                "create",
                "criteria_set",
                criteria_set.id,
                user=user,
                new={"title": title, "year": year, "copied_from": "default"},
            )
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
        criteria_set = editable_set(session, set_id, version)
        old = {"title": criteria_set.title, "note": criteria_set.note}
        if title is not None:
            criteria_set.title = clean_title(title)
        if note is not None:
            criteria_set.note = clean_text(note)
        criteria_set.version += 1
        criteria_set.updated_by = user
        new = {"title": criteria_set.title, "note": criteria_set.note}
        session.add(audit_row("update", "criteria_set", criteria_set.id, user=user, old=old, new=new))
