"""Search ignores diacritics and case; sorting re-queries SQL on raw values, not display strings."""

from __future__ import annotations

from helpers import editor_of, reload, type_text

from emulation_desktop.operations import records
from emulation_desktop.ui.qt import QApplication, Qt
from emulation_desktop.ui.record_model import RAW_ROLE

BASE = {"year": 2022, "commune_id": "00454", "household_category": "poor"}


def add(db, **values):
    return records.create_record(db, "support_activity", "017", {**BASE, **values})


def search(qtbot, editor, text):
    editor.toolbar.search.setFocus()
    editor.toolbar.search.clear()
    type_text(editor.toolbar.search, text)
    qtbot.waitUntil(lambda: not editor._search_timer.isActive(), timeout=2000)
    QApplication.processEvents()
    return [editor.model.rows[i]["beneficiary"] for i in range(editor.model.rowCount())]


def test_search_ignores_diacritics_and_case(qtbot, window, db):
    add(db, kind="house_new", beneficiary="Hộ bà Lê Thị Hoa", value_vnd=60_000_000)
    add(db, kind="student", beneficiary="Em Nguyễn Văn Minh", value_vnd=2_000_000)
    records.create_record(
        db,
        "support_activity",
        "017",
        {
            **BASE,
            "commune_id": "00457",
            "kind": "gift",
            "beneficiary": "Gia đình ông Đông",
            "value_vnd": 500_000,
        },
    )
    reload(window)
    editor = editor_of(window, "support_activity")
    assert editor.model.rowCount() == 3
    # The kind's Vietnamese label "Nhà đại đoàn kết (xây mới)" is searchable without marks.
    assert search(qtbot, editor, "nha dai doan ket") == ["Hộ bà Lê Thị Hoa"]
    assert search(qtbot, editor, "NGUYEN van") == ["Em Nguyễn Văn Minh"]
    assert search(qtbot, editor, "dong") == ["Gia đình ông Đông"]
    assert search(qtbot, editor, "nguyen khe") == ["Gia đình ông Đông"]  # the commune's name counts
    assert editor.toolbar.count.text() == "1 bản ghi"
    editor.toolbar.search.clear()  # the clear button: every record again
    qtbot.waitUntil(lambda: editor.model.rowCount() == 3, timeout=2000)


def test_ctrl_f_focuses_the_search_box(qtbot, window, db):
    editor = editor_of(window, "support_activity")
    editor.table.setFocus()
    qtbot.keyClick(editor.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is editor.toolbar.search


def test_sort_by_money_uses_raw_values(qtbot, window, db):
    for name, value in (("A", 9_000_000), ("B", 100_000_000), ("C", 20_000_000)):
        add(db, kind="student", beneficiary=name, value_vnd=value)
    reload(window)
    editor = editor_of(window, "support_activity")
    column = next(i for i, f in enumerate(editor.model.columns) if f.name == "value_vnd")
    header = editor.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    from PySide6.QtCore import QPoint

    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    values = [editor.model.index(r, column).data(RAW_ROLE) for r in range(3)]
    shown = [editor.model.index(r, column).data() for r in range(3)]
    assert editor.sort_key == "value_vnd"
    assert values in ([9_000_000, 20_000_000, 100_000_000], [100_000_000, 20_000_000, 9_000_000])
    assert shown[0] in ("9.000.000", "100.000.000")  # as text "100.000.000" < "20.000.000" < "9.000.000"
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    again = [editor.model.index(r, column).data(RAW_ROLE) for r in range(3)]
    assert again == list(reversed(values))


def test_commune_picker_completes_without_diacritics(qtbot, window):
    editor = editor_of(window, "delegate_conference")
    editor.add()
    picker = editor.form.widgets["place_id"]
    picker.setFocus()
    type_text(picker, "xuan non")
    assert [p.label for p in picker.matches("xuan non")] == ["Thôn Xuân Nộn (Xã Nguyên Khê)"]
    assert picker.completer().completionModel().rowCount() == 1
    assert picker.is_known(picker.value())


def test_esc_on_the_suggestions_closes_them_and_keeps_the_form(qtbot, window):
    """Esc while the commune suggestions are open closes the list and nothing else: the unsaved form
    keeps everything typed (it used to be wiped by the form's Esc = discard)."""
    from helpers import type_into
    from PySide6.QtTest import QTest

    editor = editor_of(window, "support_activity")
    editor.add()
    type_into(qtbot, editor.form.widgets["beneficiary"], "Hộ bà Nguyễn Thị Lan")
    picker = editor.form.widgets["commune_id"]
    picker.setFocus()
    type_text(picker, "nguyen")
    popup = picker.completer().popup()
    qtbot.waitUntil(popup.isVisible, timeout=2000)
    QTest.keyClick(popup, Qt.Key.Key_Escape)
    QApplication.processEvents()
    assert not popup.isVisible()
    assert editor.form.widgets["beneficiary"].text() == "Hộ bà Nguyễn Thị Lan"
    assert picker.text() == "nguyen"
    # A second Esc, with no list open, is the form's own: discard the unsaved record.
    QTest.keyClick(picker, Qt.Key.Key_Escape)
    QApplication.processEvents()
    assert editor.form.widgets["beneficiary"].text() == ""
