"""What a figure is computed over: one unit's records, a cluster's members for a year, or at the city
every member of its clusters.

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
    kind: str  # "unit", "cluster" or "city"
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


def city_unit(source: plain_sql.Source) -> tuple[str, str, str]:
    """(id, code, name) of the city this installation owns with clusters under it: the city's office."""
    city = plain_sql.first(
        source,
        "SELECT u.id, u.code, u.name FROM unit u JOIN cluster c ON c.parent_unit_id = u.id"
        f" WHERE u.is_local = 1 AND u.{plain_sql.LIVE} AND c.{plain_sql.LIVE} ORDER BY u.path LIMIT 1",
    )
    if city is None:
        raise NotFoundError(_("This installation keeps no city with clusters under it."))
    return city[0], city[1], city[2]


def city_scope(source: plain_sql.Source, year: int) -> Scope:
    """Every member in ``year`` of the clusters under the city this installation owns (the city's office,
    which imports its clusters' forwarding packages): the city's totals, over the same units' years as the
    clusters' own totals (plain SQL, like ``unit_scope``)."""
    city_id, code, name = city_unit(source)
    members = plain_sql.rows(
        source,
        "SELECT DISTINCT u.id, u.path, u.code FROM cluster c"
        " JOIN cluster_member m ON m.cluster_id = c.id JOIN unit u ON u.id = m.unit_id"
        f" WHERE c.parent_unit_id = :city AND c.{plain_sql.LIVE} AND m.{plain_sql.LIVE}"
        f" AND u.{plain_sql.LIVE} AND m.year = :year ORDER BY u.code",
        {"city": city_id, "year": year},
    )
    if not members:
        raise NotFoundError(_("No cluster of {name} has members in {year}.").format(name=name, year=year))
    return Scope("city", code, name, tuple(m[0] for m in members), tuple(m[1] for m in members))
