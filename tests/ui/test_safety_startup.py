"""Start-up: one copy per data folder (the second one is told plainly and brings the first forward), a
lock left by a crash taken over quietly, a damaged file replaced by the newest good backup and kept
aside, foreign and newer files refused, and a warning for a network or removable data folder."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from emulation_desktop import paths
from emulation_desktop.domain import models as m
from emulation_desktop.operations import records
from emulation_desktop.storage import backup, location, sqlite
from emulation_desktop.storage.database import open_database
from emulation_desktop.ui import dialogs, single_instance, startup
from emulation_desktop.ui.qt import QWidget

FIRST_COPY = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from emulation_desktop.storage.instance_lock import InstanceLock
    from emulation_desktop.ui.single_instance import RaiseServer

    app = QApplication([])
    folder = Path(sys.argv[1])
    lock = InstanceLock(folder).acquire()
    server = RaiseServer(folder)
    server.raise_requested.connect(lambda: (print("raised", flush=True), app.quit()))
    print("held", flush=True)
    QTimer.singleShot(30000, app.quit)
    app.exec()
    """
)


def start_first_copy(folder):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    process = subprocess.Popen(
        [sys.executable, "-c", FIRST_COPY, str(folder)], stdout=subprocess.PIPE, text=True, env=env
    )
    assert process.stdout.readline().strip() == "held"
    return process


def test_second_copy_is_told_plainly_and_raises_the_first(qtbot, data_dir, shown):
    first = start_first_copy(data_dir)
    try:
        with pytest.raises(startup.StartupStopped) as stopped:
            startup.acquire_instance(data_dir)
        assert stopped.value.exit_code == 0
        assert len(shown) == 1 and "đang được mở" in shown[0]
        assert first.stdout.readline().strip() == "raised"  # the first copy heard the request
        assert first.wait(timeout=10) == 0
    finally:
        first.kill()
        first.wait()


def test_second_copy_through_the_whole_start(qtbot, data_dir, shown, monkeypatch):
    from emulation_desktop.ui import app as ui_app

    monkeypatch.setattr(ui_app, "install_excepthook", lambda: None)
    monkeypatch.setattr(ui_app, "setup_logging", lambda folder: None)
    first = start_first_copy(data_dir)
    try:
        assert ui_app.run(str(data_dir), language="vi") == 0
        assert "đang được mở" in shown[0]
        assert not paths.database_path(data_dir).exists()  # the data file was not even opened
    finally:
        first.kill()
        first.wait()


def test_the_raise_request_reaches_the_first_window(qtbot, data_dir):
    window = QWidget()
    qtbot.addWidget(window)
    server = single_instance.RaiseServer(data_dir, window)
    assert server.listening
    raised = []
    server.raise_requested.connect(lambda: raised.append(True))
    window.showMinimized()
    with qtbot.waitSignal(server.raise_requested, timeout=5000):
        assert single_instance.request_raise(data_dir)
    assert raised == [True]
    assert not window.isMinimized()
    server.close()
    assert not single_instance.request_raise(data_dir, timeout_ms=200)  # nobody listens any more


def test_a_lock_left_by_a_crash_is_taken_over_without_a_dialog(qtbot, data_dir, shown):
    first = start_first_copy(data_dir)
    os.kill(first.pid, signal.SIGKILL)
    first.wait()
    lock = startup.acquire_instance(data_dir)
    try:
        assert lock.recovered_stale
        assert shown == []
        server = single_instance.RaiseServer(data_dir)  # its socket was left behind too
        assert server.listening
        server.close()
    finally:
        lock.release()


def damage(path, page=3):
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    data = bytearray(path.read_bytes())
    data[4096 * page : 4096 * (page + 1)] = b"\x5a" * 4096
    path.write_bytes(bytes(data))


def test_damaged_file_is_replaced_by_the_newest_good_backup(qtbot, db, data_dir, shown):
    records.create_record(db, "pledge", "017", {"year": 2022, "title": "Cờ thi đua"})
    db_path = paths.database_path(data_dir)
    good = backup.take_backup(db_path)
    db.close()
    damage(db_path)
    damaged_bytes = db_path.read_bytes()

    reopened = startup.open_data(data_dir)
    try:
        assert "hỏng" in shown[0] and "Thay tệp này bằng bản sao lưu lúc" in shown[0]
        assert "Đăng ký thi đua: 1)" in shown[0]  # the offered copy says what it holds
        assert "Đã khôi phục" in shown[1]
        with reopened.session() as session:
            assert [p.title for p in session.query(m.Pledge)] == ["Cờ thi đua"]
        kept = list(data_dir.glob("emulation-damaged-*.sqlite3"))
        assert len(kept) == 1 and kept[0].read_bytes() == damaged_bytes
        assert kept[0].name in shown[1]
        assert good.path.exists()
    finally:
        reopened.close()


def test_damaged_file_left_untouched_when_the_clerk_declines(qtbot, db, data_dir, shown, monkeypatch):
    db_path = paths.database_path(data_dir)
    backup.take_backup(db_path)
    db.close()
    damage(db_path)
    damaged_bytes = db_path.read_bytes()
    monkeypatch.setattr(dialogs, "confirm", lambda _parent, text: shown.append(text) or False)
    with pytest.raises(startup.StartupStopped) as stopped:
        startup.open_data(data_dir)
    assert stopped.value.exit_code == 1
    assert db_path.read_bytes() == damaged_bytes
    assert not list(data_dir.glob("emulation-damaged-*"))
    assert "Không có gì bị thay đổi" in shown[-1]


def test_damaged_file_without_a_backup_is_left_as_it_is(qtbot, db, data_dir, shown):
    db_path = paths.database_path(data_dir)
    db.close()
    damage(db_path)
    with pytest.raises(startup.StartupStopped):
        startup.open_data(data_dir)
    assert "Không tìm thấy bản sao lưu" in shown[0]
    assert db_path.exists()


def test_foreign_and_newer_files_are_refused(qtbot, data_dir, shown, tmp_path):
    db_path = paths.database_path(data_dir)
    db_path.write_text("Báo cáo tổng kết", encoding="utf-8")
    with pytest.raises(startup.StartupStopped) as stopped:
        startup.open_data(data_dir)
    assert stopped.value.exit_code == 2 and "không phải" in shown[-1]
    assert db_path.read_text(encoding="utf-8") == "Báo cáo tổng kết"

    db_path.unlink()
    open_database(data_dir).close()
    connection = sqlite3.connect(db_path)
    sqlite.stamp(connection, 999)
    connection.commit()
    connection.close()
    with pytest.raises(startup.StartupStopped) as stopped:
        startup.open_data(data_dir)
    assert stopped.value.exit_code == 2 and "phiên bản phần mềm mới hơn" in shown[-1]


def test_network_or_removable_folder_is_warned_once(qtbot, window, data_dir, shown, monkeypatch):
    monkeypatch.setattr(location, "classify", lambda folder: location.NETWORK)
    text = startup.warn_about_location(data_dir, window)
    assert "ổ mạng" in text and shown == [text]
    label = window.safety.location_label
    assert label is not None and label.isVisible() and label.toolTip() == text
    startup.warn_about_location(data_dir, window)
    assert shown == [text]  # the dialog once; the notice in the status bar stays
    monkeypatch.setattr(location, "classify", lambda folder: location.LOCAL)
    assert startup.warn_about_location(data_dir, window) == ""


WHOLE_APP = textwrap.dedent(
    """
    import sys
    from emulation_desktop.ui import app as ui_app
    from emulation_desktop.ui.qt import QApplication, QTimer

    ui_app.application()
    QTimer.singleShot(int(sys.argv[2]), QApplication.closeAllWindows)
    sys.exit(ui_app.run(sys.argv[1], language="vi"))
    """
)


def test_the_whole_app_in_its_own_process(qtbot, data_dir, tmp_path):
    """Start the real app: it holds the lock, listens, comes forward when asked, and on closing takes a
    checked backup and lets go of the lock."""
    import time

    from emulation_desktop.storage.instance_lock import AlreadyOpenError, InstanceLock
    from emulation_desktop.ui.logs import LOG_FILE

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", EMULATION_DESKTOP_LANG="vi")
    env.pop("EMULATION_DESKTOP_DATA_DIR", None)
    settings_home = tmp_path / "home"
    env["XDG_CONFIG_HOME"] = str(settings_home)  # the app's own settings stay out of the developer's
    process = subprocess.Popen([sys.executable, "-c", WHOLE_APP, str(data_dir), "8000"], env=env)
    log_file = paths.logs_dir(data_dir) / LOG_FILE
    try:
        deadline = time.monotonic() + 30
        while "listening for a second copy" not in (log_file.read_text("utf-8") if log_file.exists() else ""):
            assert time.monotonic() < deadline and process.poll() is None
            time.sleep(0.1)
        with pytest.raises(AlreadyOpenError):
            InstanceLock(data_dir).acquire()
        assert single_instance.request_raise(data_dir)
        assert process.wait(timeout=30) == 0
    finally:
        process.kill()
        process.wait()
    text = log_file.read_text("utf-8")
    assert "asked this window to come forward" in text
    assert [c.reason for c in kept_backups(data_dir)] == ["close"]
    InstanceLock(data_dir).acquire().release()  # the lock was let go


def kept_backups(data_dir):
    return backup.list_backups(paths.backups_dir(data_dir))
