"""city_*: the app over a city's file, 126 communes and wards over ten years (``city_file``).

Five benchmarks share the cached file, each a ratio against a baseline run in the same process:

- ``city_startup``: ui_startup's core (the real entry point to the Overview's figures at the first
  event-loop turn) over the city folder, against the same bare QMainWindow process.
- ``city_indicators``: every indicator of the 126 units for the last year (and the year before),
  ``compute(cluster_scope("HN-TP"))``, against cluster_indicators' hand-written SQL with the figures
  checked equal first. The app has no city scope: the city is the one cluster every unit belongs to.
- ``city_search``: one keystroke in a ward's support-activity list (its biggest, the last year) as the
  list reads it, ``list_records`` in a new session, every keystroke of search_keystroke's typing,
  against the plain query the search index must agree with (``LIKE`` on every folded word over the
  unit-year, on a plain sqlite3 connection; the counts are checked equal first). No Qt on either side:
  the city's size is in the file, not in one ward's page.
- ``city_report``: the year-end report of the 126 units (``report annual`` for the cluster ``HN-TP``:
  the PDF), against the least a program can do to put the same figures on paper: the hand-written SQL
  and a raw ReportLab canvas with one line per figure.
- ``city_backup``: ``storage.backup.take_backup`` (SQLite's backup API, the copy's integrity check,
  the rename), against a plain file copy of the same file (``shutil.copyfile``, what a clerk does by
  hand). At most two runs per side: each copies the whole file.
"""

from __future__ import annotations

import io
import shutil
import sqlite3
import statistics
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks import cluster_indicators, ui_startup
from benchmarks.city_file import CLUSTER_CODE, built_seconds, city_file, city_units
from benchmarks.cluster_file import YEARS, ClusterFile
from benchmarks.harness import Outcome, Sample, Scale, compare, timed
from benchmarks.search_keystroke import keystrokes
from emulation_desktop.storage.database import open_database

YEAR = YEARS[-1]
TYPING = ("nguyen thi", "ho ngheo", "quach tinh")  # a common name, a common word, nothing at all


def _dataset(scale: Scale, log: Callable[[str], None]) -> ClusterFile:
    return city_file(scale.city_records, log)


def _file_params(dataset: ClusterFile) -> dict[str, Any]:
    return {
        "records": dataset.records,
        "records_per_table": dataset.counts,
        "units": len(city_units()),
        "file_gb": round(dataset.path.stat().st_size / 1e9, 2),
        "built_seconds": built_seconds(dataset),
    }


# --- start-up ------------------------------------------------------------------------------------------


def run_startup(scale: Scale, repeat: int, log: Callable[[str], None]) -> Outcome:
    dataset = _dataset(scale, log)
    scratch = Path(tempfile.mkdtemp(prefix="emud-bench-city-start-"))
    try:
        home = scratch / "home"
        (home / "runtime").mkdir(parents=True)
        (home / "runtime").chmod(0o700)
        env = ui_startup.environment(home)
        ui_startup.compiled_catalogs(log)
        errors = scratch / "stderr.txt"

        def core(i: int) -> Sample:
            ready, cpu, _exited, _editors = ui_startup._spawn(
                ui_startup.CORE_CODE, [str(dataset.folder)], env, errors
            )
            return ready, cpu

        def baseline(i: int) -> Sample:
            ready, cpu, _exited, _editors = ui_startup._spawn(ui_startup.BASELINE_CODE, [], env, errors)
            return ready, cpu

        warm_core, warm_base = core(-1), baseline(-1)
        log(f"  warm-up: core {warm_core[0] * 1000:.0f} ms, baseline {warm_base[0] * 1000:.0f} ms (untimed)")
        core_side, base_side = compare(
            repeat,
            ("python -c: main(--data-dir city) → MainWindow with the Overview's figures, first turn", core),
            ("python -c: QApplication + bare QMainWindow shown, first event-loop turn", baseline),
            log,
        )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return Outcome(
        "city_startup",
        "process start to an interactive main window over the city's file, vs a bare QMainWindow process",
        core_side,
        base_side,
        ui_startup.TARGET,
        {
            **_file_params(dataset),
            "opens_on": "the city's own unit (the file's one local unit), its Overview",
        },
    )


# --- the city's indicators ------------------------------------------------------------------------------


def run_indicators(scale: Scale, repeat: int, log: Callable[[str], None]) -> Outcome:
    from emulation_desktop.indicators.compute import Report, compute
    from emulation_desktop.operations.clusters import cluster_scope

    dataset = _dataset(scale, log)
    core_db, base_db = open_database(dataset.folder), open_database(dataset.folder)
    raw = base_db.engine.raw_connection()
    try:
        connection: sqlite3.Connection = raw.driver_connection  # type: ignore[assignment]
        params = {"cluster": CLUSTER_CODE, "year": YEAR, "previous": YEAR - 1}

        def core_compute() -> Report:
            with core_db.session() as session:
                return compute(session, cluster_scope(session, CLUSTER_CODE, YEAR), YEAR)

        def baseline_query() -> list[tuple[Any, ...]]:
            return connection.execute(cluster_indicators.BASELINE_SQL, params).fetchall()

        report = core_compute()
        cluster_indicators.check_same(report, cluster_indicators.baseline_figures(baseline_query()))
        log(f"  figures agree for {len(report.scope.unit_ids)} units, {YEAR - 1}–{YEAR}")
        core_side, base_side = compare(
            repeat,
            (
                "indicators.compute(session, cluster_scope(HN-TP: the 126 units), year)",
                lambda i: timed(core_compute)[0],
            ),
            (
                "one hand-written SQL aggregate (UNION ALL per table), sqlite3",
                lambda i: timed(baseline_query)[0],
            ),
            log,
        )
    finally:
        raw.close()
        base_db.close()
        core_db.close()
    return Outcome(
        "city_indicators",
        f"all indicators of the city's 126 units for {YEAR} (and {YEAR - 1})",
        core_side,
        base_side,
        cluster_indicators.TARGET,
        {**_file_params(dataset), "year": YEAR},
    )


# --- a search keystroke -----------------------------------------------------------------------------------


def run_search(scale: Scale, repeat: int, log: Callable[[str], None]) -> Outcome:
    from emulation_desktop.domain.text import fold
    from emulation_desktop.operations.queries import ListQuery, list_records

    dataset = _dataset(scale, log)
    db, base_db = open_database(dataset.folder), open_database(dataset.folder)
    raw = base_db.engine.raw_connection()
    texts = keystrokes(TYPING)
    try:
        connection: sqlite3.Connection = raw.driver_connection  # type: ignore[assignment]
        unit_id, code, rows = connection.execute(
            "SELECT u.id, u.code, count(*) FROM support_activity AS s JOIN unit AS u ON u.id = s.unit_id "
            "WHERE s.year = ? AND s.deleted = 0 GROUP BY u.id ORDER BY count(*) DESC LIMIT 1",
            (YEAR,),
        ).fetchone()

        def core_keystroke(text: str) -> Any:
            with db.session() as session:
                return list_records(session, ListQuery("support_activity", code, YEAR, search=text))

        def base_keystroke(text: str) -> list[Any]:
            words = fold(text).split()
            like = "".join(" AND search_key LIKE ?" for _ in words)
            return connection.execute(
                "SELECT id FROM support_activity WHERE unit_id = ? AND year = ? AND deleted = 0" + like,
                (unit_id, YEAR, *(f"%{w}%" for w in words)),
            ).fetchall()

        for text in texts:  # untimed warm-up and cross-check
            result, plain = core_keystroke(text), base_keystroke(text)
            agree = (len(plain) > result.total) if result.total_capped else (len(plain) == result.total)
            if not agree:
                raise AssertionError(
                    f"“{text}”: the list counts {result.total}, the plain query {len(plain)}"
                )
        per_text: dict[str, list[float]] = {t: [] for t in texts}

        def typing(keystroke: Callable[[str], Any], record: bool) -> Callable[[int], Sample]:
            def run(i: int) -> Sample:
                wall = cpu = 0.0
                for text in texts:
                    (w, c), _ = timed(lambda text=text: keystroke(text))
                    wall, cpu = wall + w, cpu + c
                    if record:
                        per_text[text].append(w)
                return wall / len(texts), cpu / len(texts)  # the mean keystroke of this run

            return run

        core_side, base_side = compare(
            repeat,
            (
                "list_records(ListQuery(support_activity, ward, year, search=…)) in a new session",
                typing(core_keystroke, True),
            ),
            ("plain sqlite3: LIKE on every folded word over the unit-year", typing(base_keystroke, False)),
            log,
        )
    finally:
        raw.close()
        base_db.close()
        db.close()
    medians = {t: round(statistics.median(s) * 1000, 1) for t, s in per_text.items()}
    worst = max(medians, key=lambda t: medians[t])
    log(f"  slowest keystroke: “{worst}” {medians[worst]} ms (median of {repeat})")
    return Outcome(
        "city_search",
        f"a search keystroke in the biggest ward's support activities of {YEAR} ({rows:,} rows), mean per run",
        core_side,
        base_side,
        3.0,
        {
            **_file_params(dataset),
            "unit": code,
            "unit_year_rows": rows,
            "keystrokes": len(texts),
            "per_keystroke_median_ms": medians,
            "worst": {"text": worst, "median_ms": medians[worst]},
            "every_keystroke_under_100_ms": medians[worst] < 100,
        },
    )


# --- the city's year-end report ----------------------------------------------------------------------------


def run_report(scale: Scale, repeat: int, log: Callable[[str], None]) -> Outcome:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from emulation_desktop.reports import fonts
    from emulation_desktop.reports.registry import build_document

    dataset = _dataset(scale, log)
    db, base_db = open_database(dataset.folder), open_database(dataset.folder)
    raw = base_db.engine.raw_connection()
    try:
        connection: sqlite3.Connection = raw.driver_connection  # type: ignore[assignment]
        params = {"cluster": CLUSTER_CODE, "year": YEAR, "previous": YEAR - 1}
        fonts.register_fonts()
        font_name = fonts.face()  # the report's own Vietnamese font, loaded before anything is timed

        def core_report() -> bytes:
            with db.session() as session:
                return build_document(session, "annual", "cluster", CLUSTER_CODE, YEAR).data

        def baseline_report() -> bytes:
            rows = connection.execute(cluster_indicators.BASELINE_SQL, params).fetchall()
            out = io.BytesIO()
            pdf = canvas.Canvas(out, pagesize=A4)
            pdf.setFont(font_name, 10)
            y = 800
            for row in rows:
                pdf.drawString(40, y, " · ".join("" if v is None else str(v) for v in row))
                y -= 14
                if y < 40:
                    pdf.showPage()
                    pdf.setFont(font_name, 10)
                    y = 800
            pdf.save()
            return out.getvalue()

        try:
            first = core_report()
        except Exception as exc:  # found at city scale: the draft notice grows past a page (ReportLab)
            raise RuntimeError(
                f"the year-end report of the {CLUSTER_CODE} cluster (126 units) cannot be made: "
                f"{type(exc).__name__}: {str(exc)[:300]}"
            ) from exc
        if not first.startswith(b"%PDF"):
            raise AssertionError("the year-end report is not a PDF")
        baseline_report()
        core_side, base_side = compare(
            repeat,
            (
                "build_document(session, 'annual', 'cluster', 'HN-TP', year).data: the PDF",
                lambda i: timed(core_report)[0],
            ),
            (
                "hand-written SQL + a raw ReportLab canvas, one line per figure",
                lambda i: timed(baseline_report)[0],
            ),
            log,
        )
    finally:
        raw.close()
        base_db.close()
        db.close()
    return Outcome(
        "city_report",
        f"the year-end report of the city's 126 units for {YEAR} (the cluster HN-TP), as a PDF",
        core_side,
        base_side,
        10.0,
        {**_file_params(dataset), "pdf_bytes": len(first)},
    )


# --- a backup of the city's file -----------------------------------------------------------------------


def run_backup(scale: Scale, repeat: int, log: Callable[[str], None]) -> Outcome:
    from emulation_desktop.storage.backup import take_backup

    dataset = _dataset(scale, log)
    scratch = Path(tempfile.mkdtemp(prefix="emud-bench-city-backup-", dir=dataset.folder.parent))
    try:

        def core(i: int) -> Sample:
            out = scratch / f"core-{i}"
            sample, _ = timed(lambda: take_backup(dataset.path, out, reason="bench"))
            shutil.rmtree(out, ignore_errors=True)
            return sample

        def baseline(i: int) -> Sample:
            target = scratch / f"copy-{i}.sqlite3"
            sample, _ = timed(lambda: shutil.copyfile(dataset.path, target))
            target.unlink()
            return sample

        core_side, base_side = compare(
            min(repeat, 2),
            ("storage.backup.take_backup: backup API, quick_check of the copy, rename", core),
            ("shutil.copyfile of the data file", baseline),
            log,
        )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return Outcome(
        "city_backup",
        "a verified backup of the city's file, vs a plain file copy",
        core_side,
        base_side,
        10.0,
        _file_params(dataset),
    )


BENCHMARKS: dict[str, Callable[..., Outcome]] = {
    "city_startup": run_startup,
    "city_indicators": run_indicators,
    "city_search": run_search,
    "city_report": run_report,
    "city_backup": run_backup,
}
