"""Backups: verified copies, a retention schedule, and a restore that gives back exactly the backup."""

import os
import shutil
import subprocess
import sys
from datetime import datetime, timedelta

from sqlalchemy import func, select

from emulation_desktop import paths
from emulation_desktop.domain import models as m
from emulation_desktop.operations import records
from emulation_desktop.storage import backup
from emulation_desktop.storage.database import open_database

HOUSE = {
    "year": 2022,
    "kind": "house_new",
    "commune_id": "00454",
    "household_category": "poor",
    "value_vnd": 5,
}


def snapshot(db):
    with db.session() as session:
        return sorted(
            (r.id, r.value_vnd, r.deleted, r.version) for r in session.scalars(select(m.SupportActivity))
        )


def test_round_trip_back_up_change_restore(db, data_dir):
    kept = records.create_record(db, "support_activity", "017", HOUSE)
    before = snapshot(db)
    taken = backup.take_backup(paths.database_path(data_dir))
    assert taken.record_counts()["support_activity"] == 1
    records.update_record(db, "support_activity", kept.id, {"value_vnd": 999})
    records.create_record(db, "support_activity", "017", HOUSE)
    assert snapshot(db) != before
    db.close()

    safety = backup.restore_backup(paths.database_path(data_dir), taken.path)
    restored = open_database(data_dir)
    assert snapshot(restored) == before
    restored.close()
    # The file as it was before the restore was itself kept.
    assert safety is not None and safety.exists()
    with_changes = backup.BackupInfo(safety, datetime.now(), "", 0)
    assert with_changes.record_counts()["support_activity"] == 2


def test_retention_keeps_daily_weekly_monthly(tmp_path, db, data_dir):
    db_path = paths.database_path(data_dir)
    folder = tmp_path / "backups"
    first = backup.take_backup(db_path, folder, reason="auto", now=datetime(2026, 1, 1, 9))
    start = datetime(2026, 1, 1, 9, 0, 0)
    for day in range(400):  # two copies a day for over a year (copies of one real backup: prune reads names)
        for hour in (0, 8):
            stamp = start + timedelta(days=day, hours=hour, minutes=1)
            shutil.copyfile(first.path, folder / f"backup-{stamp:%Y%m%d-%H%M%S-%f}-auto.sqlite3")
    newest_time = start + timedelta(days=400)
    newest = backup.take_backup(db_path, folder, reason="auto", now=newest_time)  # prunes as it keeps
    kept = backup.list_backups(folder)
    assert kept[0].path == newest.path
    days = {b.taken_at.date() for b in kept}
    assert all((newest_time - timedelta(days=n)).date() in days for n in range(7))
    assert len({b.taken_at.isocalendar()[:2] for b in kept}) >= 4
    assert len({(b.taken_at.year, b.taken_at.month) for b in kept}) == 12
    assert len(kept) <= 2 + 7 + 4 + 12  # the last day's copies, then one per period
    # Every kept copy is whole.
    assert backup.newest_good_backup(folder).path == kept[0].path


def test_a_day_of_many_imports_keeps_the_newest_copies_and_the_first(tmp_path, db, data_dir):
    """A city receiving its units' packages one after another takes a copy before each import: the
    newest ``KEEP_RECENT`` of the day are kept, and the day's first, not a copy per package."""
    db_path = paths.database_path(data_dir)
    folder = tmp_path / "backups"
    start = datetime(2026, 12, 15, 8, 0, 0)
    taken = [
        backup.take_backup(db_path, folder, reason="before-import", now=start + timedelta(minutes=3 * n))
        for n in range(40)
    ]
    kept = [b.path for b in backup.list_backups(folder)]
    assert kept == [b.path for b in reversed(taken[-backup.KEEP_RECENT :])] + [taken[0].path]
    assert all(path.exists() for path in kept)


def test_a_damaged_backup_is_never_offered(tmp_path, db, data_dir):
    folder = tmp_path / "backups"
    good = backup.take_backup(paths.database_path(data_dir), folder, now=datetime(2026, 1, 1))
    bad = backup.take_backup(paths.database_path(data_dir), folder, now=datetime(2026, 1, 2))
    data = bytearray(bad.path.read_bytes())
    data[4096 * 2 : 4096 * 3] = b"\xff" * 4096
    bad.path.write_bytes(bytes(data))
    assert backup.newest_good_backup(folder).path == good.path


def test_live_records_counted(db, data_dir):
    for _ in range(3):
        records.create_record(db, "support_activity", "017", HOUSE)
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(m.SupportActivity)) == 3
    info = backup.take_backup(paths.database_path(data_dir))
    assert info.record_counts()["support_activity"] == 3


def test_a_backup_to_a_full_stick_leaves_nothing_and_says_so_in_vietnamese(db, data_dir, tmp_path):
    """The stick is a 128 KiB tmpfs (``mounts.py``): SQLite meets ENOSPC while writing the copy."""
    from .mounts import cli_on_small_disk

    db.close()
    stick = tmp_path / "stick"
    stick.mkdir()
    result, left = cli_on_small_disk(stick, 128, "backup", "--out", stick / "copy.sqlite3", data_dir=data_dir)
    assert result.returncode == 1, result.stdout
    assert "Không đủ dung lượng trống trong" in result.stderr, result.stderr
    assert "disk is full" not in result.stderr and "ngoài dự kiến" not in result.stderr
    assert left == []  # no copy.sqlite3.part, no .part-journal


def test_a_partial_copy_left_by_a_killed_backup_is_removed_by_the_next_one(db, data_dir, tmp_path):
    target = tmp_path / "stick" / "copy.sqlite3"
    target.parent.mkdir()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    running = target.parent / f"copy.sqlite3.part-{os.getppid()}"  # another copy still writing
    running.write_bytes(b"being written")
    for leftover in (f"copy.sqlite3.part-{dead.pid}", f"copy.sqlite3.part-{dead.pid}-journal"):
        (target.parent / leftover).write_bytes(b"half a copy")
    backup.save_backup_to(paths.database_path(data_dir), target)
    assert sorted(p.name for p in target.parent.iterdir()) == ["copy.sqlite3", running.name]
    # The copy is a rollback-journal file: a read-only stick can read it without -wal/-shm files.
    assert target.read_bytes()[18:20] == b"\x01\x01"
