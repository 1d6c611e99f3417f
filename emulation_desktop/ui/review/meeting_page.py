"""Step 6 of the Tổng kết & suy tôn tab: the review meeting's set-up (date, start time, place, chair,
secretary, the conclusions recorded at it) and its delegates, typed into the table or pasted from Excel
(Ctrl+V: rows of name, position, unit), saved in one operation (``review.meeting.save_meeting``): a
refusal is shown under the form and nothing is written. The meeting pack, the invitation, the minutes
and the notice are printed from it; one ballot of each kind per delegate."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from emulation_desktop.errors import InputError
from emulation_desktop.locale.formatting import format_date
from emulation_desktop.locale.i18n import _
from emulation_desktop.review import meeting
from emulation_desktop.ui.context import AppContext
from emulation_desktop.ui.list_model import ListTableModel
from emulation_desktop.ui.qt import (
    QAbstractItemView,
    QFormLayout,
    QGuiApplication,
    QHBoxLayout,
    QHeaderView,
    QKeySequence,
    QLabel,
    QModelIndex,
    QPlainTextEdit,
    Qt,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from emulation_desktop.ui.review.widgets import ClusterYear, StepPage, button, error_label, line_edit

COLUMNS = 3  # name, position, unit


class DelegateModel(ListTableModel):
    """The delegates as rows of three texts, edited in place."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__([_("Full name"), _("Position"), _("Unit (code or name)")], parent)

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self.rows[index.row()][index.column()]
        return None

    def flags(self, index: Any) -> Qt.ItemFlag:
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: Any, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        self.rows[index.row()][index.column()] = str(value).strip()
        self.dataChanged.emit(index, index)
        return True

    def add_rows(self, count: int) -> None:
        first = len(self.rows)
        self.beginInsertRows(QModelIndex(), first, first + count - 1)
        self.rows += [["", "", ""] for _ in range(count)]
        self.endInsertRows()

    def remove(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.rows[row]
        self.endRemoveRows()


class DelegateTable(QTableView):
    """The delegates, typed like a spreadsheet; Ctrl+V pastes a block copied from Excel from the current
    cell on (the end of the list when no cell is chosen), adding rows as needed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("meeting_delegates")
        self.delegates = DelegateModel(self)
        self.setModel(self.delegates)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setToolTip(_("Type the delegates, or paste rows copied from Excel: name, position, unit"))

    def keyPressEvent(self, event: Any) -> None:
        editing = self.state() == QAbstractItemView.State.EditingState
        if not editing and event.matches(QKeySequence.StandardKey.Paste):
            self.paste(QGuiApplication.clipboard().text())
            return
        super().keyPressEvent(event)

    def paste(self, text: str) -> None:
        start = self.currentIndex()
        row0 = start.row() if start.isValid() else len(self.delegates.rows)
        col0 = start.column() if start.isValid() else 0
        lines = text.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n").split("\n")
        if row0 + len(lines) > len(self.delegates.rows):
            self.delegates.add_rows(row0 + len(lines) - len(self.delegates.rows))
        for i, line in enumerate(lines):
            for j, cell in enumerate(line.split("\t")):
                if col0 + j < COLUMNS:
                    self.delegates.setData(self.delegates.index(row0 + i, col0 + j), cell)

    def set_rows(self, rows: list[tuple[str, str, str]]) -> None:
        self.delegates.set_rows([list(row) for row in rows])

    def rows(self) -> list[list[str]]:
        return [list(row) for row in self.delegates.rows]


class MeetingPage(StepPage):
    def __init__(
        self, ctx: AppContext, shown: ClusterYear, changed: Callable[[], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, shown, changed, parent)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.date_edit = line_edit("meeting_date", _("dd/mm/yyyy"))
        self.time_edit = line_edit("meeting_time", _("HH:MM"))
        self.place_edit = line_edit("meeting_place")
        self.chair_edit = line_edit("meeting_chair", _("Full name"))
        self.chair_title_edit = line_edit("meeting_chair_title", _("Position"))
        self.secretary_edit = line_edit("meeting_secretary", _("Full name"))
        self.secretary_title_edit = line_edit("meeting_secretary_title", _("Position"))
        form.addRow(_("Date:"), self.date_edit)
        form.addRow(_("Start time:"), self.time_edit)
        form.addRow(_("Place:"), self.place_edit)
        form.addRow(_("Chaired by:"), self.chair_edit)
        form.addRow(_("Chair's position:"), self.chair_title_edit)
        form.addRow(_("Secretary:"), self.secretary_edit)
        form.addRow(_("Secretary's position:"), self.secretary_title_edit)
        layout.addLayout(form)
        layout.addWidget(QLabel(_("Delegates (one ballot of each kind is printed per delegate)")))
        self.table = DelegateTable()
        layout.addWidget(self.table, 1)
        rows = QHBoxLayout()
        rows.addWidget(button(_("Add a row"), "meeting_add_row", self.add_row))
        rows.addWidget(button(_("Remove the row"), "meeting_remove_row", self.remove_row))
        rows.addStretch(1)
        layout.addLayout(rows)
        layout.addWidget(QLabel(_("Conclusions of the meeting (one paragraph a line)")))
        self.conclusions_edit = QPlainTextEdit()
        self.conclusions_edit.setObjectName("meeting_conclusions")
        self.conclusions_edit.setMaximumHeight(110)
        layout.addWidget(self.conclusions_edit)
        save = QHBoxLayout()
        save.addWidget(button(_("Save the meeting"), "meeting_save", self.save))
        save.addStretch(1)
        save.addWidget(
            button(
                _("Print the meeting pack…"),
                "meeting_print_pack",
                lambda: self.ctx.open_document.emit("meeting-pack", self.shown.year),
            )
        )
        layout.addLayout(save)
        self.error = error_label("meeting_error")
        layout.addWidget(self.error)

    def add_row(self) -> None:
        self.table.delegates.add_rows(1)
        self.table.setCurrentIndex(self.table.delegates.index(len(self.table.delegates.rows) - 1, 0))

    def remove_row(self) -> None:
        row = self.table.currentIndex().row()
        if row >= 0:
            self.table.delegates.remove(row)

    def show_meeting(self) -> None:
        """The saved set-up of the cluster and year the tab shows (empty fields when none)."""
        if self.shown.cluster_code is None:
            return
        setup = meeting.read_meeting(self.ctx.db, self.shown.cluster_code, self.shown.year)
        self.error.clear()
        if setup is None:
            for edit in (
                self.date_edit,
                self.time_edit,
                self.place_edit,
                self.chair_edit,
                self.chair_title_edit,
                self.secretary_edit,
                self.secretary_title_edit,
            ):
                edit.clear()
            self.conclusions_edit.clear()
            self.table.set_rows([])
            return
        self.date_edit.setText(format_date(setup.held_on))
        self.time_edit.setText(setup.starts_at)
        self.place_edit.setText(setup.place)
        self.chair_edit.setText(setup.chair)
        self.chair_title_edit.setText(setup.chair_title)
        self.secretary_edit.setText(setup.secretary)
        self.secretary_title_edit.setText(setup.secretary_title)
        self.conclusions_edit.setPlainText(setup.conclusions)
        self.table.set_rows([(d.name, d.title, d.unit_code) for d in setup.delegates])

    def setup_typed(self) -> meeting.MeetingSetup:
        """The set-up as typed; a date that is not one is refused here, the rest by the core."""
        held_on = meeting.parse_date(self.date_edit.text())
        if held_on is None:
            raise InputError(
                _("“{text}” is not a date; write it as dd/mm/yyyy.").format(text=self.date_edit.text())
            )
        code = self.shown.cluster_code or ""
        units = meeting.member_units(self.ctx.db, code, self.shown.year)
        return meeting.MeetingSetup(
            held_on=held_on,
            starts_at=self.time_edit.text(),
            place=self.place_edit.text(),
            chair=self.chair_edit.text(),
            secretary=self.secretary_edit.text(),
            chair_title=self.chair_title_edit.text(),
            secretary_title=self.secretary_title_edit.text(),
            conclusions=self.conclusions_edit.toPlainText(),
            delegates=tuple(meeting.delegates_from_rows(self.table.rows(), units)),
        )

    def save(self) -> None:
        self.run(
            self.error,
            lambda: meeting.save_meeting(
                self.ctx.db,
                self.shown.cluster_code or "",
                self.shown.year,
                self.setup_typed(),
                user=self.ctx.user,
            ),
            _("The review meeting is set up."),
        )
