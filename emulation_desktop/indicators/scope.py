"""What a figure is computed over: one unit's records, or a cluster's members for a year.

A cluster's scope is built by ``operations.clusters.cluster_scope``, which knows who belongs to a
cluster in a year; the figures only need the units and their paths.
"""

from __future__ import annotations

from dataclasses import dataclass

from emulation_desktop.errors import NotFoundError
from emulation_desktop.locale.i18n import _
from emulation_desktop.storage import plain_sql


@dataclass(frozen=True)
class Scope:
    kind: str  # "unit" or "cluster"
    code: str
    name: str
    unit_ids: tuple[str, ...]  # the units whose records count
    unit_paths: tuple[str, ...]  # their tree paths, for counting communes and villages under them

    def as_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "code": self.code, "name": self.name, "units": len(self.unit_ids)}


def unit_scope(source: plain_sql.Source, code: str) -> Scope:
    """One unit's own records (plain SQL: the Overview asks for it before the ORM is loaded)."""
    row = plain_sql.first(
        source,
        f"SELECT id, code, name, path FROM unit WHERE code = :code AND {plain_sql.LIVE}",
        {"code": code},
    )
    if row is None:
        raise NotFoundError(_("No unit with code “{code}”.").format(code=code))
    unit_id, unit_code, name, path = row
    return Scope("unit", unit_code, name, (unit_id,), (path,))
