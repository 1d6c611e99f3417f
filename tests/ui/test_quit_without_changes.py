"""Closing the window: a verified backup when the data changed since the last one (docs/reliability.md),
nothing at all when it did not (issue #19: a look-and-quit does no work)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from helpers import editor_of, press, type_into

from emulation_desktop import paths
from emulation_desktop.operations import records
from emulation_desktop.storage import backup
from emulation_desktop.storage.database import open_database
from emulation_desktop.ui import app as ui_app
from emulation_desktop.ui import settings
from emulation_desktop.ui.main_window import MainWindow
from emulation_desktop.ui.qt import Qt


def kept(data_dir) -> list[backup.BackupInfo]:
    return backup.list_backups(paths.backups_dir(data_dir))


def backed_up_now(data_dir) -> backup.BackupInfo:
    """A verified backup of the file as it is, as the last close of a session leaves one."""
    return backup.take_backup(paths.database_path(data_dir), reason="close")


def open_window(qtbot, db) -> MainWindow:
    ui_app.prepare(ui_app.application(), "vi")
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.start()
    window.show()
    qtbot.waitExposed(window)
    return window


def verified(info: backup.BackupInfo) -> bool:
    connection = sqlite3.connect(info.path)
    try:
        return connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        connection.close()


def test_a_quit_with_no_edit_takes_no_backup(qtbot, db, data_dir):
    before = backed_up_now(data_dir)
    window = open_window(qtbot, db)
    assert window.close()
    assert [b.path for b in kept(data_dir)] == [before.path]  # no new copy


def test_the_settings_file_is_written_only_when_something_to_remember_changed(qtbot, db, data_dir):
    window = open_window(qtbot, db)
    assert window.close()
    ini = Path(settings.app_settings().fileName())
    written = ini.stat().st_mtime_ns
    window.show()
    qtbot.waitExposed(window)
    assert window.close()  # the same size, tab, unit and year
    assert ini.stat().st_mtime_ns == written
    window.show()
    qtbot.waitExposed(window)
    window.tabs.setCurrentIndex(1)
    assert window.close()
    assert ini.stat().st_mtime_ns != written
    assert int(settings.get("window/tab")) == 1


def test_a_quit_after_an_edit_in_the_window_leaves_a_new_verified_backup(qtbot, db, data_dir):
    before = backed_up_now(data_dir)
    window = open_window(qtbot, db)
    window.context_bar.choose("017", 2022)
    editor = editor_of(window, "donation")
    editor.add()
    type_into(qtbot, editor.form.widgets["donor"], "Công ty Cổ phần Đông Anh")
    type_into(qtbot, editor.form.widgets["amount_vnd"], "2,28 tỷ")
    press(qtbot, editor.form.widgets["amount_vnd"], Qt.Key.Key_Return)
    assert window.close()
    newest = kept(data_dir)[0]
    assert newest.path != before.path and newest.reason == "close"
    assert verified(newest) and newest.record_counts()["donation"] == 1


def test_a_write_nobody_announced_still_counts(qtbot, db, data_dir):
    """The watch sees every commit to the file, not only those the editors announce."""
    before = backed_up_now(data_dir)
    window = open_window(qtbot, db)
    records.create_record(db, "pledge", "017", {"year": 2022, "title": "Cờ thi đua"})  # no signal
    assert window.close()
    newest = kept(data_dir)[0]
    assert newest.path != before.path and verified(newest) and newest.record_counts()["pledge"] >= 1


def test_a_change_made_while_no_window_was_open_is_backed_up_at_the_next_quit(qtbot, db, data_dir):
    before = backed_up_now(data_dir)
    records.create_record(db, "pledge", "017", {"year": 2022, "title": "Cờ thi đua"})  # a command, say
    window = open_window(qtbot, db)
    assert window.close()
    assert kept(data_dir)[0].path != before.path


def test_after_a_backup_only_later_changes_count(qtbot, db, data_dir):
    window = open_window(qtbot, db)
    auto = window.safety.autobackup
    records.create_record(db, "pledge", "017", {"year": 2022, "title": "Cờ thi đua"})
    assert auto.needs_backup()
    assert auto.take("manual") is not None
    assert not auto.needs_backup()  # the copy has it all
    records.create_record(db, "pledge", "017", {"year": 2022, "title": "Cờ thi đua 2"})
    assert auto.needs_backup()


def test_a_folder_never_backed_up_gets_its_first_backup(qtbot, tmp_path):
    folder = tmp_path / "new"
    db = open_database(folder)  # a new file, made at this start
    try:
        window = open_window(qtbot, db)
        assert window.close()
        assert [b.reason for b in kept(folder)] == ["close"]
    finally:
        db.close()


def test_a_start_after_a_crash_backs_up_at_quit(qtbot, db, data_dir):
    """The last session may have written after its last backup without closing: ``run`` marks it."""
    backed_up_now(data_dir)
    window = open_window(qtbot, db)
    window.safety.autobackup.mark_dirty()  # what ui.app.run does when the lock was left by a crash
    assert window.close()
    assert len(kept(data_dir)) == 2
