"""The pieces the review tab's steps are made of: the cluster and year the tab shows, a read-only table
of text rows, a field, an error line, a field with its error line under it, a button, a chooser of the
cluster's units, and the base of a step page (``StepPage``: how it runs one write, its refusal under
the step and nothing written; on success the whole tab reloads)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from emulation_desktop.errors import AppError
from emulation_desktop.review.board import Board
from emulation_desktop.ui import dialogs
from emulation_desktop.ui.context import AppContext
from emulation_desktop.ui.list_model import ListTableModel
from emulation_desktop.ui.qt import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    Qt,
    QTableView,
    QVBoxLayout,
    QWidget,
    qconnect,
)
from emulation_desktop.ui.text_table import keyboard_and_copy


@dataclass
class ClusterYear:
    """The cluster and year the tab shows: the tab sets them, its steps read them."""

    cluster_code: str | None = None
    year: int = 0


class RowsModel(ListTableModel):
    """A read-only table of text rows."""

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and index.isValid():
            return self.rows[index.row()][index.column()]
        return None


def rows_table(model: RowsModel, name: str, stretch: int = 1) -> QTableView:
    """A view of ``model``: whole rows chosen, nothing edited, column ``stretch`` takes the room."""
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    keyboard_and_copy(view)
    return view


def combo(name: str) -> QComboBox:
    widget = QComboBox()
    widget.setObjectName(name)
    return widget


def line_edit(name: str, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setPlaceholderText(placeholder)
    return edit


def error_label(name: str, *, hidden: bool = False) -> QLabel:
    """A line for a refusal's message, in red; ``hidden`` until there is one."""
    return dialogs.error_label(name, hidden=hidden)


def with_error(widget: QWidget, error: QLabel) -> QWidget:
    """A field with its message line under it (shown only when something is wrong)."""
    cell = QWidget()
    column = QVBoxLayout(cell)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(1)
    column.addWidget(widget)
    column.addWidget(error)
    return cell


def button(text: str, name: str, slot: Callable[[], None], tip: str = "") -> QPushButton:
    widget = QPushButton(text)
    widget.setObjectName(name)
    widget.setToolTip(tip)
    qconnect(widget.clicked, lambda _checked=False: slot())
    return widget


def fill_units(combo: QComboBox, board: Board | None, default: str | None) -> None:
    """The cluster's units by code; the one chosen before (else ``default``) stays chosen."""
    rows = sorted(board.rows, key=lambda r: r.code) if board else []
    current = combo.currentData() or default
    combo.blockSignals(True)
    combo.clear()
    for row in rows:
        combo.addItem(f"{row.code} — {row.unit.name}", row.code)
    combo.setCurrentIndex(max(combo.findData(current), 0))
    combo.blockSignals(False)


class StepPage(QWidget):
    """A step of the review tab: it shows the cluster and year the tab shows (``shown``), and after
    each write the whole tab reloads (``changed``): the board and what is still missing follow it."""

    def __init__(
        self, ctx: AppContext, shown: ClusterYear, changed: Callable[[], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.shown = shown
        self._changed = changed

    def run(self, error: QLabel, action: Callable[[], Any], done: str) -> bool:
        """Run one review operation: a refusal is shown in ``error`` and nothing was written; on
        success the status bar says ``done`` and the tab reloads."""
        error.clear()
        try:
            action()
        except AppError as exc:
            error.setText(exc.message)
            return False
        self.ctx.saved(done)
        self._changed()
        return True
