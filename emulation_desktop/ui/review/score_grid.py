"""The score grid of step 2: the criteria (rows) by the cluster's units (columns), for one stage (the
agreed cluster score, or the self-scores of the units this installation owns), typed like a
spreadsheet.

Typing a number starts a cell; Tab goes right, Enter goes down (as in Excel); Delete empties the cells
chosen; Ctrl+V pastes a block copied from Excel (tab-separated rows) from the current cell on. Each cell
is checked as it is typed by the review's own check of a score (``review.score_grid.cell_points``: 9,5
or 9.5, at most the criterion's maximum): a refused cell stays red with its message, and nothing is
written until every changed cell is right and the grid is saved, in one operation
(``review.score_grid.save_grid``). A unit whose scores of the stage this installation may not give (an
imported unit's self-scores, a locked year) is greyed, with the reason on its header and cells."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from emulation_desktop.errors import InputError
from emulation_desktop.locale.i18n import N_, _, ngettext
from emulation_desktop.review.points import show
from emulation_desktop.review.score_grid import ScoreGrid, cell_points, save_grid
from emulation_desktop.review.screens import score_grid
from emulation_desktop.ui import dialogs
from emulation_desktop.ui.context import AppContext
from emulation_desktop.ui.qt import (
    QAbstractItemView,
    QAbstractTableModel,
    QColor,
    QGuiApplication,
    QHBoxLayout,
    QHeaderView,
    QKeySequence,
    QLabel,
    QModelIndex,
    Qt,
    QTableView,
    QVBoxLayout,
    QWidget,
    Signal,
    qconnect,
)
from emulation_desktop.ui.review.widgets import ClusterYear, button, combo, error_label

Key = tuple[str, str]  # (criterion id, unit code)
REFUSED = QColor("#f8d7da")  # a cell whose text is refused: red until it is right
REFUSED_TEXT = QColor("#b00020")
CHANGED = QColor("#fff3c4")  # typed, not saved yet
NAME_LENGTH = 32  # a criterion's name in its row header; the whole name is in the tooltip
STAGES = (("cluster", N_("Agreed score")), ("self", N_("Self-score")))


def _short(name: str) -> str:
    return name if len(name) <= NAME_LENGTH else name[: NAME_LENGTH - 1].rstrip() + "…"


class ScoreGridModel(QAbstractTableModel):
    """The grid's cells: the scores given (``grid.points``) under what was typed and not saved yet
    (``typed``, as typed), and the message of each refused cell (``errors``)."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid: ScoreGrid | None = None
        self.typed: dict[Key, str] = {}
        self.errors: dict[Key, str] = {}

    def set_grid(self, grid: ScoreGrid) -> None:
        """Show ``grid``; what was typed and not saved stays, on the cells that are still there."""
        self.beginResetModel()
        self.grid = grid
        cells = {(c.id, u.code) for c in grid.criteria for u in grid.units if u.refusal is None}
        self.typed = {key: text for key, text in self.typed.items() if key in cells}
        self.errors = {key: text for key, text in self.errors.items() if key in self.typed}
        self.endResetModel()
        self.edited.emit()

    def discard(self) -> None:
        self.beginResetModel()
        self.typed, self.errors = {}, {}
        self.endResetModel()
        self.edited.emit()

    def key(self, index: Any) -> Key:
        assert self.grid is not None
        return self.grid.criteria[index.row()].id, self.grid.units[index.column()].code

    def changes(self) -> dict[Key, str]:
        return dict(self.typed)

    def rowCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() or self.grid is None else len(self.grid.criteria)

    def columnCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.grid is None else len(self.grid.units)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if self.grid is None:
            return None
        if orientation == Qt.Orientation.Horizontal:
            unit = self.grid.units[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return unit.name
            if role == Qt.ItemDataRole.ToolTipRole:
                return unit.refusal
            return None
        criterion = self.grid.criteria[section]
        if role == Qt.ItemDataRole.DisplayRole:
            # The most a criterion gives; a bonus adds it, a penalty takes it off.
            sign = {"bonus": "+", "penalty": "−"}.get(criterion.kind, "")
            most = f"{sign}{show(criterion.max_tenths)}"
            return f"{criterion.code}. {_short(criterion.name)} ({most})"
        if role == Qt.ItemDataRole.ToolTipRole:
            return _("{name}: at most {max} points.").format(
                name=criterion.name, max=show(criterion.max_tenths)
            )
        return None

    def flags(self, index: Any) -> Qt.ItemFlag:
        if not index.isValid() or self.grid is None:
            return Qt.ItemFlag.NoItemFlags
        if self.grid.units[index.column()].refusal is not None:
            return Qt.ItemFlag.NoItemFlags  # greyed, and Tab passes it by
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.grid is None:
            return None
        key = self.key(index)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self.typed[key] if key in self.typed else show(self.grid.points.get(key))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.BackgroundRole:
            if key in self.errors:
                return REFUSED
            return CHANGED if key in self.typed else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return REFUSED_TEXT if key in self.errors else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.errors.get(key) or self.grid.units[index.column()].refusal
        return None

    def setData(self, index: Any, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        assert self.grid is not None
        key = self.key(index)
        text = str(value or "").strip()
        criterion = self.grid.criteria[index.row()]
        self.errors.pop(key, None)
        try:
            points = cell_points(criterion, text)
        except InputError as exc:
            self.errors[key] = exc.message
            self.typed[key] = text
        else:
            if points == self.grid.points.get(key):
                self.typed.pop(key, None)  # back to the score given: nothing to save
            else:
                self.typed[key] = text
        self.dataChanged.emit(index, index)
        self.edited.emit()
        return True


class ScoreGridView(QTableView):
    """A table that types like a spreadsheet (see the module docstring)."""

    pasted = Signal(int)  # the cells of a pasted block that had no place (outside, or greyed)

    def __init__(self, model: ScoreGridModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("review_score_grid")
        self.setModel(model)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.setTabKeyNavigation(True)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.horizontalHeader().setMinimumSectionSize(56)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)

    def grid_model(self) -> ScoreGridModel:
        model = self.model()
        assert isinstance(model, ScoreGridModel)
        return model

    def down(self) -> None:
        """Enter: the cell below (the last row stays)."""
        index = self.currentIndex()
        if index.isValid() and index.row() + 1 < self.model().rowCount():
            self.setCurrentIndex(self.model().index(index.row() + 1, index.column()))

    def closeEditor(self, editor: QWidget, hint: Any) -> None:
        super().closeEditor(editor, hint)
        # Enter in a cell commits it with SubmitModelCache (Tab asks for the next cell itself).
        if hint == type(self.itemDelegate()).EndEditHint.SubmitModelCache:
            self.down()

    def keyPressEvent(self, event: Any) -> None:
        editing = self.state() == QAbstractItemView.State.EditingState
        if not editing and event.matches(QKeySequence.StandardKey.Paste):
            self.paste(QGuiApplication.clipboard().text())
            return
        if not editing and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.down()
            return
        if not editing and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            for index in self.selectedIndexes() or [self.currentIndex()]:
                self.model().setData(index, "", Qt.ItemDataRole.EditRole)
            return
        super().keyPressEvent(event)

    def paste(self, text: str) -> None:
        """A block copied from Excel (rows of tab-separated cells), from the current cell on; each cell
        is checked as if typed."""
        start = self.currentIndex()
        if not start.isValid() or not text:
            return
        model = self.model()
        left_out = 0
        lines = text.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n").split("\n")
        for i, line in enumerate(lines):
            for j, cell in enumerate(line.split("\t")):
                index = model.index(start.row() + i, start.column() + j)
                if not index.isValid() or not model.setData(index, cell, Qt.ItemDataRole.EditRole):
                    left_out += 1
        self.pasted.emit(left_out)


class ScoreGridPart(QWidget):
    """The grid with its stage, its message line and its buttons."""

    def __init__(
        self,
        ctx: AppContext,
        shown: ClusterYear,
        run: Callable[[QLabel, Callable[[], Any], str], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.shown = shown
        self._run = run
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Scores:")))
        self.stage_combo = combo("review_grid_stage")
        for stage, label in STAGES:
            self.stage_combo.addItem(_(label), stage)
        top.addWidget(self.stage_combo)
        hint = QLabel(
            _(
                "Type the points in the cells: Tab goes right, Enter goes down; Ctrl+V pastes cells "
                "copied from Excel. Nothing is saved until you save the grid."
            )
        )
        hint.setWordWrap(True)
        top.addWidget(hint, 1)
        layout.addLayout(top)
        self.model = ScoreGridModel(self)
        self.view = ScoreGridView(self.model)
        layout.addWidget(self.view, 1)
        self.message = error_label("review_grid_error")
        layout.addWidget(self.message)
        row = QHBoxLayout()
        self.save_button = button(_("Save the grid"), "review_grid_save", self.save)
        self.discard_button = button(_("Undo the changed cells"), "review_grid_discard", self.model.discard)
        row.addWidget(self.save_button)
        row.addWidget(self.discard_button)
        row.addStretch(1)
        layout.addLayout(row)
        self._stage = self.stage_combo.currentData()
        self._left_out = 0
        qconnect(self.model.edited, self._show_state)
        qconnect(self.view.pasted, self._pasted)
        qconnect(self.stage_combo.currentIndexChanged, lambda _i: self._stage_chosen())
        self._show_state()

    def stage(self) -> str:
        return str(self.stage_combo.currentData())

    def load(self) -> None:
        """Read the grid of the stage chosen (after every change on the tab)."""
        if self.shown.cluster_code is None:
            return
        self.model.set_grid(score_grid(self.ctx.db, self.shown.cluster_code, self.shown.year, self.stage()))

    def _stage_chosen(self) -> None:
        if self.stage() == self._stage:
            return
        if self.model.typed and not dialogs.confirm(
            self, _("The cells typed and not saved will be lost. Show the other scores?")
        ):
            self.stage_combo.blockSignals(True)
            self.stage_combo.setCurrentIndex(self.stage_combo.findData(self._stage))
            self.stage_combo.blockSignals(False)
            return
        self._stage = self.stage()
        self.model.typed, self.model.errors = {}, {}
        self.load()

    def _pasted(self, left_out: int) -> None:
        self._left_out = left_out
        self._show_state()

    def _show_state(self) -> None:
        """The first refused cell's message (the others are on their cells), or what is waiting to be
        saved."""
        model = self.model
        changed = len(model.typed)
        self.save_button.setEnabled(changed > 0 and not model.errors)
        self.discard_button.setEnabled(changed > 0)
        lines = []
        if model.errors and model.grid is not None:
            key = next(iter(model.errors))
            unit = next(u.name for u in model.grid.units if u.code == key[1])
            criterion = next(c for c in model.grid.criteria if c.id == key[0])
            lines.append(
                _("{unit}, criterion {code}: {message}").format(
                    unit=unit, code=criterion.code, message=model.errors[key]
                )
            )
            if len(model.errors) > 1:
                lines.append(
                    ngettext(
                        "{n} more cell is refused (red).",
                        "{n} more cells are refused (red).",
                        len(model.errors) - 1,
                    ).format(n=len(model.errors) - 1)
                )
        if self._left_out:
            lines.append(
                ngettext(
                    "{n} pasted cell had no place (outside the grid, or a greyed unit) and was left out.",
                    "{n} pasted cells had no place (outside the grid, or a greyed unit) and were left out.",
                    self._left_out,
                ).format(n=self._left_out)
            )
            self._left_out = 0
        self.message.setText(" ".join(lines))

    def save(self) -> None:
        """Save every changed cell in one operation; a refused cell keeps everything unsaved."""
        if self.model.errors:
            self._show_state()
            return
        changes = self.model.changes()
        if not changes or self.shown.cluster_code is None:
            return
        code, year, stage = self.shown.cluster_code, self.shown.year, self.stage()

        def write() -> int:
            count = save_grid(self.ctx.db, code, year, stage, changes, user=self.ctx.user)
            self.model.typed, self.model.errors = {}, {}  # saved: the reload shows them as given
            return count

        self._run(self.message, write, _("Scores saved."))
