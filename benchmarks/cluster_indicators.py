"""cluster_indicators: every indicator of Cluster No. 3 for one year (and the year before).

Core: ``compute(session, cluster_scope(session, "HN-CUM3", year), year)`` on the cached cluster file
(see ``cluster_file``), a session of the app's own engine.

Baseline: one hand-written SQL statement on a plain sqlite3 connection (from a second engine of the app,
so with the same pragmas) that computes the same main figures of both years: a UNION ALL of one
aggregate per table over the cluster's members. Its figures are checked against the core's before
anything is timed, so the two sides provably do the same work.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

from benchmarks import data
from benchmarks.cluster_file import YEARS, cluster_file
from benchmarks.harness import Outcome, Sample, Scale, compare, timed
from emulation_desktop.indicators.compute import Report, compute
from emulation_desktop.operations.clusters import cluster_scope
from emulation_desktop.storage.database import open_database

NAME = "cluster_indicators"
TARGET = 3.0
YEAR = YEARS[-1]

# One statement, every table read once over the cluster's members and both years.
BASELINE_SQL = """
WITH members AS (
    SELECT m.unit_id FROM cluster_member AS m JOIN cluster AS c ON c.id = m.cluster_id
    WHERE c.code = :cluster AND c.deleted = 0 AND m.year = :year AND m.deleted = 0
)
SELECT 'support', year, NULL,
       sum(kind IN ('house_new', 'house_repair')),
       sum(CASE WHEN kind IN ('house_new', 'house_repair') THEN value_vnd ELSE 0 END),
       sum(CASE WHEN kind IN ('house_new', 'house_repair') THEN 0 ELSE value_vnd END)
  FROM support_activity
 WHERE unit_id IN (SELECT unit_id FROM members) AND year IN (:previous, :year) AND deleted = 0
 GROUP BY year
UNION ALL
SELECT 'donation', year, fund_code, sum(amount_vnd), NULL, NULL
  FROM donation
 WHERE unit_id IN (SELECT unit_id FROM members) AND year IN (:previous, :year) AND deleted = 0
 GROUP BY year, fund_code
UNION ALL
SELECT 'delegate', d.year, p.level_code,
       count(DISTINCT d.place_id), sum(d.opinions_direct), sum(d.opinions_forms)
  FROM delegate_conference AS d JOIN unit AS p ON p.id = d.place_id
 WHERE d.unit_id IN (SELECT unit_id FROM members) AND d.year IN (:previous, :year) AND d.deleted = 0
 GROUP BY d.year, p.level_code
UNION ALL
SELECT 'funeral', year, NULL, sum(cremations), sum(deaths), NULL
  FROM funeral_tally
 WHERE unit_id IN (SELECT unit_id FROM members) AND year IN (:previous, :year) AND deleted = 0
 GROUP BY year
UNION ALL
SELECT 'mediation', year, NULL, sum(cases_resolved), sum(cases_total), NULL
  FROM mediation_tally
 WHERE unit_id IN (SELECT unit_id FROM members) AND year IN (:previous, :year) AND deleted = 0
 GROUP BY year
UNION ALL
SELECT 'reception', year, NULL, sum(petitions_resolved), sum(petitions_received), sum(sessions)
  FROM citizen_reception
 WHERE unit_id IN (SELECT unit_id FROM members) AND year IN (:previous, :year) AND deleted = 0
 GROUP BY year
UNION ALL
SELECT 'supervision', year, NULL,
       sum(kind <> 'social_criticism' AND mode = 'led'),
       sum(kind <> 'social_criticism' AND mode = 'joint'),
       sum(kind = 'social_criticism')
  FROM supervision
 WHERE unit_id IN (SELECT unit_id FROM members) AND year IN (:previous, :year) AND deleted = 0
 GROUP BY year
UNION ALL
SELECT 'recommendation', year, NULL, sum(status = 'resolved'), count(*), NULL
  FROM recommendation
 WHERE unit_id IN (SELECT unit_id FROM members) AND year IN (:previous, :year) AND deleted = 0
 GROUP BY year
UNION ALL
SELECT 'places', NULL, u.level_code, count(*), NULL, NULL
  FROM unit AS u
 WHERE u.deleted = 0 AND EXISTS (
       SELECT 1 FROM unit AS s
        WHERE s.id IN (SELECT unit_id FROM members) AND u.path LIKE s.path || '%')
 GROUP BY u.level_code
"""

Figures = dict[tuple[int, str], dict[str, int | None]]


def baseline_figures(rows: list[tuple[Any, ...]]) -> Figures:
    """The baseline's rows as {(year, indicator code): figure}, shaped like ``Figure.as_dict()``."""

    def fig(
        value: int | None = None, total: int | None = None, amount: int | None = None
    ) -> dict[str, int | None]:
        return {"value": value, "total": total, "amount_vnd": amount}

    places = {key: a for part, _, key, a, _, _ in rows if part == "places"}
    out: Figures = {}
    for part, year, key, a, b, c in rows:
        if part == "support":
            out[year, "solidarity_houses"] = fig(a, amount=b)
            out[year, "other_support"] = fig(amount=c)
        elif part == "donation":
            out[year, f"fund_{key}"] = fig(amount=a)
        elif part == "delegate":
            if key in ("village", "commune"):
                out[year, f"delegate_conferences_{key}s"] = fig(a, places.get(key, 0))
            for code, n in (("opinions_direct", b), ("opinions_forms", c)):
                out[year, code] = fig((out.get((year, code)) or fig(0))["value"] + n)  # type: ignore[operator]
        elif part == "funeral":
            out[year, "cremations"] = fig(a, b)
        elif part == "mediation":
            out[year, "mediations"] = fig(a, b)
        elif part == "reception":
            out[year, "petitions"] = fig(a, b)
            out[year, "citizen_receptions"] = fig(c)
        elif part == "supervision":
            out[year, "supervisions"] = fig(a + b)
            out[year, "supervisions_led"] = fig(a)
            out[year, "supervisions_joint"] = fig(b)
            out[year, "social_criticisms"] = fig(c)
        elif part == "recommendation":
            out[year, "recommendations"] = fig(a, b)
    return out


def check_same(report: Report, expected: Figures) -> None:
    """Fail loudly unless the core's figures equal the baseline's, for every indicator and both years."""
    got: Figures = {}
    for code, result in report.results.items():
        got[report.year, code] = result.current.as_dict()
        if result.previous is not None:
            got[report.year - 1, code] = result.previous.as_dict()
    if got != expected:
        diff = sorted(
            (k, got.get(k), expected.get(k))
            for k in got.keys() | expected.keys()
            if got.get(k) != expected.get(k)
        )
        raise AssertionError(
            "core and baseline figures differ, (year, indicator), core, baseline: "
            f"{diff[:6]}. If indicators/compute.py changed what a figure means, update BASELINE_SQL "
            "and baseline_figures in benchmarks/cluster_indicators.py to match."
        )


def run(scale: Scale, repeat: int, log: Callable[[str], None], *, rebuild: bool = False) -> Outcome:
    dataset = cluster_file(scale.cluster_records, log, rebuild=rebuild)
    core_db = open_database(dataset.folder)
    base_db = open_database(dataset.folder)  # a second engine: its own connection and page cache
    raw = base_db.engine.raw_connection()
    try:
        connection: sqlite3.Connection = raw.driver_connection  # type: ignore[assignment]
        params = {"cluster": data.CLUSTER_CODE, "year": YEAR, "previous": YEAR - 1}

        def core_compute() -> Report:
            with core_db.session() as session:
                return compute(session, cluster_scope(session, data.CLUSTER_CODE, YEAR), YEAR)

        def baseline_query() -> list[tuple[Any, ...]]:
            return connection.execute(BASELINE_SQL, params).fetchall()

        # Untimed warm-up of both (file pages into the OS and SQLite caches), and the cross-check.
        report = core_compute()
        expected = baseline_figures(baseline_query())
        check_same(report, expected)
        log(f"  figures agree: {len(expected)} (year, indicator) pairs for {YEAR - 1}–{YEAR}")

        def core(i: int) -> Sample:
            return timed(core_compute)[0]

        def baseline(i: int) -> Sample:
            return timed(baseline_query)[0]

        core_side, base_side = compare(
            repeat,
            ("indicators.compute(session, cluster_scope(...), year)", core),
            ("one hand-written SQL aggregate (UNION ALL per table), sqlite3", baseline),
            log,
        )
    finally:
        raw.close()
        base_db.close()
        core_db.close()
    return Outcome(
        NAME,
        f"all indicators of {data.CLUSTER_CODE} for {YEAR} (and {YEAR - 1}) over a {dataset.records:,}-record file",
        core_side,
        base_side,
        TARGET,
        {
            "records": dataset.records,
            "records_per_table": dataset.counts,
            "years_in_file": [YEARS[0], YEARS[-1]],
            "year": YEAR,
            "file_mb": round(dataset.path.stat().st_size / 1e6, 1),
            "file_built_seconds": dataset.built_seconds,
            "cache": dataset.folder.name,
        },
    )
