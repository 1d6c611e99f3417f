"""bench_package: importing a signed data package of 100,000 records, verification included.

Core: ``exchange.import_package.import_package`` of a package file exported by another installation
(district 017 with its support activities of one year): read the file, check every zip member against
the caps, verify the Ed25519 signature and every SHA-256, parse the JSON strictly, validate every row with
the core's rules, plan new/updated/conflicts, take the backup, then write the rows, their import states,
the package log and the audit entry in one transaction. Into a fresh cluster-office data file that has
the structure and trusts the district's key.

Baseline: ``sqlite3.executemany`` of the very rows the core stored (same columns, already converted),
into another fresh data file made the same way, on a connection of the app's own engine, in one
transaction.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path

from benchmarks import data
from benchmarks.harness import Outcome, Sample, Scale, clear_core_caches, compare, timed
from benchmarks.installation import count as count_rows
from benchmarks.installation import district_installation, unit_ids
from emulation_desktop.domain.models import SupportActivity
from emulation_desktop.exchange import keys
from emulation_desktop.exchange.export_package import build_package
from emulation_desktop.exchange.import_package import import_package
from emulation_desktop.operations import records
from emulation_desktop.storage.database import Database

NAME = "bench_package"
TARGET = 4.0
DISTRICT = "017"
YEAR = 2023
COLUMNS = [column.name for column in SupportActivity.__table__.columns]


def run(scale: Scale, repeat: int, log: Callable[[str], None]) -> Outcome:
    count = scale.support_rows
    scratch = Path(tempfile.mkdtemp(prefix="emud-bench-package-"))
    try:
        log(f"  preparing: a district with {count:,} support activities, its package and key card (untimed)")
        source = district_installation(scratch / "district", DISTRICT)
        try:
            records.create_records(
                source, "support_activity", DISTRICT, data.support_rows(count, DISTRICT, YEAR)
            )
            card = keys.read_card(keys.card_bytes(keys.key_card(source)))
            package = build_package(source, DISTRICT, YEAR).data
            codes = {unit_id: code for code, unit_id in unit_ids(source).items()}
            raw = source.engine.raw_connection()
            try:
                stored = raw.driver_connection.execute(  # type: ignore[union-attr]
                    f"SELECT {', '.join(COLUMNS)} FROM support_activity ORDER BY rowid"
                ).fetchall()
            finally:
                raw.close()
        finally:
            source.close()
        package_path = scratch / "package.zip"
        package_path.write_bytes(package)

        def receiver(name: str) -> Database:
            db = district_installation(scratch / name, DISTRICT, owner=False)
            keys.trust_card(db, card)
            return db

        def core(i: int) -> Sample:
            db = receiver(f"core-{i}")
            clear_core_caches()
            try:
                sample, plan = timed(lambda: import_package(db, package_path))
                if plan.status != "applied" or plan.counts()["new"] != count:
                    raise RuntimeError(f"import_package did not import {count} rows: {plan.counts()}")
                if count_rows(db, "SELECT count(*) FROM support_activity") != count:
                    raise RuntimeError("the core did not store every row")
            finally:
                db.close()
                shutil.rmtree(scratch / f"core-{i}")
            return sample

        def baseline(i: int) -> Sample:
            db = receiver(f"baseline-{i}")
            try:
                ids = unit_ids(db)
                refs = [k for k, name in enumerate(COLUMNS) if name in ("unit_id", "commune_id")]
                rows = []
                for row in stored:
                    values = list(row)
                    for k in refs:
                        if values[k] is not None:
                            values[k] = ids[codes[values[k]]]
                    rows.append(tuple(values))
                raw = db.engine.raw_connection()
                try:
                    connection: sqlite3.Connection = raw.driver_connection  # type: ignore[assignment]
                    sql = (
                        f"INSERT INTO support_activity ({', '.join(COLUMNS)}) "
                        f"VALUES ({', '.join('?' for _ in COLUMNS)})"
                    )

                    def insert() -> None:
                        with connection:
                            connection.executemany(sql, rows)

                    sample, _ = timed(insert)
                finally:
                    raw.close()
                if count_rows(db, "SELECT count(*) FROM support_activity") != count:
                    raise RuntimeError("the baseline did not store every row")
            finally:
                db.close()
                shutil.rmtree(scratch / f"baseline-{i}")
            return sample

        core_side, base_side = compare(
            repeat,
            ("import_package (verify, parse, validate, plan, backup, write, 1 transaction)", core),
            ("sqlite3 executemany of the stored rows (1 transaction)", baseline),
            log,
        )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return Outcome(
        NAME,
        f"import a signed package of {count:,} support activities",
        core_side,
        base_side,
        TARGET,
        {"rows": count, "package_mb": round(len(package) / 1e6, 2), "district": DISTRICT, "year": YEAR},
    )
