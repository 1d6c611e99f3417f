"""Start-up refuses what it cannot read safely, and keeps a damaged file aside, never deleted."""

import sqlite3

import pytest

from emulation_desktop import paths
from emulation_desktop.errors import CorruptFileError, ForeignFileError
from emulation_desktop.storage import backup
from emulation_desktop.storage.database import open_database


def damage(path, page=3):
    size = 4096
    data = bytearray(path.read_bytes())
    assert len(data) > size * (page + 1)
    data[size * page : size * (page + 1)] = b"\x5a" * size
    path.write_bytes(bytes(data))


def checkpoint(path):
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()


def test_garbage_in_a_page_is_detected_and_the_backup_offered(db, data_dir):
    db_path = paths.database_path(data_dir)
    good = backup.take_backup(db_path)
    db.close()
    checkpoint(db_path)
    damage(db_path)
    with pytest.raises(CorruptFileError) as caught:
        open_database(data_dir)
    assert "hỏng" in caught.value.message
    offered = backup.newest_good_backup(paths.backups_dir(data_dir))
    assert offered is not None and offered.path == good.path
    damaged_bytes = db_path.read_bytes()
    backup.restore_backup(db_path, offered.path)
    # The damaged file was moved aside intact, not deleted.
    kept = list(data_dir.glob("emulation-damaged-*.sqlite3"))
    assert len(kept) == 1 and kept[0].read_bytes() == damaged_bytes
    reopened = open_database(data_dir)
    reopened.close()


def test_a_text_file_is_foreign(data_dir):
    paths.database_path(data_dir).write_text("Báo cáo tổng kết", encoding="utf-8")
    with pytest.raises(ForeignFileError):
        open_database(data_dir)
