"""A table model over rows the core fetched (already filtered and sorted in SQL).

Display text is formatted here; ``RAW_ROLE`` hands back the stored value, and sorting never looks at
display strings: the editor re-queries with the column's field name.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from emulation_desktop.domain.fields import Field
from emulation_desktop.domain.indicators import BY_CODE
from emulation_desktop.domain.labels import choice_label
from emulation_desktop.domain.record_kinds import RecordKind
from emulation_desktop.locale.i18n import _
from emulation_desktop.ui import cell_format as fmt
from emulation_desktop.ui.field_widgets import LABEL_OVERRIDES
from emulation_desktop.ui.qt import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

RAW_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
_NUMERIC = ("int", "money", "percent", "year")
Index = QModelIndex | QPersistentModelIndex


def table_columns(kind: RecordKind, hidden: tuple[str, ...] = ()) -> list[Field]:
    """The columns a table shows: every field but the hidden ones (year, parent id)."""
    return [f for f in kind.fields if f.name not in hidden]


class RecordTableModel(QAbstractTableModel):
    def __init__(self, kind: RecordKind, hidden: tuple[str, ...] = (), parent: Any = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.columns = table_columns(kind, hidden)
        self.rows: list[dict[str, Any]] = []
        # A view asks for every visible cell's text on each paint, and each of several roles: the texts
        # are made once per page (a search keystroke repaints the table, issue #19), and the roles this
        # model does not serve are turned away before any work.
        self._texts: dict[tuple[int, int], str] = {}
        self._alignments = [
            int(
                (Qt.AlignmentFlag.AlignRight if f.kind in _NUMERIC else Qt.AlignmentFlag.AlignLeft)
                | Qt.AlignmentFlag.AlignVCenter
            )
            for f in self.columns
        ]

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.rows = rows
        self._texts = {}
        self.endResetModel()

    def row_of(self, record_id: str | None) -> int:
        return next((i for i, row in enumerate(self.rows) if row["id"] == record_id), -1)

    def sort_key(self, column: int) -> str:
        """The SQL sort key of a column: the field name, or the joined place name for a ref."""
        field = self.columns[column]
        return "place_name" if field.kind == "ref" else field.name

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt override
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt override
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        field = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return _(LABEL_OVERRIDES.get(field.kind, field.label))
        if role == Qt.ItemDataRole.TextAlignmentRole and field.kind in _NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _SERVED or not index.isValid():
            return None
        return self._value(index.row(), index.column(), role)

    def _value(self, row: int, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, column).split("\n", 1)[0]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignments[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            text = self.text(row, column)
            return text if self.columns[column].kind == "longtext" and text else None
        if role == RAW_ROLE:
            return self.rows[row].get(self.columns[column].name)
        return self.rows[row]["id"]  # ID_ROLE

    def text(self, row: int, column: int) -> str:
        """A cell's whole text (every line of a long text), made once per page."""
        key = (row, column)
        found = self._texts.get(key)
        if found is None:
            found = self._texts[key] = display(self.columns[column], self.rows[row])
        return found


_SERVED = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.TextAlignmentRole,
        RAW_ROLE,
        ID_ROLE,
    }
)


def display(field: Field, row: dict[str, Any]) -> str:
    value = row.get(field.name)
    if field.kind == "ref":
        return row.get("place_name") or ""
    if value is None or value == "":
        return ""
    if field.name == "indicator_code":
        definition = BY_CODE.get(value)
        return _(definition.label) if definition else str(value)
    if field.kind == "choice":
        return _(choice_label(field.name, value))
    if field.kind == "money":
        return fmt.money(value)
    if field.kind == "int":
        return fmt.number(value)
    if field.kind == "percent":
        return fmt.percent_tenths(value) + "%"
    if isinstance(value, date):
        return fmt.short_date(value)
    return str(value)
