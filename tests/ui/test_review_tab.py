"""The Tổng kết & suy tôn tab, driven like the cluster head does: scoring a criterion, a tally that does
not add up, and the elections through to next year's roles (small tree: cluster T-CUM, Đông Anh and
Thanh Trì, 2022)."""

from __future__ import annotations

import pytest
from helpers import rows, type_into

from emulation_desktop.domain.models import ClusterMember, ClusterScore, Election, SelfScore, Unit
from emulation_desktop.review.criteria import create_criteria_set
from emulation_desktop.ui.qt import QApplication, Qt

GROUPS = [
    {
        "code": "I",
        "name": "Công tác vận động",
        "criteria": [
            {
                "code": "1",
                "name": "Vận động xây sửa nhà đại đoàn kết",
                "max_points": 40,
                "indicator_code": "solidarity_houses",
                "target_value": 5,
                "target_text": "đạt 100% chỉ tiêu",
            },
            {"code": "2", "name": "Tuyên truyền", "max_points": 60},
        ],
    }
]


@pytest.fixture
def tab(window, qtbot):
    create_criteria_set(window.ctx.db, "T-CUM", 2022, "Bảng tiêu chí năm 2022", GROUPS)
    review = window.review
    window.tabs.setCurrentWidget(review)
    review.reload()
    QApplication.processEvents()
    return review


def click(qtbot, tab, name):
    from emulation_desktop.ui.qt import QPushButton

    button = tab.findChild(QPushButton, name)
    assert button is not None and button.isEnabled(), name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()


def missing(tab):
    return [row[0] for row in tab.missing_model.rows]


def test_the_tab_lists_what_is_missing(tab):
    assert tab.isEnabled() and "Cụm thử" in tab.heading.text()
    items = missing(tab)
    assert "Huyện Thanh Trì chưa gửi gói dữ liệu năm." in items
    assert "Huyện Đông Anh chưa tự chấm điểm." in items
    assert "Chưa có đề nghị khen thưởng nào." in items
    assert tab.steps.tabText(0).endswith("✓") and not tab.steps.tabText(2).endswith("✓")


def test_scoring_a_criterion(tab, qtbot, window):
    tab.steps.setCurrentIndex(1)
    tab.scores_page.unit_combo.setCurrentIndex(tab.scores_page.unit_combo.findData("017"))
    tab.scores_page.criterion_combo.setCurrentIndex(1)  # 2. Tuyên truyền
    type_into(qtbot, tab.scores_page.points_edit, "55,5")
    type_into(qtbot, tab.scores_page.justification_edit, "Tuyên truyền trên loa truyền thanh")
    click(qtbot, tab, "review_save_self")
    assert tab.scores_page.score_error.text() == ""
    [score] = rows(window.ctx.db, SelfScore)
    assert (score.points_tenths, score.justification) == (555, "Tuyên truyền trên loa truyền thanh")
    assert tab.scores_page.scores_model.rows[1][4] == "55,5"
    # Too many points: refused with its message, nothing changed.
    type_into(qtbot, tab.scores_page.points_edit, "61")
    click(qtbot, tab, "review_save_agreed")
    assert (
        tab.scores_page.score_error.text() == "Tiêu chí “Tuyên truyền” tối đa 60 điểm; 61 điểm là vượt mức."
    )
    assert rows(window.ctx.db, ClusterScore) == []
    # The linked criterion proposes its score from the figures (no houses recorded: 0 of 5).
    tab.scores_page.criterion_combo.setCurrentIndex(0)
    assert "0 điểm" in tab.scores_page.proposal_label.text()
    click(qtbot, tab, "review_use_proposal")
    assert tab.scores_page.points_edit.text() == "0"
    click(qtbot, tab, "review_save_agreed")
    assert [s.points_tenths for s in rows(window.ctx.db, ClusterScore)] == [0]
    assert tab.scores_page.ranking_model.rows[0][1] == "Huyện Đông Anh"


def enter_tally(tab, kind, issued, returned, valid, invalid, votes):
    tab.steps.setCurrentIndex(2)
    tab.elections_page.election_combo.setCurrentIndex(tab.elections_page.election_combo.findData(kind))
    for name, value in (("issued", issued), ("returned", returned), ("valid", valid), ("invalid", invalid)):
        tab.elections_page.ballot_spins[name].setText(str(value))
    for code, spin in tab.elections_page.vote_spins.items():
        spin.setText(str(votes.get(code, 0)))


def test_a_tally_that_does_not_add_up_is_refused_with_its_message(tab, qtbot, window):
    enter_tally(tab, "head", 10, 11, 11, 0, {"017": 6})
    click(qtbot, tab, "review_record_tally")
    assert tab.elections_page.tally_error.text() == "Thu về 11 phiếu nhưng chỉ phát ra 10 phiếu."
    enter_tally(tab, "head", 10, 10, 9, 0, {"017": 6, "020": 3})
    click(qtbot, tab, "review_record_tally")
    assert tab.elections_page.tally_error.text() == (
        "Số phiếu hợp lệ và không hợp lệ (9 + 0) phải bằng số phiếu thu về (10)."
    )
    enter_tally(tab, "head", 10, 10, 10, 0, {"017": 7, "020": 4})
    click(qtbot, tab, "review_record_tally")
    assert "Tổng số phiếu bầu là 11" in tab.elections_page.tally_error.text()
    enter_tally(tab, "head", 10, 10, 10, 0, {"017": "bảy"})
    click(qtbot, tab, "review_record_tally")
    assert tab.elections_page.tally_error.text() == "Huyện Đông Anh: hãy nhập số nguyên."
    assert rows(window.ctx.db, Election) == []


def test_completing_the_election(tab, qtbot, window):
    enter_tally(tab, "leading_unit", 10, 10, 10, 0, {"017": 9, "020": 1})
    click(qtbot, tab, "review_record_tally")
    enter_tally(tab, "head", 10, 10, 9, 1, {"020": 8, "017": 1})
    click(qtbot, tab, "review_record_tally")
    enter_tally(tab, "deputy", 10, 9, 9, 0, {"017": 9})
    click(qtbot, tab, "review_record_tally")
    assert tab.elections_page.tally_error.text() == ""
    assert len(rows(window.ctx.db, Election)) == 3
    assert "Huyện Thanh Trì: 8/9 phiếu hợp lệ (88,9%)." in tab.elections_page.results_label.text()
    assert tab.steps.tabText(2).endswith("✓")
    tab.steps.setCurrentIndex(3)
    click(qtbot, tab, "review_apply_roles")
    assert tab.roles_page.roles_error.text() == ""
    assert "Cụm trưởng: Huyện Thanh Trì (020)" in tab.roles_page.roles_label.text()
    assert "Cụm phó: Huyện Đông Anh (017)" in tab.roles_page.roles_label.text()
    with window.ctx.db.session() as session:
        roles = {
            code: role
            for code, role in session.execute(
                ClusterMember.__table__.select()
                .with_only_columns(Unit.code, ClusterMember.role)
                .join(Unit, Unit.id == ClusterMember.unit_id)
                .where(ClusterMember.year == 2023)
            )
        }
    assert roles == {"020": "head", "017": "deputy"}
    assert tab.steps.tabText(3).endswith("✓")
    tab.steps.setCurrentIndex(4)
    tab.proposals_page.proposal_unit.setCurrentIndex(tab.proposals_page.proposal_unit.findData("017"))
    type_into(qtbot, tab.proposals_page.proposal_reason, "Dẫn đầu Cụm")
    click(qtbot, tab, "review_add_proposal")
    assert tab.proposals_page.proposals_model.rows[0][1] == "Cờ thi đua của Ủy ban MTTQ Việt Nam TP Hà Nội"
    assert "Chưa có đề nghị khen thưởng nào." not in missing(tab)


def test_the_ballots_are_printed_from_the_documents_tab(tab, qtbot, window):
    tab.steps.setCurrentIndex(2)
    click(qtbot, tab, "review_print_ballots")
    documents = window.documents
    assert window.tabs.currentWidget() is documents
    assert documents.kind_name() == "review-ballots" and documents.year_spin.value() == 2022
    assert documents.scope_combo.currentData() == ("cluster", "T-CUM")


def test_the_score_fields_never_carry_text_to_another_criterion_or_unit(tab, qtbot, window):
    """What was typed for one criterion or unit is cleared when another is chosen, so that saving can
    never put it on the wrong one; a row clicked in the table chooses its criterion below."""
    page = tab.scores_page
    tab.steps.setCurrentIndex(1)
    page.unit_combo.setCurrentIndex(page.unit_combo.findData("017"))
    page.criterion_combo.setCurrentIndex(0)
    type_into(qtbot, page.points_edit, "30")
    type_into(qtbot, page.justification_edit, "Biên bản bàn giao 5 nhà")
    page.criterion_combo.setCurrentIndex(1)
    assert (page.points_edit.text(), page.justification_edit.text()) == ("", "")
    type_into(qtbot, page.points_edit, "50")
    type_into(qtbot, page.justification_edit, "Tuyên truyền trên loa")
    page.unit_combo.setCurrentIndex(page.unit_combo.findData("020"))
    assert (page.points_edit.text(), page.justification_edit.text()) == ("", "")
    # Saving now refuses an empty score instead of writing Đông Anh's text onto Thanh Trì.
    click(qtbot, tab, "review_save_agreed")
    assert rows(window.ctx.db, ClusterScore) == []
    assert page.score_error.text() == "Hãy nhập điểm bằng số, ví dụ 9,5."
    # A click on the first row of the table chooses criterion 1 in the form.
    page.criterion_combo.setCurrentIndex(1)
    index = page.scores_model.index(0, 1)
    qtbot.mouseClick(
        page.scores_view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=page.scores_view.visualRect(index).center(),
    )
    assert page.criterion_combo.currentIndex() == 0
