"""Closing the window keeps what was confirmed; reopening shows it again, in the remembered place."""

from __future__ import annotations

import logging
import sys

from helpers import editor_of, press, rows, type_into

from emulation_desktop.domain import models as m
from emulation_desktop.storage.database import open_database
from emulation_desktop.ui import crash, crash_dialog
from emulation_desktop.ui.logs import setup_logging
from emulation_desktop.ui.main_window import MainWindow
from emulation_desktop.ui.qt import QApplication, Qt


def test_close_and_reopen_keeps_data_and_place(qtbot, window, db, data_dir):
    editor = editor_of(window, "donation")
    editor.add()
    type_into(qtbot, editor.form.widgets["donor"], "Công ty Cổ phần Đông Anh")
    type_into(qtbot, editor.form.widgets["amount_vnd"], "2,28 tỷ")
    press(qtbot, editor.form.widgets["amount_vnd"], Qt.Key.Key_Return)
    type_into(qtbot, editor.form.widgets["donor"], "Công ty TNHH Bắc Hồng")  # typed, not yet confirmed
    assert window.close()  # closing saves the record being edited
    db.close()

    reopened_db = open_database(data_dir)
    again = MainWindow(reopened_db)
    qtbot.addWidget(again)
    again.start()
    again.show()  # as the app does: editors load when the clerk can see them
    qtbot.waitExposed(again)
    assert (again.ctx.unit_code, again.ctx.year) == ("017", 2022)
    assert again.tabs.currentIndex() == 2
    donations = editor_of(again, "donation")
    assert donations.model.rowCount() == 1
    assert donations.model.rows[0]["donor"] == "Công ty TNHH Bắc Hồng"
    assert donations.model.rows[0]["amount_vnd"] == 2_280_000_000
    assert len(rows(reopened_db, m.Donation)) == 1
    reopened_db.close()


def test_unsaved_bad_input_asks_before_closing(qtbot, window, shown, monkeypatch):
    from emulation_desktop.ui import dialogs

    editor = editor_of(window, "donation")
    editor.add()
    type_into(qtbot, editor.form.widgets["amount_vnd"], "abc")
    monkeypatch.setattr(dialogs, "confirm", lambda _parent, text: shown.append(text) or False)
    assert not window.close()
    assert shown and "đỏ" in shown[-1]


def test_unexpected_error_is_logged_and_shown(qtbot, data_dir, monkeypatch):
    log_file = setup_logging(data_dir)
    seen = []
    monkeypatch.setattr(crash_dialog.CrashDialog, "exec", lambda self: seen.append(self.report.toPlainText()))
    try:
        raise RuntimeError("hỏng")
    except RuntimeError:
        crash.handle_exception(*sys.exc_info())
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert "RuntimeError: hỏng" in seen[0]
    assert "RuntimeError: hỏng" in log_file.read_text(encoding="utf-8")
    dialog = crash_dialog.CrashDialog("báo cáo")
    dialog.copy()
    assert QApplication.clipboard().text() == "báo cáo"


def test_quitting_after_an_edit_raises_nothing_as_the_window_is_torn_down(qtbot, db, data_dir):
    """Ctrl+Q after a saved edit used to end in the crash dialog: the undo stack's last signal, sent while
    the window was being destroyed, reached a slot that read the deleted stack."""
    import gc

    from emulation_desktop.ui.qt import QEvent

    window = MainWindow(db)
    window.start()
    window.show()
    qtbot.waitExposed(window)
    editor = editor_of(window, "donation")
    editor.add()
    type_into(qtbot, editor.form.widgets["donor"], "Công ty Cổ phần Đông Anh")
    type_into(qtbot, editor.form.widgets["amount_vnd"], "1.000.000")
    press(qtbot, editor.form.widgets["amount_vnd"], Qt.Key.Key_Return)
    assert window.undo_action.isEnabled()  # the edit is on the undo stack
    with qtbot.captureExceptions() as raised:
        window.quit_action.trigger()
        window.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        del window, editor
        gc.collect()
        QApplication.processEvents()
    assert raised == []


def test_each_data_folder_reopens_its_own_unit_and_year(qtbot, window, db, data_dir, tmp_path):
    """Another data folder (a colleague's stick, a test copy) does not reopen the unit and year last
    open in the first: it starts on its own units, and the first folder still reopens where it was."""
    from emulation_desktop.operations.structure import add_units

    window.context_bar.choose("020", 2022)  # Thanh Trì, a unit imported here
    assert window.close()
    db.close()

    other_db = open_database(tmp_path / "other")
    add_units(other_db, None, [{"code": "250", "name": "Huyện Sóc Sơn", "level": "district"}], is_local=True)
    other = MainWindow(other_db)
    qtbot.addWidget(other)
    other.start()
    assert other.ctx.unit_code == "250"
    assert other.close()
    other_db.close()

    again_db = open_database(data_dir)
    again = MainWindow(again_db)
    qtbot.addWidget(again)
    again.start()
    assert (again.ctx.unit_code, again.ctx.year) == ("020", 2022)
    again.close()
    again_db.close()
