"""Long work runs off the GUI thread behind a Vietnamese progress dialog; typed errors become a message,
anything else goes to the crash handler."""

from __future__ import annotations

import sys
import threading

import pytest

from emulation_desktop.errors import InputError
from emulation_desktop.locale.i18n import _
from emulation_desktop.ui import background, dialogs
from emulation_desktop.ui.qt import QApplication, QProgressDialog, QPushButton, Qt, QWidget, qconnect


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


# --- the two doors: a write the views re-read after, a read only its caller shows ----------------------

MEDIATION = {"year": 2022, "commune_id": "00454", "cases_total": 10, "cases_resolved": 8}


@pytest.fixture
def ctx(db):
    from emulation_desktop.ui.context import AppContext

    return AppContext(db)


def _heard(qtbot, ctx, start):
    """Start an operation (given how to report its result), wait for it, and return in order what the
    views were told and what on_done got."""
    events = []
    qconnect(ctx.records_changed, lambda kind: events.append(("records_changed", kind)))
    qconnect(ctx.data_changed, lambda: events.append(("data_changed",)))
    operation = start(lambda result: events.append(("done", result)))
    with qtbot.waitSignal(operation.finished, timeout=10_000):
        pass
    return events


def test_a_write_of_one_kind_tells_its_views_before_on_done(qtbot, parent, ctx):
    from emulation_desktop.operations import records
    from emulation_desktop.operations.queries import ListQuery, list_page

    def add(db):
        return records.create_record(db, "mediation_tally", "017", MEDIATION).id

    events = _heard(
        qtbot,
        ctx,
        lambda done: background.write(parent, ctx, add, "Đang lưu…", kind="mediation_tally", on_done=done),
    )
    page = list_page(ctx.db, ListQuery("mediation_tally", "017", 2022))
    assert events == [("records_changed", "mediation_tally"), ("done", page.rows[0]["id"])]


def test_a_write_of_everything_tells_every_view(qtbot, parent, ctx):
    from emulation_desktop.operations import structure

    def lock(db):
        structure.lock_year(db, "017", 2022, reason="Đã nộp", user="lan")

    events = _heard(qtbot, ctx, lambda done: background.write(parent, ctx, lock, "…", on_done=done))
    assert events == [("data_changed",), ("done", None)]


def test_a_read_hands_its_result_and_no_view_re_reads(qtbot, parent, ctx):
    from emulation_desktop.operations.places import places_for

    def communes(db):
        return [p.label for p in places_for(db, "017", ("commune",))]

    events = _heard(qtbot, ctx, lambda done: background.read(parent, ctx, communes, "…", on_done=done))
    assert events == [("done", ["Xã Bắc Hồng", "Xã Nguyên Khê"])]


def test_a_refused_write_tells_no_view(qtbot, parent, ctx, shown):
    from emulation_desktop.operations import records

    def add_to_imported(db):  # 020 is an imported unit: read-only here
        records.create_record(db, "mediation_tally", "020", MEDIATION)

    events = _heard(
        qtbot,
        ctx,
        lambda done: background.write(
            parent, ctx, add_to_imported, "…", kind="mediation_tally", on_done=done
        ),
    )
    assert events == [] and len(shown) == 1
