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
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
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
from emulation_desktop.exchange import keys
from emulation_desktop.exchange.export_package import build_package
from emulation_desktop.exchange.import_package import import_package
from emulation_desktop.operations import records
from emulation_desktop.storage.database import Database

NAME = "bench_package"
TARGET = 4.0
DISTRICT = "017"
YEAR = 2023


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
            stored = stored_support_rows(source)
        finally:
            source.close()
        package_path = scratch / "package.zip"
        package_path.write_bytes(package)

        @contextmanager
        def receiver(name: str) -> Iterator[Database]:
            """A fresh cluster-office file that trusts the district's key, deleted afterwards."""
            with scratch_installation(scratch / name, DISTRICT, owner=False) as db:
                keys.trust_card(db, card)
                yield db

        def core(i: int) -> Sample:
            with receiver(f"core-{i}") as db:
                clear_core_caches()
                sample, plan = timed(lambda: import_package(db, package_path))
                if plan.status != "applied" or plan.counts()["new"] != count:
                    raise RuntimeError(f"import_package did not import {count} rows: {plan.counts()}")
                if count_rows(db, "SELECT count(*) FROM support_activity") != count:
                    raise RuntimeError("the core did not store every row")
            return sample

        core_side, base_side = compare(
            repeat,
            ("import_package (verify, parse, validate, plan, backup, write, 1 transaction)", core),
            executemany_side("sqlite3 executemany of the stored rows (1 transaction)", stored, receiver),
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
