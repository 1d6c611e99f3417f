"""A city's data file: 126 communes and wards over ten years (about 6 million records), built once and
cached in ``out/cache/``, as the cluster file is (``cluster_file``).

Since 2025 a city's committees sit at two levels: the city and its communes and wards (Hà Nội has 126).
The file is the city committee's: the city is its own unit, and the 126 communes and wards are the
units whose packages it imported, each with its villages and residential groups. The names are drawn
from the cluster data's commune names and are invented, reproducibly; the counts are the real city's
(51 wards, 75 communes).

Every unit is also a member of one cluster, ``HN-TP``, for each of the ten years: the app has no
city scope yet, so "the city's figures" and "the city's annual report" are that cluster's scope, the
126 units' records (``cluster_scope``), which is what a city scope would add up.

The structure goes through the core operations; the records are written as the cluster file writes
them (``cluster_file._Writer``: every column the core writes, one audit row per record). For speed the
search index's triggers are dropped while the rows go in and the index is then built from them in one
pass, all without a journal (``bulk``): the same schema and the same index as row-by-row triggers would
leave, in a fraction of the time.
"""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import select

from benchmarks import bulk, data
from benchmarks.cluster_file import YEARS, ClusterFile, _Writer, schema_fingerprint
from benchmarks.harness import OUT_DIR
from emulation_desktop.domain.models import Cluster, Unit
from emulation_desktop.operations import structure
from emulation_desktop.storage import search_index
from emulation_desktop.storage.database import open_database
from emulation_desktop.storage.migrations import SCHEMA_VERSION

DATASET_VERSION = "1"
WARDS, COMMUNES = 51, 75  # Hà Nội since 1 July 2025: 126 communes and wards
CLUSTER_CODE, CLUSTER_NAME = "HN-TP", "Toàn thành phố (126 xã, phường)"
USER = "Trần Văn Hùng"
ROLES = ("head", "deputy")
_EXTRA_NAMES = (
    "Hoàn Kiếm", "Cửa Nam", "Ba Đình", "Ngọc Hà", "Giảng Võ", "Hai Bà Trưng", "Vĩnh Tuy", "Bạch Mai",
    "Đống Đa", "Kim Liên", "Văn Miếu", "Láng", "Ô Chợ Dừa", "Hồng Hà", "Lĩnh Nam", "Hoàng Mai",
    "Tương Mai", "Định Công", "Hoàng Liệt", "Yên Sở", "Phú Thượng", "Tây Tựu", "Thượng Cát", "Đông Ngạc",
)  # fmt: skip


def city_units() -> tuple[data.District, ...]:
    """The 126 units that own records; each is its own one commune (with its villages), the place of its
    records, so a record's commune is the unit itself."""
    rng = random.Random(20250701)
    names = [c.name.split(" ", 1)[1].removeprefix("trấn ") for d in data.CLUSTER for c in d.communes]
    names = list(dict.fromkeys([*_EXTRA_NAMES, *names]))[: WARDS + COMMUNES]
    if len(names) != WARDS + COMMUNES:
        raise AssertionError(f"{len(names)} distinct names for {WARDS + COMMUNES} units")
    units = []
    for i, name in enumerate(names):
        ward = i < WARDS
        code = f"{30000 + 3 * i:05d}"
        kind = "Phường" if ward else "Xã"
        villages = tuple(
            data.Village(f"{code}-{n:02d}", f"Tổ dân phố số {n}" if ward else f"Thôn {n}")
            for n in range(1, rng.randrange(6, 21) + 1)
        )
        commune = data.Commune(code, f"{kind} {name}", kind, villages)
        units.append(data.District(code, commune.name, (commune,)))
    return tuple(units)


def _specs(units: tuple[data.District, ...]) -> list[dict[str, Any]]:
    return [
        {
            "code": u.code,
            "name": u.name,
            "level": "commune",
            "unit_type": u.communes[0].unit_type,
            "place_name": u.name.split(" ", 1)[1],
            "children": [
                {
                    "code": v.code,
                    "name": v.name,
                    "level": "village",
                    "unit_type": "Tổ dân phố" if u.communes[0].unit_type == "Phường" else "Thôn",
                }
                for v in u.communes[0].villages
            ],
        }
        for u in units
    ]


def cache_name(records: int) -> str:
    return f"city-{records}-d{DATASET_VERSION}-s{SCHEMA_VERSION}-{schema_fingerprint()}"


def city_file(records: int, log: Callable[[str], None], *, rebuild: bool = False) -> ClusterFile:
    """The cached city file of about this many records, built first if missing, stale or ``rebuild``."""
    cache_dir = OUT_DIR / "cache"
    folder = cache_dir / cache_name(records)
    meta = folder / "dataset.json"
    if folder.exists() and meta.exists() and not rebuild:
        info = json.loads(meta.read_text(encoding="utf-8"))
        log(f"  reusing cached city file {folder.name} ({sum(info['counts'].values()):,} records)")
        return ClusterFile(folder, info["counts"], None)
    for stale in cache_dir.glob(f"city-{records}-*"):  # other versions of this size, half-built ones
        shutil.rmtree(stale, ignore_errors=True)
    building = cache_dir / f"{folder.name}.building"
    log(f"  building a {records:,}-record city file (cached for later runs) ...")
    start = time.perf_counter()
    counts, phases = _build(building, records, log)
    seconds = time.perf_counter() - start
    (building / "dataset.json").write_text(
        json.dumps(
            {
                "name": folder.name,
                "counts": counts,
                "years": list(YEARS),
                "built_seconds": round(seconds, 1),
                "phases_seconds": phases,
            },
            indent=2,
        ),
        encoding="utf-8",
    )
    building.rename(folder)
    log(f"  built in {seconds:.0f} s: {folder.name}")
    return ClusterFile(folder, counts, seconds)


def built_seconds(dataset: ClusterFile) -> float | None:
    """How long the cached file took to build (from its ``dataset.json``)."""
    info = json.loads((dataset.folder / "dataset.json").read_text(encoding="utf-8"))
    return info.get("built_seconds")


def _build(folder: Path, records: int, log: Callable[[str], None]) -> tuple[dict[str, int], dict[str, float]]:
    phases: dict[str, float] = {}
    start = time.perf_counter()
    units = city_units()
    db = open_database(folder)
    try:
        city = {k: v for k, v in data.unit_specs(())[0].items() if k != "children"}
        structure.add_units(db, None, [city], is_local=True, user=USER)  # the city committee's own file
        structure.add_units(db, data.CITY_CODE, _specs(units), user=USER)  # imported: not its own
        structure.add_cluster(db, CLUSTER_CODE, CLUSTER_NAME, data.CITY_CODE, user=USER)
        with db.transaction() as session:
            cluster = session.scalar(select(Cluster).where(Cluster.code == CLUSTER_CODE))
            assert cluster is not None
            by_code = {u.code: u for u in session.scalars(select(Unit).where(Unit.level_code == "commune"))}
            for offset, year in enumerate(YEARS):
                for i, unit in enumerate(units):
                    turn = (i - offset) % len(units)  # the head and deputy rotate every year
                    role = ROLES[turn] if turn < len(ROLES) else "member"
                    structure.put_cluster_member(session, cluster, by_code[unit.code], year, role, user=USER)
            ids = {code: unit_id for unit_id, code in session.execute(select(Unit.id, Unit.code))}
        phases["structure"] = round(time.perf_counter() - start, 1)
        raw = db.engine.raw_connection()  # the app's engine: its other connections are idle
        try:
            connection: sqlite3.Connection = raw.driver_connection  # type: ignore[assignment]
            bulk.fast_writes(connection)  # a scratch build (benchmarks/bulk.py)
            tables = search_index.searched_tables()
            bulk.drop_search_index(connection, tables)
            started = time.perf_counter()
            counts = _Writer(connection, ids, records, log, owners=units, weight=_size).write()
            phases["records"] = round(time.perf_counter() - started, 1)
            started = time.perf_counter()
            bulk.build_search_index(connection, tables, log)
            phases["search_index"] = round(time.perf_counter() - started, 1)
            bulk.safe_again(connection)
        finally:
            raw.close()
    finally:
        db.close()  # the last connection checkpoints the WAL into the file
    return counts, phases


def _size(unit: data.District) -> float:
    """A unit's share of the records: its villages (a rough stand-in for its population)."""
    return float(len(unit.communes[0].villages))
