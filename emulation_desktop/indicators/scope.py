"""What a figure is computed over: one unit's records, or a cluster's members for a year."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from emulation_desktop.errors import NotFoundError
from emulation_desktop.locale.i18n import _
from emulation_desktop.storage import plain

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass(frozen=True)
class Scope:
    kind: str  # "unit" or "cluster"
    code: str
    name: str
    unit_ids: tuple[str, ...]  # the units whose records count
    unit_paths: tuple[str, ...]  # their tree paths, for counting communes and villages under them

    def as_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "code": self.code, "name": self.name, "units": len(self.unit_ids)}


def unit_scope(source: plain.Source, code: str) -> Scope:
    """One unit's own records (plain SQL: the Overview asks for it before the ORM is loaded)."""
    row = plain.first(
        source, f"SELECT id, code, name, path FROM unit WHERE code = :code AND {plain.LIVE}", {"code": code}
    )
    if row is None:
        raise NotFoundError(_("No unit with code “{code}”.").format(code=code))
    unit_id, unit_code, name, path = row
    return Scope("unit", unit_code, name, (unit_id,), (path,))


def cluster_scope(session: Session, code: str, year: int) -> Scope:
    """The cluster's members in ``year``; the previous year is compared over the same members."""
    from emulation_desktop.operations.clusters import cluster_members, find_cluster

    cluster = find_cluster(session, code)
    units = [unit for unit, _role in cluster_members(session, cluster, year)]
    if not units:
        raise NotFoundError(_("The cluster “{code}” has no members in {year}.").format(code=code, year=year))
    return Scope(
        "cluster", cluster.code, cluster.name, tuple(u.id for u in units), tuple(u.path for u in units)
    )
