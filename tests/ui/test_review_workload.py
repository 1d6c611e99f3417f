"""The review tab's workload, driven like the cluster head's clerk (small tree: cluster T-CUM, Đông Anh
017 ours, Thanh Trì 020 imported, 2022): scores typed into a grid with Tab and Enter, a block pasted
from Excel, a refused cell that writes nothing; the cluster's default criteria copied as a template; a
step ticked only when its work is done; a tally with no votes asked about first; and the tab at
1024×600."""

from __future__ import annotations

import pytest
from helpers import rows
from PySide6.QtGui import QKeyEvent

from emulation_desktop.domain.models import ClusterScore, CriteriaSet, Criterion, Election, SelfScore, Unit
from emulation_desktop.review.criteria import create_criteria_set
from emulation_desktop.review.default_criteria import DEFAULT_CRITERIA
from emulation_desktop.ui import dialogs
from emulation_desktop.ui.qt import QApplication, QEvent, QGuiApplication, QPushButton, Qt
from emulation_desktop.ui.review.score_grid import CHANGED, REFUSED

GROUPS = [
    {
        "code": "I",
        "name": "Công tác vận động",
        "criteria": [
            {"code": "1", "name": "Vận động xây sửa nhà đại đoàn kết", "max_points": 40},
            {"code": "2", "name": "Tuyên truyền", "max_points": 50},
            {"code": "3", "name": "Hòa giải ở cơ sở", "max_points": 10},
        ],
    }
]


@pytest.fixture
def tab(window):
    review = window.review
    window.tabs.setCurrentWidget(review)
    review.reload()
    QApplication.processEvents()
    return review


@pytest.fixture
def grid(tab, window):
    create_criteria_set(window.ctx.db, "T-CUM", 2022, "Bảng tiêu chí năm 2022", GROUPS)
    tab.reload()
    tab.steps.setCurrentIndex(1)
    page = tab.scores_page
    page.views.setCurrentWidget(page.grid)
    QApplication.processEvents()
    return page.grid


def agreed(db):
    """(criterion number, unit code) → tenths of every agreed score written."""
    with db.session() as session:
        codes = {c.id: c.code for c in session.query(Criterion)}
        units = {u.id: u.code for u in session.query(Unit)}
    return {(codes[s.criterion_id], units[s.unit_id]): s.points_tenths for s in rows(db, ClusterScore)}


def keys(text):
    """Type into whatever has the focus (the grid, then the cell's editor it opens)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                QApplication.focusWidget(),
                QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char),
            )
    QApplication.processEvents()


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)
    QApplication.processEvents()  # a cell's editor closes on the next turn of the loop
    QApplication.processEvents()


def start_at(grid, row, column):
    grid.view.setFocus()
    grid.view.setCurrentIndex(grid.model.index(row, column))
    QApplication.processEvents()


def click(qtbot, button):
    assert button.isVisible() and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()


def test_scores_are_typed_into_the_grid_with_tab_and_enter(grid, qtbot, window):
    assert grid.stage_combo.currentText() == "Điểm Cụm chấm"
    model = grid.model
    assert [model.headerData(i, Qt.Orientation.Horizontal) for i in range(2)] == [
        "Đông Anh",
        "Huyện Thanh Trì",
    ]
    start_at(grid, 0, 0)
    keys("35,5")
    press(qtbot, Qt.Key.Key_Tab)  # right: Thanh Trì, criterion 1, its editor open
    assert grid.view.currentIndex().column() == 1 and grid.view.currentIndex().row() == 0
    keys("20.5")
    press(qtbot, Qt.Key.Key_Return)  # down: Thanh Trì, criterion 2
    assert (grid.view.currentIndex().row(), grid.view.currentIndex().column()) == (1, 1)
    keys("45")
    press(qtbot, Qt.Key.Key_Return)
    assert (grid.view.currentIndex().row(), grid.view.currentIndex().column()) == (2, 1)
    assert [model.index(r, c).data() for r, c in ((0, 0), (0, 1), (1, 1))] == ["35,5", "20.5", "45"]
    assert rows(window.ctx.db, ClusterScore) == []  # nothing written before the grid is saved
    click(qtbot, grid.save_button)
    assert grid.message.text() == ""
    assert agreed(window.ctx.db) == {("1", "017"): 355, ("1", "020"): 205, ("2", "020"): 450}
    # The grid shows them as given, and the unit's table and the ranking follow.
    assert model.typed == {} and model.index(0, 1).data() == "20,5"
    assert window.review.scores_page.ranking_model.rows[0][1] == "Huyện Thanh Trì"


def test_a_block_copied_from_excel_is_pasted_from_the_current_cell(grid, qtbot, window):
    start_at(grid, 0, 0)
    QGuiApplication.clipboard().setText("30\t25,5\r\n40\t35\r\n9\t10\r\n")
    press(qtbot, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert [[grid.model.index(r, c).data() for c in range(2)] for r in range(3)] == [
        ["30", "25,5"],
        ["40", "35"],
        ["9", "10"],
    ]
    click(qtbot, grid.save_button)
    assert agreed(window.ctx.db) == {
        ("1", "017"): 300,
        ("1", "020"): 255,
        ("2", "017"): 400,
        ("2", "020"): 350,
        ("3", "017"): 90,
        ("3", "020"): 100,
    }
    # A block wider than the grid: what has no cell is left out, and said so.
    start_at(grid, 2, 1)
    QGuiApplication.clipboard().setText("8\t7")
    press(qtbot, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert grid.model.index(2, 1).data() == "8"
    assert "1 ô dán vào nằm ngoài bảng" in grid.message.text()


def test_a_refused_cell_stays_red_and_nothing_is_written(grid, qtbot, window):
    start_at(grid, 1, 0)
    keys("51")  # criterion 2 has at most 50 points
    press(qtbot, Qt.Key.Key_Return)
    keys("abc")
    press(qtbot, Qt.Key.Key_Return)
    model = grid.model
    first = model.index(1, 0)
    assert first.data() == "51"
    assert first.data(Qt.ItemDataRole.BackgroundRole) == REFUSED
    assert (
        first.data(Qt.ItemDataRole.ToolTipRole)
        == "Tiêu chí “Tuyên truyền” tối đa 50 điểm; 51 điểm là vượt mức."
    )
    assert grid.message.text() == (
        "Đông Anh, tiêu chí 2: Tiêu chí “Tuyên truyền” tối đa 50 điểm; 51 điểm là vượt mức. "
        "Còn 1 ô khác chưa hợp lệ (tô đỏ)."
    )
    assert not grid.save_button.isEnabled()
    grid.save()  # even asked directly, nothing is written while a cell is refused
    assert rows(window.ctx.db, ClusterScore) == []
    # Put right, the cells go back to white and the grid saves.
    start_at(grid, 1, 0)
    keys("50")
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Delete)  # the cell with "abc": emptied, nothing to save there
    assert model.errors == {} and first.data(Qt.ItemDataRole.BackgroundRole) == CHANGED
    click(qtbot, grid.save_button)
    assert agreed(window.ctx.db) == {("2", "017"): 500}


def test_self_scores_of_an_imported_unit_are_greyed(grid, qtbot, window):
    grid.stage_combo.setCurrentIndex(grid.stage_combo.findData("self"))
    QApplication.processEvents()
    model = grid.model
    imported = model.index(0, 1)
    assert not (model.flags(imported) & Qt.ItemFlag.ItemIsEditable)
    assert "tự chấm điểm trên máy của đơn vị" in model.headerData(
        1, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole
    )
    start_at(grid, 0, 0)
    keys("12")
    press(qtbot, Qt.Key.Key_Tab)  # Thanh Trì's greyed cell is passed by
    click(qtbot, grid.save_button)
    assert [s.points_tenths for s in rows(window.ctx.db, SelfScore)] == [120]


def test_the_default_criteria_are_copied_as_a_template(tab, qtbot, window):
    tab.steps.setCurrentIndex(0)
    editor = tab.criteria_editor
    template = editor.findChild(QPushButton, "criteria_template")
    assert template.text() == "Dùng bộ tiêu chí mẫu của Cụm"
    click(qtbot, template)
    [criteria_set] = rows(window.ctx.db, CriteriaSet)
    assert criteria_set.title == "Bảng tiêu chí chấm điểm thi đua năm 2022"
    copied = sorted(rows(window.ctx.db, Criterion), key=lambda c: c.position)
    assert [(c.indicator_code, c.max_tenths) for c in copied] == [
        (item.indicator_code, item.max_points * 10) for item in DEFAULT_CRITERIA
    ]
    # The set is there to change: the editor shows it, and the template is no longer offered.
    assert editor.editor.isVisible() and not template.isVisible()
    assert editor.refusal is None and len(editor.model.lines) == 1 + len(DEFAULT_CRITERIA)
    assert tab.steps.tabText(0) == "1. Bảng tiêu chí ✓"


def test_no_step_is_ticked_before_its_work_is_done(tab):
    """No criteria set yet: the later steps are not done either (they used to show ✓)."""
    assert [tab.steps.tabText(i) for i in range(5)] == [
        "1. Bảng tiêu chí",
        "2. Chấm điểm",
        "3. Suy tôn, bầu cử",
        "4. Cụm trưởng, phó",
        "5. Khen thưởng",
    ]
    assert tab.steps.tabToolTip(4) == "5. Đề nghị khen thưởng"


def enter_tally(tab, valid, votes):
    page = tab.elections_page
    tab.steps.setCurrentIndex(2)
    page.election_combo.setCurrentIndex(page.election_combo.findData("leading_unit"))
    for name, value in (("issued", valid), ("returned", valid), ("valid", valid), ("invalid", 0)):
        page.ballot_spins[name].setText(str(value))
    for code, spin in page.vote_spins.items():
        spin.setText(str(votes.get(code, 0)))


def test_a_tally_with_no_votes_is_recorded_only_after_yes(tab, qtbot, window, monkeypatch):
    asked = []
    monkeypatch.setattr(dialogs, "confirm", lambda _parent, text: asked.append(text) or False)
    enter_tally(tab, 15, {})
    click(qtbot, tab.findChild(QPushButton, "review_record_tally"))
    assert asked == ["Tất cả đơn vị đều 0 phiếu, trong khi có 15 phiếu hợp lệ. Vẫn ghi?"]
    assert tab.elections_page.tally_error.text() == "Chưa ghi kết quả kiểm phiếu."
    assert rows(window.ctx.db, Election) == []
    monkeypatch.setattr(dialogs, "confirm", lambda _parent, text: asked.append(text) or True)
    click(qtbot, tab.findChild(QPushButton, "review_record_tally"))
    assert len(asked) == 2 and [e.ballots_valid for e in rows(window.ctx.db, Election)] == [15]
    # A tally with votes asks nothing.
    enter_tally(tab, 15, {"017": 15})
    click(qtbot, tab.findChild(QPushButton, "review_record_tally"))
    assert len(asked) == 2 and tab.elections_page.tally_error.text() == ""


def test_the_tab_fits_a_small_window(tab, window):
    """At 1024×600 the steps' names are whole and the tab asks for less than the window has; a step
    longer than the room scrolls instead of pushing its buttons out."""
    create_criteria_set(window.ctx.db, "T-CUM", 2022, "Bảng tiêu chí năm 2022", GROUPS)
    window.resize(1024, 600)
    tab.reload()
    QApplication.processEvents()
    hint = tab.minimumSizeHint()
    assert hint.width() <= 1000 and hint.height() <= 480
    bar = tab.steps.tabBar()
    assert bar.sizeHint().width() <= tab.steps.width()  # every step's tab in view, no scrolling
    assert tab.steps.elideMode() == Qt.TextElideMode.ElideNone
    for index in range(tab.steps.count()):
        tab.steps.setCurrentIndex(index)
        QApplication.processEvents()
        area = tab.steps.currentWidget()
        page = area.widget()
        for button in page.findChildren(QPushButton):
            if button.isVisibleTo(page):
                # Inside its step (which scrolls), and the step inside the window.
                corner = button.mapTo(page, button.rect().bottomRight())
                assert page.rect().contains(corner), button.objectName()
        assert area.mapTo(window, area.rect().bottomRight()).y() < window.height()
