"""Step 1 of the Tổng kết & suy tôn tab, driven as the cluster head's clerk does: the criteria set made
from nothing or copied from last year, groups and criteria added by keyboard, a bad maximum refused
beside its field, a scored criterion kept, and a set received from the head shown read-only (small
tree: cluster T-CUM, Đông Anh 017 ours and cluster head, Thanh Trì 020 imported, 2022)."""

from __future__ import annotations

import pytest
from helpers import rows, type_into

from emulation_desktop.domain.base import new_id
from emulation_desktop.domain.models import CriteriaSet, Criterion, CriterionGroup, ImportState
from emulation_desktop.operations import structure
from emulation_desktop.review import scores
from emulation_desktop.review.criteria import create_criteria_set
from emulation_desktop.ui.qt import QApplication, QLabel, QLineEdit, QPushButton, Qt

GROUPS = [
    {
        "code": "I",
        "name": "Công tác vận động",
        "criteria": [
            {"code": "1", "name": "Vận động xây sửa nhà đại đoàn kết", "max_points": 40},
            {"code": "2", "name": "Tuyên truyền", "max_points": 60, "target_text": "đạt 100% chỉ tiêu"},
        ],
    },
    {
        "code": "II",
        "name": "Điểm thưởng, điểm trừ",
        "criteria": [{"code": "3", "name": "Mô hình mới", "kind": "bonus", "max_points": 5}],
    },
]


@pytest.fixture
def review(window):
    tab = window.review
    window.tabs.setCurrentWidget(tab)
    tab.steps.setCurrentIndex(0)
    QApplication.processEvents()
    return tab


def reload(tab):
    """Data written behind the tab's back (test set-up): show it, as coming back to the tab would."""
    tab.reload()
    QApplication.processEvents()
    return tab.criteria_editor


def click(qtbot, editor, name):
    button = editor.findChild(QPushButton, name)
    assert button is not None and button.isVisible() and button.isEnabled(), name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()


def enter(qtbot, widget):
    qtbot.keyClick(widget, Qt.Key.Key_Return)
    QApplication.processEvents()


def choose(editor, kind, name):
    """Click the table row of a group or criterion by its name."""
    row = next(i for i, line in enumerate(editor.model.lines) if line.kind == kind and line.cells[1] == name)
    editor.table.setCurrentIndex(editor.model.index(row, 1))
    QApplication.processEvents()


def tab_chain(first, count):
    """The widgets Tab visits, from ``first`` on."""
    chain, widget = [first], first
    while len(chain) < count:
        widget = widget.nextInFocusChain()
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isEnabled():
            chain.append(widget)
    return chain


def missing(tab):
    return [row[0] for row in tab.missing_model.rows]


def visible_errors(editor):
    return {name: label.text() for name, label in editor.errors.items() if label.isVisible()}


def live(db, model):
    return [row for row in rows(db, model) if not row.deleted]


def test_a_set_is_created_and_filled_by_keyboard(review, qtbot, window):
    editor = reload(review)
    assert editor.empty.isVisible() and not editor.editor.isVisible()
    assert editor.empty.new_title.text() == "Bảng tiêu chí chấm điểm thi đua năm 2022"
    assert not editor.empty.copy_button.isEnabled()  # no set in 2021
    assert editor.empty.copy_info.text() == "Năm 2021 không có bảng tiêu chí để sao chép."
    assert "Chưa xây dựng bảng tiêu chí năm 2022." in missing(review)

    click(qtbot, editor, "criteria_create")
    [created] = rows(window.ctx.db, CriteriaSet)
    assert (created.title, created.year) == ("Bảng tiêu chí chấm điểm thi đua năm 2022", 2022)
    assert editor.editor.isVisible() and not editor.empty.isVisible()
    assert "Bảng tiêu chí chưa có tiêu chí nào." in missing(review)
    assert not editor.form.add_button.isEnabled()  # a criterion goes in a group: add one first

    # A group: its name, Enter. Left unnumbered it takes the next number.
    type_into(qtbot, editor.group_line.name_edit, "Công tác an sinh xã hội")
    enter(qtbot, editor.group_line.name_edit)
    [group] = rows(window.ctx.db, CriterionGroup)
    assert (group.code, group.name) == ("I", "Công tác an sinh xã hội")
    assert editor.model.lines[0].cells[:2] == ("I", "Công tác an sinh xã hội")
    assert editor.group_line.name_edit.text() == "" and editor.form.group_combo.currentData() == group.id

    # A criterion of that group, field after field as Tab goes, then Enter.
    # (The target value waits for a linked figure: Tab skips it until then.)
    assert tab_chain(editor.form.group_combo, 7) == [
        w for w in editor.form.fields if w is not editor.form.target_edit
    ]
    type_into(qtbot, editor.form.code_edit, "1")
    type_into(qtbot, editor.form.name_edit, "Vận động xây sửa nhà đại đoàn kết")
    type_into(qtbot, editor.form.max_edit, "2,5")
    editor.form.indicator_combo.setCurrentIndex(editor.form.indicator_combo.findData("cremations"))
    assert editor.form.target_edit.isEnabled() and editor.form.target_unit.text() == "%"
    type_into(qtbot, editor.form.target_edit, "80")
    type_into(qtbot, editor.form.target_text_edit, "đạt 100% chỉ tiêu")
    enter(qtbot, editor.form.target_text_edit)
    assert visible_errors(editor) == {}
    [criterion] = rows(window.ctx.db, Criterion)
    assert (criterion.code, criterion.name, criterion.max_tenths) == (
        "1",
        "Vận động xây sửa nhà đại đoàn kết",
        25,
    )
    assert (criterion.group_id, criterion.indicator_code, criterion.target_value) == (
        group.id,
        "cremations",
        800,
    )
    assert criterion.target_text == "đạt 100% chỉ tiêu"
    # The form is ready for the next criterion of the group; the board and the missing list followed.
    assert editor.form.name_edit.text() == "" and editor.form.code_edit.placeholderText() == "2"
    assert editor.current_line().kind == "group"
    assert [line.cells[3] for line in editor.model.lines] == ["2,5", "2,5"]
    assert "Tổng điểm các tiêu chí là 2,5 điểm, chưa phải 100 điểm." in missing(review)
    assert review.scores_page.criterion_combo.count() == 1


def test_a_bad_maximum_shows_its_message_and_saves_nothing(review, qtbot, window):
    create_criteria_set(window.ctx.db, "T-CUM", 2022, "Bảng tiêu chí năm 2022", GROUPS)
    editor = reload(review)
    choose(editor, "group", "Công tác vận động")
    type_into(qtbot, editor.form.name_edit, "Hòa giải ở cơ sở")
    type_into(qtbot, editor.form.max_edit, "mười")
    enter(qtbot, editor.form.max_edit)
    assert visible_errors(editor) == {"max_points": "“mười” không phải là số điểm; hãy viết như 9,5."}
    type_into(qtbot, editor.form.max_edit, "9,55")
    enter(qtbot, editor.form.max_edit)
    assert visible_errors(editor) == {"max_points": "Điểm chỉ lấy tối đa một chữ số thập phân (ví dụ 9,5)."}
    editor.form.name_edit.clear()
    editor.form.max_edit.clear()
    click(qtbot, editor, "criteria_add")
    assert visible_errors(editor) == {
        "name": "Tiêu chí cần có tên.",
        "max_points": "Tiêu chí cần có điểm tối đa.",
    }
    assert len(rows(window.ctx.db, Criterion)) == 3
    # What the clerk typed stays, to be corrected.
    assert editor.form.max_edit.text() == "" and editor.current_line().kind == "group"


def test_a_criterion_is_edited_moved_and_its_group_renamed(review, qtbot, window):
    create_criteria_set(window.ctx.db, "T-CUM", 2022, "Bảng tiêu chí năm 2022", GROUPS)
    editor = reload(review)
    choose(editor, "criterion", "Tuyên truyền")
    assert (editor.form.code_edit.text(), editor.form.max_edit.text()) == ("2", "60")
    assert editor.form.target_text_edit.text() == "đạt 100% chỉ tiêu"
    type_into(qtbot, editor.form.name_edit, "Tuyên truyền, vận động")
    type_into(qtbot, editor.form.max_edit, "65,5")
    enter(qtbot, editor.form.name_edit)
    assert visible_errors(editor) == {} and editor.form_error.text() == ""
    changed = next(c for c in rows(window.ctx.db, Criterion) if c.code == "2")
    assert (changed.name, changed.max_tenths, changed.version) == ("Tuyên truyền, vận động", 655, 2)
    assert editor.current_line().id == changed.id  # still chosen, to go on with it
    assert "Tổng điểm các tiêu chí là 105,5 điểm, chưa phải 100 điểm." in missing(review)

    click(qtbot, editor, "criteria_up")
    assert [line.cells[0] for line in editor.model.lines] == ["I", "2", "1", "II", "3"]
    assert editor.current_line().id == changed.id
    # Into the other group: it goes to its end.
    editor.form.group_combo.setCurrentIndex(editor.form.group_combo.findText("II. Điểm thưởng, điểm trừ"))
    click(qtbot, editor, "criteria_save")
    assert [line.cells[0] for line in editor.model.lines] == ["I", "1", "II", "3", "2"]

    # A group's name is changed in the table.
    choose(editor, "group", "Công tác vận động")
    click(qtbot, editor, "criteria_rename_group")
    [field] = [w for w in editor.table.findChildren(QLineEdit) if w.isVisible()]
    field.selectAll()
    type_into(qtbot, field, "Công tác tuyên truyền, vận động")
    enter(qtbot, field)
    qtbot.waitUntil(
        lambda: (
            [g.name for g in rows(window.ctx.db, CriterionGroup) if g.code == "I"]
            == ["Công tác tuyên truyền, vận động"]
        )
    )
    assert editor.current_line().cells[1] == "Công tác tuyên truyền, vận động"
    # Its number cannot be another group's: refused under the form, the table as it was.
    editor.table.setCurrentIndex(editor.model.index(0, 0))
    editor.table.edit(editor.model.index(0, 0))
    [field] = [w for w in editor.table.findChildren(QLineEdit) if w.isVisible()]
    field.selectAll()
    type_into(qtbot, field, "II")
    enter(qtbot, field)
    qtbot.waitUntil(lambda: editor.form_error.isVisible())
    assert editor.form_error.text() == "Hai nhóm không thể cùng số “II” trong một bảng tiêu chí."
    assert sorted(g.code for g in rows(window.ctx.db, CriterionGroup)) == ["I", "II"]
    # A group that still has criteria stays.
    click(qtbot, editor, "criteria_remove_group")
    assert editor.form_error.text() == (
        "Nhóm “Công tác tuyên truyền, vận động” còn 1 tiêu chí; hãy chuyển hoặc xóa các tiêu chí đó trước khi xóa nhóm."
    )


def test_removing_a_scored_criterion_is_refused(review, qtbot, window, shown):
    create_criteria_set(window.ctx.db, "T-CUM", 2022, "Bảng tiêu chí năm 2022", GROUPS)
    ids = {c.code: c.id for c in rows(window.ctx.db, Criterion)}
    scores.set_score(window.ctx.db, "self", "017", ids["2"], 50)
    editor = reload(review)
    choose(editor, "criterion", "Tuyên truyền")
    click(qtbot, editor, "criteria_remove")
    assert shown[-1] == "Xóa tiêu chí “Tuyên truyền”?"
    assert editor.form_error.text() == (
        "Tiêu chí “Tuyên truyền” đã có 1 điểm chấm (tự chấm hoặc Cụm chấm); không thể xóa khi còn các điểm "
        "này. Hãy xóa các điểm chấm đó trước."
    )
    assert len(live(window.ctx.db, Criterion)) == 3
    # One without scores goes.
    choose(editor, "criterion", "Mô hình mới")
    click(qtbot, editor, "criteria_remove")
    assert editor.form_error.text() == ""
    assert sorted(c.code for c in live(window.ctx.db, Criterion)) == ["1", "2"]
    assert "Mô hình mới" not in [line.cells[1] for line in editor.model.lines]


def test_last_years_set_is_copied(review, qtbot, window):
    create_criteria_set(window.ctx.db, "T-CUM", 2021, "Bảng tiêu chí chấm điểm thi đua năm 2021", GROUPS)
    editor = reload(review)
    assert editor.empty.copy_button.isEnabled()
    assert "“Bảng tiêu chí chấm điểm thi đua năm 2021”, 3 tiêu chí" in editor.empty.copy_info.text()
    click(qtbot, editor, "criteria_copy")
    assert editor.empty.error.text() == ""
    copied = next(s for s in rows(window.ctx.db, CriteriaSet) if s.year == 2022)
    assert copied.title == "Bảng tiêu chí chấm điểm thi đua năm 2022"
    assert editor.title_edit.text() == copied.title
    assert [line.cells[:4] for line in editor.model.lines] == [
        ("I", "Công tác vận động", "", "100"),
        ("1", "Vận động xây sửa nhà đại đoàn kết", "tiêu chí", "40"),
        ("2", "Tuyên truyền", "tiêu chí", "60"),
        ("II", "Điểm thưởng, điểm trừ", "", ""),
        ("3", "Mô hình mới", "điểm thưởng", "5"),
    ]
    assert {c.set_id for c in rows(window.ctx.db, Criterion) if c.code == "2"} == {
        s.id for s in rows(window.ctx.db, CriteriaSet)
    }
    assert "Chưa xây dựng bảng tiêu chí năm 2022." not in missing(review)


def test_a_set_received_from_the_cluster_head_is_read_only(review, qtbot, window):
    set_id = create_criteria_set(window.ctx.db, "T-CUM", 2022, "Bảng tiêu chí năm 2022", GROUPS)
    with window.ctx.db.transaction() as session:  # as the import of the head's package records it
        session.add(
            ImportState(
                record_id=set_id,
                table_name="criteria_set",
                unit_code="020",
                year=2022,
                version=1,
                row_hash="0" * 32,
                package_id=new_id(),
            )
        )
    editor = reload(review)
    assert editor.banner.isVisible()
    assert editor.banner.text() == (
        "Bảng tiêu chí này nhận từ Cụm trưởng (Huyện Thanh Trì); chỉ Cụm trưởng sửa được."
    )
    choose(editor, "criterion", "Tuyên truyền")
    assert editor.form.name_edit.text() == "Tuyên truyền"  # shown, to read
    for widget in [*editor.form.fields, editor.title_edit]:
        assert widget.isReadOnly() if isinstance(widget, QLineEdit) else not widget.isEnabled()
    assert not editor.group_line.name_edit.isVisible()
    for button in editor.findChildren(QPushButton):
        assert not (button.isVisible() and button.isEnabled()), button.objectName()
    enter(qtbot, editor.form.name_edit)
    choose(editor, "group", "Công tác vận động")
    assert not editor.model.flags(editor.model.index(0, 1)) & Qt.ItemFlag.ItemIsEditable
    assert [c.version for c in rows(window.ctx.db, Criterion)] == [1, 1, 1]


def test_a_members_installation_waits_for_the_heads_set(review, qtbot, window):
    structure.set_cluster_member(window.ctx.db, "T-CUM", "020", 2022, "head")
    editor = reload(review)
    assert editor.banner.text() == (
        "Cụm trưởng (Huyện Thanh Trì) xây dựng bảng tiêu chí; bảng tiêu chí được gửi đến trong gói dữ liệu "
        "của Cụm trưởng."
    )
    assert not editor.empty.create_button.isEnabled() and not editor.empty.copy_button.isEnabled()
    assert rows(window.ctx.db, CriteriaSet) == []


def test_the_page_fits_the_window(review, window):
    """At 1366×768 every button and label of the editor shows its whole text."""
    create_criteria_set(window.ctx.db, "T-CUM", 2022, "Bảng tiêu chí năm 2022", GROUPS)
    editor = reload(review)
    choose(editor, "criterion", "Tuyên truyền")
    assert window.width() == 1366
    for widget in editor.findChildren(QPushButton) + editor.findChildren(QLabel):
        if widget.isVisible() and not (isinstance(widget, QLabel) and widget.wordWrap()):
            assert widget.width() >= widget.minimumSizeHint().width(), widget.text()
    assert editor.table.height() >= 150
