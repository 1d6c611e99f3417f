"""Taking the proposed score of a linked criterion takes its points only: the explanation shown above it
is the window's working ("0 · … against 5"), not a justification for the scoring sheet, which states the
unit's figure itself (small tree, cluster T-CUM, 2022)."""

from __future__ import annotations

from helpers import rows
from test_review_tab import click, tab  # noqa: F401 - fixture used below

from emulation_desktop.domain.models import SelfScore


def test_the_proposal_gives_the_points_and_leaves_the_justification_to_the_clerk(tab, qtbot, window):  # noqa: F811
    page = tab.scores_page
    tab.steps.setCurrentIndex(1)
    page.unit_combo.setCurrentIndex(page.unit_combo.findData("017"))
    page.criterion_combo.setCurrentIndex(0)  # linked to the solidarity houses
    assert "0 điểm" in page.proposal_label.text()
    click(qtbot, tab, "review_use_proposal")
    assert page.points_edit.text() == "0"
    assert page.justification_edit.text() == ""
    click(qtbot, tab, "review_save_self")
    [score] = rows(window.ctx.db, SelfScore)
    assert (score.points_tenths, score.justification) == (0, "")
