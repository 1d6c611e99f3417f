"""Step 2 of the Tổng kết & suy tôn tab: the scores and the ranking, on three inner tabs.

- By unit: for the unit chosen, every criterion with its maximum, the score a linked criterion
  proposes from the unit's own figures, the self-score and the agreed cluster score; below, a
  criterion's points are typed and saved as the self-score or the agreed score, with the justification
  (the proposal can be taken as it is).
- Score grid (``score_grid``): every criterion by every unit, typed like a spreadsheet and saved at once.
- Ranking: ties shown openly, with the rule the conference follows for them."""

from __future__ import annotations

from collections.abc import Callable

from emulation_desktop.locale.i18n import _
from emulation_desktop.review import scores
from emulation_desktop.review.board import TIE_RULE, Board
from emulation_desktop.review.criteria_view import CriteriaView
from emulation_desktop.review.points import show
from emulation_desktop.review.scores import Proposal
from emulation_desktop.review.screens import score_proposals
from emulation_desktop.ui.context import AppContext
from emulation_desktop.ui.qt import (
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    qconnect,
)
from emulation_desktop.ui.review.score_grid import ScoreGridPart
from emulation_desktop.ui.review.widgets import (
    ClusterYear,
    RowsModel,
    StepPage,
    button,
    combo,
    error_label,
    fill_units,
    line_edit,
    rows_table,
)


class ScoresPage(StepPage):
    def __init__(
        self, ctx: AppContext, shown: ClusterYear, changed: Callable[[], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, shown, changed, parent)
        self.board: Board | None = None
        self.proposals: dict[str, Proposal] = {}  # of the unit chosen, by criterion id
        self._typed_for: tuple[object, object] | None = None  # the (unit, criterion) the fields are for

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.views = QTabWidget()
        self.views.setObjectName("review_score_views")
        self.views.setDocumentMode(True)
        outer.addWidget(self.views)

        by_unit = QWidget()
        layout = QVBoxLayout(by_unit)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Unit:")))
        self.unit_combo = combo("review_unit")
        top.addWidget(self.unit_combo, 1)
        layout.addLayout(top)
        self.scores_model = RowsModel(
            [_("No."), _("Criterion"), _("Maximum"), _("Proposed"), _("Self-score"), _("Agreed score")]
        )
        self.scores_view = rows_table(self.scores_model, "review_scores")
        self.scores_view.setMinimumHeight(90)
        for column in (0, 2, 3, 4, 5):  # the numbers take their width, the criterion's name the rest
            self.scores_view.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.ResizeToContents
            )
        layout.addWidget(self.scores_view, 1)

        form = QFormLayout()
        self.criterion_combo = combo("review_criterion")
        self.points_edit = line_edit("review_points", "9,5")
        self.justification_edit = line_edit("review_justification")
        self.proposal_label = QLabel()
        self.proposal_label.setWordWrap(True)
        form.addRow(_("Criterion:"), self.criterion_combo)
        form.addRow(_("Points:"), self.points_edit)
        form.addRow(_("Justification, evidence:"), self.justification_edit)
        form.addRow("", self.proposal_label)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        self.use_proposal_button = button(
            _("Use the proposed score"), "review_use_proposal", self.use_proposal
        )
        self.save_self_button = button(
            _("Save as self-score"), "review_save_self", lambda: self.save_score("self")
        )
        self.save_agreed_button = button(
            _("Save as agreed score"), "review_save_agreed", lambda: self.save_score("cluster")
        )
        for widget in (self.use_proposal_button, self.save_self_button, self.save_agreed_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.score_error = error_label("review_score_error")
        layout.addWidget(self.score_error)
        self.views.addTab(by_unit, _("By unit"))

        self.grid = ScoreGridPart(ctx, shown, self.run)
        self.views.addTab(self.grid, _("Score grid"))

        ranking = QWidget()
        ranking_layout = QVBoxLayout(ranking)
        self.ranking_model = RowsModel([_("Rank"), _("Unit"), _("Self-score"), _("Agreed score"), _("Note")])
        ranking_layout.addWidget(rows_table(self.ranking_model, "review_ranking"), 1)
        self.tie_rule = QLabel(_(TIE_RULE))
        self.tie_rule.setWordWrap(True)
        ranking_layout.addWidget(self.tie_rule)
        self.views.addTab(ranking, _("Ranking"))
        qconnect(self.unit_combo.currentIndexChanged, lambda _i: self.show_scores())
        qconnect(self.criterion_combo.currentIndexChanged, lambda _i: self.show_criterion())
        # A row of the table chooses its criterion in the form below it.
        qconnect(self.scores_view.clicked, lambda index: self.criterion_combo.setCurrentIndex(index.row()))

    # --- reading ----------------------------------------------------------------------------------------

    def show_board(self, board: Board) -> None:
        """The criteria, the units and the ranking of the review (the unit and criterion chosen stay)."""
        self.board = board
        self._fill_criteria(board.view)
        fill_units(self.unit_combo, board, self.ctx.unit_code)
        self.show_scores()
        self.grid.load()
        self.ranking_model.set_rows(
            [
                (
                    f"{r.rank} {_('(tied)')}" if r.tied else str(r.rank),
                    r.unit.name,
                    show(r.self_total),
                    show(r.agreed_total),
                    _("tied") if r.tied else "",
                )
                for r in board.rows
            ]
        )
        self.tie_rule.setVisible(any(r.tied for r in board.rows))

    def _fill_criteria(self, view: CriteriaView | None) -> None:
        current = self.criterion_combo.currentData()
        self.criterion_combo.blockSignals(True)
        self.criterion_combo.clear()
        for c in view.criteria if view else ():
            self.criterion_combo.addItem(f"{c.code}. {c.name}", c.id)
        self.criterion_combo.setCurrentIndex(max(self.criterion_combo.findData(current), 0))
        self.criterion_combo.blockSignals(False)

    def show_scores(self) -> None:
        if self.board is None or self.board.view is None or self.unit_combo.count() == 0:
            self.scores_model.set_rows([])
            return
        row = self.board.row(self.unit_combo.currentData())
        self.proposals = score_proposals(self.ctx.db, row.code, self.board.criteria, self.shown.year)
        self.scores_model.set_rows(
            [
                (
                    c.code,
                    c.name,
                    show(c.max_tenths),
                    show(self.proposals[c.id].points_tenths) if c.id in self.proposals else "",
                    show(row.self_points.get(c.id)),
                    show(row.agreed_points.get(c.id)),
                )
                for c in self.board.criteria
            ]
        )
        self.show_criterion()

    def show_criterion(self) -> None:
        chosen = (self.unit_combo.currentData(), self.criterion_combo.currentData())
        if chosen != self._typed_for:
            # Another unit or criterion: what was typed for the last one must never be saved onto this
            # one, so the fields start empty (the table above shows the scores already given).
            self.points_edit.clear()
            self.justification_edit.clear()
            self.score_error.clear()
            self._typed_for = chosen
        proposal = self.proposals.get(self.criterion_combo.currentData())
        self.proposal_label.setText(proposal.explanation if proposal else "")
        self.use_proposal_button.setEnabled(proposal is not None and proposal.points_tenths is not None)

    # --- writing ----------------------------------------------------------------------------------------

    def use_proposal(self) -> None:
        proposal = self.proposals.get(self.criterion_combo.currentData())
        if proposal is not None and proposal.points_tenths is not None:
            # Only the points: the explanation (shown above) is the window's working, in its notation,
            # and a linked criterion's sheet prints the unit's figure in the documents' words anyway
            # (``reports.review_scoring_sheet.achieved``); the justification stays the clerk's own.
            self.points_edit.setText(show(proposal.points_tenths))

    def save_score(self, stage: str) -> None:
        unit_code, criterion_id = self.unit_combo.currentData(), self.criterion_combo.currentData()
        text = self.justification_edit.text()
        self.run(
            self.score_error,
            lambda: scores.set_score(
                self.ctx.db,
                stage,
                unit_code,
                criterion_id,
                self.points_edit.text(),
                justification=text if stage == "self" else "",
                note=text if stage == "cluster" else "",
                user=self.ctx.user,
            ),
            _("Score saved."),
        )
        self.unit_combo.setCurrentIndex(max(self.unit_combo.findData(unit_code), 0))
