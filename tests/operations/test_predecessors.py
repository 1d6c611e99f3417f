"""The old units a unit was formed from (issue #16, "structure over time"): offered from the official
mapping, recorded by the set-up, edited by the clerk in one transaction, a split commune counted in one
successor only; and an older data file gains the table. Real SQLite files."""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import replace

import pytest
from predecessor_ward import THAI_LONG, WARD
from run_cli import cli
from sqlalchemy import func, select

from emulation_desktop import paths
from emulation_desktop.domain.models import AuditEntry, Unit, UnitPredecessor
from emulation_desktop.errors import InputError
from emulation_desktop.operations import predecessors, setup, structure
from emulation_desktop.operations.predecessors import Predecessor
from emulation_desktop.storage.database import open_database
from emulation_desktop.storage.migrations import SCHEMA_VERSION

VIET_HUNG, TUAN_CHAU = "06661", "06706"  # two wards of Quảng Ninh, 2025
HA_KHAU = "06655"  # Phường Hà Khẩu until 2024, split between them (in part into each)


@pytest.fixture
def empty(data_dir):
    database = open_database(data_dir)
    yield database
    database.close()


def _unit(db, code):
    with db.session() as session:
        return session.scalar(select(Unit).where(Unit.code == code))


def _audits(db):
    with db.session() as session:
        return session.scalar(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.table_name == "unit_predecessor")
        )


def test_the_official_mapping_is_offered_whole_ones_counted():
    assert predecessors.offered_predecessors(WARD) == [
        Predecessor(THAI_LONG, "Xã Thái Long", True, True),
        Predecessor(WARD, "Phường Đội Cấn", True, True),
    ]
    offered = {p.code: p for p in predecessors.offered_predecessors(VIET_HUNG)}
    assert offered[HA_KHAU] == Predecessor(HA_KHAU, "Phường Hà Khẩu", False, False)  # in part: the clerk says
    assert predecessors.offered_predecessors("T01") == []


def test_the_set_up_records_the_offered_predecessors_once(empty):
    setup.apply_setup(empty, setup.plan_from_catalogue(WARD, 2025))
    assert predecessors.predecessors_of(empty, WARD) == predecessors.offered_predecessors(WARD)
    ward, thai_long = _unit(empty, WARD), _unit(empty, THAI_LONG)
    assert (ward.valid_from, ward.valid_until) == (2025, None)
    # The old commune is structure, not owned here, under its old district, and ended in 2024.
    assert not thai_long.is_local and thai_long.valid_until == 2024 and thai_long.level_code == "commune"
    assert thai_long.path == "/08/070/02521/"
    assert _audits(empty) == 1
    # Setting up again (another year) keeps the clerk's choice and writes no predecessor again.
    predecessors.set_predecessors(empty, WARD, [(WARD, True)])
    setup.apply_setup(empty, setup.plan_from_catalogue(WARD, 2026))
    assert [p.code for p in predecessors.predecessors_of(empty, WARD)] == [WARD]
    assert _audits(empty) == 2


def test_a_split_commune_is_counted_in_one_successor_only(empty):
    plan = setup.plan_from_catalogue(VIET_HUNG, 2025, role="cluster-head")
    setup.apply_setup(
        empty,
        replace(plan, cluster_code="CUM", cluster_name="Cụm thi đua số 1", cluster_members=(TUAN_CHAU,)),
    )
    predecessors.set_predecessors(empty, TUAN_CHAU, [("06700", True), (TUAN_CHAU, True), (HA_KHAU, True)])
    ha_khau = _unit(empty, HA_KHAU)
    assert ha_khau.valid_until == 2024 and not ha_khau.is_local
    assert _unit(empty, TUAN_CHAU).valid_from == 2025

    before = predecessors.predecessors_of(empty, VIET_HUNG)
    audits = _audits(empty)
    with pytest.raises(InputError) as refused:
        predecessors.set_predecessors(empty, VIET_HUNG, [(VIET_HUNG, True), ("06703", True), (HA_KHAU, True)])
    message = str(refused.value)
    assert "Phường Hà Khẩu (06655)" in message and "Phường Tuần Châu (06706)" in message
    assert "đã được tính" in message  # said in Vietnamese
    assert predecessors.predecessors_of(empty, VIET_HUNG) == before and _audits(empty) == audits

    # Listed but not counted there is allowed; once taken off the other, it may be counted here.
    predecessors.set_predecessors(empty, VIET_HUNG, [(VIET_HUNG, True), ("06703", True), (HA_KHAU, False)])
    predecessors.set_predecessors(empty, TUAN_CHAU, [("06700", True), (TUAN_CHAU, True), (HA_KHAU, False)])
    predecessors.set_predecessors(empty, VIET_HUNG, [(VIET_HUNG, True), ("06703", True), (HA_KHAU, True)])
    counted = {p.code: p.counted for p in predecessors.predecessors_of(empty, VIET_HUNG)}
    assert counted == {VIET_HUNG: True, "06703": True, HA_KHAU: True}


def test_the_set_up_does_not_count_what_another_successor_counts(empty):
    """A whole predecessor the mapping offers but the clerk counted for another unit already is recorded,
    not counted, rather than refusing the whole set-up."""
    structure.add_units(empty, None, [{"code": VIET_HUNG, "name": "Phường Việt Hưng", "level": "commune"}])
    predecessors.set_predecessors(empty, VIET_HUNG, [("06700", True)])  # the clerk's (wrong) choice
    setup.apply_setup(empty, setup.plan_from_catalogue(TUAN_CHAU, 2025))
    counted = {p.code: p.counted for p in predecessors.predecessors_of(empty, TUAN_CHAU)}
    assert counted == {"06700": False, TUAN_CHAU: True, HA_KHAU: False}


def test_changes_are_one_audited_transaction_and_a_removed_one_comes_back(empty):
    setup.apply_setup(empty, setup.plan_from_catalogue(WARD, 2025))
    predecessors.set_predecessors(empty, WARD, [(WARD, True)], user="thu ký")
    assert [p.code for p in predecessors.predecessors_of(empty, WARD)] == [WARD]
    predecessors.set_predecessors(empty, WARD, [(WARD, True)], user="thu ký")  # the same: nothing written
    assert _audits(empty) == 2
    predecessors.set_predecessors(empty, WARD, [(WARD, True), (THAI_LONG, True)], user="thu ký")
    assert [p.code for p in predecessors.predecessors_of(empty, WARD)] == [THAI_LONG, WARD]
    with empty.session() as session:
        assert session.scalar(select(func.count()).select_from(UnitPredecessor)) == 2  # the row revived
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1)).one()
    assert (last.table_name, last.user) == ("unit_predecessor", "thu ký") and THAI_LONG in last.new_values
    with pytest.raises(InputError):
        predecessors.set_predecessors(empty, WARD, [("99998", True)])
    with pytest.raises(InputError):
        predecessors.set_predecessors(empty, WARD, [(THAI_LONG, True), (THAI_LONG, False)])
    assert _audits(empty) == 3


def test_an_older_demo_file_is_migrated_and_passes_the_check(demo_dir, tmp_path):
    """A demo file of schema version 3 (before units had years and predecessors) is migrated; `check`
    then finds the application's own schema, and every unit stays valid always."""
    folder = tmp_path / "old"
    folder.mkdir()
    file = paths.database_path(folder)
    shutil.copyfile(paths.database_path(demo_dir), file)
    with sqlite3.connect(file) as connection:
        connection.execute("DROP TABLE unit_predecessor")
        connection.execute("ALTER TABLE unit DROP COLUMN valid_from")
        connection.execute("ALTER TABLE unit DROP COLUMN valid_until")
        connection.execute("PRAGMA user_version=3")
    connection.close()
    result = cli("check", data_dir=folder)
    assert result.returncode == 0, result.stdout + result.stderr
    with sqlite3.connect(file) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert connection.execute(
            "SELECT COUNT(*) FROM unit WHERE valid_from IS NOT NULL OR valid_until IS NOT NULL"
        ).fetchone() == (0,)
    connection.close()
