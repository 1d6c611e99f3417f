"""The data file: pragmas, our application id, refusing foreign and newer files, migrating after a backup."""

import sqlite3

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from emulation_desktop import paths
from emulation_desktop.errors import ForeignFileError, NewerSchemaError
from emulation_desktop.storage import migrations, sqlite
from emulation_desktop.storage.database import open_database


def test_new_file_is_stamped_and_uses_safe_pragmas(data_dir):
    db = open_database(data_dir)
    with db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == sqlite.BUSY_TIMEOUT_MS
    db.close()
    app_id, version, tables = sqlite.read_header(paths.database_path(data_dir))
    assert app_id == sqlite.APPLICATION_ID
    assert version == migrations.SCHEMA_VERSION
    assert tables > 10


def test_reopening_keeps_data(db, data_dir):
    db.close()
    again = open_database(data_dir)
    with again.session() as session:
        assert session.execute(text("SELECT count(*) FROM unit")).scalar() == 9
    again.close()


def test_foreign_sqlite_file_is_refused_and_left_untouched(data_dir):
    target = paths.database_path(data_dir)
    foreign = sqlite3.connect(target)
    foreign.execute("CREATE TABLE notes (body TEXT)")
    foreign.execute("INSERT INTO notes VALUES ('của người khác')")
    foreign.commit()
    foreign.close()
    before = target.read_bytes()
    with pytest.raises(ForeignFileError) as caught:
        open_database(data_dir)
    assert "không phải" in caught.value.message
    assert target.read_bytes() == before


def test_garbage_file_is_refused(data_dir):
    paths.database_path(data_dir).write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(ForeignFileError):
        open_database(data_dir)


def test_newer_schema_is_refused(db, data_dir):
    db.close()
    connection = sqlite3.connect(paths.database_path(data_dir))
    connection.execute(f"PRAGMA user_version={migrations.SCHEMA_VERSION + 1}")
    connection.commit()
    connection.close()
    with pytest.raises(NewerSchemaError) as caught:
        open_database(data_dir)
    assert "mới hơn" in caught.value.message


def test_migration_backs_up_the_file_first(db, data_dir, monkeypatch):
    db.close()

    def add_column(connection):
        connection.execute(text("ALTER TABLE unit ADD COLUMN phone VARCHAR(20) DEFAULT ''"))

    current = migrations.SCHEMA_VERSION  # the next version is made up for this test
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", current + 1)
    monkeypatch.setitem(migrations.MIGRATIONS, current + 1, add_column)
    from emulation_desktop.storage import database

    monkeypatch.setattr(database, "SCHEMA_VERSION", current + 1)
    migrated = open_database(data_dir)
    columns = {c["name"] for c in inspect(migrated.engine).get_columns("unit")}
    assert "phone" in columns
    migrated.close()
    assert sqlite.read_header(paths.database_path(data_dir))[1] == current + 1
    backups = list(paths.backups_dir(data_dir).glob(f"backup-*-before-migration-v{current}.sqlite3"))
    assert len(backups) == 1
    # The backup is the old schema, whole and readable.
    assert sqlite.read_header(backups[0])[1] == current
    copy = sqlite3.connect(backups[0])
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert "phone" not in {row[1] for row in copy.execute("PRAGMA table_info(unit)")}
    copy.close()


def test_check_constraints_hold_even_below_the_core(db):
    """A write that bypasses the core still cannot store cremations above deaths or negative money."""
    with pytest.raises(IntegrityError, match="CHECK"), db.transaction() as session:
        session.execute(
            text(
                "INSERT INTO funeral_tally (id, unit_id, year, commune_id, note, period, deaths, cremations,"
                " created_at, updated_at, updated_by, version, deleted, search_key)"
                " SELECT 'x', u.id, 2022, c.id, '', 'year', 1, 2, '2022-01-01', '2022-01-01', '', 1, 0, ''"
                " FROM unit u, unit c WHERE u.code='017' AND c.code='00454'"
            )
        )
