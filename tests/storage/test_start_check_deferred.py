"""The window's start opens the data file after the cheap part of its check and runs SQLite's
quick_check later (storage.database.StartCheck): a damaged file is still never written to
(docs/reliability.md, "Garbage in a page of the data file")."""

from __future__ import annotations

import pytest
from damaged_file import damage_table, wal_bytes

from emulation_desktop import paths
from emulation_desktop.domain import models as m
from emulation_desktop.errors import CorruptFileError
from emulation_desktop.operations import records
from emulation_desktop.storage.database import open_database

PLEDGE = {"year": 2022, "title": "Cờ thi đua"}


def test_a_damaged_page_opens_for_reading_but_nothing_is_written(db, data_dir):
    db_path = paths.database_path(data_dir)
    db.close()
    damage_table(db_path)
    damaged = db_path.read_bytes()
    with pytest.raises(CorruptFileError):  # the full check at open still finds it
        open_database(data_dir)

    opened = open_database(data_dir, defer_check=True)  # the header and the schema are sound
    try:
        assert opened.start_check is not None and opened.start_check.ok is None
        with pytest.raises(CorruptFileError) as refused:
            records.create_record(opened, "pledge", "017", PLEDGE)
        assert "hỏng" in refused.value.message
        assert opened.start_check.ok is False
        with pytest.raises(CorruptFileError):  # and again: the answer is kept
            records.create_record(opened, "pledge", "017", PLEDGE)
    finally:
        opened.close()
    assert db_path.read_bytes() == damaged
    assert wal_bytes(db_path) == b""


def test_a_sound_file_is_written_once_its_check_has_passed(db, data_dir):
    db.close()
    opened = open_database(data_dir, defer_check=True)
    try:
        check = opened.start_check
        assert check is not None
        check.cancel()
        assert check.run() is None  # cancelled (the window closing): not an answer
        records.create_record(opened, "pledge", "017", PLEDGE)  # the first change runs the check itself
        assert check.ok is True
        with opened.session() as session:
            assert [p.title for p in session.query(m.Pledge)] == ["Cờ thi đua"]
    finally:
        opened.close()


def test_a_file_to_migrate_or_a_new_one_is_not_deferred(data_dir):
    opened = open_database(data_dir, defer_check=True)  # no file yet: made now, nothing to check
    try:
        assert opened.start_check is None
    finally:
        opened.close()
