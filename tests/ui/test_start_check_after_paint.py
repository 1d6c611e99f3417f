"""The window opens before the data file's full check, which runs once it shows (ui/startup.py,
``check_after_start``): a damaged file is then handled as at start, and never written to
(docs/reliability.md, "Garbage in a page of the data file")."""

from __future__ import annotations

import pytest
from damaged_file import damage_table, wal_bytes

from emulation_desktop import paths
from emulation_desktop.domain import models as m
from emulation_desktop.errors import CorruptFileError
from emulation_desktop.operations import records
from emulation_desktop.storage import backup
from emulation_desktop.ui import dialogs, startup

WAIT_MS = 20_000
PLEDGE = {"year": 2022, "title": "Cờ thi đua"}


def _window(qtbot, db):
    from emulation_desktop.ui import app as ui_app
    from emulation_desktop.ui.main_window import MainWindow

    ui_app.prepare(ui_app.application(), "vi")
    win = MainWindow(db)
    qtbot.addWidget(win)
    win.start()
    win.show()
    return win


def _damaged_folder(db, data_dir):
    records.create_record(db, "pledge", "017", PLEDGE)
    db_path = paths.database_path(data_dir)
    good = backup.take_backup(db_path)
    db.close()
    damage_table(db_path)
    return db_path, good


def test_damage_found_after_the_window_shows_offers_the_backup(qtbot, db, data_dir, shown):
    db_path, good = _damaged_folder(db, data_dir)
    damaged = db_path.read_bytes()
    opened = startup.open_data(data_dir, defer_check=True)
    assert shown == []  # the window opens: the cheap check passed
    win = _window(qtbot, opened)
    startup.check_after_start(data_dir, win)
    qtbot.waitUntil(lambda: any("Đã khôi phục" in text for text in shown), timeout=WAIT_MS)
    assert "hỏng" in shown[0] and "Thay tệp này bằng bản sao lưu lúc" in shown[0]
    kept = list(data_dir.glob("emulation-damaged-*.sqlite3"))
    assert len(kept) == 1 and kept[0].read_bytes() == damaged  # set aside byte for byte
    assert win.ctx.db is not opened
    with win.ctx.db.session() as session:
        assert [p.title for p in session.query(m.Pledge)] == ["Cờ thi đua"]
    records.create_record(win.ctx.db, "pledge", "017", {**PLEDGE, "title": "Sau khôi phục"})
    assert good.path.exists()
    win.close()


def test_damage_found_after_the_window_shows_is_never_written_to(qtbot, db, data_dir, shown, monkeypatch):
    db_path, _good = _damaged_folder(db, data_dir)
    damaged = db_path.read_bytes()
    monkeypatch.setattr(dialogs, "confirm", lambda _parent, text: shown.append(text) or False)
    opened = startup.open_data(data_dir, defer_check=True)
    win = _window(qtbot, opened)
    startup.check_after_start(data_dir, win)
    qtbot.waitUntil(lambda: any("Không có gì bị thay đổi" in text for text in shown), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not win.isVisible(), timeout=WAIT_MS)  # the window closed itself
    assert startup.STOPPED.pop(id(win)) == 1
    with pytest.raises(CorruptFileError):
        records.create_record(opened, "pledge", "017", PLEDGE)
    assert db_path.read_bytes() == damaged
    assert wal_bytes(db_path) == b""
    assert not list(data_dir.glob("emulation-damaged-*"))
