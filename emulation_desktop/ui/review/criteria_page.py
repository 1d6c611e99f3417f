"""Step 1 of the Tổng kết & suy tôn tab: the cluster head prepares the year's criteria set.

Without a set the page offers to create one (with its title), to copy last year's or to start from
the cluster's default table (``criteria_new_set``). With a set it shows the groups and criteria in order, group rows set apart
(``criteria_table``), and a form below (``criterion_form``): the criterion's group, number, name, kind,
maximum points, the figure it is linked to and its target. Enter adds the criterion (or saves the one
chosen in the table); a group is added from its own line and renamed in the table.

Every change is one ``emulation_desktop.review.criteria`` operation; a refusal is shown beside the field
it concerns and nothing is written. The page is read-only, with a line saying why, where the core says
this installation may not change the set (received from the cluster head, a member's installation, a
locked year).
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from typing import Any

from emulation_desktop.errors import AppError, ValidationError
from emulation_desktop.locale.i18n import _
from emulation_desktop.review import criteria as rc
from emulation_desktop.review.screens import CriteriaEditing
from emulation_desktop.ui import dialogs
from emulation_desktop.ui.context import AppContext
from emulation_desktop.ui.context_bar import BANNER_STYLE
from emulation_desktop.ui.qt import (
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QModelIndex,
    QShortcut,
    Qt,
    QVBoxLayout,
    QWidget,
    qconnect,
)
from emulation_desktop.ui.review.criteria_group_line import GroupLine
from emulation_desktop.ui.review.criteria_new_set import NewSetPart
from emulation_desktop.ui.review.criteria_table import (
    CriteriaModel,
    Line,
    criteria_lines,
    criteria_table,
    set_totals,
)
from emulation_desktop.ui.review.criterion_form import CriterionForm
from emulation_desktop.ui.review.widgets import button, error_label, line_edit


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
        self._want: tuple[str, str] | None = None  # the row to choose after the next reload

        self.banner = QLabel()
        self.banner.setObjectName("criteria_read_only")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.hide()
        self.empty = NewSetPart(self.create_set, self.copy_last_year, self.use_template)
        self.editor = self._set_part()
        # Every message line of the page, by the name of the field it concerns.
        self.errors: dict[str, QLabel] = {
            "new_title": self.empty.title_error,
            "title": self.title_error,
            "group_code": self.group_code_error,
            "group_name": self.group_name_error,
            **self.form.errors,
        }
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.banner)
        layout.addWidget(self.empty)
        layout.addWidget(self.editor, 1)

    # --- building ---------------------------------------------------------------------------------------

    def _set_part(self) -> QWidget:
        part = QWidget()
        layout = QVBoxLayout(part)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)

        top = QHBoxLayout()
        label = QLabel(_("Title of the set:"))
        self.title_edit = line_edit("criteria_title")
        label.setBuddy(self.title_edit)
        self.save_title_button = button(_("Save the title"), "criteria_save_title", self.save_title)
        top.addWidget(label)
        top.addWidget(self.title_edit, 1)
        top.addWidget(self.save_title_button)
        layout.addLayout(top)
        self.title_error = error_label("criteria_title_error", hidden=True)
        layout.addWidget(self.title_error)
        qconnect(self.title_edit.returnPressed, self.save_title)

        self.model = CriteriaModel(self.rename_group, self)
        self.table = criteria_table(self.model)
        layout.addWidget(self.table, 1)
        qconnect(self.table.selectionModel().currentRowChanged, lambda current, _prev: self._chosen(current))
        self.stats = QLabel()
        self.stats.setObjectName("criteria_stats")
        self.stats.setWordWrap(True)
        layout.addWidget(self.stats)

        # A new group: its own line; Enter there adds it.
        self.group_line = GroupLine(self.add_group, self.edit_group_name, self.remove_group)
        layout.addWidget(self.group_line)
        self.group_code_error = error_label("criteria_group_code_error", hidden=True)
        self.group_name_error = error_label("criteria_group_name_error", hidden=True)
        layout.addWidget(self.group_code_error)
        layout.addWidget(self.group_name_error)

        # The criterion: chosen in the table to change it, or new.
        self.form = CriterionForm(
            self.enter, self.add_criterion, self.save_criterion, self.remove_criterion, self.move
        )
        layout.addWidget(self.form)
        self.form_error = error_label("criteria_error", hidden=True)
        layout.addWidget(self.form_error)

        chain = [
            self.title_edit,
            self.save_title_button,
            self.table,
            *self.group_line.widgets,
            *self.form.fields,
            *self.form.buttons,
        ]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)
        for keys, step in (("Ctrl+Up", -1), ("Ctrl+Down", 1)):
            shortcut = QShortcut(QKeySequence(keys), part)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            qconnect(shortcut.activated, lambda step=step: self.move(step))
        return part

    # --- reading ----------------------------------------------------------------------------------------

    def show_set(
        self, cluster_code: str, year: int, view: rc.CriteriaView | None, editing: CriteriaEditing
    ) -> None:
        """Show the cluster's set of the year (or the way to make one) and whether it may be changed."""
        if (cluster_code, year) != (self.cluster_code, self.year):
            self._want = None
            self.empty.new_title.setText(rc.DEFAULT_TITLE.format(year=year))
        self.cluster_code, self.year, self.view = cluster_code, year, view
        self.refusal = editing.refusal
        if view is not None:
            self.form.fill_indicators(editing.measures)
        self.banner.setText(self.refusal or "")
        self.banner.setVisible(self.refusal is not None)
        self.empty.setVisible(view is None)
        self.editor.setVisible(view is not None)
        self._clear_errors()
        if view is None:
            self.empty.show_year(year, editing.previous, self.refusal is None)
        else:
            self._show_table(view)

    def _show_table(self, view: rc.CriteriaView) -> None:
        # Keep the row the clerk was on (or the one an operation asked for) across the reload.
        want, self._want = self._want or self._current_key(), None
        editable = self.refusal is None
        self.model.editable = editable
        self.model.set_rows(criteria_lines(view, self.form.measures))
        self.title_edit.setText(view.set.title)
        self.stats.setText(set_totals(view))
        self.form.fill_groups(view)
        self.group_line.code_edit.setPlaceholderText(
            rc.free_number(len(view.groups) + 1, {g.code for g in view.groups}, rc.roman)
        )
        # Read-only: the fields stay readable (to see a criterion's link and target); what would change
        # the set is not offered.
        self.title_edit.setReadOnly(not editable)
        self.form.set_editable(editable)
        for widget in (self.save_title_button, self.group_line):
            widget.setVisible(editable)
        row = self.model.row_of(*want) if want else -1
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, 0))
            self.table.scrollTo(self.model.index(row, 0))
        self._chosen(self.model.index(row, 0) if row >= 0 else QModelIndex())

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
        else:
            group_id = (
                line.id
                if line is not None
                else (self.view.groups[-1].id if self.view and self.view.groups else None)
            )
        taken = {c.code for c in self.view.criteria} if self.view else set()
        next_number = rc.free_number(len(self.view.criteria) + 1, taken) if self.view else ""
        self.form.load(criterion, next_number)
        combo = self.form.group_combo
        combo.setCurrentIndex(max(combo.findData(group_id), 0))
        is_group = line is not None and line.kind == "group"
        self.form.enable(editable, criterion is not None)
        self.group_line.rename_button.setEnabled(editable and is_group)
        self.group_line.remove_button.setEnabled(editable and is_group)
        self._clear_errors()

    # --- writing ----------------------------------------------------------------------------------------

    def _clear_errors(self) -> None:
        for label in (*self.errors.values(), self.form_error, self.empty.error):
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
        code, year, title = self.cluster_code, self.year, self.empty.new_title.text()
        if self._run(
            lambda: rc.create_criteria_set(self.ctx.db, code, year, title, [], user=self.ctx.user),
            _("The criteria set is created; add its groups and criteria."),
            fields={"title": "new_title"},
            general=self.empty.error,
        ):
            self.group_line.name_edit.setFocus()

    def copy_last_year(self) -> None:
        if self.refusal is not None or self.cluster_code is None:
            return
        code, year, typed = self.cluster_code, self.year, self.empty.new_title.text()
        title = None if typed == rc.DEFAULT_TITLE.format(year=year) else typed
        self._run(
            lambda: rc.copy_last_year(self.ctx.db, code, year, title=title, user=self.ctx.user),
            _("Last year's criteria set is copied; change what differs this year."),
            fields={"title": "new_title"},
            general=self.empty.error,
        )

    def use_template(self) -> None:
        if self.refusal is not None or self.cluster_code is None:
            return
        code, year, title = self.cluster_code, self.year, self.empty.new_title.text()
        self._run(
            lambda: rc.use_default_criteria(self.ctx.db, code, year, title=title, user=self.ctx.user),
            _("The cluster's default criteria are copied into the set; change what differs this year."),
            fields={"title": "new_title"},
            general=self.empty.error,
        )

    def save_title(self) -> None:
        if self.view is None or self.refusal is not None:
            return
        set_id, version, title = self._set_id(), self.view.set.version, self.title_edit.text()
        self._want = self._current_key()
        self._run(
            lambda: rc.update_set(self.ctx.db, set_id, title=title, version=version, user=self.ctx.user),
            _("Criteria set saved."),
            general=self.title_error,
        )

    def _current_key(self) -> tuple[str, str] | None:
        line = self.current_line()
        return (line.kind, line.id) if line else None

    def add_group(self) -> None:
        if self.view is None or self.refusal is not None:
            return
        set_id, code, name = (
            self._set_id(),
            self.group_line.code_edit.text(),
            self.group_line.name_edit.text(),
        )
        new_id = self._run(
            lambda: rc.add_group(self.ctx.db, set_id, code, name, user=self.ctx.user),
            _("Criteria set saved."),
            fields={"group": "group_name", "group_code": "group_code"},
        )
        if new_id:
            self._focus_row(("group", new_id))
            self.group_line.clear()
            self.form.code_edit.setFocus()

    def _focus_row(self, key: tuple[str, str]) -> None:
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
        spec = self.form.spec()
        set_id, group_id = self._set_id(), spec.pop("group_id")
        new_id = self._run(
            lambda: rc.add_criterion(self.ctx.db, set_id, group_id, spec, user=self.ctx.user),
            _("Criteria set saved."),
        )
        if new_id:
            # Ready for the next criterion of the same group; the new one is in view above.
            self._focus_row(("group", group_id))
            row = self.model.row_of("criterion", new_id)
            if row >= 0:
                self.table.scrollTo(self.model.index(row, 0))
            self.form.code_edit.setFocus()

    def save_criterion(self) -> None:
        line = self.current_line()
        if line is None or line.kind != "criterion" or self.refusal is not None:
            return
        changes = self.form.changes()
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
