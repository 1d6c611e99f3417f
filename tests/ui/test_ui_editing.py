"""A clerk adds, corrects, saves and undoes records through the real widgets on a real data file."""

from __future__ import annotations

from datetime import date

from helpers import editor_of, field, press, reload, rows, type_into, type_text
from PySide6.QtTest import QTest

from emulation_desktop.domain import models as m
from emulation_desktop.operations import records
from emulation_desktop.ui.qt import QApplication, Qt

HOUSE = {
    "year": 2022,
    "kind": "house_new",
    "commune_id": "00454",
    "household_category": "poor",
    "beneficiary": "Nguyễn Văn An",
    "value_vnd": 60_000_000,
}


def test_add_support_activity_by_keyboard(qtbot, window, db):
    editor = editor_of(window, "support_activity")
    editor.table.setFocus()
    press(qtbot, editor.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert editor.mode == "new"
    assert QApplication.focusWidget() is field(editor, "kind")
    # Kind of support: "Nhà đại đoàn kết (xây mới)" is first; arrow keys move through the list.
    combo = field(editor, "kind")
    press(qtbot, combo, Qt.Key.Key_Down)
    press(qtbot, combo, Qt.Key.Key_Up)
    assert combo.currentData() == "house_new"
    press(qtbot, combo, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is field(editor, "commune_id")
    type_text(field(editor, "commune_id"), "bac hong")
    press(qtbot, field(editor, "commune_id"), Qt.Key.Key_Tab)
    type_into(qtbot, field(editor, "beneficiary"), "Nguyễn Văn An")
    type_into(qtbot, field(editor, "activity_date"), "15/03/2022")
    type_into(qtbot, field(editor, "value_vnd"), "1.500.000")
    press(qtbot, field(editor, "value_vnd"), Qt.Key.Key_Return)

    saved = rows(db, m.SupportActivity)
    assert len(saved) == 1
    assert saved[0].value_vnd == 1_500_000
    assert saved[0].activity_date == date(2022, 3, 15)
    assert saved[0].kind == "house_new" and saved[0].beneficiary == "Nguyễn Văn An"
    assert window.statusBar().currentMessage() == "Đã lưu"
    assert editor.model.rowCount() == 1
    assert field(editor, "value_vnd").text() == "1.500.000"


def test_bad_value_shows_message_beside_field_and_saves_nothing(qtbot, window, db):
    editor = editor_of(window, "support_activity")
    editor.add()
    type_into(qtbot, field(editor, "value_vnd"), "1,5")
    press(qtbot, field(editor, "value_vnd"), Qt.Key.Key_Tab)  # leaving the field checks it
    error = editor.form.errors["value_vnd"]
    assert error.isVisible() and "1,5" in error.text()
    press(qtbot, field(editor, "beneficiary"), Qt.Key.Key_Return)
    assert rows(db, m.SupportActivity) == []
    assert error.isVisible()
    assert "Chưa lưu" in window.statusBar().currentMessage()


def test_cross_field_rule_shows_beside_field(qtbot, window, db):
    editor = editor_of(window, "funeral_tally")
    editor.add()
    type_into(qtbot, field(editor, "commune_id"), "Nguyen Khe")
    type_into(qtbot, field(editor, "deaths"), "10")
    type_into(qtbot, field(editor, "cremations"), "12")
    press(qtbot, field(editor, "cremations"), Qt.Key.Key_Return)
    assert rows(db, m.FuneralTally) == []
    assert "12" in editor.form.errors["cremations"].text()
    assert editor.form.errors["cremations"].isVisible()


def test_edit_is_saved_when_the_clerk_leaves_the_record(qtbot, window, db):
    first = records.create_record(db, "support_activity", "017", HOUSE)
    records.create_record(db, "support_activity", "017", dict(HOUSE, beneficiary="Trần Thị Bình"))
    reload(window)
    editor = editor_of(window, "support_activity")
    editor.select_row(editor.model.row_of(first.id))
    type_into(qtbot, field(editor, "value_vnd"), "70000000")
    # Leaving the form for the table saves the record; no Enter, no button.
    editor.table.setFocus()
    QApplication.processEvents()
    assert rows(db, m.SupportActivity, id=first.id)[0].value_vnd == 70_000_000
    assert window.statusBar().currentMessage() == "Đã lưu"


def test_edit_recommendation_follow_up(qtbot, window, db):
    session = records.create_record(
        db,
        "supervision",
        "017",
        {"year": 2022, "mode": "led", "kind": "supervision", "field": "land", "subject": "Quản lý đất đai"},
    )
    made = records.create_record(
        db,
        "recommendation",
        None,
        {"supervision_id": session.id, "content": "Rà soát hồ sơ", "status": "pending"},
    )
    reload(window)
    editor = editor_of(window, "recommendation")
    assert editor.parent_id == session.id and editor.model.rowCount() == 1
    status = field(editor, "status")
    status.setFocus()
    status.setCurrentIndex(status.findData("resolved"))
    type_into(qtbot, field(editor, "followed_up_on"), "20/11/2022")
    type_into(qtbot, field(editor, "response"), "Đã rà soát xong")
    press(qtbot, field(editor, "followed_up_on"), Qt.Key.Key_Return)
    stored = rows(db, m.Recommendation, id=made.id)[0]
    assert stored.status == "resolved" and stored.followed_up_on == date(2022, 11, 20)
    assert stored.response == "Đã rà soát xong"


def test_undo_and_redo_of_add_and_delete_hit_the_database(qtbot, window, db):
    editor = editor_of(window, "support_activity")
    editor.add()
    type_into(qtbot, field(editor, "commune_id"), "Bắc Hồng")
    type_into(qtbot, field(editor, "value_vnd"), "2.000.000")
    press(qtbot, field(editor, "value_vnd"), Qt.Key.Key_Return)
    (added,) = rows(db, m.SupportActivity)
    editor.table.setFocus()

    window.undo_action.trigger()
    assert rows(db, m.SupportActivity, id=added.id)[0].deleted
    assert editor.model.rowCount() == 0
    window.redo_action.trigger()
    assert not rows(db, m.SupportActivity, id=added.id)[0].deleted
    assert editor.model.rowCount() == 1

    editor.select_row(0)
    editor.toolbar.delete.click()
    assert rows(db, m.SupportActivity, id=added.id)[0].deleted
    window.undo_action.trigger()
    assert not rows(db, m.SupportActivity, id=added.id)[0].deleted
    window.redo_action.trigger()
    assert rows(db, m.SupportActivity, id=added.id)[0].deleted


def test_undo_of_an_edit_writes_the_old_value_back(qtbot, window, db):
    record = records.create_record(db, "support_activity", "017", HOUSE)
    reload(window)
    editor = editor_of(window, "support_activity")
    editor.select_row(editor.model.row_of(record.id))
    type_into(qtbot, field(editor, "value_vnd"), "1,2 tỷ")
    press(qtbot, field(editor, "value_vnd"), Qt.Key.Key_Return)
    assert rows(db, m.SupportActivity)[0].value_vnd == 1_200_000_000
    window.undo_action.trigger()
    assert rows(db, m.SupportActivity)[0].value_vnd == 60_000_000
    assert field(editor, "value_vnd").text() == "60.000.000"
    window.redo_action.trigger()
    assert rows(db, m.SupportActivity)[0].value_vnd == 1_200_000_000


def test_recycle_bin_restores_a_deleted_record(qtbot, window, db):
    record = records.create_record(db, "support_activity", "017", HOUSE)
    reload(window)
    editor = editor_of(window, "support_activity")
    editor.select_row(0)
    editor.toolbar.delete.click()
    assert editor.model.rowCount() == 0
    editor.toolbar.trash.click()
    assert editor.model.rowCount() == 1 and editor.toolbar.restore.isVisible()
    editor.select_row(0)
    editor.toolbar.restore.click()
    assert not rows(db, m.SupportActivity, id=record.id)[0].deleted
    editor.toolbar.trash.click()
    assert editor.model.rowCount() == 1


def test_duplicate_copies_the_record(qtbot, window, db):
    records.create_record(db, "support_activity", "017", HOUSE)
    reload(window)
    editor = editor_of(window, "support_activity")
    editor.select_row(0)
    editor.toolbar.duplicate.click()
    assert len(rows(db, m.SupportActivity)) == 2
    assert editor.model.rowCount() == 2


def _one_house_chosen(qtbot, window, db):
    """The window shown and active (shortcuts need it), on the support list with one house chosen."""
    record = records.create_record(db, "support_activity", "017", HOUSE)
    reload(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    editor = editor_of(window, "support_activity")
    editor.select_row(editor.model.row_of(record.id))
    return editor


def test_ctrl_z_in_a_field_right_after_saving_undoes_the_save(qtbot, window, db, shown):
    """The field has nothing of its own to undo after Enter saved it, so Ctrl+Z there undoes the saved
    change, as the Edit menu offers; while the field has its own typing, Ctrl+Z undoes that first."""
    editor = _one_house_chosen(qtbot, window, db)
    value = field(editor, "value_vnd")
    type_into(qtbot, value, "1,2 tỷ")
    press(qtbot, value, Qt.Key.Key_Return)
    assert rows(db, m.SupportActivity)[0].value_vnd == 1_200_000_000
    value.setFocus()
    assert window.undo_action.isEnabled() and not value.isUndoAvailable()
    QTest.keyClick(value, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    assert rows(db, m.SupportActivity)[0].value_vnd == 60_000_000
    assert value.text() == "60.000.000"
    # Typing in the field, then Ctrl+Z: the field's own undo, the data untouched.
    value.setFocus()
    type_text(value, "9")
    QTest.keyClick(value, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    assert value.text() == "60.000.000"
    assert rows(db, m.SupportActivity)[0].value_vnd == 60_000_000


def test_delete_says_how_to_undo_it_in_the_status_bar(qtbot, window, db):
    record = records.create_record(db, "support_activity", "017", HOUSE)
    reload(window)
    editor = editor_of(window, "support_activity")
    editor.select_row(editor.model.row_of(record.id))
    said = []
    window.ctx.message.connect(said.append)
    editor.toolbar.delete.click()
    assert rows(db, m.SupportActivity)[0].deleted
    assert said[-1] == "Đã chuyển vào thùng rác: Hoạt động hỗ trợ. Bấm Ctrl+Z để hoàn tác."
    window.undo_action.trigger()
    assert not rows(db, m.SupportActivity)[0].deleted


def _tab_chain(start, steps=40):
    """The widgets Tab visits from ``start``, as Qt's focus chain orders them."""
    seen, widget = [], start
    for _ in range(steps):
        widget = widget.nextInFocusChain()
        if widget.isVisible() and widget.isEnabled() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            seen.append(widget.objectName())
    return seen


def test_the_keyboard_reaches_and_drives_every_record_action(qtbot, window, db, shown):
    """Tab leaves the list and reaches the toolbar's buttons; Delete on the list deletes (undoable); the
    right-click menu offers the toolbar's actions; Ctrl+1 … Ctrl+8 open the main tabs."""
    editor = _one_house_chosen(qtbot, window, db)
    assert not editor.table.tabKeyNavigation()
    chain = _tab_chain(editor.toolbar.search)
    assert chain.index("table") < chain.index("field_kind") < chain.index("delete") < chain.index("trash")

    menu = editor.table_menu()
    record_actions = menu.actions()[:3]  # then a separator and the list's own (Sao chép dòng)
    assert [a.text() for a in record_actions] == ["Thêm", "Nhân bản", "Xóa"]
    assert all(a.isEnabled() for a in record_actions)

    editor.table.setFocus()
    QTest.keyClick(editor.table, Qt.Key.Key_Delete)
    QApplication.processEvents()
    assert rows(db, m.SupportActivity)[0].deleted
    window.undo_action.trigger()
    assert not rows(db, m.SupportActivity)[0].deleted

    QTest.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 3
    QTest.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 0
    assert window.tabs.tabToolTip(7) == "Ctrl+8"
