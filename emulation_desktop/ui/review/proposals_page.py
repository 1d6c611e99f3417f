"""Step 5 of the Tổng kết & suy tôn tab: the commendations the cluster proposes (a unit, the
commendation, the reason), added one by one and listed in order."""

from __future__ import annotations

from collections.abc import Callable

from emulation_desktop.locale.i18n import _
from emulation_desktop.review.board import Board, ProposalRow, propose_commendation
from emulation_desktop.ui.context import AppContext
from emulation_desktop.ui.qt import QFormLayout, QHBoxLayout, QVBoxLayout, QWidget
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

# What the cluster usually proposes (Hà Nội's and the Central Committee's); another may be typed.
COMMENDATION_TITLES = (
    "Cờ thi đua của Ủy ban MTTQ Việt Nam TP Hà Nội",
    "Bằng khen của Ủy ban MTTQ Việt Nam TP Hà Nội",
    "Cờ thi đua của Ủy ban Trung ương MTTQ Việt Nam",
    "Bằng khen của Ủy ban Trung ương MTTQ Việt Nam",
)


class ProposalsPage(StepPage):
    def __init__(
        self, ctx: AppContext, shown: ClusterYear, changed: Callable[[], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, shown, changed, parent)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.proposal_unit = combo("review_proposal_unit")
        self.proposal_title = combo("review_proposal_title")
        self.proposal_title.setEditable(True)
        self.proposal_title.addItems(COMMENDATION_TITLES)
        self.proposal_reason = line_edit("review_proposal_reason")
        form.addRow(_("Unit:"), self.proposal_unit)
        form.addRow(_("Commendation:"), self.proposal_title)
        form.addRow(_("Reason:"), self.proposal_reason)
        layout.addLayout(form)
        row = QHBoxLayout()
        row.addWidget(button(_("Add the proposal"), "review_add_proposal", self.add_proposal))
        row.addStretch(1)
        layout.addLayout(row)
        self.proposal_error = error_label("review_proposal_error")
        layout.addWidget(self.proposal_error)
        self.proposals_model = RowsModel([_("Unit"), _("Commendation"), _("Reason")])
        layout.addWidget(rows_table(self.proposals_model, "review_proposals", 2), 1)

    def show_proposals(self, board: Board, proposals: list[ProposalRow]) -> None:
        fill_units(self.proposal_unit, board, self.ctx.unit_code)
        self.proposals_model.set_rows([(p.unit.name, p.title, p.reason) for p in proposals])

    def add_proposal(self) -> None:
        unit_code = self.proposal_unit.currentData()
        title, reason = self.proposal_title.currentText(), self.proposal_reason.text()
        if self.run(
            self.proposal_error,
            lambda: propose_commendation(
                self.ctx.db,
                self.shown.cluster_code or "",
                self.shown.year,
                unit_code,
                title,
                reason,
                user=self.ctx.user,
            ),
            _("Proposal added."),
        ):
            self.proposal_reason.clear()
