"""insert_support: bulk-inserting support activities through the validated core path.

Core: ``operations.records.create_records(db, "support_activity", ...)`` with raw rows as an import hands
them over (amounts as "1.500.000"-style text or ints, dates as text or ``date``, some names in NFD),
into a fresh data file made by ``open_database`` in a temporary folder. That includes validation, text
cleaning, the search key and one audit row per record: all part of the cost.

Baseline: ``sqlite3.executemany`` of the very rows the core stored (values already converted, same
columns), into another fresh file made the same way, on a connection of the app's own engine (so with
the app's pragmas), in one transaction.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

from benchmarks import data
from benchmarks.harness import Outcome, Sample, Scale, clear_core_caches, compare, timed
from benchmarks.installation import count as count_rows
from benchmarks.installation import (
    district_installation,
    executemany_side,
    scratch_installation,
    stored_support_rows,
)
from emulation_desktop.operations import records
from emulation_desktop.storage.database import Database

NAME = "insert_support"
TARGET = 5.0
DISTRICT = "017"  # Huyện Đông Anh: 24 communes
YEAR = 2023
USER = "Nguyễn Thị Thu (văn thư)"


def run(scale: Scale, repeat: int, log: Callable[[str], None]) -> Outcome:
    count = scale.support_rows
    rows = data.support_rows(count, DISTRICT, YEAR)
    text_amounts = sum(isinstance(r["value_vnd"], str) for r in rows)
    scratch = Path(tempfile.mkdtemp(prefix="emud-bench-insert-"))
    try:
        # One untimed run of the core: warms imports and catalogs, and gives the converted rows.
        log(f"  preparing: {count:,} rows through create_records (untimed warm-up)")
        folder = scratch / "warmup"
        db = district_installation(folder, DISTRICT)
        try:
            stored = records.create_records(db, "support_activity", DISTRICT, rows, user=USER)
            audits = count_rows(db, "SELECT count(*) FROM audit_log WHERE table_name = 'support_activity'")
            if (
                stored != count
                or count_rows(db, "SELECT count(*) FROM support_activity") != count
                or audits != count
            ):
                raise RuntimeError(
                    f"create_records stored {stored} rows and {audits} audit rows, not {count}"
                )
            converted = stored_support_rows(db)
        finally:
            db.close()
        file_mb = sum(p.stat().st_size for p in folder.iterdir() if p.is_file()) / 1e6
        shutil.rmtree(folder)

        def fresh_file(name: str) -> AbstractContextManager[Database]:
            return scratch_installation(scratch / name, DISTRICT)

        def core(i: int) -> Sample:
            with fresh_file(f"core-{i}") as db:
                clear_core_caches()  # every run starts as cold as a first import of these rows
                sample, stored = timed(
                    lambda: records.create_records(db, "support_activity", DISTRICT, rows, user=USER)
                )
                if stored != count:
                    raise RuntimeError(f"create_records stored {stored} rows, not {count}")
            return sample

        core_side, base_side = compare(
            repeat,
            ("create_records (validate, convert, search key, + audit rows, 1 transaction)", core),
            executemany_side(
                "sqlite3 executemany of the converted rows (1 transaction)", converted, fresh_file
            ),
            log,
        )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return Outcome(
        NAME,
        f"insert {count:,} support activities into a fresh data file",
        core_side,
        base_side,
        TARGET,
        {
            "rows": count,
            "amounts_as_text": text_amounts,
            "district": DISTRICT,
            "year": YEAR,
            "file_mb_after_core": round(file_mb, 1),
            "caches_cleared_before_each_core_run": clear_core_caches(),
        },
    )
