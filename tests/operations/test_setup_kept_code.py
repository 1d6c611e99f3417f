"""The office of an old commune whose code a 2025 unit kept goes on as that unit (issue #16): Phường Đội
Cấn (02524) became Phường Bình Thuận (02524), its own row. Set up for 2024 with two residential groups
and its records, then `setup --unit 02524 --year 2025` on the command line: the row takes the 2025 name
and type, is valid from 2025 and is its own (counted) predecessor with Xã Thái Long; Đội Cấn's villages
end in 2024, so each year counts its own; "last year" of 2025 is Đội Cấn's 2024. Real SQLite files and a
real process."""

from __future__ import annotations

import pytest
from predecessor_ward import THAI_LONG, WARD, support
from run_cli import cli
from sqlalchemy import select

from emulation_desktop.domain.models import Unit
from emulation_desktop.indicators.compute import FormerUnit, compute
from emulation_desktop.indicators.scope import unit_scope
from emulation_desktop.operations import predecessors, records, setup
from emulation_desktop.operations.places import places_for
from emulation_desktop.operations.unit_labels import YearName, name_in_year
from emulation_desktop.storage.database import open_database

OLD_NAME, NEW_NAME = "Phường Đội Cấn", "Phường Bình Thuận"


def villages_total(db, code, year):
    with db.session() as session:
        return compute(session, unit_scope(session, code), year)[
            "delegate_conferences_villages"
        ].current.total


def the_unit(db, code):
    with db.session() as session:
        unit = session.scalar(select(Unit).where(Unit.code == code))
        session.expunge(unit)
        return unit


@pytest.fixture
def doi_can(tmp_path):
    """A data folder set up for Phường Đội Cấn in 2024, with two residential groups and its records."""
    folder = tmp_path / "data"
    db = open_database(folder)
    plan = setup.plan_from_catalogue(WARD, 2024, chair="Lê Văn Cường")
    assert plan.unit_name == OLD_NAME  # the list before 2025
    setup.apply_setup(db, plan.__class__(**{**plan.__dict__, "villages": ("Tổ dân phố 1", "Tổ dân phố 2")}))
    records.create_records(
        db, "support_activity", WARD, [support(2024, "100 triệu"), support(2024, "3.000.000", "student")]
    )
    db.close()
    return folder


def test_the_command_makes_the_old_ward_s_row_the_2025_unit(doi_can):
    db = open_database(doi_can)
    try:
        assert [u.code for u in setup.going_on_as(db, WARD)] == [WARD]  # the kept code: itself
        with db.session() as session:
            before = compute(session, unit_scope(session, WARD), 2024).as_json()["indicators"]
        assert villages_total(db, WARD, 2024) == 2
    finally:
        db.close()

    done = cli("setup", "--unit", WARD, "--year", 2025, "--chair", "Nguyễn Văn An", data_dir=doi_can)
    assert done.returncode == 0, done.stderr

    db = open_database(doi_can)
    try:
        unit = the_unit(db, WARD)
        assert (unit.name, unit.unit_type, unit.place_name) == (NEW_NAME, "Phường", "Bình Thuận")
        assert (unit.valid_from, unit.valid_until, unit.is_local) == (2025, None, True)
        olds = {p.code: p for p in predecessors.predecessors_of(db, WARD)}
        assert olds.keys() == {WARD, THAI_LONG}  # its own row, counted, and the commune merged into it
        assert olds[WARD].counted and olds[WARD].name == OLD_NAME and olds[THAI_LONG].counted
        assert setup.going_on_as(db, WARD) == ()  # gone on: offered no more
        assert setup.people_of(db, WARD, 2024) == [setup.Person("Lê Văn Cường", "chair", "tm")]
        with db.session() as session:
            assert name_in_year(session, unit.id, 2024) == YearName(OLD_NAME, "Phường", "Đội Cấn")
            assert name_in_year(session, unit.id, 2025) == YearName(NEW_NAME, "Phường", "Bình Thuận")
            report = compute(session, unit_scope(session, WARD), 2025)
            again_2024 = compute(session, unit_scope(session, WARD), 2024).as_json()["indicators"]
        assert again_2024 == before  # the old ward's year, untouched
        assert FormerUnit(WARD, OLD_NAME) in report.previous_from
        last_year = {code: r["previous"] for code, r in report.as_json()["indicators"].items()}
        # Thái Long has no records here: "last year" is Đội Cấn's 2024, figure by figure.
        for code in ("solidarity_houses", "other_support"):
            assert last_year[code] == {k: v for k, v in before[code].items() if k != "previous"}, code
        assert last_year["solidarity_houses"]["amount_vnd"] == 100_000_000

        # Đội Cấn's residential groups ended with it: 2025 counts the ward's own, 2024 still two.
        villages = {v.code: v.valid_until for v in _villages(db, unit.id)}
        assert villages == {f"{WARD}-01": 2024, f"{WARD}-02": 2024}
        assert villages_total(db, WARD, 2025) == 0
        assert villages_total(db, WARD, 2024) == 2
    finally:
        db.close()

    # The ward's own groups, typed for 2025: one has an old group's name, and is a new village.
    added = cli(
        "setup",
        "--unit",
        WARD,
        "--year",
        2025,
        "--villages-file",
        _write(doi_can, "Tổ dân phố 1\nTổ dân phố 9"),
        data_dir=doi_can,
    )
    assert added.returncode == 0, added.stderr
    db = open_database(doi_can)
    try:
        years = {v.code: (v.name, v.valid_from, v.valid_until) for v in _villages(db, the_unit(db, WARD).id)}
        assert years[f"{WARD}-03"] == ("Tổ dân phố 1", 2025, None)
        assert years[f"{WARD}-04"] == ("Tổ dân phố 9", 2025, None)
        assert villages_total(db, WARD, 2025) == 2
        assert villages_total(db, WARD, 2024) == 2
        # A record's village picker offers the groups of its year only.
        pickers = {year: [p.code for p in places_for(db, WARD, ("village",), year)] for year in (2024, 2025)}
        assert sorted(pickers[2024]) == [f"{WARD}-01", f"{WARD}-02"]
        assert sorted(pickers[2025]) == [f"{WARD}-03", f"{WARD}-04"]
    finally:
        db.close()


def test_an_old_commune_s_villages_end_with_it(tmp_path):
    """Xã Thái Long (no code kept) ends in 2024 when its office goes on as the ward: its villages too,
    in the same set-up."""
    db = open_database(tmp_path / "data")
    try:
        plan = setup.plan_from_catalogue(THAI_LONG, 2024)
        setup.apply_setup(db, plan.__class__(**{**plan.__dict__, "villages": ("Thôn Đông", "Thôn Tây")}))
        assert villages_total(db, THAI_LONG, 2024) == 2
        setup.apply_setup(db, setup.plan_from_catalogue(WARD, 2025))
        old = the_unit(db, THAI_LONG)
        assert old.valid_until == 2024
        assert {v.valid_until for v in _villages(db, old.id)} == {2024}
        assert villages_total(db, THAI_LONG, 2024) == 2  # its own year unchanged
    finally:
        db.close()


def _villages(db, unit_id):
    with db.session() as session:
        rows = list(
            session.scalars(select(Unit).where(Unit.parent_id == unit_id, Unit.level_code == "village"))
        )
        session.expunge_all()
        return rows


def _write(folder, text):
    path = folder.parent / "villages.txt"
    path.write_text(text, encoding="utf-8")
    return path
