"""A clerk without a mouse: on the demo data, only key presses add a support activity, type its
fields, save it, correct it, delete it, find it in the recycle bin, restore it, undo and redo. Each step
is checked in the data file through the core's own list query."""

from __future__ import annotations

from helpers import type_text
from PySide6.QtTest import QTest

from emulation_desktop.operations.queries import ListQuery, list_page
from emulation_desktop.ui.qt import QApplication, Qt

CTRL = Qt.KeyboardModifier.ControlModifier
NAME = "Nguyễn Văn Bàn Phím"
SEARCH_PAUSE_MS = 400  # longer than the editor's search delay


def target(window):
    """Where a key goes: the open list of suggestions if any, else the widget with the focus."""
    active = QApplication.activeWindow()
    if active is not None and not active.isVisible():
        # The offscreen platform leaves a closed list of suggestions the active window (a desktop gives
        # the window back, as the same steps under Xvfb show): give it back, as the desktop would.
        window.activateWindow()
        QApplication.processEvents()
    return QApplication.activePopupWidget() or QApplication.focusWidget() or window


def key(window, name, modifier=Qt.KeyboardModifier.NoModifier, times=1):
    for _ in range(times):
        QTest.keyClick(target(window), name, modifier)
        QApplication.processEvents()


def type_here(window, text):
    type_text(target(window), text)


def focused():
    widget = QApplication.focusWidget()
    return widget.objectName() if widget is not None else None


def tab_to(window, name, backwards=False, limit=30):
    """Press Tab (or Shift+Tab) until the widget called ``name`` has the focus, as a clerk would."""
    for _ in range(limit):
        if focused() == name:
            return
        key(window, Qt.Key.Key_Backtab if backwards else Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {name!r}; the focus is on {focused()!r}")


def ours(window, *, deleted=False):
    """The support activities named NAME in the open unit and year, as the core lists them."""
    query = ListQuery("support_activity", window.ctx.unit_code, window.ctx.year, search="Bàn Phím")
    return list_page(
        window.ctx.db, query if not deleted else ListQuery(**{**query.__dict__, "deleted": True})
    ).rows


def test_a_record_from_adding_to_redo_with_the_keyboard_only(qtbot, demo_window):
    window = demo_window
    QTest.keyClick(window, Qt.Key.Key_3, CTRL)  # Hoạt động hỗ trợ
    QApplication.processEvents()
    assert window.tabs.currentIndex() == 2
    editor = window.active_editor()
    assert editor is not None and editor.kind.name == "support_activity"
    before = editor.model.rowCount()

    # Add: Ctrl+N opens a new record with the focus in its first field.
    key(window, Qt.Key.Key_N, CTRL)
    assert editor.mode == "new" and focused() == "field_kind"
    key(window, Qt.Key.Key_Down)  # the second kind of support
    key(window, Qt.Key.Key_Tab)
    assert focused() == "field_commune_id"
    type_here(window, "bac hong")
    key(window, Qt.Key.Key_Down)  # the first suggestion
    key(window, Qt.Key.Key_Return)  # picks it (Enter on an open list chooses, it does not save)
    assert ours(window) == [] and editor.mode == "new"
    tab_to(window, "field_beneficiary")
    type_here(window, NAME)
    tab_to(window, "field_activity_date")
    type_here(window, "15/3/2022")
    key(window, Qt.Key.Key_Tab)
    assert focused() == "field_value_vnd"
    type_here(window, "1500000")
    key(window, Qt.Key.Key_Return)  # Enter saves
    (saved,) = ours(window)
    assert saved["value_vnd"] == 1_500_000 and saved["beneficiary"] == NAME
    assert saved["kind"] == editor.form.widgets["kind"].itemData(1)
    assert saved["place_name"] == "Xã Bắc Hồng"
    assert str(saved["activity_date"]) == "2022-03-15"
    assert editor.model.rowCount() == before + 1 and editor.current_id == saved["id"]

    # Edit: find it with Ctrl+F, Tab into the list, on to the value, type over it, Enter.
    key(window, Qt.Key.Key_F, CTRL)
    assert focused() == "search"
    type_here(window, "ban phim")
    qtbot.wait(SEARCH_PAUSE_MS)
    assert editor.model.rowCount() == 1
    key(window, Qt.Key.Key_Tab)
    assert focused() == "table" and editor.current_id == saved["id"]
    tab_to(window, "field_value_vnd")
    key(window, Qt.Key.Key_A, CTRL)
    type_here(window, "2.500.000")
    key(window, Qt.Key.Key_Return)
    assert ours(window)[0]["value_vnd"] == 2_500_000

    # Delete: back to the list with Shift+Tab, then Delete.
    tab_to(window, "table", backwards=True)
    key(window, Qt.Key.Key_Delete)
    assert ours(window) == [] and [r["id"] for r in ours(window, deleted=True)] == [saved["id"]]

    # The recycle bin: Tab to its button, Space opens it; the list shows the deleted record.
    tab_to(window, "trash")
    key(window, Qt.Key.Key_Space)
    assert editor.in_trash and editor.model.rowCount() == 1
    # Restore: back to the list, Delete there restores (or Tab to Khôi phục and Space).
    tab_to(window, "table", backwards=True)
    key(window, Qt.Key.Key_Delete)
    assert [r["id"] for r in ours(window)] == [saved["id"]] and ours(window, deleted=True) == []

    # Undo and redo walk the four steps (add, edit, delete, restore), each in the data file.
    assert window.ctx.undo_stack.count() == 4
    key(window, Qt.Key.Key_Z, CTRL)  # the restore
    assert ours(window) == []
    key(window, Qt.Key.Key_Y, CTRL)
    assert [r["id"] for r in ours(window)] == [saved["id"]]
    key(window, Qt.Key.Key_Z, CTRL, times=2)  # the restore, then the deletion
    assert [r["value_vnd"] for r in ours(window)] == [2_500_000]
    key(window, Qt.Key.Key_Z, CTRL)  # the edit
    assert [r["value_vnd"] for r in ours(window)] == [1_500_000]
    key(window, Qt.Key.Key_Z, CTRL)  # the addition: the record goes to the bin
    assert ours(window) == [] and window.ctx.undo_stack.index() == 0
    key(window, Qt.Key.Key_Y, CTRL, times=2)  # added again, edited again
    assert [r["value_vnd"] for r in ours(window)] == [2_500_000]
    key(window, Qt.Key.Key_Y, CTRL)  # deleted again
    assert ours(window) == []
    key(window, Qt.Key.Key_Y, CTRL)  # restored again
    assert [r["id"] for r in ours(window)] == [saved["id"]] and window.ctx.undo_stack.index() == 4
