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
    QTimer,
    QVBoxLayout,
    QWidget,
    qconnect,
)
from emulation_desktop.ui.text_table import keyboard_and_copy

TOP_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
MAX_COLUMN_WIDTH = 240
SAMPLE_ROWS = 100  # columns are fitted to the first rows: measuring a thousand cost seconds


def when_text(line: AuditLine) -> str:
    return f"{line.at:%H:%M} {formatting.format_date(line.at.date())}"


class AuditModel(ListTableModel):
    """Each line's texts are made once: a year of the demo holds a thousand changes, and the table asks
    for each cell many times over while it measures rows (seconds, when each ask formatted a date)."""

    def __init__(self, lines: list[AuditLine], with_record: bool, parent: QWidget | None = None) -> None:
        headers = [_("When"), _("Who"), _("What")]
        if with_record:
            headers.append(_("Record"))
        super().__init__([*headers, _("Changes")], parent)
        self.rows = lines
        self.with_record = with_record
        self.texts = [self._texts(line) for line in lines]

    def _texts(self, line: AuditLine) -> tuple[str, ...]:
        values = [when_text(line), line.user or _("(unknown)"), line.action_label]
        if self.with_record:
            title = f"{line.kind_label}: {line.record_title}" if line.record_title else line.kind_label
            values.append(title)
        values.append(line.describe())
        return tuple(values)

    def text(self, row: int, column: int) -> str:
        return self.texts[row][column]

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.texts[index.row()][index.column()] if index.isValid() else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return TOP_LEFT
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
        keyboard_and_copy(self.table)
        header = self.table.horizontalHeader()
        header.setResizeContentsPrecision(SAMPLE_ROWS)
        self.table.resizeColumnsToContents()  # once, over a sample; ResizeToContents re-measured every row
        last = self.model.columnCount() - 1
        for column in range(last):
            header.resizeSection(column, min(header.sectionSize(column), MAX_COLUMN_WIDTH))
        header.setSectionResizeMode(last, QHeaderView.ResizeMode.Stretch)
        # Rows are fitted to their wrapped text as they come into sight, once the columns have their
        # widths (a column's new width wraps the text anew).
        self._sized_rows: set[int] = set()
        self._sizing = QTimer(self)
        self._sizing.setSingleShot(True)
        self._sizing.setInterval(0)
        qconnect(self._sizing.timeout, self._size_visible_rows)
        qconnect(header.sectionResized, lambda *_args: self._size_again())
        qconnect(self.table.verticalScrollBar().valueChanged, lambda _value: self._size_visible_rows())
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
        self._sizing.start()

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._sizing.start()  # a taller dialog shows more rows

    def _size_again(self) -> None:
        self._sized_rows.clear()
        self._sizing.start()

    def _size_visible_rows(self) -> None:
        """Fit the height of the rows in sight (and a screenful more) to their wrapped text, as the
        clerk scrolls: fitting all of a year's thousand rows at once kept the dialog closed for
        seconds."""
        viewport = self.table.viewport()
        first = max(self.table.rowAt(0), 0)
        last = self.table.rowAt(viewport.height() - 1)
        last = self.model.rowCount() - 1 if last < 0 else last
        for row in range(first, min(last + (last - first) + 2, self.model.rowCount())):
            if row not in self._sized_rows:
                self._sized_rows.add(row)
                self.table.resizeRowToContents(row)
