"""A field's error never moves the other fields: the clerk's next click lands where it was aimed."""

from __future__ import annotations

from helpers import editor_of, field, press, type_into
from PySide6.QtCore import QPoint
from PySide6.QtTest import QTest

from emulation_desktop.ui.qt import QApplication, Qt


def _top_left(widget, window):
    return widget.mapTo(window, QPoint(0, 0))


def test_an_error_under_a_field_does_not_move_the_fields_below(qtbot, window):
    editor = editor_of(window, "support_activity")
    editor.add()
    date_field, below = field(editor, "activity_date"), field(editor, "value_vnd")
    QApplication.processEvents()
    where, messages_height = _top_left(below, window), editor.form.messages.height()
    aim = below.mapTo(window, below.rect().center())

    type_into(qtbot, date_field, "31/02/2022")
    press(qtbot, date_field, Qt.Key.Key_Tab)  # leaving the field checks it
    QApplication.processEvents()

    error = editor.form.errors["activity_date"]
    assert error.isVisible() and error.text().startswith("Ngày: ")
    assert date_field.toolTip() and date_field.toolTip() in error.text()
    assert _top_left(below, window) == where
    assert editor.form.messages.height() == messages_height
    # The click aimed at the field below before the message appeared still lands in it.
    QTest.mouseClick(window.childAt(aim), Qt.MouseButton.LeftButton)
    assert QApplication.focusWidget() is below


def test_many_long_errors_keep_the_form_and_its_buttons_in_place(qtbot, window):
    editor = editor_of(window, "support_activity")
    editor.add()
    QApplication.processEvents()
    save_at = _top_left(editor.panel.save, window)
    last_at = _top_left(field(editor, "note"), window)
    long = "Giá trị này không hợp lệ vì một lý do rất dài cần nhiều dòng để giải thích cho rõ. " * 4
    editor.form.show_errors({name: long for name in editor.form.widgets} | {"year": "Năm đã khóa."})
    QApplication.processEvents()
    assert len(editor.form.visible_errors()) == len(editor.form.widgets) + 1  # the hidden year's too
    assert _top_left(editor.panel.save, window) == save_at
    assert _top_left(field(editor, "note"), window) == last_at
    editor.form.clear_errors()
    assert editor.form.visible_errors() == {}
    assert field(editor, "note").toolTip() == "Có thể viết nhiều dòng; Ctrl+Enter để lưu."  # its hint again


def test_fields_say_how_they_are_typed_and_get_it_back_after_an_error(qtbot, window):
    editor = editor_of(window, "support_activity")
    editor.add()
    date_field = field(editor, "activity_date")
    hint = "Ngày theo dạng ngày/tháng/năm, ví dụ 08/03/2022."
    assert date_field.toolTip() == hint
    assert "Bắt buộc nhập." in field(editor, "value_vnd").toolTip()
    assert "không cần dấu" in field(editor, "commune_id").toolTip()
    type_into(qtbot, date_field, "31/02/2022")
    press(qtbot, date_field, Qt.Key.Key_Tab)
    QApplication.processEvents()
    assert date_field.toolTip() != hint  # the error's message while it stands
    type_into(qtbot, date_field, "08/03/2022")
    press(qtbot, date_field, Qt.Key.Key_Tab)
    QApplication.processEvents()
    assert date_field.toolTip() == hint
