"""A cluster, its members in a year, and the cluster of a unit in a year: one query each, used by the
figures, the documents, the review and the window."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from emulation_desktop.domain.models import Cluster, ClusterMember, Unit
from emulation_desktop.errors import NotFoundError
from emulation_desktop.indicators.scope import Scope
from emulation_desktop.locale.i18n import _


def find_cluster(session: Session, code: str) -> Cluster:
    cluster = session.scalar(select(Cluster).where(Cluster.code == code, Cluster.deleted.is_(False)))
    if cluster is None:
        raise NotFoundError(_("No cluster with code “{code}”.").format(code=code))
    return cluster


def cluster_members(session: Session, cluster: Cluster, year: int) -> list[tuple[Unit, str]]:
    """(unit, role) of each member in ``year``, by unit code; roles are "head", "deputy" or "member"."""
    rows = session.execute(
        select(Unit, ClusterMember.role)
        .join(ClusterMember, ClusterMember.unit_id == Unit.id)
        .where(
            ClusterMember.cluster_id == cluster.id,
            ClusterMember.year == year,
            ClusterMember.deleted.is_(False),
            Unit.deleted.is_(False),
        )
        .order_by(Unit.code)
    ).all()
    return [(unit, role) for unit, role in rows]


def cluster_of_unit(session: Session, unit_id: str, year: int) -> Cluster | None:
    """The live cluster a unit belongs to in ``year``, if any (a deleted cluster or membership is none)."""
    return session.scalar(
        select(Cluster)
        .join(ClusterMember, ClusterMember.cluster_id == Cluster.id)
        .where(
            ClusterMember.unit_id == unit_id,
            ClusterMember.year == year,
            ClusterMember.deleted.is_(False),
            Cluster.deleted.is_(False),
        )
    )


def cluster_scope(session: Session, code: str, year: int) -> Scope:
    """The cluster's members in ``year``; the previous year is compared over the same members."""
    cluster = find_cluster(session, code)
    units = [unit for unit, _role in cluster_members(session, cluster, year)]
    if not units:
        raise NotFoundError(_("The cluster “{code}” has no members in {year}.").format(code=code, year=year))
    return Scope(
        "cluster", cluster.code, cluster.name, tuple(u.id for u in units), tuple(u.path for u in units)
    )
