"""Step 1 of the Tổng kết & suy tôn tab: the cluster head prepares the year's criteria set.

Without a set the page offers to create one (with its title) or to copy last year's. With a set it shows
the groups and criteria in order, group rows set apart, and a form below: the criterion's group, number,
name, kind, maximum points, the figure it is linked to and its target. Enter adds the criterion (or
saves the one chosen in the table); a group is added from its own line and renamed in the table.

Every change is one ``emulation_desktop.review.criteria`` operation; a refusal is shown beside the field
it concerns and nothing is written. The page is read-only, with a line saying why, where the core says
this installation may not change the set (received from the cluster head, a member's installation, a
locked year).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from sqlalchemy import select

from emulation_desktop.domain.indicators import BY_CODE, INDICATORS
from emulation_desktop.domain.models import Indicator
from emulation_desktop.errors import AppError, ValidationError
from emulation_desktop.locale.i18n import N_, _
from emulation_desktop.review import criteria as rc
from emulation_desktop.review.points import show
from emulation_desktop.ui import dialogs
from emulation_desktop.ui.context import AppContext
from emulation_desktop.ui.context_bar import BANNER_STYLE
from emulation_desktop.ui.field_widgets import EnterFilter
from emulation_desktop.ui.list_model import ListTableModel
from emulation_desktop.ui.qt import (
    QAbstractItemView,
    QColor,
    QComboBox,
    QFont,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QKeySequence,
    QLabel,
    QLineEdit,
    QModelIndex,
    QPushButton,
    QShortcut,
    Qt,
    QTableView,
    QTimer,
    QVBoxLayout,
    QWidget,
    qconnect,
)

ERROR_STYLE = "color: #b00020;"
GROUP_BACKGROUND = "#e6edf5"
KIND_LABELS = {"normal": N_("Normal criterion"), "bonus": N_("Bonus points"), "penalty": N_("Penalty points")}
UNIT_OF_MEASURE = {"ratio": "%", "amount": "đồng"}


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


def _field(name: str, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setPlaceholderText(placeholder)
    return edit


def _error(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.hide()
    return label


def _with_error(widget: QWidget, error: QLabel) -> QWidget:
    """A field with its message under it (shown only when something is wrong)."""
    cell = QWidget()
    column = QVBoxLayout(cell)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(1)
    column.addWidget(widget)
    column.addWidget(error)
    return cell


class CriteriaEditor(QWidget):
    def __init__(self, ctx: AppContext, changed: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("criteria_editor")
        self.ctx = ctx
        self._changed = changed
        self.cluster_code: str | None = None
        self.year = 0
        self.view: rc.CriteriaView | None = None
        self.refusal: str | None = None
        self.measures: dict[str, str] = {}
        self._want: tuple[str, str] | None = None  # the row to choose after the next reload
        self._loaded: dict[str, Any] = {}  # the chosen criterion as shown, to tell what changed
        self.errors: dict[str, QLabel] = {}

        self.banner = QLabel()
        self.banner.setObjectName("criteria_read_only")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.hide()
        self.empty = self._empty_part()
        self.editor = self._set_part()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.banner)
        layout.addWidget(self.empty)
        layout.addWidget(self.editor, 1)

    # --- building ---------------------------------------------------------------------------------------

    def _button(self, text: str, name: str, slot: Callable[[], None], tip: str = "") -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setToolTip(tip)
        qconnect(button.clicked, lambda _checked=False: slot())
        return button

    def _empty_part(self) -> QWidget:
        part = QWidget()
        layout = QVBoxLayout(part)
        layout.setContentsMargins(0, 0, 0, 0)
        self.empty_info = QLabel()
        self.empty_info.setWordWrap(True)
        layout.addWidget(self.empty_info)
        row = QHBoxLayout()
        label = QLabel(_("Title of the set:"))
        self.new_title = _field("criteria_new_title")
        label.setBuddy(self.new_title)
        row.addWidget(label)
        row.addWidget(self.new_title, 1)
        layout.addLayout(row)
        self.errors["new_title"] = _error("criteria_new_title_error")
        layout.addWidget(self.errors["new_title"])
        buttons = QHBoxLayout()
        self.create_button = self._button(_("Create the criteria set"), "criteria_create", self.create_set)
        self.copy_button = self._button(_("Copy last year's set"), "criteria_copy", self.copy_last_year)
        buttons.addWidget(self.create_button)
        buttons.addWidget(self.copy_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.copy_info = QLabel()
        self.copy_info.setObjectName("criteria_copy_info")
        self.copy_info.setWordWrap(True)
        layout.addWidget(self.copy_info)
        self.empty_error = _error("criteria_empty_error")
        layout.addWidget(self.empty_error)
        layout.addStretch(1)
        qconnect(self.new_title.returnPressed, self.create_set)
        return part

    def _set_part(self) -> QWidget:
        part = QWidget()
        layout = QVBoxLayout(part)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)

        top = QHBoxLayout()
        label = QLabel(_("Title of the set:"))
        self.title_edit = _field("criteria_title")
        label.setBuddy(self.title_edit)
        self.save_title_button = self._button(_("Save the title"), "criteria_save_title", self.save_title)
        top.addWidget(label)
        top.addWidget(self.title_edit, 1)
        top.addWidget(self.save_title_button)
        layout.addLayout(top)
        self.errors["title"] = _error("criteria_title_error")
        layout.addWidget(self.errors["title"])
        qconnect(self.title_edit.returnPressed, self.save_title)

        self.model = CriteriaModel(self.rename_group, self)
        self.table = QTableView()
        self.table.setObjectName("review_criteria")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 44), (2, 96), (3, 80), (4, 170), (5, 150)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(column, width)
        layout.addWidget(self.table, 1)
        qconnect(self.table.selectionModel().currentRowChanged, lambda current, _prev: self._chosen(current))
        self.stats = QLabel()
        self.stats.setObjectName("criteria_stats")
        self.stats.setWordWrap(True)
        layout.addWidget(self.stats)

        # A new group: its own line; Enter there adds it.
        self.group_line = QWidget()
        groups = QHBoxLayout(self.group_line)
        groups.setContentsMargins(0, 0, 0, 0)
        groups.addWidget(QLabel(_("New group:")))
        self.group_code_edit = _field("criteria_group_code")
        self.group_code_edit.setMaximumWidth(60)
        self.group_name_edit = _field("criteria_group_name", _("Name of the group"))
        groups.addWidget(self.group_code_edit)
        groups.addWidget(self.group_name_edit, 1)
        self.add_group_button = self._button(_("Add the group"), "criteria_add_group", self.add_group)
        self.rename_group_button = self._button(
            _("Rename the group"),
            "criteria_rename_group",
            self.edit_group_name,
            _("Change the name of the group chosen in the table (F2 in the table does the same)."),
        )
        self.remove_group_button = self._button(
            _("Remove the group"), "criteria_remove_group", self.remove_group
        )
        for button in (self.add_group_button, self.rename_group_button, self.remove_group_button):
            groups.addWidget(button)
        layout.addWidget(self.group_line)
        self.errors["group_code"] = _error("criteria_group_code_error")
        self.errors["group_name"] = _error("criteria_group_name_error")
        layout.addWidget(self.errors["group_code"])
        layout.addWidget(self.errors["group_name"])
        group_enter = EnterFilter(self.add_group, self)
        for widget in (self.group_code_edit, self.group_name_edit):
            widget.installEventFilter(group_enter)

        # The criterion: chosen in the table to change it, or new.
        form = QGridLayout()
        form.setHorizontalSpacing(8)
        form.setVerticalSpacing(3)
        self.group_combo = QComboBox()
        self.group_combo.setObjectName("criteria_group")
        self.code_edit = _field("criteria_code")
        self.code_edit.setMaximumWidth(80)
        self.name_edit = _field("criteria_name", _("For example: Vận động xây sửa nhà đại đoàn kết"))
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("criteria_kind")
        for kind, label in KIND_LABELS.items():
            self.kind_combo.addItem(_(label), kind)
        self.max_edit = _field("criteria_max", "10")
        self.max_edit.setMaximumWidth(100)
        self.indicator_combo = QComboBox()
        self.indicator_combo.setObjectName("criteria_indicator")
        self.target_edit = _field("criteria_target_value")
        self.target_edit.setToolTip(
            _(
                "Full points at this value, unless the unit pledged a target of its own for the figure; "
                "left empty, the unit's pledged target is used."
            )
        )
        self.target_unit = QLabel()
        self.target_text_edit = _field("criteria_target_text", _("For example: đạt 100% chỉ tiêu"))
        for name in (
            "group",
            "code",
            "name",
            "kind",
            "max_points",
            "indicator_code",
            "target_value",
            "target_text",
        ):
            self.errors[name] = _error(f"criteria_{name}_error")

        def label(text: str, buddy: QWidget) -> QLabel:
            widget = QLabel(text)
            widget.setBuddy(buddy)
            return widget

        target = QWidget()
        target_row = QHBoxLayout(target)
        target_row.setContentsMargins(0, 0, 0, 0)
        target_row.addWidget(self.target_edit, 1)
        target_row.addWidget(self.target_unit)
        form.addWidget(label(_("Group:"), self.group_combo), 0, 0)
        form.addWidget(_with_error(self.group_combo, self.errors["group"]), 0, 1)
        form.addWidget(label(_("Kind:"), self.kind_combo), 0, 2)
        form.addWidget(_with_error(self.kind_combo, self.errors["kind"]), 0, 3)
        form.addWidget(label(_("No.:"), self.code_edit), 1, 0)
        form.addWidget(_with_error(self.code_edit, self.errors["code"]), 1, 1)
        form.addWidget(label(_("Maximum points:"), self.max_edit), 1, 2)
        form.addWidget(_with_error(self.max_edit, self.errors["max_points"]), 1, 3)
        form.addWidget(label(_("Criterion:"), self.name_edit), 2, 0)
        form.addWidget(_with_error(self.name_edit, self.errors["name"]), 2, 1, 1, 3)
        form.addWidget(label(_("Linked figure:"), self.indicator_combo), 3, 0)
        form.addWidget(_with_error(self.indicator_combo, self.errors["indicator_code"]), 3, 1)
        form.addWidget(label(_("Target value:"), self.target_edit), 3, 2)
        form.addWidget(_with_error(target, self.errors["target_value"]), 3, 3)
        form.addWidget(label(_("Target as printed:"), self.target_text_edit), 4, 0)
        form.addWidget(_with_error(self.target_text_edit, self.errors["target_text"]), 4, 1, 1, 3)
        for column, stretch in ((1, 3), (3, 2)):
            form.setColumnStretch(column, stretch)
        for row in range(5):
            form.setRowMinimumHeight(row, 0)
        layout.addLayout(form)
        qconnect(self.indicator_combo.currentIndexChanged, lambda _i: self._indicator_chosen())

        self.button_line = QWidget()
        buttons = QHBoxLayout(self.button_line)
        buttons.setContentsMargins(0, 0, 0, 0)
        self.add_button = self._button(_("Add the criterion"), "criteria_add", self.add_criterion)
        self.save_button = self._button(_("Save changes"), "criteria_save", self.save_criterion)
        self.remove_button = self._button(_("Remove the criterion"), "criteria_remove", self.remove_criterion)
        self.up_button = self._button(_("Move up"), "criteria_up", lambda: self.move(-1), "Ctrl+↑")
        self.down_button = self._button(_("Move down"), "criteria_down", lambda: self.move(1), "Ctrl+↓")
        for button in (
            self.add_button,
            self.save_button,
            self.remove_button,
            self.up_button,
            self.down_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addWidget(self.button_line)
        self.form_error = _error("criteria_error")
        layout.addWidget(self.form_error)

        enter = EnterFilter(self.enter, self)
        self.form_widgets: list[QWidget] = [
            self.group_combo,
            self.code_edit,
            self.name_edit,
            self.kind_combo,
            self.max_edit,
            self.indicator_combo,
            self.target_edit,
            self.target_text_edit,
        ]
        for widget in self.form_widgets:
            widget.installEventFilter(enter)
        chain = [
            self.title_edit,
            self.save_title_button,
            self.table,
            self.group_code_edit,
            self.group_name_edit,
            self.add_group_button,
            self.rename_group_button,
            self.remove_group_button,
            *self.form_widgets,
            self.add_button,
            self.save_button,
            self.remove_button,
            self.up_button,
            self.down_button,
        ]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)
        for keys, step in (("Ctrl+Up", -1), ("Ctrl+Down", 1)):
            shortcut = QShortcut(QKeySequence(keys), part)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            qconnect(shortcut.activated, lambda step=step: self.move(step))
        return part

    # --- reading ----------------------------------------------------------------------------------------

    def show_set(self, cluster_code: str, year: int, view: rc.CriteriaView | None) -> None:
        """Show the cluster's set of the year (or the way to make one) and whether it may be changed."""
        if (cluster_code, year) != (self.cluster_code, self.year):
            self._want = None
            self.new_title.setText(rc.DEFAULT_TITLE.format(year=year))
        self.cluster_code, self.year, self.view = cluster_code, year, view
        with self.ctx.db.session() as session:
            self.refusal = rc.editing_refusal(session, cluster_code, year)
            previous = rc.find_set(session, cluster_code, year - 1) if view is None else None
            if view is not None:
                self._fill_indicators(session)
        self.banner.setText(self.refusal or "")
        self.banner.setVisible(self.refusal is not None)
        self.empty.setVisible(view is None)
        self.editor.setVisible(view is not None)
        self._clear_errors()
        if view is None:
            self._show_empty(previous)
        else:
            self._show_table(view)

    def _show_empty(self, previous: rc.CriteriaView | None) -> None:
        self.empty_info.setText(
            _("The criteria set for {year} has not been prepared.").format(year=self.year)
        )
        can = self.refusal is None
        self.new_title.setEnabled(can)
        self.create_button.setEnabled(can)
        self.copy_button.setEnabled(can and previous is not None)
        if previous is None:
            self.copy_info.setText(
                _("There is no criteria set of {year} to copy.").format(year=self.year - 1)
            )
        else:
            self.copy_info.setText(
                _(
                    "Last year's set: “{title}”, {n} criteria. The copy keeps its groups, numbers, points, "
                    "linked figures and targets; then change what differs this year."
                ).format(title=previous.set.title, n=len(previous.criteria))
            )

    def _fill_indicators(self, session: Any) -> None:
        rows = {code: measure for code, measure in session.execute(select(Indicator.code, Indicator.measure))}
        self.measures = rows
        order = [d.code for d in INDICATORS if d.code in rows] + sorted(set(rows) - set(BY_CODE))
        current = self.indicator_combo.currentData()
        self.indicator_combo.blockSignals(True)
        self.indicator_combo.clear()
        self.indicator_combo.addItem(_("(none: scored by hand)"), None)
        for code in order:
            label = _(BY_CODE[code].label) if code in BY_CODE else code
            self.indicator_combo.addItem(label, code)
        self.indicator_combo.setCurrentIndex(max(self.indicator_combo.findData(current), 0))
        self.indicator_combo.blockSignals(False)

    def _show_table(self, view: rc.CriteriaView) -> None:
        # Keep the row the clerk was on (or the one an operation asked for) across the reload.
        want, self._want = self._want or self._current_key(), None
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
                target = c.target_text or rc.target_input(c, self.measures.get(c.indicator_code or ""))
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
        self.model.editable = self.refusal is None
        self.model.set_rows(lines)
        self.title_edit.setText(view.set.title)
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
        if view.criteria and view.normal_max != rc.FULL_MARKS:
            stats += " " + _("The criteria add up to {points} points, not 100.").format(
                points=show(view.normal_max)
            )
        self.stats.setText(stats)
        self.group_combo.blockSignals(True)
        self.group_combo.clear()
        for g in view.groups:
            self.group_combo.addItem(f"{g.code}. {g.name}" if g.code else g.name, g.id)
        self.group_combo.blockSignals(False)
        self._next_group_number(view)
        # Read-only: the fields stay readable (to see a criterion's link and target); what would change
        # the set is not offered.
        editable = self.refusal is None
        for edit in (self.title_edit, self.code_edit, self.name_edit, self.max_edit, self.target_edit):
            edit.setReadOnly(not editable)
        self.target_text_edit.setReadOnly(not editable)
        for combo in (self.group_combo, self.kind_combo, self.indicator_combo):
            combo.setEnabled(editable)
        for widget in (self.save_title_button, self.group_line, self.button_line):
            widget.setVisible(editable)
        row = self.model.row_of(*want) if want else -1
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, 0))
            self.table.scrollTo(self.model.index(row, 0))
        self._chosen(self.model.index(row, 0) if row >= 0 else QModelIndex())

    def _next_group_number(self, view: rc.CriteriaView) -> None:
        taken = {g.code for g in view.groups}
        number = len(view.groups) + 1
        while rc.roman(number) in taken:
            number += 1
        self.group_code_edit.setPlaceholderText(rc.roman(number))

    def current_line(self) -> Line | None:
        index = self.table.currentIndex()
        return (
            self.model.lines[index.row()] if index.isValid() and index.row() < len(self.model.lines) else None
        )

    def _chosen(self, index: Any) -> None:
        """A row chosen in the table: a criterion fills the form to change it; a group (or nothing)
        leaves the form ready for a new criterion of that group."""
        line = self.model.lines[index.row()] if index.isValid() else None
        editable = self.refusal is None
        criterion = None
        if line is not None and line.kind == "criterion" and self.view is not None:
            criterion = next((c for c in self.view.criteria if c.id == line.id), None)
        if criterion is not None:
            group_id = criterion.group_id
            self._load_form(criterion)
        else:
            group_id = (
                line.id
                if line is not None
                else (self.view.groups[-1].id if self.view and self.view.groups else None)
            )
            self._load_form(None)
        self.group_combo.setCurrentIndex(max(self.group_combo.findData(group_id), 0))
        is_group = line is not None and line.kind == "group"
        self.save_button.setEnabled(editable and criterion is not None)
        self.remove_button.setEnabled(editable and criterion is not None)
        self.up_button.setEnabled(editable and criterion is not None)
        self.down_button.setEnabled(editable and criterion is not None)
        self.rename_group_button.setEnabled(editable and is_group)
        self.remove_group_button.setEnabled(editable and is_group)
        self.add_button.setEnabled(editable and self.group_combo.count() > 0)
        self._clear_errors()

    def _load_form(self, criterion: Any) -> None:
        self.indicator_combo.blockSignals(True)
        if criterion is None:
            self._loaded = {}
            self.code_edit.clear()
            self.name_edit.clear()
            self.kind_combo.setCurrentIndex(0)
            self.max_edit.clear()
            self.indicator_combo.setCurrentIndex(0)
            self.target_edit.clear()
            self.target_text_edit.clear()
            self.code_edit.setPlaceholderText(self._next_number())
        else:
            self.code_edit.setText(criterion.code)
            self.name_edit.setText(criterion.name)
            self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(criterion.kind), 0))
            self.max_edit.setText(show(criterion.max_tenths))
            self.indicator_combo.setCurrentIndex(
                max(self.indicator_combo.findData(criterion.indicator_code), 0)
            )
            self.target_edit.setText(
                rc.target_input(criterion, self.measures.get(criterion.indicator_code or ""))
            )
            self.target_text_edit.setText(criterion.target_text)
            self.code_edit.setPlaceholderText("")
        self.indicator_combo.blockSignals(False)
        self._indicator_chosen()
        self._loaded = self._spec() if criterion is not None else {}

    def _next_number(self) -> str:
        if self.view is None:
            return ""
        taken = {c.code for c in self.view.criteria}
        number = len(self.view.criteria) + 1
        while str(number) in taken:
            number += 1
        return str(number)

    def _indicator_chosen(self) -> None:
        code = self.indicator_combo.currentData()
        measure = self.measures.get(code or "")
        self.target_edit.setEnabled(code is not None)
        if code is None:
            self.target_edit.clear()
        self.target_unit.setText(UNIT_OF_MEASURE.get(measure or "", ""))
        self.target_edit.setPlaceholderText({"ratio": "80", "amount": "1.500.000"}.get(measure or "", "12"))

    def _spec(self) -> dict[str, Any]:
        indicator = self.indicator_combo.currentData()
        return {
            "group_id": self.group_combo.currentData(),
            "code": self.code_edit.text(),
            "name": self.name_edit.text(),
            "kind": self.kind_combo.currentData(),
            "max_points": self.max_edit.text(),
            "indicator_code": indicator,
            "target_value": self.target_edit.text() if indicator else None,
            "target_text": self.target_text_edit.text(),
        }

    # --- writing ----------------------------------------------------------------------------------------

    def _clear_errors(self) -> None:
        for label in (*self.errors.values(), self.form_error, self.empty_error):
            label.clear()
            label.hide()

    def _run(
        self,
        action: Callable[[], Any],
        done: str,
        *,
        fields: dict[str, str] | None = None,
        general: QLabel | None = None,
    ) -> Any:
        """Run one core operation. A refusal is shown beside its field or under the form; nothing was
        written. On success the whole tab reloads.

        ``fields`` maps the core's field names to this page's; given, only those fields show messages
        (the others go under the form): a field of another part of the page would not be seen."""
        self._clear_errors()
        general = general or self.form_error
        try:
            result = action()
        except ValidationError as exc:
            for name, message in exc.errors.items():
                own = fields.get(name) if fields is not None else name
                label = self.errors.get(own or "") or general
                label.setText(message if not label.text() else f"{label.text()} {message}")
                label.show()
            return None
        except AppError as exc:
            general.setText(exc.message)
            general.show()
            return None
        self.ctx.saved(done)
        self._changed()
        return result if result is not None else True

    def _set_id(self) -> str:
        assert self.view is not None
        return self.view.set.id

    def create_set(self) -> None:
        if self.refusal is not None or self.cluster_code is None:
            return
        code, year, title = self.cluster_code, self.year, self.new_title.text()
        if self._run(
            lambda: rc.create_criteria_set(self.ctx.db, code, year, title, [], user=self.ctx.user),
            _("The criteria set is created; add its groups and criteria."),
            fields={"title": "new_title"},
            general=self.empty_error,
        ):
            self.group_name_edit.setFocus()

    def copy_last_year(self) -> None:
        if self.refusal is not None or self.cluster_code is None:
            return
        code, year, typed = self.cluster_code, self.year, self.new_title.text()
        title = None if typed == rc.DEFAULT_TITLE.format(year=year) else typed
        self._run(
            lambda: rc.copy_last_year(self.ctx.db, code, year, title=title, user=self.ctx.user),
            _("Last year's criteria set is copied; change what differs this year."),
            fields={"title": "new_title"},
            general=self.empty_error,
        )

    def save_title(self) -> None:
        if self.view is None or self.refusal is not None:
            return
        set_id, version, title = self._set_id(), self.view.set.version, self.title_edit.text()
        self._want = self._current_key()
        self._run(
            lambda: rc.update_set(self.ctx.db, set_id, title=title, version=version, user=self.ctx.user),
            _("Criteria set saved."),
            general=self.errors["title"],
        )

    def _current_key(self) -> tuple[str, str] | None:
        line = self.current_line()
        return (line.kind, line.id) if line else None

    def add_group(self) -> None:
        if self.view is None or self.refusal is not None:
            return
        set_id, code, name = self._set_id(), self.group_code_edit.text(), self.group_name_edit.text()
        new_id = self._run(
            lambda: rc.add_group(self.ctx.db, set_id, code, name, user=self.ctx.user),
            _("Criteria set saved."),
            fields={"group": "group_name", "group_code": "group_code"},
        )
        if new_id:
            self._select(("group", new_id))
            self.group_code_edit.clear()
            self.group_name_edit.clear()
            self.code_edit.setFocus()

    def _select(self, key: tuple[str, str]) -> None:
        row = self.model.row_of(*key)
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, 0))
            self.table.scrollTo(self.model.index(row, 0))

    def edit_group_name(self) -> None:
        line = self.current_line()
        if line is not None and line.kind == "group":
            index = self.model.index(self.model.row_of("group", line.id), 1)
            self.table.setFocus()
            self.table.edit(index)

    def rename_group(self, line: Line, column: int, value: str) -> None:
        """A group's number (column 0) or name (column 1) edited in the table."""
        change = {"code": value} if column == 0 else {"name": value}
        self._want = ("group", line.id)
        self._run(
            lambda: rc.update_group(self.ctx.db, line.id, version=line.version, user=self.ctx.user, **change),
            _("Criteria set saved."),
            fields={},
        )

    def remove_group(self) -> None:
        line = self.current_line()
        if line is None or line.kind != "group" or self.refusal is not None:
            return
        if not dialogs.confirm(self, _("Remove the group “{name}”?").format(name=line.cells[1])):
            return
        self._run(
            lambda: rc.remove_group(self.ctx.db, line.id, version=line.version, user=self.ctx.user),
            _("Criteria set saved."),
        )

    def enter(self) -> None:
        """Enter in the form: save the criterion chosen in the table, or add a new one."""
        line = self.current_line()
        if line is not None and line.kind == "criterion":
            self.save_criterion()
        else:
            self.add_criterion()

    def add_criterion(self) -> None:
        if self.view is None or self.refusal is not None:
            return
        spec = self._spec()
        set_id, group_id = self._set_id(), spec.pop("group_id")
        new_id = self._run(
            lambda: rc.add_criterion(self.ctx.db, set_id, group_id, spec, user=self.ctx.user),
            _("Criteria set saved."),
        )
        if new_id:
            # Ready for the next criterion of the same group; the new one is in view above.
            self._select(("group", group_id))
            row = self.model.row_of("criterion", new_id)
            if row >= 0:
                self.table.scrollTo(self.model.index(row, 0))
            self.code_edit.setFocus()

    def save_criterion(self) -> None:
        line = self.current_line()
        if line is None or line.kind != "criterion" or self.refusal is not None:
            return
        spec = self._spec()
        changes = {k: v for k, v in spec.items() if v != self._loaded.get(k)}
        if "indicator_code" in changes:
            changes["target_value"] = spec["target_value"]  # read as the new figure measures it
        if not changes:
            self.ctx.saved(_("Nothing has changed."))
            return
        self._want = ("criterion", line.id)
        self._run(
            lambda: rc.update_criterion(
                self.ctx.db, line.id, changes, version=line.version, user=self.ctx.user
            ),
            _("Criteria set saved."),
        )

    def remove_criterion(self) -> None:
        line = self.current_line()
        if line is None or line.kind != "criterion" or self.refusal is not None:
            return
        if not dialogs.confirm(self, _("Remove the criterion “{name}”?").format(name=line.cells[1])):
            return
        self._want = ("group", line.group_id) if line.group_id else None
        self._run(
            lambda: rc.remove_criterion(self.ctx.db, line.id, version=line.version, user=self.ctx.user),
            _("Criteria set saved."),
        )

    def move(self, step: int) -> None:
        line = self.current_line()
        if line is None or line.kind != "criterion" or self.refusal is not None:
            return
        self._want = ("criterion", line.id)
        self._run(
            lambda: rc.move_criterion(self.ctx.db, line.id, step, version=line.version, user=self.ctx.user),
            _("Criteria set saved."),
        )
