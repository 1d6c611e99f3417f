"""city_consolidation: the city's office consolidates a year of its 126 communes and wards (issue #18).

Core: ``exchange.import_package.import_package`` of each unit's signed package of 2022 (5,000 support
activities each at full scale, 630,000 in all), one after the other as the city receives them, into a
fresh city file that has the city, the 126 units as members of its cluster, and trusts their key: per
package, verification (its evidence files' hashes, and each photo decoded), parsing, validation, the
plan, the backup, the write, the package log, the audit entry and the original kept byte for byte in
``received_package`` (what the city keeps of every package). Then the city's figures: ``compute`` over
``city_scope``, checked against the rows.

Each unit's year carries evidence files, as a clerk's does: photos of handed-over houses and scanned
minutes (``EVIDENCE``), each its own bytes, attached to records by the core's ``attach``.

Baseline: one ``sqlite3.executemany`` of the very rows the core stored (the support activities, the
evidence files and their links: same columns, converted), into another fresh city file made the same
way, on a connection of the app's own engine, in one transaction.

The packages are made untimed by the real export (``build_package``), each by its unit's own office (a
data file and a signing key of its own, the rows put in through ``create_records``); the city trusts the
126 key cards (the units: ``city_file.city_units``).
"""

from __future__ import annotations

import io
import random
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from benchmarks import data
from benchmarks.city_file import CLUSTER_CODE, CLUSTER_NAME, _specs, city_units
from benchmarks.harness import Outcome, Sample, Scale, clear_core_caches, compare, timed
from benchmarks.installation import count as count_rows
from benchmarks.installation import executemany_side, stored_support_rows, stored_table
from emulation_desktop import paths
from emulation_desktop.domain.models import Cluster, SupportActivity, Unit
from emulation_desktop.exchange import keys
from emulation_desktop.exchange.export_package import build_package
from emulation_desktop.exchange.import_package import import_package
from emulation_desktop.indicators.compute import compute
from emulation_desktop.indicators.scope import city_scope
from emulation_desktop.operations import evidence, records, structure
from emulation_desktop.storage.database import Database, open_database

NAME = "city_consolidation"
TARGET = 4.0  # as bench_package: the same import, 126 times over
YEAR = 2022
USER = "Trần Văn Hùng"


def _sizes(scale: Scale) -> tuple[int, int]:
    """(units, records per unit): Hà Nội's 126 communes and wards with a realistic year each; a handful
    of small ones with ``--quick``."""
    return (126, 5_000) if scale.name == "full" else (6, 200)


# Per unit and year: four photos of houses handed over (400×300 JPEG, about 75 KB each) and a scanned
# page of minutes (a grey page as PDF, about 60 KB), each on its own record.
EVIDENCE = (("jpeg", 4), ("pdf", 1))


def _evidence_bytes(kind: str, rng: random.Random) -> bytes:
    """A file no other has: noise, so it neither compresses nor repeats (the worst case for the store)."""
    from PIL import Image

    width, height = (400, 300) if kind == "jpeg" else (300, 420)
    image = Image.frombytes("RGB", (width, height), rng.randbytes(width * height * 3))
    out = io.BytesIO()
    if kind == "jpeg":
        image.save(out, "JPEG", quality=75)
    else:
        image.convert("L").save(out, "PDF", resolution=100)
    return out.getvalue()


def _attach_evidence(db: Database, unit: data.District, seed: int) -> None:
    rng = random.Random(seed)
    wanted = sum(n for _, n in EVIDENCE)
    with db.session() as session:
        ids = list(
            session.scalars(
                select(SupportActivity.id)
                .join(Unit, Unit.id == SupportActivity.unit_id)
                .where(Unit.code == unit.code)
                .order_by(SupportActivity.id)
                .limit(wanted)
            )
        )
    kinds = [kind for kind, n in EVIDENCE for _ in range(n)]
    for record_id, kind in zip(ids, kinds, strict=True):
        name = f"minh-chung-{record_id[:8]}.{'jpg' if kind == 'jpeg' else 'pdf'}"
        evidence.attach(
            db, "support_activity", record_id, _evidence_bytes(kind, rng), file_name=name, user=USER
        )


def _city_spec() -> dict[str, object]:
    return {k: v for k, v in data.unit_specs(())[0].items() if k != "children"}


@dataclass
class Sent:
    """What the units' offices sent, made untimed: the packages, the key cards the city trusts, and the
    rows as each office stored them (for the baseline)."""

    packages: list[Path] = field(default_factory=list)
    cards: list[keys.KeyCard] = field(default_factory=list)
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    evidence_files: list[tuple[Any, ...]] = field(default_factory=list)
    evidence_links: list[tuple[Any, ...]] = field(default_factory=list)
    evidence_columns: tuple[list[str], list[str]] = ([], [])


def _send(scratch: Path, n: int, unit: data.District, per_unit: int, sent: Sent) -> None:
    """One commune's or ward's office, as in life: its own data file and signing key, its year's
    records and evidence, its signed package on the stick. The office's folder is deleted after."""
    folder = scratch / f"office-{unit.code}"
    db = open_database(folder)
    try:
        structure.add_units(db, None, [_city_spec()], user=USER)
        structure.add_units(db, data.CITY_CODE, _specs((unit,)), is_local=True, user=USER)
        rows = data.support_rows(per_unit, "017", YEAR, seed=n)
        for row in rows:  # a commune's or ward's own records: the place is the unit itself
            row["commune_id"] = None
        records.create_records(db, "support_activity", unit.code, rows)
        _attach_evidence(db, unit, seed=n)
        path = scratch / f"goi-{unit.code}.zip"
        path.write_bytes(build_package(db, unit.code, YEAR).data)
        sent.packages.append(path)
        sent.cards.append(keys.read_card(keys.card_bytes(keys.key_card(db))))
        sent.rows.extend(stored_support_rows(db))
        _, file_columns, files = stored_table(db, "evidence_file")
        _, link_columns, links = stored_table(db, "evidence_link")
        sent.evidence_files.extend(files)
        sent.evidence_links.extend(links)
        sent.evidence_columns = (file_columns, link_columns)
    finally:
        db.close()
        shutil.rmtree(folder, ignore_errors=True)


def _city(folder: Path, units: tuple[data.District, ...], cards: list[keys.KeyCard]) -> Database:
    """A fresh city office: the city its own, the units members of its cluster, their keys trusted."""
    db = open_database(folder)
    structure.add_units(db, None, [_city_spec()], is_local=True, user=USER)
    structure.add_units(db, data.CITY_CODE, _specs(units), user=USER)
    structure.add_cluster(db, CLUSTER_CODE, CLUSTER_NAME, data.CITY_CODE, user=USER)
    with db.transaction() as session:
        cluster = session.scalar(select(Cluster).where(Cluster.code == CLUSTER_CODE))
        assert cluster is not None
        codes = [u.code for u in units]
        for unit in session.scalars(select(Unit).where(Unit.code.in_(codes))):
            structure.put_cluster_member(session, cluster, unit, YEAR, "member", user=USER)
    for card in cards:
        keys.trust_card(db, card)
    return db


def run(scale: Scale, repeat: int, log: Callable[[str], None]) -> Outcome:
    count, per_unit = _sizes(scale)
    units = city_units()[:count]
    scratch = Path(tempfile.mkdtemp(prefix="emud-bench-city-"))
    try:
        log(f"  preparing: {count} units with {per_unit:,} records each, and their packages (untimed)")
        sent = Sent()
        for n, unit in enumerate(units):
            _send(scratch, n, unit, per_unit, sent)
        packages = sent.packages
        stored = sent.rows
        files = (
            ("evidence_file", sent.evidence_columns[0], sent.evidence_files),
            ("evidence_link", sent.evidence_columns[1], sent.evidence_links),
        )
        total = count * per_unit
        sizes: dict[str, float] = {}

        @contextmanager
        def receiver(name: str) -> Iterator[Database]:
            db = _city(scratch / name, units, sent.cards)
            try:
                yield db
            finally:
                db.close()
                shutil.rmtree(scratch / name, ignore_errors=True)

        def consolidate(db: Database) -> int:
            for path in packages:
                if import_package(db, path).status != "applied":
                    raise RuntimeError(f"{path.name} was not applied")
            with db.session() as session:
                figures = compute(session, city_scope(session, YEAR), YEAR)
            return len(figures.scope.unit_ids)

        def core(i: int) -> Sample:
            with receiver(f"core-{i}") as db:
                clear_core_caches()
                sample, counted = timed(lambda: consolidate(db))
                if counted != count or count_rows(db, "SELECT count(*) FROM support_activity") != total:
                    raise RuntimeError("the city did not consolidate every unit's rows")
                kept = count_rows(db, "SELECT count(*) FROM received_package")
                if kept != count:
                    raise RuntimeError(f"the city kept {kept} originals of {count} packages")
                attached = count_rows(db, "SELECT count(*) FROM evidence_link")
                if (
                    attached != len(files[1][2])
                    or count_rows(db, "SELECT count(*) FROM evidence_file") != attached
                ):
                    raise RuntimeError(f"the city kept {attached} evidence files of {len(files[1][2])}")
                db.engine.dispose()  # the WAL checkpointed into the file, for its size
                sizes["city_file_mb"] = round(paths.database_path(db.folder).stat().st_size / 1e6, 1)
            return sample

        core_side, base_side = compare(
            repeat,
            (f"import_package of {count} packages, one by one, then compute(city_scope)", core),
            executemany_side(
                "sqlite3 executemany of the stored rows and files (1 transaction)", stored, receiver, files
            ),
            log,
        )
        package_mb = round(sum(p.stat().st_size for p in packages) / 1e6, 1)
        evidence_mb = round(sum(row[1] for row in files[0][2]) / 1e6, 1)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return Outcome(
        NAME,
        f"the city imports {count} units' packages of {per_unit:,} records with evidence and computes its figures",
        core_side,
        base_side,
        TARGET,
        {
            "units": count,
            "records": total,
            "evidence_files": len(files[1][2]),
            "evidence_mb": evidence_mb,
            "packages_mb": package_mb,
            **sizes,
            "year": YEAR,
        },
    )
