"""Every figure, computed in one place. The dashboard, the PDFs and the CLI all call ``compute``.

Each table is read with one aggregate query over the year and the year before (GROUP BY year), using
the (unit_id, year, deleted, ...) indexes, so a cluster-year over a million records stays fast. The
queries are plain SQL (``storage.plain``): the window's Overview runs them before SQLAlchemy has loaded,
everything else through its session.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from emulation_desktop.domain.indicators import INDICATORS
from emulation_desktop.domain.vocabulary import HOUSE_KINDS
from emulation_desktop.indicators.scope import Scope
from emulation_desktop.storage import plain_sql


@dataclass(frozen=True)
class Figure:
    value: int | None = None
    total: int | None = None
    amount_vnd: int | None = None

    @property
    def rate(self) -> float | None:
        """value / total, or None when there is no total."""
        if self.value is None or not self.total:
            return None
        return self.value / self.total

    def as_dict(self) -> dict[str, int | None]:
        return {"value": self.value, "total": self.total, "amount_vnd": self.amount_vnd}


@dataclass(frozen=True)
class Result:
    code: str
    current: Figure
    previous: Figure | None

    def rate_change_points(self) -> float | None:
        """Change of a ratio against the previous year, in percentage points (85% vs 79,6% → 5,4)."""
        if self.previous is None or self.current.rate is None or self.previous.rate is None:
            return None
        return (self.current.rate - self.previous.rate) * 100


@dataclass(frozen=True)
class FormerUnit:
    """An old unit whose figures of the year before make a unit's "last year" (the footnote names it)."""

    code: str
    name: str  # its name before the change


@dataclass
class Report:
    scope: Scope
    year: int
    results: dict[str, Result] = field(default_factory=dict)
    # Not empty when a unit of the scope was formed this year: last year's figures are then the sum of
    # these old units' (domain/predecessors.py), not the unit's own.
    previous_from: tuple[FormerUnit, ...] = ()

    def __getitem__(self, code: str) -> Result:
        return self.results[code]

    def as_json(self) -> dict[str, object]:
        return {
            "scope": self.scope.as_dict(),
            "year": self.year,
            "indicators": {
                code: {
                    **r.current.as_dict(),
                    "previous": r.previous.as_dict() if r.previous else None,
                }
                for code, r in self.results.items()
            },
            "previous_from": [{"code": u.code, "name": u.name} for u in self.previous_from],
        }


class _Reader:
    """The scope's WHERE clause and parameters, shared by every query of one ``compute``."""

    def __init__(self, source: plain_sql.Source, unit_ids: tuple[str, ...], years: tuple[int, int]) -> None:
        self.connection = plain_sql.connection_of(source)
        self.units, self.params = plain_sql.in_list("u", unit_ids)
        self.params.update(y0=years[0], y1=years[1])
        self.live = self.live_in("")

    def live_in(self, alias: str) -> str:
        """The scope's live records of the two years, in the table called ``alias`` in the query."""
        a = f"{alias}." if alias else ""
        return f"{a}unit_id IN {self.units} AND {a}year IN (:y0, :y1) AND {a}deleted = 0"

    def rows(self, sql: str) -> list[Any]:
        return self.connection.execute(sql, self.params).fetchall()


def compute(source: plain_sql.Source, scope: Scope, year: int) -> Report:
    """All indicators of a scope for ``year``, each with the year before (over a session or a plain
    sqlite3 connection). A unit formed this year from old units is compared with the sum of those
    counted for it (``_formed_from``), so every document, the Overview and the command line agree."""
    per_year, totals = _figures(source, scope.unit_ids, scope.unit_paths, (year - 1, year))
    report = Report(scope, year)
    earlier = _formed_from(source, scope, year)
    if earlier is not None:
        unit_ids, unit_paths, report.previous_from = earlier
        per_year[year - 1] = _figures(source, unit_ids, unit_paths, (year - 1, year - 1))[0][year - 1]
    for definition in INDICATORS:
        current = per_year[year].get(definition.code) or _empty(definition.measure, definition.code, totals)
        report.results[definition.code] = Result(
            definition.code, current, per_year[year - 1].get(definition.code)
        )
    return report


def _formed_from(
    source: plain_sql.Source, scope: Scope, year: int
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[FormerUnit, ...]] | None:
    """The units whose records make the scope's year before ``year`` and the old units among them, when a
    unit of the scope was formed in ``year`` (``valid_from``) from old units counted for it; else None.
    Such a unit is replaced by those old units (one of them may be the unit itself: a 2025 ward keeps an
    old commune's code, so that commune's records are its own row's); the other units stay."""
    units, params = plain_sql.in_list("u", scope.unit_ids)
    rows = plain_sql.rows(
        source,
        "SELECT up.unit_id, old.id, old.path, old.code, up.name FROM unit_predecessor AS up"
        " JOIN unit AS formed ON formed.id = up.unit_id JOIN unit AS old ON old.id = up.predecessor_id"
        f" WHERE up.unit_id IN {units} AND formed.valid_from = :year AND up.counted = 1"
        " AND up.deleted = 0 AND old.deleted = 0 ORDER BY formed.path, old.code",
        {**params, "year": year},
    )
    if not rows:
        return None
    formed = {row[0] for row in rows}
    kept = [(i, p) for i, p in zip(scope.unit_ids, scope.unit_paths, strict=True) if i not in formed]
    together = dict([*kept, *((row[1], row[2]) for row in rows)])  # an old unit counted once
    former = tuple(dict.fromkeys(FormerUnit(row[3], row[4]) for row in rows))
    return tuple(together), tuple(together.values()), former


def _figures(
    source: plain_sql.Source, unit_ids: tuple[str, ...], unit_paths: tuple[str, ...], years: tuple[int, int]
) -> tuple[dict[int, dict[str, Figure]], dict[str, int]]:
    """Every indicator's figure of the units' records, per year of ``years``, and the place totals."""
    per_year: dict[int, dict[str, Figure]] = defaultdict(dict)
    read = _Reader(source, unit_ids, years)

    is_house = "kind IN (" + ", ".join(f"'{kind}'" for kind in HOUSE_KINDS) + ")"
    for y, houses, house_vnd, other_vnd in read.rows(
        f"SELECT year, SUM(CASE WHEN {is_house} THEN 1 ELSE 0 END),"
        f" SUM(CASE WHEN {is_house} THEN value_vnd ELSE 0 END),"
        f" SUM(CASE WHEN {is_house} THEN 0 ELSE value_vnd END)"
        f" FROM support_activity WHERE {read.live} GROUP BY year"
    ):
        per_year[y]["solidarity_houses"] = Figure(value=houses, amount_vnd=house_vnd)
        per_year[y]["other_support"] = Figure(amount_vnd=other_vnd)

    for y, fund, amount in read.rows(
        f"SELECT year, fund_code, SUM(amount_vnd) FROM donation WHERE {read.live} GROUP BY year, fund_code"
    ):
        per_year[y][f"fund_{fund}"] = Figure(amount_vnd=amount)

    by_year = {y: _place_totals(read, unit_paths, y) for y in dict.fromkeys(years)}
    totals = by_year[years[-1]]
    for y, level, places, direct, forms in read.rows(
        "SELECT dc.year, place.level_code, COUNT(DISTINCT dc.place_id), SUM(dc.opinions_direct),"
        " SUM(dc.opinions_forms) FROM delegate_conference AS dc JOIN unit AS place ON place.id = dc.place_id"
        f" WHERE {read.live_in('dc')} GROUP BY dc.year, place.level_code"
    ):
        if level in ("village", "commune"):
            per_year[y][f"delegate_conferences_{level}s"] = Figure(value=places, total=by_year[y][level])
        figures = per_year[y]
        figures["opinions_direct"] = Figure(
            value=(figures.get("opinions_direct", Figure(value=0)).value or 0) + direct
        )
        figures["opinions_forms"] = Figure(
            value=(figures.get("opinions_forms", Figure(value=0)).value or 0) + forms
        )

    for code, table, part, whole in (
        ("cremations", "funeral_tally", "cremations", "deaths"),
        ("mediations", "mediation_tally", "cases_resolved", "cases_total"),
        ("petitions", "citizen_reception", "petitions_resolved", "petitions_received"),
    ):
        for y, value, total in read.rows(
            f"SELECT year, SUM({part}), SUM({whole}) FROM {table} WHERE {read.live} GROUP BY year"
        ):
            per_year[y][code] = Figure(value=value, total=total)
    for y, sessions in read.rows(
        f"SELECT year, SUM(sessions) FROM citizen_reception WHERE {read.live} GROUP BY year"
    ):
        per_year[y]["citizen_receptions"] = Figure(value=sessions)

    # Social criticism, People's Inspection and community investment supervision are recorded with the
    # sessions but are not supervision sessions: "giám sát và phối hợp giám sát 1.053 cuộc" counts only these.
    is_session = "kind != 'social_criticism'"
    for y, led, joint, criticisms in read.rows(
        f"SELECT year, SUM(CASE WHEN {is_session} AND mode = 'led' THEN 1 ELSE 0 END),"
        f" SUM(CASE WHEN {is_session} AND mode = 'joint' THEN 1 ELSE 0 END),"
        " SUM(CASE WHEN kind = 'social_criticism' THEN 1 ELSE 0 END)"
        f" FROM supervision WHERE {read.live} GROUP BY year"
    ):
        per_year[y]["supervisions"] = Figure(value=led + joint)
        per_year[y]["supervisions_led"] = Figure(value=led)
        per_year[y]["supervisions_joint"] = Figure(value=joint)
        per_year[y]["social_criticisms"] = Figure(value=criticisms)

    for y, made, resolved in read.rows(
        "SELECT year, COUNT(*), SUM(CASE WHEN status = 'resolved' THEN 1 ELSE 0 END)"
        f" FROM recommendation WHERE {read.live} GROUP BY year"
    ):
        per_year[y]["recommendations"] = Figure(value=resolved, total=made)
    return per_year, totals


def _place_totals(read: _Reader, unit_paths: tuple[str, ...], year: int) -> dict[str, int]:
    """How many communes and villages lie under the units in ``year`` (the denominators of 106/106). A
    village counts in its years only: an old commune's end with it, and a unit formed in 2025 that kept
    an old commune's code has that commune's villages before and its own after (docs/setup.md). Communes
    count whatever their years, since such a unit's row is the old commune's too."""
    prefixes = {f"p{i}": path for i, path in enumerate(unit_paths)}
    under = " OR ".join(f"substr(path, 1, length(:{name})) = :{name}" for name in prefixes) or "0"
    in_year = (
        "(level_code != 'village' OR ((valid_from IS NULL OR valid_from <= :year)"
        " AND (valid_until IS NULL OR valid_until >= :year)))"
    )
    rows = read.connection.execute(
        f"SELECT level_code, COUNT(*) FROM unit WHERE ({under}) AND {in_year} AND {plain_sql.LIVE}"
        " GROUP BY level_code",
        {**prefixes, "year": year},
    ).fetchall()
    counts = {level: count for level, count in rows}
    return {"village": counts.get("village", 0), "commune": counts.get("commune", 0)}


def _empty(measure: str, code: str, totals: dict[str, int]) -> Figure:
    """The figure of an indicator with no records this year: zero, not unknown."""
    if code.startswith("delegate_conferences_"):
        level = "village" if code.endswith("villages") else "commune"
        return Figure(value=0, total=totals[level])
    if measure == "amount":
        return Figure(amount_vnd=0)
    if measure == "count_amount":
        return Figure(value=0, amount_vnd=0)
    if measure == "ratio":
        return Figure(value=0, total=0)
    return Figure(value=0)
