"""A cluster's criteria set of a year as read for scoring, documents and the editor: the set, its live
groups in order and its live criteria in group order (``CriteriaView``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from emulation_desktop.domain.models import Cluster, CriteriaSet, Criterion, CriterionGroup
from emulation_desktop.errors import NotFoundError
from emulation_desktop.locale.i18n import _
from emulation_desktop.operations.clusters import find_cluster


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


def _of_year(cluster: Cluster, year: int) -> tuple[ColumnElement[bool], ...]:
    """The cluster's live set of ``year`` (at most one)."""
    return CriteriaSet.cluster_id == cluster.id, CriteriaSet.year == year, CriteriaSet.deleted.is_(False)


def set_id_of(session: Session, cluster: Cluster, year: int) -> str | None:
    """The id of the cluster's live set of ``year``, or None when it has none."""
    return session.scalar(select(CriteriaSet.id).where(*_of_year(cluster, year)))


def live_groups(session: Session, set_id: str) -> list[CriterionGroup]:
    """A set's groups that are not removed, in order."""
    return list(
        session.scalars(
            select(CriterionGroup)
            .where(CriterionGroup.set_id == set_id, CriterionGroup.deleted.is_(False))
            .order_by(CriterionGroup.position)
        )
    )


def find_set(session: Session, cluster_code: str, year: int) -> CriteriaView | None:
    cluster = find_cluster(session, cluster_code)
    found = session.scalar(select(CriteriaSet).where(*_of_year(cluster, year)))
    if found is None:
        return None
    groups = live_groups(session, found.id)
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
