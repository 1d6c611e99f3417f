"""The completeness board's two smaller windows (issue #18): one unit's story at this office (packages
received, decisions made) with "Save the acknowledgement again" for a lost stick, and the day members'
packages are due."""

from __future__ import annotations

from typing import TYPE_CHECKING

from emulation_desktop.errors import AppError
from emulation_desktop.locale.i18n import _
from emulation_desktop.ui import background, dialogs, file_choice
from emulation_desktop.ui.context import AppContext
from emulation_desktop.ui.qt import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    qconnect,
)
from emulation_desktop.ui.text_table import TextTableModel, fit_columns, text_table

if TYPE_CHECKING:
    from emulation_desktop.operations.submission_history import HistoryEntry


class HistoryDialog(QDialog):
    """What happened to a member's year here, oldest first. A decision's row can be saved again as the
    very acknowledgement first written (the latest decision when no row is chosen)."""

    def __init__(
        self, ctx: AppContext, unit_code: str, unit_name: str, year: int, parent: QWidget | None = None
    ) -> None:
        from emulation_desktop.operations.submission_history import history_of

        super().__init__(parent)
        self.setObjectName("submission_history")
        self.setWindowTitle(_("{unit}: the {year} data at this office").format(unit=unit_name, year=year))
        self.ctx, self.unit_code, self.year = ctx, unit_code, year
        self.entries: list[HistoryEntry] = history_of(ctx.db, unit_code, year)
        self.resize(760, 340 if self.entries else 120)
        self.model = TextTableModel([_("When"), _("What"), _("Package"), _("Reason"), _("By")])
        self.model.set_rows(
            [
                [
                    _local(entry.at),
                    entry.event_text,
                    entry.package_file + (f" ({entry.package_sha256[:12]})" if entry.package_sha256 else ""),
                    entry.reason,
                    entry.user,
                ]
                for entry in self.entries
            ]
        )
        self.table = text_table(self.model, "history_table")
        fit_columns(self.table, 240)
        empty = QLabel(_("Nothing received from this unit yet."))
        empty.setVisible(not self.entries)
        self.table.setVisible(bool(self.entries))  # an empty list under the sentence says nothing more
        self.save_again = QPushButton(_("Save the acknowledgement again…"))
        self.save_again.setObjectName("save_acknowledgement_again")
        self.save_again.setToolTip(
            _("Write the same signed acknowledgement to a stick again, for example when the first was lost")
        )
        self.save_again.setAutoDefault(False)
        self.save_again.setEnabled(any(entry.acknowledgement_id for entry in self.entries))
        qconnect(self.save_again.clicked, lambda _checked=False: self.save_acknowledgement())
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        qconnect(close.rejected, self.reject)
        row = QHBoxLayout()
        row.addWidget(self.save_again)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(empty)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self.table.setFocus()

    def chosen_acknowledgement(self) -> HistoryEntry | None:
        """The decision chosen in the list, else the latest decision."""
        rows = self.table.selectionModel().selectedRows()
        if rows and self.entries[rows[0].row()].acknowledgement_id:
            return self.entries[rows[0].row()]
        decisions = [entry for entry in self.entries if entry.acknowledgement_id]
        return decisions[-1] if decisions else None

    def save_acknowledgement(self) -> None:
        from emulation_desktop.exchange.acknowledgement import default_file_name, saved_again

        entry = self.chosen_acknowledgement()
        if entry is None:
            return
        choice = file_choice.choose_save_target(
            self,
            default_file_name(entry.event, self.unit_code, self.year),
            ".zip",
            data_folder=self.ctx.db.folder,
        )
        if choice is None:
            return
        target, ack = choice.folder / choice.name, entry.acknowledgement_id
        background.read(
            self,
            self.ctx,
            lambda db: saved_again(db, ack, target),
            _("Saving the acknowledgement…"),
            on_done=lambda path: dialogs.inform(self, _("Saved to “{path}”.").format(path=path)),
            on_error=lambda exc: dialogs.warn(self, exc.message),
        )


class DueDayDialog(QDialog):
    """The day and month members' packages are due every year ("15/12"); a day that does not exist is
    refused in red under the box, and the dialog stays open."""

    def __init__(self, ctx: AppContext, current: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("due_day_dialog")
        self.setWindowTitle(_("Due day for members' data"))
        self.ctx = ctx
        text = QLabel(
            _(
                "The day and month by which members send their year's data, every year. A unit that "
                "sends later, or not at all by then, stands out on the board."
            )
        )
        text.setWordWrap(True)
        label = QLabel(_("Due day (day/month):"))
        self.day = QLineEdit(current)
        self.day.setObjectName("due_day")
        self.day.setPlaceholderText("15/12")
        self.day.setMaxLength(5)
        label.setBuddy(self.day)
        self.error = dialogs.error_label()
        buttons = dialogs.ok_cancel(self, _("Save"))
        field = QHBoxLayout()
        field.addWidget(label)
        field.addWidget(self.day)
        field.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(field)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(440, 180)
        self.day.selectAll()
        self.day.setFocus()

    def accept(self) -> None:
        from emulation_desktop.operations.submissions import set_due_day

        try:
            set_due_day(self.ctx.db, self.day.text(), user=self.ctx.user)
        except AppError as exc:
            dialogs.refuse(self.error, exc.message, self.day)
            return
        super().accept()


def _local(stamp: object) -> str:
    from emulation_desktop.ui.cell_format import local_time

    return local_time(stamp)  # type: ignore[arg-type]
