"""Looking up a cluster and its members of a year: one query, used by figures, documents and the review."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from emulation_desktop.domain.models import Cluster, ClusterMember, Unit
from emulation_desktop.errors import NotFoundError
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
