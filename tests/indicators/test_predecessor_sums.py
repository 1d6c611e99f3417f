"""A unit formed in 2025 is compared with the sum of the old units counted for it (issue #16): computed
once in indicators.compute, so the Overview, the documents and `indicators --format json` agree."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from predecessor_ward import (
    LAST_YEAR_HOUSES,
    LAST_YEAR_HOUSES_VND,
    LAST_YEAR_OTHER_VND,
    THAI_LONG,
    WARD,
    build_ward,
    support,
)
from run_cli import cli

from emulation_desktop.indicators.compute import FormerUnit, compute
from emulation_desktop.indicators.scope import unit_scope
from emulation_desktop.operations import predecessors, records, setup, structure
from emulation_desktop.operations.clusters import cluster_scope
from emulation_desktop.storage.database import open_database


@pytest.fixture
def ward(data_dir):
    database = open_database(data_dir)
    build_ward(database)
    yield database
    database.close()


def figures(db, code, year):
    with db.session() as session:
        return compute(session, unit_scope(session, code), year)


def test_last_year_of_a_ward_formed_in_2025_is_the_sum_of_its_predecessors(ward):
    report = figures(ward, WARD, 2025)
    houses = report["solidarity_houses"]
    assert (houses.current.value, houses.current.amount_vnd) == (1, 70_000_000)
    assert (houses.previous.value, houses.previous.amount_vnd) == (LAST_YEAR_HOUSES, LAST_YEAR_HOUSES_VND)
    assert report["other_support"].previous.amount_vnd == LAST_YEAR_OTHER_VND
    assert report.previous_from == (
        FormerUnit(THAI_LONG, "Xã Thái Long"),
        FormerUnit(WARD, "Phường Đội Cấn"),
    )
    # The Overview reads the same figures over a plain sqlite3 connection, before the ORM is loaded.
    with ward.reading() as connection:
        plain = compute(connection, unit_scope(connection, WARD), 2025)
    assert plain.as_json() == report.as_json()


def test_only_the_year_the_unit_was_formed_is_compared_with_its_predecessors(ward):
    records.create_records(ward, "support_activity", WARD, [support(2026, "80 triệu")])
    later = figures(ward, WARD, 2026)
    assert later.previous_from == ()
    assert later["solidarity_houses"].previous.amount_vnd == 70_000_000  # its own 2025
    # Đội Cấn's own 2024 (the same row, before the change) is not the sum.
    before = figures(ward, WARD, 2024)
    assert before.previous_from == ()
    assert before["solidarity_houses"].current.amount_vnd == 140_000_000


def test_a_predecessor_not_counted_is_left_out(ward):
    predecessors.set_predecessors(ward, WARD, [(WARD, True), (THAI_LONG, False)])
    report = figures(ward, WARD, 2025)
    assert report["solidarity_houses"].previous.amount_vnd == 140_000_000  # Đội Cấn's alone
    assert report.previous_from == (FormerUnit(WARD, "Phường Đội Cấn"),)


def test_a_split_commune_counts_once_in_a_cluster_of_its_successors(data_dir):
    """Hà Khẩu (06655) was split between Việt Hưng (06661) and Tuần Châu (06706); counted for Tuần Châu
    only, the cluster of both compares with each old unit once."""
    db = open_database(data_dir)
    plan = setup.plan_from_catalogue("06661", 2025, role="cluster-head")
    setup.apply_setup(
        db,
        replace(
            plan, cluster_code="CUM", cluster_name="Cụm thi đua số 1", cluster_members=("06661", "06706")
        ),
    )
    predecessors.set_predecessors(db, "06706", [("06700", True), ("06706", True), ("06655", True)])
    for code, value in (("06661", "10 triệu"), ("06655", "20 triệu"), ("06706", "40 triệu")):
        structure.set_local(db, [code])
        records.create_records(db, "support_activity", code, [support(2024, value)])
        if code != "06661":
            structure.set_local(db, [code], is_local=False)
    assert figures(db, "06661", 2025)["solidarity_houses"].previous.amount_vnd == 10_000_000
    assert figures(db, "06706", 2025)["solidarity_houses"].previous.amount_vnd == 60_000_000
    with db.session() as session:
        report = compute(session, cluster_scope(session, "CUM", 2025), 2025)
    assert report["solidarity_houses"].previous.amount_vnd == 70_000_000
    assert "06655" in {u.code for u in report.previous_from}
    db.close()


def test_the_command_line_says_the_same(ward, data_dir):
    ward.close()
    result = cli(
        "indicators", "--unit", WARD, "--year", "2025", "--format", "json", data_dir=data_dir, check=True
    )
    got = json.loads(result.stdout)
    assert got["indicators"]["solidarity_houses"]["previous"]["amount_vnd"] == LAST_YEAR_HOUSES_VND
    assert [u["code"] for u in got["previous_from"]] == [THAI_LONG, WARD]
