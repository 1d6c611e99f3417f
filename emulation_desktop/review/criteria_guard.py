"""Who may change a cluster's criteria set, and what every change checks first and leaves behind.

A change is refused (``ReadOnlyError``) where this installation may not change the set: a set received
from the cluster head in a package, a set at a member's installation, or a year a member here has
locked. It is refused (``ConflictError``) when the record changed since the clerk read it. Each change
leaves an audit entry."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from emulation_desktop.domain.models import (
    Cluster,
    CriteriaSet,
    Criterion,
    CriterionGroup,
    EmulationYear,
    ImportState,
    Unit,
)
from emulation_desktop.errors import ConflictError, NotFoundError, ReadOnlyError
from emulation_desktop.locale.i18n import _
from emulation_desktop.operations.clusters import cluster_members, find_cluster
from emulation_desktop.review.criteria_view import set_id_of


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
    return edit_refusal(session, cluster, year, set_id_of(session, cluster, year))


def check_editable(session: Session, cluster: Cluster, year: int, set_id: str | None = None) -> None:
    """Raise ``ReadOnlyError`` with :func:`edit_refusal`'s reason, if there is one."""
    reason = edit_refusal(session, cluster, year, set_id)
    if reason is not None:
        raise ReadOnlyError(reason)


def editable_set(session: Session, set_id: str, version: int | None = None) -> CriteriaSet:
    """The live set this installation may change, as the clerk saw it (``version``)."""
    criteria_set = session.get(CriteriaSet, set_id)
    if criteria_set is None or criteria_set.deleted:
        raise NotFoundError(_("No such criteria set."))
    cluster = session.get(Cluster, criteria_set.cluster_id)
    assert cluster is not None
    check_editable(session, cluster, criteria_set.year, criteria_set.id)
    if version is not None and version != criteria_set.version:
        raise ConflictError(_("The criteria set was changed meanwhile; reload it and try again."))
    return criteria_set


def _editable_part(
    session: Session,
    model: type[CriterionGroup] | type[Criterion],
    record_id: str,
    version: int | None,
    missing: str,
    changed: str,
) -> Any:
    """A live group or criterion of a set this installation may change, as the clerk saw it."""
    part = session.get(model, record_id)
    if part is None or part.deleted:
        raise NotFoundError(missing)
    editable_set(session, part.set_id)
    if version is not None and version != part.version:
        raise ConflictError(changed)
    return part


def editable_group(session: Session, group_id: str, version: int | None = None) -> CriterionGroup:
    """A live group of a set this installation may change, as the clerk saw it (``version``)."""
    group: CriterionGroup = _editable_part(
        session,
        CriterionGroup,
        group_id,
        version,
        _("No such group of criteria."),
        _("The group was changed meanwhile; reload it and try again."),
    )
    return group


def editable_criterion(session: Session, criterion_id: str, version: int | None = None) -> Criterion:
    """A live criterion of a set this installation may change, as the clerk saw it (``version``)."""
    criterion: Criterion = _editable_part(
        session,
        Criterion,
        criterion_id,
        version,
        _("No such criterion."),
        _("The criterion was changed meanwhile; reload it and try again."),
    )
    return criterion
