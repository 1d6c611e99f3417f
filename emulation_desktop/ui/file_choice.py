"""Pieces the Data exchange tab and the spreadsheet dialogs share: a plain text table, choosing a file
to open (USB sticks first) and choosing where to save a file of a given type (the USB save dialog)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from emulation_desktop.exchange import drives
from emulation_desktop.exchange.safe_save import safe_filename
from emulation_desktop.locale.i18n import _
from emulation_desktop.ui import save_target
from emulation_desktop.ui.list_model import ListTableModel
from emulation_desktop.ui.qt import (
    QAbstractItemView,
    QFileDialog,
    QHeaderView,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTableView,
    QWidget,
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


def text_table(model: TextTableModel, name: str) -> QTableView:
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
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
    return table


def fit_columns(table: QTableView, widest: int = 320) -> None:
    table.resizeColumnsToContents()
    header = table.horizontalHeader()
    for column in range(header.count()):
        if header.sectionSize(column) > widest:
            header.resizeSection(column, widest)


def local_time(value: datetime | None) -> str:
    """A stored UTC time as the clerk's clock shows it: 08/11/2022 14:05."""
    if value is None:
        return ""
    return value.replace(tzinfo=UTC).astimezone().strftime("%d/%m/%Y %H:%M")


# --- choosing files ----------------------------------------------------------------------------------


def start_folder() -> str:
    """Where an open dialog starts: the first USB stick, else the home folder."""
    removable = drives.removable_targets()
    return str(removable[0].path) if removable else str(Path.home())


def choose_open_file(parent: QWidget | None, title: str, filters: str) -> str:
    """An open-file dialog with our texts, starting on the USB stick. Empty when cancelled."""
    dialog = QFileDialog(parent, title, start_folder(), filters)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    return save_target.run_file_dialog(dialog, _("File:"), _("Open"))


class _TypedSaveDialog(save_target.SaveDialog):
    """The USB save dialog for a file type other than PDF (a package, a key card, a workbook)."""

    def __init__(self, proposed_name: str, suffix: str, parent: QWidget | None = None) -> None:
        self.suffix = suffix
        super().__init__(proposed_name, parent)

    def _file_name(self) -> str:
        name = self.name.text().strip() or f"tep{self.suffix}"
        return safe_filename(name if name.lower().endswith(self.suffix) else f"{name}{self.suffix}")


def choose_save_target(parent: QWidget | None, proposed_name: str, suffix: str) -> save_target.Choice | None:
    """Ask where to save a file ending in ``suffix`` (tests replace this function with an answer)."""
    dialog = _TypedSaveDialog(proposed_name, suffix, parent)
    return dialog.chosen if dialog.exec() else None
