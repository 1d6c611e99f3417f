"""What a figure is computed over: one unit's records, or a cluster's members for a year."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from emulation_desktop.domain.models import Cluster, ClusterMember, Unit
from emulation_desktop.errors import NotFoundError
from emulation_desktop.locale.i18n import _


@dataclass(frozen=True)
class Scope:
    kind: str  # "unit" or "cluster"
    code: str
    name: str
    unit_ids: tuple[str, ...]  # the units whose records count
    unit_paths: tuple[str, ...]  # their tree paths, for counting communes and villages under them

    def as_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "code": self.code, "name": self.name, "units": len(self.unit_ids)}


def unit_scope(session: Session, code: str) -> Scope:
    unit = session.scalar(select(Unit).where(Unit.code == code, Unit.deleted.is_(False)))
    if unit is None:
        raise NotFoundError(_("No unit with code “{code}”.").format(code=code))
    return Scope("unit", unit.code, unit.name, (unit.id,), (unit.path,))


def cluster_scope(session: Session, code: str, year: int) -> Scope:
    """The cluster's members in ``year``; the previous year is compared over the same members."""
    cluster = session.scalar(select(Cluster).where(Cluster.code == code, Cluster.deleted.is_(False)))
    if cluster is None:
        raise NotFoundError(_("No cluster with code “{code}”.").format(code=code))
    rows = session.execute(
        select(Unit.id, Unit.path)
        .join(ClusterMember, ClusterMember.unit_id == Unit.id)
        .where(
            ClusterMember.cluster_id == cluster.id,
            ClusterMember.year == year,
            ClusterMember.deleted.is_(False),
        )
        .order_by(Unit.code)
    ).all()
    if not rows:
        raise NotFoundError(_("The cluster “{code}” has no members in {year}.").format(code=code, year=year))
    return Scope(
        "cluster", cluster.code, cluster.name, tuple(r.id for r in rows), tuple(r.path for r in rows)
    )
