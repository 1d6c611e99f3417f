"""The Tổng kết & suy tôn tab: the cluster head's year-end review, step by step and in order:
1. the criteria set; 2. the scores (each unit's self-score, the agreed cluster score, a linked
criterion's proposed score) and the ranking, ties shown openly; 3. the acclaim and the elections, each
tally checked before it is recorded; 4. next year's cluster head and deputy; 5. commendation proposals.

What is still missing before the conference is listed beside the steps. All the work is done by the
Qt-free ``emulation_desktop.review`` operations; refused input is shown with its message, nothing written.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from emulation_desktop.errors import AppError
from emulation_desktop.locale.i18n import _
from emulation_desktop.review import board as rb
from emulation_desktop.review import elections, scores
from emulation_desktop.review.points import show
from emulation_desktop.ui.context import AppContext
from emulation_desktop.ui.criteria_editor import CriteriaEditor
from emulation_desktop.ui.list_model import ListTableModel
from emulation_desktop.ui.qt import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    Qt,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    qconnect,
)

COMMENDATION_TITLES = (
    "Cờ thi đua của Ủy ban MTTQ Việt Nam TP Hà Nội",
    "Bằng khen của Ủy ban MTTQ Việt Nam TP Hà Nội",
    "Cờ thi đua của Ủy ban Trung ương MTTQ Việt Nam",
    "Bằng khen của Ủy ban Trung ương MTTQ Việt Nam",
)
STEP_OF_PAGE = (
    ("criteria",),
    ("packages", "self_scores", "agreed_scores"),
    ("elections",),
    ("roles",),
    ("proposals",),
)


class RowsModel(ListTableModel):
    """A read-only table of text rows."""

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and index.isValid():
            return self.rows[index.row()][index.column()]
        return None


def _table(model: RowsModel, name: str, stretch: int = 1) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


def _error_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet("color: #b00020;")
    return label


class ReviewTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("review_tab")
        self.ctx = ctx
        self.cluster_code: str | None = None
        self.year = 0
        self.board: rb.Board | None = None

        self.heading = QLabel()
        self.heading.setObjectName("review_heading")
        self.heading.setWordWrap(True)
        self.steps = QTabWidget()
        self.steps.setObjectName("review_steps")
        self.steps.addTab(self._criteria_page(), "")
        self.steps.addTab(self._scores_page(), "")
        self.steps.addTab(self._elections_page(), "")
        self.steps.addTab(self._roles_page(), "")
        self.steps.addTab(self._proposals_page(), "")

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(QLabel(_("Still missing before the conference")))
        self.missing_model = RowsModel([""])
        self.missing = _table(self.missing_model, "review_missing", 0)
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

    # --- pages ----------------------------------------------------------------------------------------

    def _criteria_page(self) -> QWidget:
        # Every change to the set reloads the whole tab: the board and what is still missing follow it.
        self.criteria_editor = CriteriaEditor(self.ctx, self.refresh)
        return self.criteria_editor

    def _scores_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Unit:")))
        self.unit_combo = QComboBox()
        self.unit_combo.setObjectName("review_unit")
        top.addWidget(self.unit_combo, 1)
        layout.addLayout(top)
        self.scores_model = RowsModel(
            [_("No."), _("Criterion"), _("Maximum"), _("Proposed"), _("Self-score"), _("Agreed score")]
        )
        self.scores_view = _table(self.scores_model, "review_scores")
        layout.addWidget(self.scores_view, 2)

        form = QFormLayout()
        self.criterion_combo = QComboBox()
        self.criterion_combo.setObjectName("review_criterion")
        self.points_edit = QLineEdit()
        self.points_edit.setObjectName("review_points")
        self.points_edit.setPlaceholderText("9,5")
        self.justification_edit = QLineEdit()
        self.justification_edit.setObjectName("review_justification")
        self.proposal_label = QLabel()
        self.proposal_label.setWordWrap(True)
        form.addRow(_("Criterion:"), self.criterion_combo)
        form.addRow(_("Points:"), self.points_edit)
        form.addRow(_("Justification, evidence:"), self.justification_edit)
        form.addRow("", self.proposal_label)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        self.use_proposal_button = self._button(
            _("Use the proposed score"), "review_use_proposal", self.use_proposal
        )
        self.save_self_button = self._button(
            _("Save as self-score"), "review_save_self", lambda: self.save_score("self")
        )
        self.save_agreed_button = self._button(
            _("Save as agreed score"), "review_save_agreed", lambda: self.save_score("cluster")
        )
        for button in (self.use_proposal_button, self.save_self_button, self.save_agreed_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.score_error = _error_label("review_score_error")
        layout.addWidget(self.score_error)

        layout.addWidget(QLabel(_("Ranking")))
        self.ranking_model = RowsModel([_("Rank"), _("Unit"), _("Self-score"), _("Agreed score"), _("Note")])
        layout.addWidget(_table(self.ranking_model, "review_ranking"), 1)
        self.tie_rule = QLabel(_(rb.TIE_RULE))
        self.tie_rule.setWordWrap(True)
        layout.addWidget(self.tie_rule)
        qconnect(self.unit_combo.currentIndexChanged, lambda _i: self.show_scores())
        qconnect(self.criterion_combo.currentIndexChanged, lambda _i: self.show_criterion())
        return page

    def _elections_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        form = QFormLayout()
        self.election_combo = QComboBox()
        self.election_combo.setObjectName("review_election")
        for kind, label in elections.KIND_LABELS.items():
            self.election_combo.addItem(_(label), kind)
        form.addRow(_("Election:"), self.election_combo)
        self.ballot_spins: dict[str, QLineEdit] = {}
        for name, label in (
            ("issued", _("Ballots issued")),
            ("returned", _("Ballots returned")),
            ("valid", _("Valid ballots")),
            ("invalid", _("Invalid ballots")),
        ):
            self.ballot_spins[name] = self._spin(f"review_{name}")
            form.addRow(label + ":", self.ballot_spins[name])
        layout.addLayout(form)
        layout.addWidget(QLabel(_("Votes per unit")))
        self.votes_form = QFormLayout()
        self.vote_spins: dict[str, QLineEdit] = {}
        layout.addLayout(self.votes_form)
        row = QHBoxLayout()
        row.addWidget(self._button(_("Record the tally"), "review_record_tally", self.record_tally))
        row.addStretch(1)
        row.addWidget(
            self._button(
                _("Print the ballots…"),
                "review_print_ballots",
                lambda: self.ctx.open_document.emit("review-ballots", self.year),
            )
        )
        layout.addLayout(row)
        self.tally_error = _error_label("review_tally_error")
        layout.addWidget(self.tally_error)
        self.results_label = QLabel()
        self.results_label.setObjectName("review_results")
        self.results_label.setWordWrap(True)
        self.results_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.results_label, 1)
        qconnect(self.election_combo.currentIndexChanged, lambda _i: self.show_tally())
        return page

    def _roles_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.roles_label = QLabel()
        self.roles_label.setObjectName("review_roles")
        self.roles_label.setWordWrap(True)
        layout.addWidget(self.roles_label)
        row = QHBoxLayout()
        row.addWidget(
            self._button(_("Set next year's cluster head and deputy"), "review_apply_roles", self.apply_roles)
        )
        row.addStretch(1)
        layout.addLayout(row)
        self.roles_error = _error_label("review_roles_error")
        layout.addWidget(self.roles_error)
        layout.addStretch(1)
        return page

    def _proposals_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        form = QFormLayout()
        self.proposal_unit = QComboBox()
        self.proposal_unit.setObjectName("review_proposal_unit")
        self.proposal_title = QComboBox()
        self.proposal_title.setObjectName("review_proposal_title")
        self.proposal_title.setEditable(True)
        self.proposal_title.addItems(COMMENDATION_TITLES)
        self.proposal_reason = QLineEdit()
        self.proposal_reason.setObjectName("review_proposal_reason")
        form.addRow(_("Unit:"), self.proposal_unit)
        form.addRow(_("Commendation:"), self.proposal_title)
        form.addRow(_("Reason:"), self.proposal_reason)
        layout.addLayout(form)
        row = QHBoxLayout()
        row.addWidget(self._button(_("Add the proposal"), "review_add_proposal", self.add_proposal))
        row.addStretch(1)
        layout.addLayout(row)
        self.proposal_error = _error_label("review_proposal_error")
        layout.addWidget(self.proposal_error)
        self.proposals_model = RowsModel([_("Unit"), _("Commendation"), _("Reason")])
        layout.addWidget(_table(self.proposals_model, "review_proposals", 2), 1)
        return page

    def _button(self, text: str, name: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        qconnect(button.clicked, lambda _checked=False: slot())
        return button

    def _spin(self, name: str) -> QLineEdit:
        """A count of ballots or votes; the tally check reads and refuses what is not a whole number."""
        edit = QLineEdit("0")
        edit.setObjectName(name)
        edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        edit.setMaximumWidth(120)
        return edit

    # --- reading ----------------------------------------------------------------------------------------

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
        self.year = self.ctx.year
        self.cluster_code = None
        if self.ctx.unit is not None and self.year:
            with self.ctx.db.session() as session:
                self.cluster_code = rb.cluster_code_of(session, self.ctx.unit_code, self.year)
        self.setEnabled(self.cluster_code is not None)
        if self.cluster_code is None:
            self.heading.setText(_("The unit open in the window belongs to no emulation cluster this year."))
            return
        self.refresh()

    def refresh(self) -> None:
        if self.cluster_code is None:
            return
        code, year = self.cluster_code, self.year
        with self.ctx.db.session() as session:
            self.board = rb.board(session, code, year)
            gaps = rb.readiness(session, code, year)
            results = elections.results(session, code, year)
            roles = elections.next_year_roles(session, code, year)
            proposals = rb.commendations(session, code, year)
        current = self.board
        self.heading.setText(
            _("Year-end review {year} — {cluster}").format(year=year, cluster=current.cluster_name)
        )
        self._show_steps(gaps)
        self.missing_model.set_rows([(g.message,) for g in gaps] or [(_("Everything is ready."),)])
        self.missing.resizeRowsToContents()
        self._show_criteria()
        self._fill_units()
        self.show_scores()
        self.ranking_model.set_rows(
            [
                (
                    f"{r.rank} {_('(tied)')}" if r.tied else str(r.rank),
                    r.unit.name,
                    show(r.self_total),
                    show(r.agreed_total),
                    _("tied") if r.tied else "",
                )
                for r in current.rows
            ]
        )
        self.tie_rule.setVisible(any(r.tied for r in current.rows))
        self._fill_votes()
        self.results_label.setText("\n".join(f"{_(r.label)}: {r.status_text()}" for r in results))
        lines = [_("Cluster roles in {year}").format(year=year + 1)]
        for role, label in (("head", _("Cluster head")), ("deputy", _("Cluster deputy"))):
            who = roles[role]
            lines.append(f"{label}: " + (f"{who['unit']} ({who['unit_code']})" if who else _("not set")))
        self.roles_label.setText("\n".join(lines))
        self.proposals_model.set_rows([(p.unit.name, p.title, p.reason) for p in proposals])

    def _show_steps(self, gaps: list[rb.Gap]) -> None:
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

    def _show_criteria(self) -> None:
        view = self.board.view if self.board else None
        self.criteria_editor.show_set(self.cluster_code or "", self.year, view)
        current = self.criterion_combo.currentData()
        self.criterion_combo.blockSignals(True)
        self.criterion_combo.clear()
        for c in view.criteria if view else ():
            self.criterion_combo.addItem(f"{c.code}. {c.name}", c.id)
        self.criterion_combo.setCurrentIndex(max(self.criterion_combo.findData(current), 0))
        self.criterion_combo.blockSignals(False)

    def _fill_units(self) -> None:
        rows = sorted(self.board.rows, key=lambda r: r.code) if self.board else []
        for combo in (self.unit_combo, self.proposal_unit):
            current = combo.currentData() or self.ctx.unit_code
            combo.blockSignals(True)
            combo.clear()
            for row in rows:
                combo.addItem(f"{row.code} — {row.unit.name}", row.code)
            combo.setCurrentIndex(max(combo.findData(current), 0))
            combo.blockSignals(False)

    def show_scores(self) -> None:
        if self.board is None or self.board.view is None or self.unit_combo.count() == 0:
            self.scores_model.set_rows([])
            return
        row = self.board.row(self.unit_combo.currentData())
        with self.ctx.db.session() as session:
            self.proposals = scores.propose_all(session, row.code, self.board.criteria, self.year)
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
        proposal = getattr(self, "proposals", {}).get(self.criterion_combo.currentData())
        self.proposal_label.setText(proposal.explanation if proposal else "")
        self.use_proposal_button.setEnabled(proposal is not None and proposal.points_tenths is not None)

    def _fill_votes(self) -> None:
        while self.votes_form.rowCount():
            self.votes_form.removeRow(0)
        self.vote_spins = {}
        for row in sorted(self.board.rows, key=lambda r: r.code) if self.board else []:
            spin = self._spin(f"review_votes_{row.code}")
            self.vote_spins[row.code] = spin
            self.votes_form.addRow(row.unit.name + ":", spin)
        self.show_tally()

    def show_tally(self) -> None:
        """Show the recorded count of the chosen election (to correct it), or zeros."""
        if self.cluster_code is None:
            return
        kind = self.election_combo.currentData()
        with self.ctx.db.session() as session:
            result = next(
                r for r in elections.results(session, self.cluster_code, self.year) if r.kind == kind
            )
        values = {
            "issued": result.issued,
            "returned": result.returned,
            "valid": result.valid,
            "invalid": result.invalid,
        }
        for name, spin in self.ballot_spins.items():
            spin.setText(str(values[name]))
        votes = {c.code: c.votes for c in result.candidates}
        for code, spin in self.vote_spins.items():
            spin.setText(str(votes.get(code, 0)))
        self.tally_error.clear()

    # --- writing ----------------------------------------------------------------------------------------

    def _run(self, label: QLabel, action: Callable[[], Any], done: str) -> bool:
        label.clear()
        try:
            action()
        except AppError as exc:
            label.setText(exc.message)
            return False
        self.ctx.saved(done)
        self.refresh()
        return True

    def use_proposal(self) -> None:
        proposal = getattr(self, "proposals", {}).get(self.criterion_combo.currentData())
        if proposal is not None and proposal.points_tenths is not None:
            self.points_edit.setText(show(proposal.points_tenths))
            if not self.justification_edit.text():
                self.justification_edit.setText(proposal.explanation)

    def save_score(self, stage: str) -> None:
        unit_code, criterion_id = self.unit_combo.currentData(), self.criterion_combo.currentData()
        text = self.justification_edit.text()
        self._run(
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

    def record_tally(self) -> None:
        assert self.cluster_code is not None
        kind = self.election_combo.currentData()
        values = {name: spin.text() for name, spin in self.ballot_spins.items()}
        votes = {
            code: spin.text()
            for code, spin in self.vote_spins.items()
            if spin.text().strip() not in ("", "0")
        }
        recorded = self._run(
            self.tally_error,
            lambda: elections.record_tally(
                self.ctx.db,
                self.cluster_code or "",
                self.year,
                kind,
                votes=votes,
                user=self.ctx.user,
                **values,
            ),
            _("Tally recorded."),
        )
        if recorded:
            self.election_combo.setCurrentIndex(max(self.election_combo.findData(kind), 0))

    def apply_roles(self) -> None:
        self._run(
            self.roles_error,
            lambda: elections.apply_roles(
                self.ctx.db, self.cluster_code or "", self.year, user=self.ctx.user
            ),
            _("Next year's cluster head and deputy are set."),
        )

    def add_proposal(self) -> None:
        unit_code = self.proposal_unit.currentData()
        title, reason = self.proposal_title.currentText(), self.proposal_reason.text()
        if self._run(
            self.proposal_error,
            lambda: rb.propose_commendation(
                self.ctx.db, self.cluster_code or "", self.year, unit_code, title, reason, user=self.ctx.user
            ),
            _("Proposal added."),
        ):
            self.proposal_reason.clear()
