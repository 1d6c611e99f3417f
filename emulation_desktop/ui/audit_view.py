"""The history of changes: who changed what, when, from what to what, for one record or a unit-year."""

from __future__ import annotations

from typing import Any

from emulation_desktop.locale import formatting
from emulation_desktop.locale.i18n import _
from emulation_desktop.operations.audit import AuditLine
from emulation_desktop.ui.list_model import ListTableModel
from emulation_desktop.ui.qt import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    Qt,
    QTableView,
    QVBoxLayout,
    QWidget,
    qconnect,
)


def when_text(line: AuditLine) -> str:
    return f"{line.at:%H:%M} {formatting.format_date(line.at.date())}"


class AuditModel(ListTableModel):
    def __init__(self, lines: list[AuditLine], with_record: bool, parent: QWidget | None = None) -> None:
        headers = [_("When"), _("Who"), _("What")]
        if with_record:
            headers.append(_("Record"))
        super().__init__([*headers, _("Changes")], parent)
        self.rows = lines
        self.with_record = with_record

    def text(self, row: int, column: int) -> str:
        line = self.rows[row]
        values = [when_text(line), line.user or _("(unknown)"), line.action_label]
        if self.with_record:
            title = f"{line.kind_label}: {line.record_title}" if line.record_title else line.kind_label
            values.append(title)
        values.append(line.describe())
        return values[column]

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.text(index.row(), index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return None


class AuditDialog(QDialog):
    def __init__(
        self,
        title: str,
        heading: str,
        lines: list[AuditLine],
        *,
        with_record: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("audit_dialog")
        self.setWindowTitle(title)
        self.resize(1000 if with_record else 820, 520)
        self.heading = QLabel(heading)
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.model = AuditModel(lines, with_record, self)
        self.table = QTableView()
        self.table.setObjectName("audit_table")
        self.table.setModel(self.model)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        last = self.model.columnCount() - 1
        for column in range(last):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(last, QHeaderView.ResizeMode.Stretch)
        if with_record:
            header.setSectionResizeMode(last - 1, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(last - 1, 240)
        self.table.resizeRowsToContents()
        self.empty = QLabel(_("No change has been recorded."))
        self.empty.setVisible(not lines)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        qconnect(buttons.rejected, self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.table.resizeRowsToContents()  # wrapped text needs the final column widths
