"""The window's doors into operations: each takes the Database, opens its own read, and answers as its
building block does inside a session."""

from __future__ import annotations

from datetime import date

from test_operations import HOUSE

from emulation_desktop.operations import audit, records, structure, unit_years
from emulation_desktop.operations.places import places_for, places_under
from emulation_desktop.operations.queries import ListQuery, list_page, list_records


def test_a_page_and_the_places_read_on_their_own(db):
    records.create_record(db, "support_activity", "017", HOUSE)
    query = ListQuery("support_activity", "017", 2022, search="nguyen van")
    page = list_page(db, query)
    with db.session() as session:
        assert page == list_records(session, query)
        assert places_for(db, "017", ("commune", "village")) == places_under(
            session, "017", ("commune", "village")
        )
    assert page.total == 1 and page.rows[0]["beneficiary"] == "Nguyễn Văn An"


def test_the_history_doors_read_the_trail_and_the_lock_together(db):
    record = records.create_record(db, "support_activity", "017", HOUSE, user="lan")
    records.update_record(db, "support_activity", record.id, {"value_vnd": 70_000_000}, user="hoa")
    structure.lock_year(db, "017", 2022, reason="Đã nộp báo cáo", user="hoa")
    lines = audit.record_history_of(db, "support_activity", record.id)
    assert [line.action for line in lines] == ["update", "create"]
    history = audit.year_history_of(db, "017", 2022)
    with db.session() as session:
        assert history.lines == audit.year_history(session, "017", 2022)
    assert [line.action for line in history.lines] == ["lock", "update", "create"]
    assert history.lock.locked and history.lock.reason == "Đã nộp báo cáo"


def test_the_window_first_reads(db):
    this_year = date.today().year
    assert unit_years.has_units(db)
    units = unit_years.units_to_open(db)
    assert [(u.code, u.is_local) for u in units] == [("017", True), ("020", False)]
    ours = units[0]
    records.create_record(db, "support_activity", "017", HOUSE)
    # No year asked for: the latest with records; one asked for is offered even without records.
    assert unit_years.year_choices(db, ours.id).chosen == 2022
    asked = unit_years.year_choices(db, ours.id, 2019)
    assert asked.chosen == 2019 and asked.years == sorted(
        {2019, 2022, this_year, this_year + 1}, reverse=True
    )
    assert unit_years.year_choices(db, None).chosen == this_year
    state = unit_years.year_state_of(db, "020", 2022)
    assert state.imported and not state.editable
    assert unit_years.year_state_of(db, "017", 2022).editable


def test_the_overview_reads_figures_and_pledge_progress_together(db):
    records.create_record(db, "support_activity", "017", HOUSE)
    figures = unit_years.overview(db, "017", 2022)
    assert figures.report["solidarity_houses"].current.value == 1
    assert figures.progress == []  # no pledge targets registered


def test_an_empty_file_has_no_units(tmp_path):
    from emulation_desktop.storage.database import open_database

    empty = open_database(tmp_path / "empty")
    try:
        assert not unit_years.has_units(empty) and unit_years.units_to_open(empty) == []
    finally:
        empty.close()
