"""The Tổng kết & suy tôn tab: the cluster head's year-end review, step by step and in order:
1. the criteria set; 2. the scores (each unit's self-score, the agreed cluster score, a linked
criterion's proposed score) and the ranking, ties shown openly; 3. the acclaim and the elections, each
tally checked before it is recorded; 4. next year's cluster head and deputy; 5. commendation proposals;
6. the meeting's set-up (date, time, place, chair, secretary, delegates), which the conference's papers
are printed from.

What is still missing before the conference is listed beside the steps; a step is ticked when nothing
of it is missing (the readiness of ``review.board``, which the printed review and the command agree
with). The step tabs carry short names (the whole title is their tooltip), and each step scrolls inside
its tab, so that the tab fits a 1024×600 window. This module is the frame: it finds the review of the
unit and year open in the window, reads it (``review.screens``) and gives each step its part; the steps
are modules of their own. All the work is done by the Qt-free ``emulation_desktop.review`` operations;
refused input is shown with its message, nothing written.
"""

from __future__ import annotations

from typing import Any

from emulation_desktop.locale.i18n import N_, _
from emulation_desktop.review.board import Board, Gap
from emulation_desktop.review.screens import review_cluster, review_screen
from emulation_desktop.ui.context import AppContext
from emulation_desktop.ui.qt import (
    QFrame,
    QLabel,
    QScrollArea,
    QSplitter,
    Qt,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    qconnect,
)
from emulation_desktop.ui.review.criteria_page import CriteriaEditor
from emulation_desktop.ui.review.elections_page import ElectionsPage
from emulation_desktop.ui.review.meeting_page import MeetingPage
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
    ("meeting",),
)
# Each step's name on its tab, and its whole title (the tab's tooltip).
STEP_TITLES = (
    (N_("1. Criteria"), N_("1. Criteria")),
    (N_("2. Scores"), N_("2. Scores and ranking")),
    (N_("3. Elections"), N_("3. Acclaim and elections")),
    (N_("4. Roles"), N_("4. Next year's roles")),
    (N_("5. Proposals"), N_("5. Commendations")),
    (N_("6. Meeting"), N_("6. The review meeting: date, place, delegates")),
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
        # Short names, whole: a name cut in the middle of a word ("h thức khen thưở") reads as nothing.
        self.steps.setElideMode(Qt.TextElideMode.ElideNone)
        self.steps.setUsesScrollButtons(True)
        # The meeting's set-up, last: the papers of the conference are printed from it.
        self.meeting_page = MeetingPage(ctx, self.shown, self.refresh)
        for page in (
            self.criteria_editor,
            self.scores_page,
            self.elections_page,
            self.roles_page,
            self.proposals_page,
            self.meeting_page,
        ):
            self.steps.addTab(_scrolling(page), "")

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
        splitter.setStretchFactor(1, 0)
        splitter.setChildrenCollapsible(False)
        side.setMinimumWidth(180)
        splitter.setSizes([1000, 280])
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
        self.meeting_page.show_meeting()

    def _show_steps(self, gaps: list[Gap]) -> None:
        pending = {g.step for g in gaps}
        done_word = _("done")  # outside the f-string: the catalog's extraction does not look inside one
        for index, (name, title) in enumerate(STEP_TITLES):
            done = not pending.intersection(STEP_OF_PAGE[index])
            self.steps.setTabText(index, f"{_(name)} ✓" if done else _(name))
            self.steps.setTabToolTip(index, f"{_(title)} — {done_word}" if done else _(title))


def _scrolling(page: QWidget) -> QScrollArea:
    """A step in a scroll area: a small window scrolls the step instead of pushing its buttons out."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(page)
    return area
