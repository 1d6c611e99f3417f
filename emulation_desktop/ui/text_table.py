"""A small read-only table of ready-made texts (summaries, the package history, the trusted keys)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from emulation_desktop.ui.list_model import ListTableModel
from emulation_desktop.ui.qt import (
    QAbstractItemView,
    QHeaderView,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTableView,
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
    table.setTabKeyNavigation(False)
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
