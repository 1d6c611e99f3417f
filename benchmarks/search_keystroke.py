"""search_keystroke: one search keystroke over a unit-year of 1,000,000 support activities.

The clerk types realistic queries into the support-activity table's search box, one keystroke at a
time ("n", "nh", "nha", "nha ", "nha d", ...). Each keystroke is timed on its own.

Core: what the editor's ``refresh`` does to the table once the search box changes:
``queries.list_records(session, ListQuery("support_activity", unit, year, search=text))`` in a fresh
session, ``RecordTableModel.set_rows`` with the page, ``RecordTable.resize_columns()``, and one
``processEvents()`` so the view lays out and paints (offscreen). The 250 ms pause the editor waits for
before re-querying is left out: every keystroke is timed as if the clerk paused after it.

Baseline: the approach docs/architecture.md (Speed) rules out. A QSortFilterProxyModel over a QStandardItemModel that holds
all the rows (one item per row: the row's display text, with the record's folded search key in a
filter role), in the same newest-first order. Each keystroke sets a case-insensitive
``QRegularExpression`` on the folded words (every word must appear, as in the core), then the same
``resize_columns()`` and ``processEvents()`` on a view made by the same ``make_table``. Its one column is
cheaper to lay out and paint than the core's eight, which favours the baseline. So does the way the
filter is changed: with the source detached, then re-attached, one pass over the rows. Changing it in
place lets the proxy remove dropped rows range by range, quadratic in the rows: 6.5 s for one
keystroke at 100,000 rows.

Both sides must find the same records: before anything is timed, every keystroke's match count and
first page of ids are compared (the core counts up to 1,000, then says "more than").

The file is ``search_file``'s cached unit-year. Besides the ratio of medians, the issues ask for
absolute figures: the core's median keystroke under 100 ms (#12), and every keystroke under 100 ms, the
worst included (#19: a word that matches nothing used to read the whole unit-year). Each keystroke's
median over the runs is printed in a table, with the worst named.
"""

from __future__ import annotations

import os
import statistics
from collections.abc import Callable
from typing import Any

from benchmarks.harness import Outcome, Scale, Timed, timed
from benchmarks.search_file import DISTRICT, YEAR, search_file
from emulation_desktop.domain.record_kinds import KINDS
from emulation_desktop.domain.text import fold
from emulation_desktop.locale.i18n import set_language
from emulation_desktop.operations.queries import ListQuery, ListResult, list_records
from emulation_desktop.storage.database import open_database

NAME = "search_keystroke"
TARGET = 1.0  # no slower than the proxy model; the issue's own bar is the absolute 100 ms below
LIMIT_MS = 100.0
ROWS = {"full": 1_000_000, "quick": 50_000}
# What a clerk types; the last one matches nothing from "quac" on: the keystrokes that read the whole
# unit-year before the search index (storage/search_index.py).
QUERIES = {
    "full": ("nha dai doan ket", "dong anh", "nguyen thi", "ho ngheo", "quach tinh"),
    "quick": ("dong", "quac"),
}
NO_MATCH = "quach tinh"
KIND = "support_activity"


def keystrokes(queries: tuple[str, ...]) -> list[str]:
    """Every text the search box holds while the queries are typed, one character at a time."""
    return [query[:n] for query in queries for n in range(1, len(query) + 1)]


def pattern(text: str) -> str:
    """The baseline's filter: every folded word must appear, like the core's ``contains`` per word."""
    from PySide6.QtCore import QRegularExpression

    words = [QRegularExpression.escape(word) for word in fold(text).split()]
    if len(words) == 1:
        return words[0]
    return "^" + "".join(f"(?=.*{word})" for word in words)


def run(scale: Scale, repeat: int, log: Callable[[str], None]) -> Outcome:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QRegularExpression, QSortFilterProxyModel, Qt
    from PySide6.QtGui import QStandardItemModel
    from PySide6.QtWidgets import QApplication

    from emulation_desktop.ui.editor_widgets import make_table
    from emulation_desktop.ui.record_model import RecordTableModel, display

    rows_wanted = ROWS[scale.name]
    texts = keystrokes(QUERIES[scale.name])
    dataset = search_file(rows_wanted, log)
    set_language("vi")  # the clerk's UI: Vietnamese labels in the table
    app = QApplication.instance() or QApplication(["benchmarks"])
    db = open_database(dataset.folder)
    kind = KINDS[KIND]
    key_role = Qt.ItemDataRole.UserRole + 7
    try:
        # --- the core's table, as the editor builds it -------------------------------------------------
        core_model = RecordTableModel(kind, ("year",))
        core_view = make_table(core_model)
        core_view.resize(820, 640)  # the editor's table pane at 1366×768
        core_view.show()

        def core_keystroke(text: str) -> ListResult:
            with db.session() as session:
                result = list_records(session, ListQuery(KIND, DISTRICT, YEAR, search=text))
            core_model.set_rows(result.rows)
            core_view.resize_columns()
            app.processEvents()
            return result

        # --- the baseline: every row in memory, filtered by a proxy (untimed set-up) ----------------------
        log(f"  preparing: {rows_wanted:,} rows' display text into a QStandardItemModel (untimed)")
        with db.session() as session:
            everything = list_records(
                session, ListQuery(KIND, DISTRICT, YEAR, limit=rows_wanted + 1, count_limit=rows_wanted + 1)
            )
        if len(everything.rows) != rows_wanted:
            raise RuntimeError(f"the unit-year holds {len(everything.rows):,} rows, not {rows_wanted:,}")
        raw = db.engine.raw_connection()
        try:
            keys = dict(
                raw.driver_connection.execute(  # type: ignore[union-attr]
                    f"SELECT id, search_key FROM {KIND} WHERE year = ? AND deleted = 0", (YEAR,)
                ).fetchall()
            )
        finally:
            raw.close()
        ids = [row["id"] for row in everything.rows]
        source = QStandardItemModel(rows_wanted, 1)
        # model.setData, not QStandardItem.setData or setItem: in PySide6 6.12 on Python 3.11 those
        # release a reference to None on every call, and a million calls crash the interpreter.
        for number, row in enumerate(everything.rows):
            index = source.index(number, 0)
            source.setData(index, " │ ".join(display(f, row) for f in core_model.columns))
            source.setData(index, keys[row["id"]], key_role)
        del everything, keys
        proxy = QSortFilterProxyModel()
        proxy.setSourceModel(source)
        proxy.setFilterKeyColumn(0)
        proxy.setFilterRole(key_role)
        base_view = make_table(proxy)
        base_view.resize(820, 640)
        base_view.show()
        app.processEvents()

        detached = QStandardItemModel()

        def base_keystroke(text: str) -> int:
            # Detach, set the filter, re-attach: one reset and one pass over the rows. Setting the filter
            # in place makes the proxy remove the rows that drop out range by range, which is quadratic:
            # 6.5 s for "nha" at 100,000 rows. The baseline gets the fast way.
            proxy.setSourceModel(detached)
            proxy.setFilterRegularExpression(
                QRegularExpression(pattern(text), QRegularExpression.PatternOption.CaseInsensitiveOption)
            )
            proxy.setSourceModel(source)
            base_view.resize_columns()
            app.processEvents()
            return proxy.rowCount()

        # --- untimed warm-up and cross-check: both sides find the same records for every keystroke ------
        log(f"  checking that both sides find the same records for {len(texts)} keystrokes (untimed)")
        matches: dict[str, int] = {}
        for text in texts:
            result = core_keystroke(text)
            found = base_keystroke(text)
            first = [ids[proxy.mapToSource(proxy.index(r, 0)).row()] for r in range(min(found, 500))]
            agree = (found > result.total) if result.total_capped else (found == result.total)
            if not agree or first != [row["id"] for row in result.rows]:
                raise AssertionError(
                    f"“{text}”: the core lists {len(result.rows)} of {result.total}"
                    f"{'+' if result.total_capped else ''} records, the proxy {found}, "
                    "or their first pages differ"
                )
            matches[text] = found
        if matches.get(NO_MATCH):
            raise AssertionError(f"“{NO_MATCH}” was meant to match nothing, but matches {matches[NO_MATCH]}")

        # --- timed: interleaved runs, each types every query; every keystroke is one sample -------------
        core_side = Timed("")
        base_side = Timed("QSortFilterProxyModel over a QStandardItemModel of every row, regex filter")
        per_text: dict[str, dict[str, list[float]]] = {t: {"core": [], "baseline": []} for t in texts}

        def type_all(side: str, into: Timed, keystroke: Callable[[str], Any]) -> list[float]:
            walls = []
            for text in texts:
                (wall, cpu), _ = timed(lambda text=text: keystroke(text))
                into.seconds.append(wall)
                into.cpu_seconds.append(cpu)
                per_text[text][side].append(wall)
                walls.append(wall)
            return walls

        sides = (("core", core_side, core_keystroke), ("baseline", base_side, base_keystroke))
        for i in range(repeat):
            walls = {}
            for side, into, keystroke in sides if i % 2 == 0 else reversed(sides):
                walls[side] = type_all(side, into, keystroke)
            log(
                f"  run {i + 1}/{repeat}: {len(texts)} keystrokes; median core "
                f"{statistics.median(walls['core']) * 1000:.1f} ms, baseline "
                f"{statistics.median(walls['baseline']) * 1000:.1f} ms; slowest core "
                f"{max(walls['core']) * 1000:.1f} ms"
            )
    finally:
        db.close()

    medians = {
        text: {side: statistics.median(times) * 1000 for side, times in sides_.items()}
        for text, sides_ in per_text.items()
    }
    worst = max(texts, key=lambda t: medians[t]["core"])
    slowest = max(core_side.seconds) * 1000
    under = core_side.median_ms < LIMIT_MS
    every_under = medians[worst]["core"] < LIMIT_MS
    core_side.label = (
        f"list_records + RecordTableModel.set_rows + resize + paint, per keystroke: median "
        f"{core_side.median_ms:.1f} ms ({'UNDER' if under else 'OVER'} {LIMIT_MS:g} ms), "
        f"worst “{worst}” {medians[worst]['core']:.1f} ms "
        f"({'every keystroke UNDER' if every_under else 'OVER'} {LIMIT_MS:g} ms)"
    )
    log(f"  per keystroke, median over {repeat} runs (ms):")
    log(f"    {'keystroke':<20} {'matches':>9} {'core':>9} {'baseline':>9}")
    for text in texts:
        log(
            f"    {'“' + text + '”':<20} {matches[text]:>9,} {medians[text]['core']:>9.1f} "
            f"{medians[text]['baseline']:>9.1f}{'  ← worst' if text == worst else ''}"
        )
    log(
        f"  core median per keystroke {core_side.median_ms:.1f} ms: "
        f"{'under' if under else 'OVER'} the {LIMIT_MS:g} ms bar"
    )
    log(
        f"  core worst keystroke: “{worst}” (median {medians[worst]['core']:.1f} ms over {repeat} runs, "
        f"{matches[worst]:,} matches); slowest single keystroke {slowest:.1f} ms"
    )
    slow = [t for t in texts if medians[t]["core"] >= LIMIT_MS]
    if slow:
        log(f"  keystrokes at or over {LIMIT_MS:g} ms (core median): " + ", ".join(f"“{t}”" for t in slow))
    return Outcome(
        NAME,
        f"one search keystroke over {rows_wanted:,} support activities of one unit-year",
        core_side,
        base_side,
        TARGET,
        {
            "rows": rows_wanted,
            "unit": DISTRICT,
            "year": YEAR,
            "queries": list(QUERIES[scale.name]),
            "keystrokes_per_run": len(texts),
            "statistic": "median over every keystroke of every run",
            "core_median_under_100_ms": under,
            "core_every_keystroke_under_100_ms": every_under,
            "core_worst_keystroke": {
                "text": worst,
                "median_ms": round(medians[worst]["core"], 1),
                "matches": matches[worst],
            },
            "core_slowest_single_ms": round(slowest, 1),
            "per_keystroke_median_ms": {
                text: {
                    "core": round(medians[text]["core"], 2),
                    "baseline": round(medians[text]["baseline"], 2),
                    "matches": matches[text],
                }
                for text in texts
            },
            "file_mb": round(dataset.path.stat().st_size / 1e6, 1),
            "file_built_seconds": dataset.built_seconds,
            "cache": dataset.folder.name,
        },
    )
