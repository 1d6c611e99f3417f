"""A data file with one very large unit-year of support activities, built once and cached in ``out/cache/``.

The worst case for a clerk's table: 1,000,000 support activities (50,000 with ``--quick``) of Huyện Đông
Anh for one year, all live. Every row goes through the core's bulk path,
``operations.records.create_records``, in batches of 50,000 (one transaction each), so ids, timestamps,
cleaned text, the search key and the audit rows are exactly what the app writes. The rows are
``data.support_rows``: Vietnamese beneficiaries, the district's 24 communes, every kind of support.

The cache key holds ``DATASET_VERSION``, the row count, the schema version, the DDL of the unit,
support-activity and audit tables with their indexes and the support activities' search index
(``storage/search_index.py``), and a hash of the code that makes the search key: a new index or a new
search-key rule rebuilds the file by itself, a new table elsewhere does not. The rows go in without the
search index's triggers and the index is built after them in one pass, without a journal (``bulk``): the
same index the triggers would leave. Row by row, the triggers made the build take about twice the 4
minutes of the rows alone.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import shutil
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlalchemy.schema import CreateIndex, CreateTable

from benchmarks import bulk, data
from benchmarks.harness import OUT_DIR
from emulation_desktop import paths
from emulation_desktop.domain import text
from emulation_desktop.domain.models import Base
from emulation_desktop.operations import records, structure
from emulation_desktop.storage import search_index  # its after_create hooks: the file gets the index
from emulation_desktop.storage.database import open_database
from emulation_desktop.storage.migrations import SCHEMA_VERSION

DATASET_VERSION = "1"
KIND = "support_activity"
DISTRICT = "017"  # Huyện Đông Anh: 24 communes, "Thị trấn Đông Anh" among them
YEAR = 2023
BATCH = 50_000
USER = "Nguyễn Thị Thu (văn thư)"


@dataclass(frozen=True)
class SearchFile:
    folder: Path  # a data folder: open it with open_database(folder)
    rows: int
    built_seconds: float | None  # None when reused from the cache

    @property
    def path(self) -> Path:
        return paths.database_path(self.folder)


def _tables_fingerprint() -> str:
    """A hash of the DDL of the tables this file is about (and their indexes): a new table elsewhere in
    the schema does not make a 4-minute rebuild, a new index on support activities does."""
    dialect = sqlite_dialect.dialect()
    parts = []
    for name in ("unit", "support_activity", "audit_log"):
        table = Base.metadata.tables[name]
        parts.append(str(CreateTable(table).compile(dialect=dialect)))
        for index in sorted(table.indexes, key=lambda i: i.name or ""):
            parts.append(str(CreateIndex(index).compile(dialect=dialect)))
        if name in search_index.searched_tables():
            parts.extend(search_index.statements(name))
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:12]


def _search_rules_fingerprint() -> str:
    """A hash of the code that makes the search key: change it, and the cached file is stale."""
    source = "".join(
        inspect.getsource(f)
        for f in (records.search_key_of, records._choice_words, text.fold, data.support_rows)
    )
    return hashlib.sha256(source.encode()).hexdigest()[:8]


def cache_name(rows: int) -> str:
    return f"search-{rows}-d{DATASET_VERSION}-s{SCHEMA_VERSION}-{_tables_fingerprint()}-{_search_rules_fingerprint()}"


def search_file(rows: int, log: Callable[[str], None], *, rebuild: bool = False) -> SearchFile:
    """The cached file with ``rows`` support activities in one unit-year, built first if missing or stale."""
    cache_dir = OUT_DIR / "cache"
    folder = cache_dir / cache_name(rows)
    meta = folder / "dataset.json"
    if folder.exists() and meta.exists() and not rebuild:
        log(f"  reusing cached data file {folder.relative_to(OUT_DIR.parent.parent)} ({rows:,} rows)")
        return SearchFile(folder, rows, None)
    for stale in cache_dir.glob(f"search-{rows}-*"):  # other versions of this size, half-built ones
        shutil.rmtree(stale, ignore_errors=True)
    building = cache_dir / f"{folder.name}.building"
    shutil.rmtree(building, ignore_errors=True)
    log(f"  building a file of {rows:,} support activities in one unit-year (cached for later runs) ...")
    start = time.perf_counter()
    db = open_database(building)
    try:
        structure.add_units(db, None, data.unit_specs((data.district(DISTRICT),)), user=USER)
        structure.set_local(db, [DISTRICT], user=USER)
        raw = db.engine.raw_connection()
        try:  # the rows go in without the search index's triggers; it is built after them, in one pass
            bulk.drop_search_index(raw.driver_connection, [KIND])  # type: ignore[arg-type]
        finally:
            raw.close()
        done = 0
        for batch, first in enumerate(range(0, rows, BATCH)):
            size = min(BATCH, rows - first)
            chunk = data.support_rows(size, DISTRICT, YEAR, seed=1000 + batch)
            done += records.create_records(db, "support_activity", DISTRICT, chunk, user=USER)
            log(f"    {done:,} / {rows:,} rows ({time.perf_counter() - start:.0f} s)")
        raw = db.engine.raw_connection()
        try:
            connection: sqlite3.Connection = raw.driver_connection  # type: ignore[assignment]
            bulk.fast_writes(connection)
            bulk.build_search_index(connection, [KIND], log)
            bulk.safe_again(connection)
        finally:
            raw.close()
    finally:
        db.close()  # the last connection checkpoints the WAL into the file
    if done != rows:
        raise AssertionError(f"wrote {done} rows, planned {rows}")
    seconds = time.perf_counter() - start
    meta_text = {"name": folder.name, "rows": rows, "year": YEAR, "built_seconds": round(seconds, 1)}
    (building / "dataset.json").write_text(json.dumps(meta_text, indent=2), encoding="utf-8")
    building.rename(folder)
    log(f"  built in {seconds:.0f} s: {folder.relative_to(OUT_DIR.parent.parent)}")
    return SearchFile(folder, rows, seconds)
