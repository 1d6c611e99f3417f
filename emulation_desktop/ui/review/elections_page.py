"""Step 3 of the Tổng kết & suy tôn tab: the acclaim and the elections (the leading unit, next year's
cluster head and deputy).

The clerk chooses an election, types its tally (ballots issued, returned, valid, invalid, and each
unit's votes) and records it; the review checks that the tally adds up before anything is written, and
a refusal is shown under the form. A tally with valid ballots and no vote for anyone is recorded only
once the clerk says yes to the question (the answer offered is No). The recorded count of the chosen election is shown to correct it,
the results of all three below it. The ballots are printed from the Documents tab."""

from __future__ import annotations

from collections.abc import Callable

from emulation_desktop.locale.i18n import _
from emulation_desktop.review import elections
from emulation_desktop.review.board import Board
from emulation_desktop.review.elections import ElectionResult
from emulation_desktop.review.screens import election_result
from emulation_desktop.ui import dialogs
from emulation_desktop.ui.context import AppContext
from emulation_desktop.ui.qt import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    Qt,
    QVBoxLayout,
    QWidget,
    qconnect,
)
from emulation_desktop.ui.review.widgets import ClusterYear, StepPage, button, combo, error_label


def _count(name: str) -> QLineEdit:
    """A count of ballots or votes; the tally check reads and refuses what is not a whole number."""
    edit = QLineEdit("0")
    edit.setObjectName(name)
    edit.setAlignment(Qt.AlignmentFlag.AlignRight)
    edit.setMaximumWidth(120)
    return edit


class ElectionsPage(StepPage):
    def __init__(
        self, ctx: AppContext, shown: ClusterYear, changed: Callable[[], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, shown, changed, parent)

        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.election_combo = combo("review_election")
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
            self.ballot_spins[name] = _count(f"review_{name}")
            form.addRow(label + ":", self.ballot_spins[name])
        layout.addLayout(form)
        layout.addWidget(QLabel(_("Votes per unit")))
        self.votes_form = QFormLayout()
        self.vote_spins: dict[str, QLineEdit] = {}
        layout.addLayout(self.votes_form)
        row = QHBoxLayout()
        row.addWidget(button(_("Record the tally"), "review_record_tally", self.record_tally))
        row.addStretch(1)
        row.addWidget(
            button(
                _("Print the ballots…"),
                "review_print_ballots",
                lambda: self.ctx.open_document.emit("review-ballots", self.shown.year),
            )
        )
        layout.addLayout(row)
        self.tally_error = error_label("review_tally_error")
        layout.addWidget(self.tally_error)
        self.results_label = QLabel()
        self.results_label.setObjectName("review_results")
        self.results_label.setWordWrap(True)
        self.results_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.results_label, 1)
        qconnect(self.election_combo.currentIndexChanged, lambda _i: self.show_tally())

    # --- reading ----------------------------------------------------------------------------------------

    def show_elections(self, board: Board, results: list[ElectionResult]) -> None:
        """A vote field per unit of the cluster, the chosen election's count, and all the results."""
        while self.votes_form.rowCount():
            self.votes_form.removeRow(0)
        self.vote_spins = {}
        for row in sorted(board.rows, key=lambda r: r.code):
            spin = _count(f"review_votes_{row.code}")
            self.vote_spins[row.code] = spin
            self.votes_form.addRow(row.unit.name + ":", spin)
        self.show_tally()
        self.results_label.setText("\n".join(f"{_(r.label)}: {r.status_text()}" for r in results))

    def show_tally(self) -> None:
        """Show the recorded count of the chosen election (to correct it), or zeros."""
        if self.shown.cluster_code is None:
            return
        kind = self.election_combo.currentData()
        result = election_result(self.ctx.db, self.shown.cluster_code, self.shown.year, kind)
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

    def record_tally(self) -> None:
        assert self.shown.cluster_code is not None
        kind = self.election_combo.currentData()
        values = {name: spin.text() for name, spin in self.ballot_spins.items()}
        votes = {
            code: spin.text()
            for code, spin in self.vote_spins.items()
            if spin.text().strip() not in ("", "0")
        }
        question = elections.tally_warning(values["valid"], votes)
        if question is not None and not dialogs.confirm(self, question):
            self.tally_error.setText(_("The tally was not recorded."))
            return
        recorded = self.run(
            self.tally_error,
            lambda: elections.record_tally(
                self.ctx.db,
                self.shown.cluster_code or "",
                self.shown.year,
                kind,
                votes=votes,
                user=self.ctx.user,
                **values,
            ),
            _("Tally recorded."),
        )
        if recorded:
            self.election_combo.setCurrentIndex(max(self.election_combo.findData(kind), 0))
