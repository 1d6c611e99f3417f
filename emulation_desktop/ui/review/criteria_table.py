"""The criteria set as the criteria page's table shows it: a row per group (set apart, its points
summed) followed by its criteria in order, what each row says, and the line of totals under the table.
A group's number and name are edited in the table itself."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from emulation_desktop.domain.indicators import BY_CODE
from emulation_desktop.locale.i18n import _
from emulation_desktop.review.criteria import FULL_MARKS, CriteriaView, target_input
from emulation_desktop.review.points import show
from emulation_desktop.ui.list_model import ListTableModel
from emulation_desktop.ui.qt import (
    QAbstractItemView,
    QColor,
    QFont,
    QHeaderView,
    Qt,
    QTableView,
    QTimer,
    QWidget,
)
from emulation_desktop.ui.text_table import keyboard_and_copy

GROUP_BACKGROUND = "#e6edf5"


@dataclass(frozen=True)
class Line:
    """One row of the table: a group or a criterion."""

    kind: str  # "group" or "criterion"
    id: str
    group_id: str | None
    version: int
    cells: tuple[str, ...]
    tip: str


class CriteriaModel(ListTableModel):
    """The groups and their criteria in order. A group's number and name are edited in place (F2)."""

    def __init__(self, rename: Callable[[Line, int, str], None], parent: QWidget | None = None) -> None:
        super().__init__(
            [_("No."), _("Criterion"), _("Kind"), _("Maximum"), _("Linked figure"), _("Target")], parent
        )
        self.rows: list[Line] = []
        self.editable = False
        self._rename = rename
        self._bold = QFont()
        self._bold.setBold(True)

    @property
    def lines(self) -> list[Line]:
        return self.rows

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line = self.lines[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return line.cells[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return line.tip
        if role == Qt.ItemDataRole.FontRole and line.kind == "group":
            return self._bold
        if role == Qt.ItemDataRole.BackgroundRole and line.kind == "group":
            return QColor(GROUP_BACKGROUND)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Any) -> Any:
        flags = super().flags(index)
        if (
            self.editable
            and index.isValid()
            and index.column() in (0, 1)
            and self.lines[index.row()].kind == "group"
        ):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Any, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        line = self.lines[index.row()]
        if line.kind != "group" or str(value) == line.cells[index.column()]:
            return False
        # The table is rebuilt after the change: not while the view is still closing its editor.
        QTimer.singleShot(0, lambda: self._rename(line, index.column(), str(value)))
        return True

    def row_of(self, kind: str, record_id: str) -> int:
        return next((i for i, line in enumerate(self.lines) if (line.kind, line.id) == (kind, record_id)), -1)


def criteria_table(model: CriteriaModel) -> QTableView:
    """The table of the set: a row chosen at a time, a group's cells edited by double click or F2."""
    table = QTableView()
    table.setObjectName("review_criteria")
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
    )
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(24)
    keyboard_and_copy(table)
    header = table.horizontalHeader()
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    for column, width in ((0, 44), (2, 96), (3, 80), (4, 170), (5, 150)):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        table.setColumnWidth(column, width)
    return table


def criteria_lines(view: CriteriaView, measures: dict[str, str]) -> list[Line]:
    """The rows of the set: each group, then its criteria; criteria of no group last."""
    kinds = {"normal": _("criterion"), "bonus": _("bonus"), "penalty": _("penalty")}
    lines: list[Line] = []
    sections = [(g, view.by_group.get(g.id, [])) for g in view.groups]
    if view.by_group.get(None):
        sections.append((None, view.by_group[None]))
    for group, items in sections:
        if group is not None:
            normal = sum(c.max_tenths for c in items if c.kind == "normal")
            lines.append(
                Line(
                    "group",
                    group.id,
                    None,
                    group.version,
                    (group.code, group.name, "", show(normal) if normal else "", "", ""),
                    group.name,
                )
            )
        for c in items:
            figure = _(BY_CODE[c.indicator_code].label) if c.indicator_code in BY_CODE else ""
            target = c.target_text or target_input(c, measures.get(c.indicator_code or ""))
            tip = "\n".join(x for x in (c.name, figure, c.target_text) if x)
            lines.append(
                Line(
                    "criterion",
                    c.id,
                    c.group_id,
                    c.version,
                    (c.code, c.name, kinds[c.kind], show(c.max_tenths), figure, target),
                    tip,
                )
            )
    return lines


def set_totals(view: CriteriaView) -> str:
    """The line under the table: how many criteria and groups, the points, bonus and penalty, and a
    warning when the criteria do not add up to 100 points."""
    penalty = sum(c.max_tenths for c in view.criteria if c.kind == "penalty")
    stats = _(
        "{n} criteria in {groups} groups: {max} points, plus up to {bonus} bonus points, minus up to "
        "{penalty} penalty points."
    ).format(
        n=len(view.criteria),
        groups=len(view.groups),
        max=show(view.normal_max),
        bonus=show(view.bonus_max),
        penalty=show(penalty),
    )
    if view.criteria and view.normal_max != FULL_MARKS:
        stats += " " + _("The criteria add up to {points} points, not 100.").format(
            points=show(view.normal_max)
        )
    return stats
