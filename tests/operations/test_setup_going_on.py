"""Which new units an old unit's office may go on as (issue #16): the official mapping read the other
way round, for a unit owned here that ended with the reorganisation; never for a unit of the 2025 list,
nor for an old unit owned elsewhere. Real SQLite files."""

from __future__ import annotations

from predecessor_ward import THAI_LONG, WARD

from emulation_desktop.operations import setup
from emulation_desktop.storage.database import open_database

UY_NO, DONG_ANH, THU_LAM = "00478", "00454", "00475"


def codes(units):
    return [u.code for u in units]


def test_the_mapping_read_the_other_way_round():
    assert codes(setup.successors(THAI_LONG)) == [WARD] and setup.likely_successor(THAI_LONG) == WARD
    assert codes(setup.successors(UY_NO)) == [DONG_ANH, THU_LAM]
    assert setup.likely_successor(UY_NO) == ""  # split: the clerk says which
    assert setup.successors(DONG_ANH + "9") == ()


def test_only_an_old_unit_owned_here_goes_on(data_dir):
    db = open_database(data_dir)
    try:
        assert setup.going_on_as(db, THAI_LONG) == ()  # not in this file
        setup.apply_setup(db, setup.plan_from_catalogue(THAI_LONG, 2024))
        assert codes(setup.going_on_as(db, THAI_LONG)) == [WARD]
        setup.apply_setup(db, setup.plan_from_catalogue(WARD, 2025))
        assert codes(setup.going_on_as(db, THAI_LONG)) == [WARD]  # ended in 2024, still offered
        assert setup.going_on_as(db, WARD) == ()  # a unit of the 2025 list is the new unit itself
    finally:
        db.close()
