"""Every list copies its chosen row: Ctrl+C or the right-click menu puts the row's cells on the
clipboard, tab-separated, ready to paste into Excel."""

from __future__ import annotations

from helpers import editor_of

from emulation_desktop.ui.qt import QApplication, Qt
from emulation_desktop.ui.text_table import TextTableModel, text_table


def test_ctrl_c_on_a_record_list_copies_the_chosen_row_as_shown(demo_window, qtbot):
    editor = editor_of(demo_window, "support_activity")
    table = editor.table
    table.setFocus()
    table.selectRow(0)
    QApplication.clipboard().clear()
    qtbot.keyClick(table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    model = table.model()
    shown = [model.index(0, c).data() or "" for c in range(model.columnCount())]
    assert QApplication.clipboard().text() == "\t".join(shown)
    assert any("." in cell for cell in shown)  # the sum as the list shows it (1.000.000), not 1000000
    menu = editor.table_menu()
    assert "Sao chép dòng" in [action.text() for action in menu.actions()]


def test_a_small_text_table_offers_copy_on_its_right_click_menu(qtbot):
    model = TextTableModel(["Tệp", "Kết quả"])
    model.set_rows([["goi-017-2022.zip", "Đã nhập\tđủ"]])
    table = text_table(model, "history")
    qtbot.addWidget(table)
    assert table.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu
    (copy,) = table.actions()
    assert copy.text() == "Sao chép dòng"
    table.selectRow(0)
    copy.trigger()
    assert QApplication.clipboard().text() == "goi-017-2022.zip\tĐã nhập đủ"  # a tab inside stays one cell


def test_every_table_of_the_window_keeps_the_conventions(demo_window):
    """Tab leaves every table and every table copies its row (the grids typed into cell by cell, the
    score grid and the meeting's delegates, keep Tab inside, as a spreadsheet does)."""
    from emulation_desktop.ui.qt import QTableView

    for name in demo_window._pages:
        demo_window.page(name)
    grids = ("review_score_grid", "meeting_delegates")
    tables = [t for t in demo_window.findChildren(QTableView) if t.objectName() not in grids]
    assert len(tables) >= 15
    for table in tables:
        assert not table.tabKeyNavigation(), table.objectName()
        assert "copy_row" in [a.objectName() for a in table.actions()], table.objectName()
