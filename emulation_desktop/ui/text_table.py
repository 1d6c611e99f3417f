"""A small read-only table of ready-made texts (summaries, the package history, the trusted keys)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from emulation_desktop.locale.i18n import _
from emulation_desktop.ui.list_model import ListTableModel
from emulation_desktop.ui.qt import (
    QAbstractItemView,
    QAction,
    QApplication,
    QHeaderView,
    QKeySequence,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTableView,
    qconnect,
)

Index = QModelIndex | QPersistentModelIndex


class TextTableModel(ListTableModel):
    """Rows of ready-made texts under fixed headers (summaries, history, keys: small lists)."""

    def __init__(self, headers: Sequence[str], parent: Any = None) -> None:
        super().__init__(headers, parent)
        self.rows: list[list[str]] = []
        self.right_aligned: set[int] = set()

    def set_rows(self, rows: Sequence[Sequence[Any]]) -> None:
        super().set_rows([["" if v is None else str(v) for v in row] for row in rows])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self.right_aligned:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def set_up_rows(table: QTableView) -> None:
    """How every list in the window reads: whole rows selected one at a time, nothing edited in place,
    alternating colours, one line a row, and columns the clerk can widen (the last one stretches).
    Tab leaves the table for the next field (the arrow keys move within it)."""
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    header = table.horizontalHeader()
    header.setStretchLastSection(True)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    keyboard_and_copy(table)


def keyboard_and_copy(table: QTableView) -> None:
    """The conventions every table keeps, whatever its look: Tab leaves it (the arrows move inside),
    and Ctrl+C or a right click copies the chosen row, tab-separated, for Excel or a letter."""
    table.setTabKeyNavigation(False)
    copy = QAction(_("Copy row"), table)
    copy.setObjectName("copy_row")
    copy.setShortcut(QKeySequence(QKeySequence.StandardKey.Copy))
    copy.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    qconnect(copy.triggered, lambda _checked=False: copy_row(table))
    table.addAction(copy)
    table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)


def copy_row(table: QTableView) -> str:
    """Put the current row's cells, as shown and separated by tabs, on the clipboard; return them."""
    model, row = table.model(), table.currentIndex().row()
    if model is None or row < 0:
        return ""
    cells = (model.index(row, column).data() for column in range(model.columnCount()))
    text = "\t".join("" if cell is None else str(cell).replace("\t", " ") for cell in cells)
    QApplication.clipboard().setText(text)
    return text


def text_table(model: TextTableModel, name: str) -> QTableView:
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    set_up_rows(table)
    return table


def fit_columns(table: QTableView, widest: int = 320) -> None:
    table.resizeColumnsToContents()
    header = table.horizontalHeader()
    for column in range(header.count()):
        if header.sectionSize(column) > widest:
            header.resizeSection(column, widest)
