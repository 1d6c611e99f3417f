"""A restore checks a backup as strictly as the start-up and ``check`` do, and only reads it
(issue #15, findings 1 and 3). ``check`` compares the file's structure with the application's own."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest
from run_cli import cli

from emulation_desktop import paths
from emulation_desktop.operations import records
from emulation_desktop.storage import backup

from .mounts import cli_on_read_only
from .test_bad_files import damage

GIFT = {"year": 2022, "commune_id": "00454", "household_category": "poor", "kind": "gift", "value_vnd": 7}
DONATION = {"year": 2022, "fund_code": "for_the_poor", "amount_vnd": 9}
PLANTED = "CREATE TRIGGER wipe AFTER INSERT ON support_activity BEGIN DELETE FROM donation; END"


def _sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _tamper(path, *statements):
    connection = sqlite3.connect(path)
    for statement in statements:
        connection.execute(statement)
    connection.commit()
    connection.close()


@pytest.fixture
def office(db, data_dir, tmp_path):
    """A data folder with a gift and a donation, and a good backup of it on a "stick"."""
    records.create_records(db, "support_activity", "017", [GIFT])
    records.create_records(db, "donation", "017", [DONATION])
    stick = tmp_path / "stick"
    stick.mkdir()
    copy = stick / "copy.sqlite3"
    backup.save_backup_to(paths.database_path(data_dir), copy)
    db.close()
    return data_dir, copy


TAMPERED = {
    "newer-schema": (("PRAGMA user_version=99",), "phiên bản phần mềm mới hơn"),
    "foreign": (("PRAGMA application_id=7",), "không phải là tệp dữ liệu"),
    "broken-links": (("DELETE FROM unit WHERE code = '020'",), "liên kết đến bản ghi không tồn tại"),
    "planted-trigger": ((PLANTED,), "có thêm trigger (lệnh tự động) “wipe”"),
    "extra-view": (("CREATE VIEW peek AS SELECT * FROM donation",), "khung nhìn (view) “peek”"),
    "dropped-index": (("DROP INDEX ix_donation_scope",), "thiếu chỉ mục “ix_donation_scope”"),
    "changed-table": (("ALTER TABLE donation ADD COLUMN extra TEXT",), "bảng “donation” đã bị sửa đổi"),
}


@pytest.mark.parametrize("case", [*TAMPERED, "damaged"])
def test_a_backup_that_fails_any_check_is_refused_and_left_as_it_was(office, case):
    data_dir, copy = office
    if case == "damaged":
        damage(copy, page=2)
        expected = "bị hỏng"
    else:
        statements, expected = TAMPERED[case]
        _tamper(copy, *statements)
    db_path = paths.database_path(data_dir)
    before, tampered = _sha(db_path), _sha(copy)
    result = cli("restore", copy, data_dir=data_dir)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert expected in result.stderr and "dữ liệu hiện tại được giữ nguyên" in result.stderr, result.stderr
    assert "ngoài dự kiến" not in result.stderr
    assert _sha(db_path) == before
    # Only read: no -wal, -shm or journal was made beside the backup, and it is unchanged.
    assert sorted(p.name for p in copy.parent.iterdir()) == ["copy.sqlite3"]
    assert _sha(copy) == tampered
    assert cli("check", data_dir=data_dir).returncode == 0


@pytest.mark.parametrize("case", ["planted-trigger", "extra-view", "dropped-index", "changed-table"])
def test_check_compares_the_structure_with_the_applications_own(office, case):
    data_dir, _copy = office
    statements, expected = TAMPERED[case]
    _tamper(paths.database_path(data_dir), *statements)
    result = cli("check", data_dir=data_dir)
    assert result.returncode == 1, result.stdout
    assert "✗ Cấu trúc tệp dữ liệu khác với cấu trúc do phần mềm tạo ra" in result.stdout
    assert expected in result.stdout


def test_a_good_backup_restores_and_its_structure_passes(office):
    data_dir, copy = office
    _tamper(paths.database_path(data_dir), "DELETE FROM donation")
    result = cli("restore", copy, data_dir=data_dir, check=True)
    assert "khôi phục" in result.stdout
    checked = cli("check", data_dir=data_dir, check=True)
    assert "✓ Các bảng, chỉ mục và trigger đúng như phần mềm tạo ra." in checked.stdout
    connection = sqlite3.connect(paths.database_path(data_dir))
    assert connection.execute("SELECT count(*) FROM donation").fetchone()[0] == 1
    connection.close()
    assert sorted(p.name for p in copy.parent.iterdir()) == ["copy.sqlite3"]


@pytest.mark.parametrize("journal", ["delete", "wal"], ids=["new-backup", "wal-backup-of-old-versions"])
def test_restore_from_a_read_only_stick(office, journal):
    """The stick is mounted read-only: the backup is read as it is, nothing is made beside it."""
    data_dir, copy = office
    if journal == "wal":  # backups of earlier versions were left in WAL mode
        _tamper(copy, "PRAGMA journal_mode=WAL")
    _tamper(paths.database_path(data_dir), "DELETE FROM donation")
    result = cli_on_read_only(copy.parent, "restore", copy, data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    connection = sqlite3.connect(paths.database_path(data_dir))
    assert connection.execute("SELECT count(*) FROM donation").fetchone()[0] == 1
    connection.close()
    assert sorted(p.name for p in copy.parent.iterdir()) == ["copy.sqlite3"]
    refused = cli_on_read_only(copy.parent, "restore", copy.parent / "none.sqlite3", data_dir=data_dir)
    assert refused.returncode == 2
