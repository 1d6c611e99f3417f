"""Two installations on real SQLite files: a district that owns 017 and a cluster office that receives."""

from __future__ import annotations

import hashlib
import io
import json
import sqlite3
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from small_tree import tree

from emulation_desktop.exchange import keys
from emulation_desktop.exchange import package_format as pf
from emulation_desktop.exchange.export_package import build_package
from emulation_desktop.operations import records, structure
from emulation_desktop.storage.database import Database, open_database

YEAR = 2022


CRITERIA_GROUPS = [
    {
        "code": "I",
        "name": "Công tác vận động",
        "criteria": [
            {
                "code": "1",
                "name": "Nhà đại đoàn kết",
                "max_points": 10,
                "indicator_code": "solidarity_houses",
            },
            {"code": "2", "name": "Quỹ Vì người nghèo", "max_points": "5,5"},
        ],
    },
    {
        "code": "II",
        "name": "Điểm thưởng",
        "criteria": [{"code": "3", "name": "Mô hình mới", "kind": "bonus", "max_points": 2}],
    },
]
"""A cluster head's small criteria set: a criterion linked to an indicator, one with a decimal maximum,
and a bonus (copy it before changing it)."""


def make_installation(folder: Path, local: list[str], *, with_tree: bool = True) -> Database:
    db = open_database(folder)
    if with_tree:
        structure.add_units(db, None, tree())
        if local:
            structure.set_local(db, local)
    return db


def fill(db: Database) -> dict[str, str]:
    """A few records of several kinds for 017 in 2022, one of them deleted; returns some ids."""
    records.create_records(
        db,
        "support_activity",
        "017",
        [
            {
                "year": YEAR,
                "kind": "house_new",
                "commune_id": "00454",
                "beneficiary": "Nguyễn Văn An",
                "household_category": "poor",
                "activity_date": "12/03/2022",
                "value_vnd": "50.000.000",
            },
            {
                "year": YEAR,
                "kind": "student",
                "commune_id": "00457",
                "beneficiary": "Lê Thị Bình",
                "household_category": "near_poor",
                "value_vnd": 2_000_000,
                "note": '=HYPERLINK("x")',
            },
        ],
    )
    records.create_records(
        db,
        "donation",
        "017",
        [{"year": YEAR, "fund_code": "sea_islands", "donor": "Công ty Hòa Bình", "amount_vnd": "1,5 tỷ"}],
    )
    records.create_records(
        db,
        "funeral_tally",
        "017",
        [
            {"year": YEAR, "commune_id": "00454", "deaths": 40, "cremations": 33},
            {"year": YEAR, "commune_id": "00457", "deaths": 20, "cremations": 18},
        ],
    )
    records.create_records(
        db,
        "delegate_conference",
        "017",
        [{"year": YEAR, "place_id": "00454-01", "attendees": 80, "opinions_direct": 12, "opinions_forms": 3}],
    )
    session_record = records.create_record(
        db,
        "supervision",
        "017",
        {
            "year": YEAR,
            "mode": "led",
            "kind": "supervision",
            "field": "land",
            "subject": "Quản lý đất đai xã Bắc Hồng",
            "commune_id": "00454",
            "start_date": "01/04/2022",
            "end_date": "05/04/2022",
        },
    )
    records.create_record(
        db,
        "recommendation",
        None,
        {"supervision_id": session_record.id, "content": "Rà soát hồ sơ đất", "status": "pending"},
    )
    pledge = records.create_record(
        db, "pledge", "017", {"year": YEAR, "title": "Cờ thi đua của UBND Thành phố"}
    )
    records.create_record(
        db,
        "pledge_target",
        None,
        {"pledge_id": pledge.id, "indicator_code": "solidarity_houses", "target_value": 30},
    )
    doomed = records.create_record(
        db, "donation", "017", {"year": YEAR, "fund_code": "for_the_poor", "amount_vnd": 1_000_000}
    )
    records.delete_record(db, "donation", doomed.id)
    return {"supervision": session_record.id, "pledge": pledge.id, "deleted": doomed.id}


@dataclass
class Source:
    folder: Path
    db: Database
    ids: dict[str, str]
    card: bytes
    package: bytes


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> Source:
    folder = tmp_path_factory.mktemp("district")
    db = make_installation(folder, ["017"])
    ids = fill(db)
    card = keys.card_bytes(keys.key_card(db))
    package = build_package(db, "017", YEAR).data
    yield Source(folder, db, ids, card, package)
    db.close()


@pytest.fixture
def hub(tmp_path, source) -> Database:
    """A cluster office: the same tree, 017 not owned here, 017's key trusted."""
    db = make_installation(tmp_path / "hub", [])
    keys.trust_card(db, keys.read_card(source.card))
    yield db
    db.close()


def db_state(db: Database) -> tuple[dict[str, int], str]:
    """Row counts of every table and a hash of the whole content but the package history (where a
    refusal is written, see ``refusals``): proof that nothing else changed."""
    raw = db.engine.raw_connection()
    try:
        connection = raw.driver_connection
        tables = [
            r[0]
            for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        ]
        counts = {t: connection.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
        counts["package_log"] -= len(refusals(db))
        digest = hashlib.sha256()
        for line in connection.iterdump():
            if not (line.startswith('INSERT INTO "package_log"') and "'rejected'" in line):
                digest.update(line.encode("utf-8"))
    finally:
        raw.close()
    return counts, digest.hexdigest()


def refusals(db: Database) -> list[tuple]:
    """The refused packages in the history: (file name, sha256, unit code, year, reason's first line)."""
    with db.reading() as connection:
        rows = connection.execute(
            "SELECT file_name, file_sha256, unit_code, year, summary FROM package_log"
            " WHERE direction = 'received' AND status = 'rejected' ORDER BY id"
        ).fetchall()
    return [(*row[:4], json.loads(row[4])["reason"].split("\n")[0]) for row in rows]


def unzip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def rezip(members: dict[str, bytes] | list[tuple[str, bytes]], *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    items = members.items() if isinstance(members, dict) else members
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in items:
            archive.writestr(
                zipfile.ZipInfo(name, date_time=(2022, 12, 1, 0, 0, 0)), data, compress_type=compression
            )
    return buffer.getvalue()


def made_by_format(members: dict[str, bytes], version: int) -> dict[str, bytes]:
    """The package's members as an app writing format ``version`` made them: without the units' years
    and predecessors before format 3, without evidence files before format 4 (resign after)."""
    members = dict(members)
    if version < pf.HISTORY_FORMAT_VERSION:
        structure = json.loads(members[pf.STRUCTURE])
        structure.pop(pf.PREDECESSORS, None)
        for spec in (structure["unit"], *structure["ancestors"], *structure["places"]):
            for key in pf.UNIT_YEAR_KEYS:
                spec.pop(key, None)
        members[pf.STRUCTURE] = pf.dumps(structure)
    if version < pf.EVIDENCE_FORMAT_VERSION:
        manifest = json.loads(members[pf.MANIFEST])
        for name in [n for n in members if n == pf.EVIDENCE or n.startswith(pf.EVIDENCE_PREFIX)]:
            del members[name]
            manifest["members"].pop(name, None)
        members[pf.MANIFEST] = json.dumps(manifest).encode()
    return members


def resign(members: dict[str, bytes], folder: Path, **manifest_changes) -> dict[str, bytes]:
    """Recompute the manifest's hashes and row counts for changed members and sign it again with the
    source's own key: a package that is authentic but carries what the test wants."""
    manifest = json.loads(members[pf.MANIFEST])
    for name, data in members.items():
        if name in (pf.MANIFEST, pf.SIGNATURE):
            continue
        entry = manifest["members"].setdefault(name, {"rows": 0})
        digest = hashlib.sha256(data).hexdigest()
        if entry.get("sha256") == digest:
            continue
        entry["sha256"] = digest
        entry["bytes"] = len(data)
        try:
            content = json.loads(data)
            entry["rows"] = (
                len(content["rows"])
                if isinstance(content, dict) and "rows" in content
                else (
                    len(content["places"])
                    if isinstance(content, dict) and "places" in content
                    else len(content)
                )
            )
        except (ValueError, TypeError):  # a deliberately broken member keeps its old count
            pass
    manifest.update(manifest_changes)
    manifest_bytes = json.dumps(manifest, ensure_ascii=False).encode("utf-8")
    return {**members, pf.MANIFEST: manifest_bytes, pf.SIGNATURE: keys.sign(folder, manifest_bytes)}


def sqlite_rows(path: Path, sql: str) -> list[tuple]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()
