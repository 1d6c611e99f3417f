"""Fixtures for the window tests: offscreen Qt, settings in a temporary folder, a real data file."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from emulation_desktop.ui import dialogs
from emulation_desktop.ui.qt import QSettings


@pytest.fixture(autouse=True)
def _fresh_settings(tmp_path, qapp):
    """The developer's real settings are never read or written: QSettings points into tmp_path."""
    folder = tmp_path / "settings"
    folder.mkdir()
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    yield folder


@pytest.fixture(autouse=True)
def _no_modal_dialogs(monkeypatch):
    """A modal dialog would hang an offscreen test: record what would have been shown instead."""
    shown: list[str] = []
    monkeypatch.setattr(dialogs, "warn", lambda _parent, text: shown.append(text))
    monkeypatch.setattr(dialogs, "inform", lambda _parent, text: shown.append(text))
    monkeypatch.setattr(dialogs, "confirm", lambda _parent, text: shown.append(text) or True)
    return shown


@pytest.fixture
def shown(_no_modal_dialogs):
    """The texts of the warnings and questions the window tried to show."""
    return _no_modal_dialogs


@pytest.fixture
def window(qtbot, db):
    """The main window over the shared small tree (017 Đông Anh ours, 020 Thanh Trì imported), 2022."""
    from emulation_desktop.ui import app as ui_app
    from emulation_desktop.ui.main_window import MainWindow

    ui_app.prepare(ui_app.application(), "vi")
    win = MainWindow(db)
    qtbot.addWidget(win)
    win.start()
    win.resize(1366, 768)
    win.context_bar.choose("017", 2022)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.ctx.undo_stack.clear()


@pytest.fixture
def demo_window(qtbot, demo_dir, tmp_path):
    """The main window over a copy of the demo (Cluster No. 3, Đông Anh ours), 2022, shown and active
    (shortcuts need an active window)."""
    import shutil

    from emulation_desktop import paths
    from emulation_desktop.storage.database import open_database
    from emulation_desktop.ui import app as ui_app
    from emulation_desktop.ui.main_window import MainWindow

    folder = tmp_path / "demo"
    folder.mkdir()
    shutil.copyfile(paths.database_path(demo_dir), paths.database_path(folder))
    db = open_database(folder)
    ui_app.prepare(ui_app.application(), "vi")
    win = MainWindow(db)
    qtbot.addWidget(win)
    win.start()
    win.resize(1366, 768)
    win.context_bar.choose("017", 2022)
    win.show()
    win.activateWindow()
    qtbot.waitExposed(win)
    yield win
    win.ctx.undo_stack.clear()
    db.close()
