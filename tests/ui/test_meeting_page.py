"""The meeting page of the Tổng kết & suy tôn tab, driven like the cluster head does on a real data file
(small tree: cluster T-CUM, Đông Anh and Thanh Trì, 2022): fields typed, delegates typed and pasted from
Excel, one save; a bad time is refused under the form and nothing is written."""

from __future__ import annotations

import os

import pytest
from helpers import type_into

from emulation_desktop.review.meeting import read_meeting
from emulation_desktop.ui.qt import QApplication, QKeySequence, QModelIndex, QPushButton, Qt


@pytest.fixture
def page(window, qtbot):
    review = window.review
    window.tabs.setCurrentWidget(review)
    review.reload()
    review.steps.setCurrentIndex(review.steps.count() - 1)
    QApplication.processEvents()
    return review.meeting_page


def _save(qtbot, page):
    button = page.findChild(QPushButton, "meeting_save")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()


def _fill(qtbot, page, time="14:30"):
    type_into(qtbot, page.date_edit, "20/12/2022")
    type_into(qtbot, page.time_edit, time)
    type_into(qtbot, page.place_edit, "Hội trường Ủy ban MTTQ Việt Nam huyện Đông Anh")
    type_into(qtbot, page.chair_edit, "Nguyễn Văn An")
    type_into(qtbot, page.secretary_edit, "Trần Thị Bình")
    page.table.setFocus()
    qtbot.mouseClick(page.findChild(QPushButton, "meeting_add_row"), Qt.MouseButton.LeftButton)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    type_into(qtbot, editor, "Lê Văn Cường")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # two more rows pasted from Excel after the typed one (no cell chosen: at the end of the list)
    page.table.setCurrentIndex(QModelIndex())
    page.table.setFocus()
    QApplication.clipboard().setText(
        "Phạm Thị Dung\tPhó Chủ tịch\tĐông Anh\r\nHoàng Văn Em\tỦy viên\t020\r\n"
    )
    qtbot.keyClick(page.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def test_the_meeting_is_typed_pasted_and_saved_in_one_go(page, qtbot, window, tmp_path):
    _fill(qtbot, page)
    assert [row[0] for row in page.table.rows()] == ["Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em"]
    _save(qtbot, page)
    assert page.error.text() == ""
    saved = read_meeting(window.ctx.db, "T-CUM", 2022)
    assert saved is not None and saved.starts_at == "14:30" and saved.place.startswith("Hội trường")
    assert [(d.name, d.unit_code) for d in saved.delegates] == [
        ("Lê Văn Cường", ""),
        ("Phạm Thị Dung", "017"),
        ("Hoàng Văn Em", "020"),
    ]
    if os.environ.get("MEETING_PAGE_SHOT"):
        window.resize(1280, 800)
        QApplication.processEvents()
        window.grab().save(os.environ["MEETING_PAGE_SHOT"])


def test_a_bad_time_is_refused_and_nothing_is_written(page, qtbot, window):
    _fill(qtbot, page, time="25h00")
    _save(qtbot, page)
    assert "HH:MM" in page.error.text()
    assert read_meeting(window.ctx.db, "T-CUM", 2022) is None


def test_paste_is_bound_to_ctrl_v(page, qtbot):
    page.table.setCurrentIndex(QModelIndex())
    page.table.setFocus()
    QApplication.clipboard().setText("Ngô Thị Giang\tChủ tịch\t017")
    qtbot.keyClick(page.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert page.table.rows() == [["Ngô Thị Giang", "Chủ tịch", "017"]]
    assert QKeySequence(QKeySequence.StandardKey.Paste).matches(QKeySequence("Ctrl+V"))
