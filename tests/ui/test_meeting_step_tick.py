"""The review tab's "6. Hội nghị" step is a step like the others (issue #17): not ticked while the
meeting is not set up, the missing list says so; typed and saved on its page (small tree: cluster T-CUM,
2022), it gets its ✓ and the line leaves the list."""

from __future__ import annotations

from test_meeting_page import _fill, _save

from emulation_desktop.ui.qt import QApplication

NOT_SET_UP = "Chưa thiết lập hội nghị tổng kết năm 2022"


def _missing(review):
    model = review.missing_model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_the_meeting_step_is_ticked_once_it_is_set_up(window, qtbot):
    review = window.review
    window.tabs.setCurrentWidget(review)
    review.reload()
    meeting = review.steps.count() - 1
    review.steps.setCurrentIndex(meeting)
    QApplication.processEvents()
    assert review.steps.tabText(meeting) == "6. Hội nghị"
    assert any(line.startswith(NOT_SET_UP) for line in _missing(review))
    _fill(qtbot, review.meeting_page)
    _save(qtbot, review.meeting_page)
    assert review.meeting_page.error.text() == ""
    assert review.steps.tabText(meeting) == "6. Hội nghị ✓"
    assert "đã xong" in review.steps.tabToolTip(meeting)
    assert not any("hội nghị tổng kết" in line for line in _missing(review))
    # the other steps of the small tree are not done: the tick is the meeting's own
    assert review.steps.tabText(2) == "3. Suy tôn, bầu cử"
