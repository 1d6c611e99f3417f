"""Long work runs off the GUI thread behind a Vietnamese progress dialog; typed errors become a message,
anything else goes to the crash handler."""

from __future__ import annotations

import sys
import threading

import pytest

from emulation_desktop.errors import InputError
from emulation_desktop.locale.i18n import _
from emulation_desktop.ui import background, dialogs
from emulation_desktop.ui.qt import QApplication, QProgressDialog, QPushButton, Qt, QWidget


@pytest.fixture
def parent(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_work_runs_off_the_gui_thread_and_reports_back_on_it(qtbot, parent):
    seen = {}

    def work():
        seen["worker"] = threading.get_ident()
        return 42

    def done(result):
        seen["result"] = result
        seen["done_on"] = threading.get_ident()

    operation = background.run(parent, work, "Đang lập tài liệu…", on_done=done)
    with qtbot.waitSignal(operation.finished, timeout=10_000):
        pass
    assert seen["result"] == 42
    assert seen["worker"] != threading.main_thread().ident
    assert seen["done_on"] == threading.main_thread().ident
    assert operation.progress is None  # quick work: no dialog flashed up
    assert not background.running()


def test_slow_work_shows_a_modal_vietnamese_progress_dialog(qtbot, parent):
    release = threading.Event()
    operation = background.run(parent, lambda: release.wait(10), "Đang lưu và kiểm tra tệp…")
    qtbot.waitUntil(lambda: operation.progress is not None, timeout=5_000)
    dialog = operation.progress
    assert isinstance(dialog, QProgressDialog) and dialog.isVisible()
    assert dialog.labelText() == "Đang lưu và kiểm tra tệp…"
    assert dialog.windowTitle() == _(dialogs.APP_TITLE_MSGID) != dialogs.APP_TITLE_MSGID
    assert dialog.windowModality() == Qt.WindowModality.WindowModal
    assert dialog.findChildren(QPushButton) == []  # no English "Cancel": the work cannot stop halfway
    assert background.running()
    with qtbot.waitSignal(operation.finished, timeout=10_000):
        release.set()
    assert operation.progress is None
    QApplication.processEvents()  # deleteLater runs
    assert parent.findChildren(QProgressDialog) == []


def test_an_app_error_becomes_a_plain_message(qtbot, parent, shown):
    done = []

    def work():
        raise InputError("Năm 1800 nằm ngoài phạm vi.")

    operation = background.run(parent, work, "Đang lập tài liệu…", on_done=done.append)
    with qtbot.waitSignal(operation.finished, timeout=10_000):
        pass
    assert shown == ["Năm 1800 nằm ngoài phạm vi."]
    assert done == []
    assert isinstance(operation.error, InputError)


def test_an_app_error_can_go_to_the_caller(qtbot, parent, shown):
    errors = []
    operation = background.run(
        parent, lambda: (_ for _ in ()).throw(InputError("Sai.")), "…", on_error=errors.append
    )
    with qtbot.waitSignal(operation.finished, timeout=10_000):
        pass
    assert [e.message for e in errors] == ["Sai."] and shown == []


def test_an_unexpected_error_goes_to_the_crash_handler(qtbot, parent, shown, monkeypatch):
    hooked = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, error, tb: hooked.append((kind, str(error), tb)))

    def work():
        raise RuntimeError("hỏng")

    operation = background.run(parent, work, "Đang in…")
    with qtbot.waitSignal(operation.finished, timeout=10_000):
        pass
    assert [(kind, text) for kind, text, _tb in hooked] == [(RuntimeError, "hỏng")]
    assert hooked[0][2] is not None  # the worker's traceback reaches the crash report
    assert shown == []
