"""``check`` compares the file's structure with the application's own (storage/schema.py): a file the
migrations bring up to date must match a file made new, or every migrated office would fail ``check``."""

from __future__ import annotations

import sqlite3

from emulation_desktop import paths
from emulation_desktop.storage import schema
from emulation_desktop.storage.database import open_database


def test_a_new_file_matches_the_reference(data_dir):
    database = open_database(data_dir)
    with database.reading() as connection:
        assert schema.differences(connection) == []
    database.close()


def test_a_file_migrated_from_version_1_matches_a_new_file(data_dir):
    """Version 2 added the committee's people (``committee_member``): take it away again to get a
    version-1 file, and let the migration put it back."""
    database = open_database(data_dir)
    database.close()
    connection = sqlite3.connect(paths.database_path(data_dir))
    connection.execute("DROP TABLE committee_member")  # its indexes go with it
    connection.execute("PRAGMA user_version=1")
    connection.commit()
    connection.close()
    migrated = open_database(data_dir)
    with migrated.reading() as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] >= 2
        assert schema.differences(connection) == []
    migrated.close()


def test_extra_missing_and_changed_objects_are_named(data_dir):
    database = open_database(data_dir)
    database.close()
    connection = sqlite3.connect(paths.database_path(data_dir))
    connection.executescript(
        "CREATE TRIGGER wipe AFTER INSERT ON support_activity BEGIN DELETE FROM donation; END;"
        "DROP INDEX ix_donation_scope;"
        "ALTER TABLE donation ADD COLUMN extra TEXT;"
    )
    assert schema.differences(connection) == [
        "có thêm trigger (lệnh tự động) “wipe” không do phần mềm tạo",
        "thiếu chỉ mục “ix_donation_scope”",
        "bảng “donation” đã bị sửa đổi",
    ]
    connection.close()
