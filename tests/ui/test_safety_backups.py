"""Backups in the window: taken when the window closes and every 30 minutes while there are changes;
the Backups dialog lists them with their record counts, restores one after a confirmation (the
current data backed up first) and saves a checked copy to a USB stick."""

from __future__ import annotations

import sqlite3

from helpers import editor_of, press, reload, rows, type_into

from emulation_desktop import paths
from emulation_desktop.domain import models as m
from emulation_desktop.operations import records
from emulation_desktop.storage import backup
from emulation_desktop.ui import dialogs
from emulation_desktop.ui.backups_dialog import BackupsDialog
from emulation_desktop.ui.qt import QApplication, Qt


def kept(data_dir):
    return backup.list_backups(paths.backups_dir(data_dir))


def test_a_backup_is_taken_when_the_window_closes(qtbot, window, data_dir):
    assert kept(data_dir) == []
    editor = editor_of(window, "donation")
    editor.add()
    type_into(qtbot, editor.form.widgets["donor"], "Công ty Cổ phần Đông Anh")
    type_into(qtbot, editor.form.widgets["amount_vnd"], "2,28 tỷ")
    press(qtbot, editor.form.widgets["amount_vnd"], Qt.Key.Key_Return)
    assert window.safety.autobackup.dirty
    assert window.close()
    copies = kept(data_dir)
    assert [c.reason for c in copies] == ["close"]
    assert copies[0].record_counts()["donation"] == 1  # the record typed just before closing
    connection = sqlite3.connect(copies[0].path)
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    connection.close()


def test_every_30_minutes_only_while_there_are_changes(qtbot, window, db, data_dir):
    auto = window.safety.autobackup
    assert auto.timer.isActive() and auto.timer.interval() == 30 * 60 * 1000
    auto.tick()
    assert kept(data_dir) == []  # nothing changed yet
    records.create_record(db, "pledge", "017", {"year": 2022, "title": "Cờ thi đua"})
    window.ctx.records_changed.emit("pledge")  # what every editor announces after a write
    auto.tick()
    assert [c.reason for c in kept(data_dir)] == ["auto"]
    auto.tick()
    assert len(kept(data_dir)) == 1  # clean again until the next change


def test_the_dialog_lists_backups_with_counts_and_restores_after_confirmation(
    qtbot, window, db, data_dir, shown
):
    records.create_record(db, "donation", "017", {"year": 2022, "fund_code": "for_the_poor", "amount_vnd": 5})
    dialog = BackupsDialog(window.safety, window)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 0 and not dialog.empty.isHidden()
    dialog.backup_now.click()
    assert dialog.model.rowCount() == 1 and dialog.empty.isHidden()
    first = dialog.model.rows[0][0]
    assert dialog.model.data(dialog.model.index(0, 3)) == "Ủng hộ quỹ: 1"
    assert dialog.model.data(dialog.model.index(0, 1)) == "Sao lưu thủ công"

    # After the backup: one more donation, and an edit, through the window.
    records.create_record(db, "donation", "017", {"year": 2022, "fund_code": "sea_islands", "amount_vnd": 7})
    reload(window)
    assert editor_of(window, "donation").model.rowCount() == 2
    dialog.reload()
    dialog.table.selectRow(0)
    assert dialog.selected() == first

    dialog.restore.click()
    assert "Thay dữ liệu hiện tại bằng bản sao lưu lúc" in shown[0] and "Ủng hộ quỹ: 1" in shown[0]
    assert "Đã khôi phục" in shown[1]
    # The data equals the backup, and the window shows it from the reopened file.
    assert [d.amount_vnd for d in rows(window.ctx.db, m.Donation)] == [5]
    donations = editor_of(window, "donation")
    assert donations.model.rowCount() == 1
    assert (window.ctx.unit_code, window.ctx.year) == ("017", 2022)
    # The data as it was just before is kept as a backup, listed in the dialog.
    reasons = [dialog.model.rows[i][0].reason for i in range(dialog.model.rowCount())]
    assert reasons == ["before-restore", "manual"]
    assert dialog.model.data(dialog.model.index(0, 3)) == "Ủng hộ quỹ: 2"
    # The window keeps working on the restored file.
    donations.add()
    type_into(qtbot, donations.form.widgets["amount_vnd"], "9")
    press(qtbot, donations.form.widgets["amount_vnd"], Qt.Key.Key_Return)
    assert sorted(d.amount_vnd for d in rows(window.ctx.db, m.Donation)) == [5, 9]


def test_nothing_is_restored_without_confirmation(qtbot, window, db, data_dir, shown, monkeypatch):
    dialog = BackupsDialog(window.safety, window)
    qtbot.addWidget(dialog)
    dialog.take_now()
    records.create_record(db, "pledge", "017", {"year": 2022, "title": "Giữ lại"})
    monkeypatch.setattr(dialogs, "confirm", lambda _parent, text: shown.append(text) or False)
    dialog.restore.click()
    assert [p.title for p in rows(window.ctx.db, m.Pledge)] == ["Giữ lại"]
    assert dialog.model.rowCount() == 1


def test_save_a_backup_to_usb(qtbot, window, db, tmp_path, shown):
    records.create_record(db, "pledge", "017", {"year": 2022, "title": "Cờ thi đua"})
    stick = tmp_path / "USB MTTQ"
    stick.mkdir()
    dialog = BackupsDialog(window.safety, window)
    qtbot.addWidget(dialog)
    dialog.choose_folder = lambda start: stick
    saved = dialog.save_to_usb()
    again = dialog.save_to_usb()
    assert saved.parent == stick and again != saved  # never overwrites a copy already there
    copy = backup.BackupInfo(saved, saved.stat().st_mtime, "", saved.stat().st_size)
    assert copy.record_counts()["pledge"] == 1
    assert "Đã lưu và kiểm tra" in shown[0]
    dialog.choose_folder = lambda start: None
    assert dialog.save_to_usb() is None


def test_backups_menu_and_dialog_texts(qtbot, window, data_dir):
    names = [a.objectName() for a in window.menuBar().actions()[0].menu().actions()]
    assert names[0] == "backups"
    opened = []
    window.safety.run_dialog = lambda dialog: opened.append(dialog) or False
    window.safety.backups_action.trigger()
    assert isinstance(opened[0], BackupsDialog) and opened[0].windowTitle() == "Sao lưu"
    opened[0].deleteLater()
    QApplication.processEvents()
