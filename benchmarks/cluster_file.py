"""A large data file of the whole Cluster No. 3 over ten years, built once and cached in ``out/cache/``.

The structure (city, 5 districts, 106 communes, 740 villages, the cluster and its members per year)
goes through the core operations. The bulk records are written with raw ``executemany`` for speed, with
every column the core would write (UUIDs, timestamps, search key) and one audit row per record, so the
file looks like one the app wrote. The cache key holds ``DATASET_VERSION``, the record count and a hash
of the schema (tables and indexes from the models): change the generator, bump the version; change an
index in ``emulation_desktop/domain``, and the file is rebuilt by itself.
"""

from __future__ import annotations

import hashlib
import json
import random
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlalchemy.schema import CreateIndex, CreateTable

from benchmarks import data
from benchmarks.harness import OUT_DIR
from emulation_desktop import paths
from emulation_desktop.domain.labels import choice_label
from emulation_desktop.domain.models import Base, Unit
from emulation_desktop.domain.text import fold
from emulation_desktop.locale.i18n import gettext_in
from emulation_desktop.operations import structure
from emulation_desktop.storage.database import open_database
from emulation_desktop.storage.migrations import SCHEMA_VERSION

DATASET_VERSION = "1"
YEARS = tuple(range(2013, 2023))  # ten years, ending with the article's 2022
LOCAL_DISTRICT = "016"  # Sóc Sơn owns its records here; the other districts are imported copies
ROLES = ("head", "deputy")
USER = "Trần Văn Hùng"
HOUSES = ("house_new", "house_repair")

# Share of the records (those not in the per-commune tallies) per table.
SHARES = {
    "support_activity": 0.42,
    "supervision": 0.22,
    "delegate_conference": 0.22,
    "donation": 0.07,
    "recommendation": 0.07,
}
TALLIES = ("funeral_tally", "mediation_tally", "citizen_reception")
RECORD_COLUMNS = ("id", "created_at", "updated_at", "updated_by", "version", "deleted", "search_key")
AUDIT_COLUMNS = ("at", "user", "action", "table_name", "record_id", "old_values", "new_values", "reason")
COLUMNS = {
    "support_activity": (
        "unit_id",
        "year",
        "kind",
        "commune_id",
        "beneficiary",
        "household_category",
        "activity_date",
        "value_vnd",
        "funding_source",
        "note",
    ),
    "donation": (
        "unit_id",
        "year",
        "fund_code",
        "commune_id",
        "donor",
        "donation_date",
        "amount_vnd",
        "note",
    ),
    "supervision": (
        "unit_id",
        "year",
        "mode",
        "kind",
        "field",
        "subject",
        "commune_id",
        "start_date",
        "end_date",
        "findings",
    ),
    "recommendation": (
        "supervision_id",
        "unit_id",
        "year",
        "content",
        "addressee",
        "status",
        "followed_up_on",
        "response",
    ),
    "delegate_conference": (
        "unit_id",
        "year",
        "place_id",
        "held_on",
        "attendees",
        "opinions_direct",
        "opinions_forms",
        "note",
    ),
    "funeral_tally": ("unit_id", "year", "commune_id", "period", "deaths", "cremations", "note"),
    "mediation_tally": ("unit_id", "year", "commune_id", "period", "cases_total", "cases_resolved", "note"),
    "citizen_reception": (
        "unit_id",
        "year",
        "commune_id",
        "period",
        "sessions",
        "citizens",
        "petitions_received",
        "petitions_resolved",
        "note",
    ),
}
SEARCH_FIELDS = {
    "support_activity": ("beneficiary", "funding_source", "note"),
    "donation": ("donor", "note"),
    "supervision": ("subject", "findings"),
    "recommendation": ("content", "addressee", "response"),
}
CHOICE_FIELDS = {
    "support_activity": ("kind", "household_category"),
    "donation": ("fund_code",),
    "supervision": ("mode", "kind", "field"),
    "recommendation": ("status",),
}
PLACE_FIELDS = {  # the reference whose place name goes into the search key
    "support_activity": "commune_id",
    "donation": "commune_id",
    "supervision": "commune_id",
    "delegate_conference": "place_id",
    **dict.fromkeys(TALLIES, "commune_id"),
}


@dataclass(frozen=True)
class ClusterFile:
    folder: Path  # a data folder: open it with open_database(folder)
    counts: dict[str, int]
    built_seconds: float | None  # None when reused from the cache

    @property
    def records(self) -> int:
        return sum(self.counts.values())

    @property
    def path(self) -> Path:
        return paths.database_path(self.folder)


def schema_fingerprint() -> str:
    """A hash of every table and index the models declare, as SQLite DDL."""
    dialect = sqlite_dialect.dialect()
    parts = []
    for table in Base.metadata.sorted_tables:
        parts.append(str(CreateTable(table).compile(dialect=dialect)))
        for index in sorted(table.indexes, key=lambda i: i.name or ""):
            parts.append(str(CreateIndex(index).compile(dialect=dialect)))
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:12]


def cache_name(records: int) -> str:
    return f"cluster-{records}-d{DATASET_VERSION}-s{SCHEMA_VERSION}-{schema_fingerprint()}"


def cluster_file(records: int, log: Callable[[str], None], *, rebuild: bool = False) -> ClusterFile:
    """The cached file for this many records, built first if missing, stale or ``rebuild``."""
    cache_dir = OUT_DIR / "cache"
    folder = cache_dir / cache_name(records)
    meta = folder / "dataset.json"
    if folder.exists() and meta.exists() and not rebuild:
        info = json.loads(meta.read_text(encoding="utf-8"))
        log(
            f"  reusing cached data file {folder.relative_to(OUT_DIR.parent.parent)} ({sum(info['counts'].values()):,} records)"
        )
        return ClusterFile(folder, info["counts"], None)
    # Drop other versions of a file of this size, and any half-built one: they are large.
    for stale in cache_dir.glob(f"cluster-{records}-*"):
        shutil.rmtree(stale, ignore_errors=True)
    building = cache_dir / f"{folder.name}.building"
    shutil.rmtree(building, ignore_errors=True)
    log(f"  building a {records:,}-record data file (cached for later runs) ...")
    start = time.perf_counter()
    counts = _build(building, records, log)
    seconds = time.perf_counter() - start
    (building / "dataset.json").write_text(
        json.dumps(
            {"name": folder.name, "counts": counts, "years": list(YEARS), "built_seconds": round(seconds, 1)},
            indent=2,
        ),
        encoding="utf-8",
    )
    building.rename(folder)
    log(f"  built in {seconds:.0f} s: {folder.relative_to(OUT_DIR.parent.parent)}")
    return ClusterFile(folder, counts, seconds)


def _split(total: int, weights: list[float]) -> list[int]:
    """Split ``total`` in proportion to ``weights`` (largest remainder), summing exactly to ``total``."""
    whole = sum(weights)
    exact = [total * w / whole for w in weights]
    parts = [int(x) for x in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: exact[i] - parts[i], reverse=True)
    for i in by_remainder[: total - sum(parts)]:
        parts[i] += 1
    return parts


def _build(folder: Path, records: int, log: Callable[[str], None]) -> dict[str, int]:
    db = open_database(folder)
    try:
        structure.add_units(db, None, data.unit_specs(), user=USER)
        structure.set_local(db, [LOCAL_DISTRICT], user=USER)
        structure.add_cluster(db, data.CLUSTER_CODE, data.CLUSTER_NAME, data.CITY_CODE, user=USER)
        for offset, year in enumerate(YEARS):
            for i, district in enumerate(data.CLUSTER):
                turn = (i - offset) % len(data.CLUSTER)  # the head and deputy rotate every year
                role = ROLES[turn] if turn < len(ROLES) else "member"
                structure.set_cluster_member(db, data.CLUSTER_CODE, district.code, year, role, user=USER)
        with db.session() as session:
            ids = {code: unit_id for unit_id, code in session.execute(select(Unit.id, Unit.code))}
        raw = db.engine.raw_connection()  # the app's engine, so the app's pragmas
        try:
            counts = _Writer(raw.driver_connection, ids, records, log).write()  # type: ignore[arg-type]
        finally:
            raw.close()
    finally:
        db.close()  # the last connection checkpoints the WAL into the file
    return counts


class _Writer:
    """Generates and inserts the bulk records, table by table, in batches."""

    BATCH = 20_000

    def __init__(
        self,
        connection: sqlite3.Connection,
        ids: dict[str, str],
        records: int,
        log: Callable[[str], None],
        owners: tuple[data.District, ...] = data.CLUSTER,
        weight: Callable[[data.District], float] = lambda owner: len(owner.communes),
    ) -> None:
        """``owners``: the units that own records, each with the communes its records take place in
        (the cluster's districts; the city file's wards, each its own one commune)."""
        self.connection = connection
        self.ids = ids
        self.log = log
        self.owners = owners
        self.rng = random.Random(20221108)
        self.names = {c.code: c.name for d in owners for c in d.communes}
        self.names.update({v.code: v.name for d in owners for c in d.communes for v in c.villages})
        self.communes = sum(len(d.communes) for d in owners)
        rest = records - len(TALLIES) * len(YEARS) * self.communes
        if rest < len(SHARES) * len(YEARS) * len(owners):
            raise ValueError(f"{records} records are too few for a ten-year file")
        self.totals = dict(zip(SHARES, _split(rest, list(SHARES.values())), strict=True))
        # Buckets: (owner, year), weighted by the owner's size and a slow growth over the years.
        self.buckets = [(d, y) for d in owners for y in YEARS]
        self.weights = [weight(d) * (1 + 0.04 * (y - YEARS[0])) for d, y in self.buckets]
        self.supervisions: dict[tuple[str, int], list[str]] = {}  # (district, year) → supervision ids
        self.serial = 0

    def _new_id(self) -> str:
        """A random UUID4 string, from the seeded generator so that the file is reproducible."""
        h = f"{self.rng.getrandbits(128):032x}"
        return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:]}"

    # --- shared columns ---------------------------------------------------------------------------

    def _meta(self, table: str, values: dict[str, Any], year: int) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
        """The record row (system columns + values) and its audit row."""
        rng = self.rng
        self.serial += 1
        record_id = values.get("_id") or self._new_id()
        created = date(year, 1, 1) + timedelta(days=rng.randrange(365))
        stamp = data.timestamp(created, self.serial % 86_400)
        edited = rng.random() < 0.05
        deleted = 1 if rng.random() < 0.01 else 0
        row = (
            record_id,
            stamp,
            data.timestamp(created + timedelta(days=7), self.serial % 86_400) if edited or deleted else stamp,
            USER,
            1 + edited + deleted,
            deleted,
            self._search_key(table, values),
            *(values[c] for c in COLUMNS[table]),
        )
        audit = (
            stamp,
            USER,
            "create",
            table,
            record_id,
            "",
            json.dumps(
                {k: v for k, v in values.items() if k != "unit_id" and not k.startswith("_")},
                ensure_ascii=False,
                sort_keys=True,
            ),
            "",
        )
        return row, audit

    def _search_key(self, table: str, values: dict[str, Any]) -> str:
        parts = [_fold(values.get(name) or "") for name in SEARCH_FIELDS.get(table, ("note",))]
        place = PLACE_FIELDS.get(table)
        if place and values.get(place):
            parts.append(_fold(self.names[values["_" + place]]))
        for name in CHOICE_FIELDS.get(table, ()):
            parts.append(_label_key(name, values[name]))
        return " ".join(p for p in parts if p)

    def _insert(self, table: str, rows: Iterator[tuple[dict[str, Any], int]], total: int) -> int:
        columns = RECORD_COLUMNS + COLUMNS[table]
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"
        audit_sql = f"INSERT INTO audit_log ({', '.join(AUDIT_COLUMNS)}) VALUES ({', '.join('?' for _ in AUDIT_COLUMNS)})"
        done = 0
        batch: list[tuple[Any, ...]] = []
        audits: list[tuple[Any, ...]] = []
        for values, year in rows:
            record, audit = self._meta(table, values, year)
            batch.append(record)
            audits.append(audit)
            if len(batch) >= self.BATCH:
                done += self._flush(sql, audit_sql, batch, audits)
                batch, audits = [], []
        done += self._flush(sql, audit_sql, batch, audits)
        self.log(f"    {table}: {done:,} records")
        if done != total:
            raise AssertionError(f"{table}: wrote {done}, planned {total}")
        return done

    def _flush(self, sql: str, audit_sql: str, batch: list[Any], audits: list[Any]) -> int:
        if batch:
            with self.connection:
                self.connection.executemany(sql, batch)
                self.connection.executemany(audit_sql, audits)
        return len(batch)

    def _per_bucket(self, table: str) -> Iterator[tuple[data.District, int]]:
        for (district, year), n in zip(self.buckets, _split(self.totals[table], self.weights), strict=True):
            for _ in range(n):
                yield district, year

    # --- tables -----------------------------------------------------------------------------------

    def write(self) -> dict[str, int]:
        counts = {}
        for table, rows in (
            ("support_activity", self._support()),
            ("donation", self._donations()),
            ("supervision", self._supervisions()),
            ("recommendation", self._recommendations()),
            ("delegate_conference", self._conferences()),
        ):
            counts[table] = self._insert(table, rows, self.totals[table])
        for table in TALLIES:
            counts[table] = self._insert(table, self._tallies(table), len(YEARS) * self.communes)
        return counts

    def _support(self) -> Iterator[tuple[dict[str, Any], int]]:
        rng = self.rng
        for district, year in self._per_bucket("support_activity"):
            kind = data.weighted(rng, data.SUPPORT_KINDS)
            commune = rng.choice(district.communes)
            name, male = data.person(rng)
            yield (
                {
                    "unit_id": self.ids[district.code],
                    "year": year,
                    "kind": kind,
                    "commune_id": self.ids[commune.code],
                    "_commune_id": commune.code,
                    "beneficiary": f"{'Hộ ông' if male else 'Hộ bà'} {name}"
                    if kind != "student"
                    else f"Em {name}",
                    "household_category": data.weighted(rng, data.HOUSEHOLDS),
                    "activity_date": data.random_date(rng, year).isoformat(),
                    "value_vnd": data.money_value(rng, kind),
                    "funding_source": rng.choice(data.FUNDING),
                    "note": rng.choice(data.SUPPORT_NOTES[kind]),
                },
                year,
            )

    def _donations(self) -> Iterator[tuple[dict[str, Any], int]]:
        rng = self.rng
        for district, year in self._per_bucket("donation"):
            commune = rng.choice(district.communes)
            donor = rng.choice(data.DONORS).format(
                n=rng.randrange(1, 60), place=commune.name, person=data.person(rng)[0]
            )
            big = rng.random() < 0.05
            yield (
                {
                    "unit_id": self.ids[district.code],
                    "year": year,
                    "fund_code": "sea_islands" if rng.random() < 0.4 else "for_the_poor",
                    "commune_id": self.ids[commune.code],
                    "_commune_id": commune.code,
                    "donor": donor,
                    "donation_date": data.random_date(rng, year).isoformat(),
                    "amount_vnd": rng.randrange(100, 1_000) * 1_000_000
                    if big
                    else rng.randrange(5, 500) * 100_000,
                    "note": rng.choice(
                        ("Ủng hộ Tháng cao điểm “Vì người nghèo”", "Ủng hộ Quỹ biển, đảo", "")
                    ),
                },
                year,
            )

    def _supervisions(self) -> Iterator[tuple[dict[str, Any], int]]:
        rng = self.rng
        kinds = ("supervision",) * 6 + ("social_criticism", "people_inspection", "community_investment")
        fields = ("land", "construction_order", "site_clearance", "capital_investment", "one_stop", "funds")
        for district, year in self._per_bucket("supervision"):
            commune = rng.choice(district.communes)
            start = data.random_date(rng, year)
            record_id = self._new_id()
            self.supervisions.setdefault((district.code, year), []).append(record_id)
            yield (
                {
                    "_id": record_id,
                    "unit_id": self.ids[district.code],
                    "year": year,
                    "mode": "led" if rng.random() < 0.6 else "joint",
                    "kind": rng.choice(kinds),
                    "field": rng.choice((*fields, "social_policy", "environment", "other")),
                    "subject": rng.choice(data.SUPERVISION_SUBJECTS).format(place=commune.name),
                    "commune_id": self.ids[commune.code],
                    "_commune_id": commune.code,
                    "start_date": start.isoformat(),
                    "end_date": (start + timedelta(days=rng.randrange(0, 30))).isoformat(),
                    "findings": rng.choice(data.FINDINGS),
                },
                year,
            )

    def _recommendations(self) -> Iterator[tuple[dict[str, Any], int]]:
        rng = self.rng
        for district, year in self._per_bucket("recommendation"):
            commune = rng.choice(district.communes)
            status = data.weighted(
                rng, (("resolved", 55), ("in_progress", 20), ("pending", 15), ("unresolved", 10))
            )
            yield (
                {
                    "supervision_id": rng.choice(self.supervisions[(district.code, year)]),
                    "unit_id": self.ids[district.code],
                    "year": year,
                    "content": rng.choice(data.RECOMMENDATIONS).format(place=commune.name),
                    "addressee": rng.choice(data.ADDRESSEES).format(place=commune.name),
                    "status": status,
                    "followed_up_on": data.random_date(rng, year).isoformat()
                    if status != "pending"
                    else None,
                    "response": "Đã tiếp thu, chỉ đạo khắc phục." if status == "resolved" else "",
                },
                year,
            )

    def _conferences(self) -> Iterator[tuple[dict[str, Any], int]]:
        rng = self.rng
        for district, year in self._per_bucket("delegate_conference"):
            commune = rng.choice(district.communes)
            place = commune if rng.random() < 0.15 else rng.choice(commune.villages)
            attendees = rng.randrange(40, 250)
            yield (
                {
                    "unit_id": self.ids[district.code],
                    "year": year,
                    "place_id": self.ids[place.code],
                    "_place_id": place.code,
                    "held_on": data.random_date(rng, year).isoformat(),
                    "attendees": attendees,
                    "opinions_direct": rng.randrange(0, 25),
                    "opinions_forms": rng.randrange(0, 6),
                    "note": rng.choice(data.CONFERENCE_NOTES),
                },
                year,
            )

    def _tallies(self, table: str) -> Iterator[tuple[dict[str, Any], int]]:
        rng = self.rng
        for year in YEARS:
            trend = (year - YEARS[0]) / len(YEARS)
            for district in self.owners:
                for commune in district.communes:
                    values: dict[str, Any] = {
                        "unit_id": self.ids[district.code],
                        "year": year,
                        "commune_id": self.ids[commune.code],
                        "_commune_id": commune.code,
                        "period": "year",
                        "note": "",
                    }
                    if table == "funeral_tally":
                        deaths = rng.randrange(20, 90)
                        rate = min(0.98, 0.55 + 0.35 * trend + rng.uniform(-0.05, 0.05))
                        values.update(deaths=deaths, cremations=round(deaths * rate))
                    elif table == "mediation_tally":
                        cases = rng.randrange(2, 16)
                        values.update(cases_total=cases, cases_resolved=rng.randint(cases // 2, cases))
                    else:
                        received = rng.randrange(5, 60)
                        values.update(
                            sessions=rng.randrange(12, 50),
                            citizens=rng.randrange(20, 200),
                            petitions_received=received,
                            petitions_resolved=rng.randint(received // 2, received),
                        )
                    yield values, year


@cache
def _fold(text: str) -> str:
    return fold(text)


@cache
def _label_key(field: str, value: str) -> str:
    label = choice_label(field, value)
    return fold(f"{gettext_in('vi', label)} {label}")
