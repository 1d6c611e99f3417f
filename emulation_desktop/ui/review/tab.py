"""The Tổng kết & suy tôn tab: the cluster head's year-end review, step by step and in order:
1. the criteria set; 2. the scores (each unit's self-score, the agreed cluster score, a linked
criterion's proposed score) and the ranking, ties shown openly; 3. the acclaim and the elections, each
tally checked before it is recorded; 4. next year's cluster head and deputy; 5. commendation proposals.

What is still missing before the conference is listed beside the steps; a step is ticked when nothing
of it is missing. This module is the frame: it finds the review of the unit and year open in the window,
reads it (``review.screens``) and gives each step its part; the steps are modules of their own. All the
work is done by the Qt-free ``emulation_desktop.review`` operations; refused input is shown with its
message, nothing written.
"""

from __future__ import annotations

from typing import Any

from emulation_desktop.locale.i18n import _
from emulation_desktop.review.board import Board, Gap
from emulation_desktop.review.screens import review_cluster, review_screen
from emulation_desktop.ui.context import AppContext
from emulation_desktop.ui.qt import QLabel, QSplitter, Qt, QTabWidget, QVBoxLayout, QWidget, qconnect
from emulation_desktop.ui.review.criteria_page import CriteriaEditor
from emulation_desktop.ui.review.elections_page import ElectionsPage
from emulation_desktop.ui.review.proposals_page import ProposalsPage
from emulation_desktop.ui.review.roles_page import RolesPage
from emulation_desktop.ui.review.scores_page import ScoresPage
from emulation_desktop.ui.review.widgets import ClusterYear, RowsModel, rows_table

# The steps of the review's readiness (``review.board.STEPS``) each page of the tab covers.
STEP_OF_PAGE = (
    ("criteria",),
    ("packages", "self_scores", "agreed_scores"),
    ("elections",),
    ("roles",),
    ("proposals",),
)


class ReviewTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("review_tab")
        self.ctx = ctx
        self.shown = ClusterYear()
        self.board: Board | None = None

        self.heading = QLabel()
        self.heading.setObjectName("review_heading")
        self.heading.setWordWrap(True)
        # Every change on a step reloads the whole tab: the board and what is still missing follow it.
        self.criteria_editor = CriteriaEditor(ctx, self.refresh)
        self.scores_page = ScoresPage(ctx, self.shown, self.refresh)
        self.elections_page = ElectionsPage(ctx, self.shown, self.refresh)
        self.roles_page = RolesPage(ctx, self.shown, self.refresh)
        self.proposals_page = ProposalsPage(ctx, self.shown, self.refresh)
        self.steps = QTabWidget()
        self.steps.setObjectName("review_steps")
        for page in (
            self.criteria_editor,
            self.scores_page,
            self.elections_page,
            self.roles_page,
            self.proposals_page,
        ):
            self.steps.addTab(page, "")

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(QLabel(_("Still missing before the conference")))
        self.missing_model = RowsModel([""])
        self.missing = rows_table(self.missing_model, "review_missing", 0)
        self.missing.horizontalHeader().setVisible(False)
        self.missing.setWordWrap(True)
        side_layout.addWidget(self.missing, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.steps)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 1)
        splitter.setSizes([960, 360])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.heading)
        layout.addWidget(splitter, 1)
        qconnect(ctx.context_changed, self.reload)
        self.reload()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def reload(self) -> None:
        """Find the cluster of the unit and year open in the window and show its review."""
        # Hidden (another tab is open): load when the clerk comes here, not at every start-up.
        self._stale = not self.isVisible()
        if self._stale:
            return
        self.shown.year = self.ctx.year
        self.shown.cluster_code = None
        if self.ctx.unit is not None and self.shown.year:
            self.shown.cluster_code = review_cluster(self.ctx.db, self.ctx.unit_code, self.shown.year)
        self.setEnabled(self.shown.cluster_code is not None)
        if self.shown.cluster_code is None:
            self.heading.setText(_("The unit open in the window belongs to no emulation cluster this year."))
            return
        self.refresh()

    def refresh(self) -> None:
        if self.shown.cluster_code is None:
            return
        code, year = self.shown.cluster_code, self.shown.year
        screen = review_screen(self.ctx.db, code, year)
        self.board = current = screen.board
        self.heading.setText(
            _("Year-end review {year} — {cluster}").format(year=year, cluster=current.cluster_name)
        )
        self._show_steps(screen.gaps)
        self.missing_model.set_rows([(g.message,) for g in screen.gaps] or [(_("Everything is ready."),)])
        self.missing.resizeRowsToContents()
        self.criteria_editor.show_set(code, year, current.view, screen.criteria)
        self.scores_page.show_board(current)
        self.elections_page.show_elections(current, screen.results)
        self.roles_page.show_roles(screen.roles)
        self.proposals_page.show_proposals(current, screen.proposals)

    def _show_steps(self, gaps: list[Gap]) -> None:
        titles = (
            _("1. Criteria"),
            _("2. Scores and ranking"),
            _("3. Acclaim and elections"),
            _("4. Next year's roles"),
            _("5. Commendations"),
        )
        pending = {g.step for g in gaps}
        for index, title in enumerate(titles):
            done = not pending.intersection(STEP_OF_PAGE[index])
            self.steps.setTabText(index, f"{title} ✓" if done else title)
