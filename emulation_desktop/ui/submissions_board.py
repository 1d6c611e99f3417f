"""Submissions in the window (issue #18): the completeness board on the Data exchange tab of a cluster
head (and the city), with Accept and Return (a reason is required) that save the signed
acknowledgement to the member's stick; the member's side of it on the Overview; and what the Data
exchange tab does when the file the clerk opens is an acknowledgement rather than a package.

The Overview's line is ``ui.submission_line``, a module of its own so the first
screen does not import this one; this module loads the exchange and report code only when the board is
used.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from emulation_desktop.errors import AppError
from emulation_desktop.locale.i18n import _
from emulation_desktop.ui import background, dialogs, file_choice
from emulation_desktop.ui.context import AppContext
from emulation_desktop.ui.qt import (
    QColor,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    Qt,
    QVBoxLayout,
    QWidget,
    qconnect,
)
from emulation_desktop.ui.reason_dialog import ReasonDialog
from emulation_desktop.ui.text_table import TextTableModel, fit_columns, text_table

if TYPE_CHECKING:
    from emulation_desktop.exchange.acknowledgement import Acknowledged, Decided
    from emulation_desktop.operations.submissions import Board
    from emulation_desktop.storage.database import Database

LATE_BACKGROUND = QColor("#fbe3e3")


# ----------------------------------------------------------------------------------- the reason dialog


class ReturnDialog(ReasonDialog):
    """Return a unit's year: the reason is required (kept as NFC), for the unit to correct."""

    def __init__(self, unit_name: str, year: int, parent: QWidget | None = None) -> None:
        super().__init__(
            name="return_dialog",
            title=_("Return the data of {unit}").format(unit=unit_name),
            explanation=_(
                "Return the {year} data of {unit} for correction? The unit receives the reason in a "
                "signed acknowledgement saved to its stick."
            ).format(year=year, unit=unit_name),
            prompt=_("Reason (required):"),
            placeholder=_("For example: the number of houses in Nguyên Khê is missing"),
            ok_text=_("Return the data"),
            parent=parent,
        )

    def apply(self, reason: str) -> str:
        from emulation_desktop.operations.submissions import clean_reason

        return clean_reason("returned", reason)


def ask_reason(parent: QWidget, unit_name: str, year: int) -> str | None:
    """The reason for a return, or None when the clerk cancels (tests replace this function)."""
    dialog = ReturnDialog(unit_name, year, parent)
    return dialog.reason_text if dialog.exec() == QDialog.DialogCode.Accepted else None


def run_dialog(dialog: QDialog) -> bool:
    """Show one of the board's dialogs; True when accepted (tests replace this to drive the dialog)."""
    return dialog.exec() == QDialog.DialogCode.Accepted


# ------------------------------------------------------------------------------------------ the board


class BoardModel(TextTableModel):
    """The board's rows; a late unit's row is tinted so it stands out."""

    def __init__(self, headers: list[str], parent: Any = None) -> None:
        super().__init__(headers, parent)
        self.late: set[int] = set()

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole and index.isValid() and index.row() in self.late:
            return LATE_BACKGROUND
        return super().data(index, role)


class SubmissionsBoard(QGroupBox):
    """Each member unit's year as received here, and the clerk's decision on it."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(_("Members' data received"), parent)
        self.setObjectName("submissions_board")
        self.ctx = ctx
        self.board: Board | None = None
        self.busy = False
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setObjectName("board_summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.model = BoardModel(
            [_("Unit"), _("Status"), _("Reason"), _("Received at"), _("Decided on"), _("Package")]
        )
        self.table = text_table(self.model, "board_table")
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.accept_button = self._button(_("Accept…"), "accept_year", self.accept_selected, row)
        self.accept_button.setToolTip(
            _("Accept the unit's latest package and save a signed acknowledgement for its stick")
        )
        self.return_button = self._button(_("Return…"), "return_year", self.return_selected, row)
        self.return_button.setToolTip(
            _("Return the unit's data with a reason and save a signed acknowledgement for its stick")
        )
        self.history_button = self._button(_("History…"), "year_history", self.show_history, row)
        self.history_button.setToolTip(
            _("The packages received from the unit and the decisions made, and its acknowledgements")
        )
        row.addStretch(1)
        self.due_button = self._button(_("Due day…"), "due_day", self.change_due_day, row)
        self.due_button.setToolTip(_("The day and month by which members send their data"))
        self.print_button = self._button(_("Save the board as PDF…"), "print_board", self.save_pdf, row)
        layout.addLayout(row)
        qconnect(self.table.selectionModel().selectionChanged, lambda *_a: self._enable())
        # Read when first shown, as the rest of the tab: the window's start does not wait for it.
        self._stale = True
        qconnect(ctx.context_changed, self.mark_stale)
        qconnect(ctx.data_changed, self.mark_stale)

    def mark_stale(self) -> None:
        """Re-read now if shown, otherwise when the clerk next opens the tab."""
        self._stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _button(self, text: str, name: str, action: Any, row: QHBoxLayout) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAutoDefault(False)
        qconnect(button.clicked, lambda _checked=False: action())
        row.addWidget(button)
        return button

    # --- reading -------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the board of the window's year (a small, instant read); where this office heads no
        cluster that year, one line says so."""
        from emulation_desktop.operations.submissions import board_of, receives_submissions, status_text

        self._stale = False
        year = self.ctx.year
        applies = bool(year) and receives_submissions(self.ctx.db, year)
        shown = (self.table, self.accept_button, self.return_button, self.history_button, self.due_button)
        for widget in (*shown, self.print_button):
            widget.setVisible(applies)
        if not applies:
            self.board = None
            self.model.set_rows([])
            self.summary.setText(
                _(
                    "This office heads no cluster in {year}: the members' packages, accepted or returned, "
                    "are listed here at the cluster head's office."
                ).format(year=year)
            )
            return
        chosen = self.selected()
        board = self.board = board_of(self.ctx.db, year)
        self.model.late = {number for number, row in enumerate(board.rows) if row.late}
        self.model.set_rows(
            [
                [
                    f"{row.unit_code} – {row.unit_name}",
                    status_text(row),
                    row.reason,
                    _local(row.received_at),
                    _local(row.decided_at),
                    f"{row.package_file} ({row.sha_short})" if row.package_file else "",
                ]
                for row in board.rows
            ]
        )
        fit_columns(self.table, 260)
        # The clerk keeps the unit chosen across a decision or a re-read (the rows are read afresh).
        codes = [row.unit_code for row in board.rows]
        if chosen is not None and chosen.unit_code in codes:
            self.table.selectRow(codes.index(chosen.unit_code))
        counts = board.counts()
        self.summary.setText(
            _(
                "Year {year}, due {date}: {accepted} of {total} units accepted; {received} to review; "
                "{returned} returned; {missing} not sent yet. Late units are tinted."
            ).format(year=year, date=board.due.strftime("%d/%m/%Y"), total=len(board.rows), **counts)
        )
        self._enable()

    def selected(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        if not rows or self.board is None:
            return None
        return self.board.rows[rows[0].row()]

    def _enable(self) -> None:
        row = self.selected()
        can = row is not None and row.status != "missing" and not self.busy
        self.accept_button.setEnabled(can)
        self.return_button.setEnabled(can)
        self.history_button.setEnabled(row is not None and not self.busy)
        self.due_button.setEnabled(self.board is not None and not self.busy)
        self.print_button.setEnabled(self.board is not None and not self.busy)

    # --- the story and the due day -------------------------------------------------------------------

    def show_history(self) -> None:
        from emulation_desktop.ui.submission_dialogs import HistoryDialog

        row = self.selected()
        if row is not None:
            run_dialog(HistoryDialog(self.ctx, row.unit_code, row.unit_name, self.ctx.year, self))

    def change_due_day(self) -> None:
        from emulation_desktop.ui.submission_dialogs import DueDayDialog

        if self.board is None:
            return
        if run_dialog(DueDayDialog(self.ctx, self.board.due.strftime("%d/%m"), self)):
            self.refresh()

    # --- deciding ------------------------------------------------------------------------------------

    def accept_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self._decide(row, "accepted", "")

    def return_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        reason = ask_reason(self, row.unit_name, self.ctx.year)
        if reason is not None:
            self._decide(row, "returned", reason)

    def _decide(self, row: Any, decision: str, reason: str) -> None:
        from emulation_desktop.exchange.acknowledgement import decide, default_file_name

        year, code, user = self.ctx.year, row.unit_code, self.ctx.user
        choice = file_choice.choose_save_target(
            self, default_file_name(decision, code, year), ".zip", data_folder=self.ctx.db.folder
        )
        if choice is None:
            return
        target = choice.folder / choice.name
        self._run(
            lambda db: decide(db, code, year, decision, target, reason=reason, user=user),
            _("Recording the decision and saving the acknowledgement…"),
            self._decided,
        )

    def _decided(self, result: Decided) -> None:
        self.refresh()
        dialogs.inform(self, result.summary())

    def _run(self, work: Any, label: str, done: Any) -> None:
        self.busy = True
        self._enable()

        def failed(exc: AppError) -> None:
            dialogs.warn(self, exc.message)

        def finished() -> None:
            self.busy = False
            self._enable()

        operation = background.write(self, self.ctx, work, label, on_done=done, on_error=failed)
        qconnect(operation.finished, finished)

    # --- printing ------------------------------------------------------------------------------------

    def save_pdf(self) -> None:
        """The board as a document of each cluster shown (usually one), saved the safe way."""
        from emulation_desktop.exchange.safe_save import safe_write
        from emulation_desktop.reports.jobs import make_document
        from emulation_desktop.reports.request import ReportRequest, document_file_name

        if self.board is None or not self.board.rows:
            return
        year = self.ctx.year
        codes = list(dict.fromkeys(row.cluster_code for row in self.board.rows))
        for code in codes:
            request = ReportRequest("submissions-board", "cluster", code, year)
            proposed = document_file_name(request, f"Bảng theo dõi tiếp nhận số liệu năm {year} - {code}")
            choice = file_choice.choose_save_target(self, proposed, ".pdf", data_folder=self.ctx.db.folder)
            if choice is None:
                return
            folder, name = choice.folder, choice.name

            def work(
                db: Database, request: ReportRequest = request, folder: Path = folder, name: str = name
            ) -> Any:
                return safe_write(folder, name, make_document(db, request).pdf)

            background.read(
                self,
                self.ctx,
                work,
                _("Making and saving the board…"),
                on_done=lambda saved: dialogs.inform(self, _("Saved to “{path}”.").format(path=saved.path)),
                on_error=lambda exc: dialogs.warn(self, exc.message),
            )


def _local(stamp: Any) -> str:
    from emulation_desktop.ui.cell_format import local_time

    return local_time(stamp) if stamp is not None else ""


def with_submissions_board(ctx: AppContext, history: QWidget) -> QWidget:
    """The Data exchange tab's right side: the board above the package history."""
    column = QSplitter(Qt.Orientation.Vertical)
    column.setObjectName("submissions_column")
    column.addWidget(SubmissionsBoard(ctx))
    column.addWidget(history)
    column.setChildrenCollapsible(False)
    column.setStretchFactor(1, 1)
    return column


# -------------------------------------------------------------- an acknowledgement opened on the tab


def acknowledgement_checked(tab: Any, data: bytes, name: str, checked: Acknowledged) -> None:
    """The Data exchange tab opened an acknowledgement (checked, nothing written): say what it says
    and, when the clerk agrees, record it (which locks or unlocks the year)."""
    from emulation_desktop.exchange.import_package import import_package

    lines = [line for line in checked.summary_lines() if line != _("Dry run: nothing was changed.")]
    text = "\n".join(lines)
    if checked.status == "unchanged":
        tab._say(text)
        dialogs.inform(tab, text)
        return
    if not dialogs.confirm(tab, text + "\n\n" + _("Record this acknowledgement?")):
        tab._say(_("The acknowledgement was not recorded; nothing was changed."))
        return
    user = tab.ctx.user

    def recorded(result: Acknowledged) -> None:
        done = "\n".join(result.summary_lines())
        tab._say(done)
        dialogs.inform(tab, done)

    tab._run(
        lambda db: import_package(db, data, user=user, file_name=name),
        _("Recording the acknowledgement…"),
        recorded,
        writes=True,  # the year may be locked or unlocked: the editors and the Overview re-read
    )
