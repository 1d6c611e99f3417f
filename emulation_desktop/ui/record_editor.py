"""The one editor every tab uses: a searchable, sortable table of one kind of record beside its form.

Reading goes through ``queries.list_page`` (filter and sort in SQL); writing through the core's
record operations, each wrapped in an undo command. A record is saved when the clerk leaves it: focus
leaving the form, another row chosen, Enter, or the window closing.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from emulation_desktop.domain.record_kinds import KINDS
from emulation_desktop.errors import AppError, ValidationError
from emulation_desktop.locale.i18n import _
from emulation_desktop.operations import records
from emulation_desktop.operations.places import places_for
from emulation_desktop.operations.queries import ListQuery, list_page
from emulation_desktop.ui import commands, spreadsheet_actions
from emulation_desktop.ui.context import AppContext
from emulation_desktop.ui.editor_widgets import EditorToolbar, FormPanel, make_table
from emulation_desktop.ui.evidence_panel import EvidencePanel
from emulation_desktop.ui.qt import (
    QApplication,
    QKeySequence,
    QMenu,
    QShortcut,
    QSplitter,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
    qconnect,
)
from emulation_desktop.ui.record_form import RecordForm
from emulation_desktop.ui.record_model import RecordTableModel

SEARCH_DELAY_MS = 250  # re-query once the clerk pauses, not on every keystroke
# The records a clerk keeps evidence for: the minutes and photos of a handed-over house or a donation,
# the minutes of a supervision (issue #18). Any kind could take files (operations.evidence).
EVIDENCE_KINDS = frozenset({"support_activity", "donation", "supervision"})


class RecordEditor(QWidget):
    current_changed = Signal(object)  # the selected record's id, or None

    def __init__(self, ctx: AppContext, kind_name: str, parent_editor: RecordEditor | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.kind = KINDS[kind_name]
        self.setObjectName(f"editor_{kind_name}")
        self.parent_editor = parent_editor
        self.parent_id: str | None = None
        hidden = ("year", *((self.kind.parent[0],) if self.kind.parent else ()))
        self.model = RecordTableModel(self.kind, hidden, self)
        self.form = RecordForm(self.kind, hidden)
        self.current_id: str | None = None
        self.mode = "none"  # "edit" a listed record, "new" record being typed, or "none"
        self.sort_key, self.descending = "", False
        self._switching = False
        self._announcing = False
        self._total = 0
        self._stale = False  # the context or data changed while this editor was on a hidden tab

        self.toolbar = EditorToolbar(self)
        self.table = make_table(self.model)
        self.panel = FormPanel(self.form)
        self.evidence: EvidencePanel | None = None
        if kind_name in EVIDENCE_KINDS:
            self.evidence = EvidencePanel(ctx, kind_name)
            # Under the fields, scrolled with them: with files listed the section grows, and at 1024×600
            # the form scrolls, not the page (tests/ui/test_small_screens.py). Its own buttons act at
            # once: the files are not typed fields waiting for Save.
            self.form.add_below_fields(self.evidence)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([820, 420])  # the table needs the width; the form fits in a third
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.toolbar)
        layout.addWidget(splitter, 1)
        # Search, the list, the record's fields and its Save, then the toolbar's buttons: Tab reaches
        # every one.
        chain = (
            self.toolbar.search,
            self.table,
            *self.form.widgets.values(),
            self.panel.revert,
            self.panel.save,
            *(self.evidence.widgets() if self.evidence is not None else ()),
            self.toolbar.add,
            self.toolbar.duplicate,
            self.toolbar.delete,
            self.toolbar.trash,
            self.toolbar.restore,
            self.toolbar.export_xlsx,
            self.toolbar.import_sheet,
        )
        for first, second in pairwise(chain):
            self.setTabOrder(first, second)
        self._add_table_keys()

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        qconnect(self._search_timer.timeout, self.refresh_keep)
        qconnect(self.toolbar.search.textChanged, lambda _text: self._search_timer.start())
        qconnect(self.toolbar.add.clicked, self.add)
        qconnect(self.toolbar.duplicate.clicked, self.duplicate)
        qconnect(self.toolbar.delete.clicked, self.delete)
        qconnect(self.toolbar.restore.clicked, self.restore)
        qconnect(self.toolbar.trash.toggled, lambda _on: self.refresh())
        qconnect(
            self.toolbar.export_xlsx.clicked, lambda _checked=False: spreadsheet_actions.export_xlsx(self)
        )
        qconnect(
            self.toolbar.import_sheet.clicked, lambda _checked=False: spreadsheet_actions.import_sheet(self)
        )
        self.toolbar.import_sheet.setVisible(spreadsheet_actions.can_import(kind_name))
        qconnect(self.panel.save.clicked, self.commit)
        qconnect(self.panel.revert.clicked, self.revert)
        qconnect(self.form.commit_requested, self.commit)
        escape = QShortcut(QKeySequence("Esc"), self.form)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        qconnect(escape.activated, self._escape)
        qconnect(self.table.selectionModel().currentRowChanged, self._row_changed)
        qconnect(self.table.horizontalHeader().sortIndicatorChanged, self._sort_changed)
        qconnect(ctx.context_changed, self.reload_context)
        qconnect(ctx.records_changed, self._records_changed)
        qconnect(QApplication.instance().focusChanged, self._focus_changed)  # type: ignore[union-attr]
        if parent_editor is not None:
            qconnect(parent_editor.current_changed, self.set_parent_id)

    # --- reading -------------------------------------------------------------------------------------

    @property
    def in_trash(self) -> bool:
        return self.toolbar.trash.isChecked()

    def _defer(self) -> bool:
        """While hidden (another tab, or the window not shown yet), wait until the clerk sees it:
        a start-up or a change of year then refreshes one editor, not a dozen."""
        if not self.isVisible():
            self._stale = True
            return True
        return False

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.reload_context()

    def reload_context(self) -> None:
        """The unit or year changed: new places for the pickers, new rows, new read-only state."""
        if self._defer():
            return
        self.table.sized = False  # another unit or year: fit the columns to its rows again
        if self.ctx.unit is None:
            self.model.set_rows([])
            self._apply_state()
            return
        levels = tuple({lvl for f in self.kind.fields for lvl in f.ref_levels})
        if levels:
            self.form.set_places(places_for(self.ctx.db, self.ctx.unit_code, levels, self.ctx.year))
        self.refresh()

    def set_parent_id(self, parent_id: str | None) -> None:
        if parent_id != self.parent_id:
            self.commit()
            self.parent_id = parent_id
            self.refresh()

    def query(self) -> ListQuery:
        return ListQuery(
            self.kind.name,
            self.ctx.unit_code,
            self.ctx.year,
            search=self.toolbar.search.text(),
            sort=self.sort_key,
            descending=self.descending,
            deleted=self.in_trash,
            parent_id=self.parent_id,
        )

    def refresh(self, keep_id: str | None = None) -> None:
        if self.ctx.unit is None or (self.kind.parent and not self.parent_id):
            rows, self._total, capped = [], 0, False
        else:
            result = list_page(self.ctx.db, self.query())
            rows, self._total, capped = result.rows, result.total, result.total_capped
        self._switching = True
        self.model.set_rows(rows)
        self.table.resize_columns()
        self._switching = False
        self.toolbar.show_count(len(rows), self._total, capped)
        row = self.model.row_of(keep_id)
        if row < 0 and rows:
            row = 0
        if row >= 0:
            self.select_row(row)
        else:
            self._start_new() if self._can_edit() else self._show(None, "none")
        self._apply_state()

    def refresh_keep(self) -> None:
        self.refresh(self.current_id)

    def select_row(self, row: int) -> None:
        """Show a row chosen by the program (not the clerk): nothing to save on the way."""
        self._switching = True
        self.table.selectRow(row)
        self._switching = False
        self._show(self.model.rows[row], "edit")

    def _announce(self) -> None:
        """Tell the dashboard and any other view of this kind; this editor has refreshed already."""
        self._announcing = True
        self.ctx.records_changed.emit(self.kind.name)
        self._announcing = False

    def _records_changed(self, kind: str) -> None:
        if kind == self.kind.name and not self._announcing and not self._defer():
            self.refresh(self.current_id)

    def _row_changed(self, current: Any, previous: Any) -> None:
        if self._switching or not current.isValid():
            return
        if not self.commit():
            self._switching = True  # stay on the record that needs fixing
            self.table.selectRow(previous.row()) if previous.isValid() else self.table.clearSelection()
            self._switching = False
            return
        if 0 <= current.row() < len(self.model.rows):
            self._show(self.model.rows[current.row()], "edit")

    def _sort_changed(self, section: int, order: Qt.SortOrder) -> None:
        if not self.commit():
            return
        if 0 <= section < self.model.columnCount():
            self.sort_key = self.model.sort_key(section)
            self.descending = order == Qt.SortOrder.DescendingOrder
        else:
            self.sort_key, self.descending = "", False
        self.refresh(self.current_id)

    def _show(self, row: dict[str, Any] | None, mode: str) -> None:
        self.mode = mode
        self.current_id = row["id"] if row else None
        self.form.load(row)
        self.panel.set_title(self._title())
        self._apply_state()
        self.current_changed.emit(self.current_id if mode == "edit" else None)

    def _title(self) -> str:
        if self.mode == "new":
            return _("New record: {kind}").format(kind=_(self.kind.label))
        if self.mode == "edit":
            return _(self.kind.label)
        return ""

    # --- state ---------------------------------------------------------------------------------------

    def _can_edit(self) -> bool:
        has_parent = not self.kind.parent or bool(self.parent_id)
        return self.ctx.editable and not self.in_trash and has_parent

    def _apply_state(self) -> None:
        can_edit = self._can_edit()
        self.form.set_read_only(not can_edit or self.mode == "none")
        self.toolbar.set_state(
            can_edit=can_edit,
            has_record=self.mode == "edit",
            in_trash=self.in_trash,
            may_restore=self.ctx.editable,
        )
        self.panel.set_state(can_edit and self.mode != "none", self._notice())
        if self.evidence is not None:
            record_id = self.current_id if self.mode == "edit" else None
            if (record_id, can_edit) != (self.evidence.record_id, self.evidence.editable):
                self.evidence.set_record(record_id, can_edit)
            self.evidence.setVisible(self.mode != "none")
        # An empty form with nothing to show or type reads as a broken screen; the count says "0".
        self.form.setVisible(self.mode != "none")

    def _notice(self) -> str:
        if self.in_trash:
            return _("Deleted records. Choose one and press Restore to bring it back.")
        if self.kind.parent and not self.parent_id:
            return _("Choose a row above first.")
        return ""

    # --- writing -------------------------------------------------------------------------------------

    def commit(self) -> bool:
        """Save what the clerk typed. True when nothing is left unsaved."""
        if not self._can_edit() or self.mode == "none" or not self.form.is_dirty():
            return True
        if not self.form.check_all():
            self.ctx.message.emit(_("Not saved: please correct the fields marked in red."))
            return False
        try:
            if self.mode == "new":
                self._create(self._values_for_new(self.form.values()))
            else:
                self._update()
        except ValidationError as exc:
            self.form.show_errors(exc.errors)
            self.ctx.message.emit(_("Not saved: please correct the fields marked in red."))
            return False
        except AppError as exc:
            self.ctx.error.emit(exc.message)
            return False
        self.ctx.saved(_("Saved"))
        return True

    def _values_for_new(self, values: dict[str, Any]) -> dict[str, Any]:
        values = dict(values)
        if self.kind.parent:
            values[self.kind.parent[0]] = self.parent_id
        if any(f.name == "year" for f in self.kind.fields):
            values["year"] = self.ctx.year
        return values

    def _create(self, values: dict[str, Any]) -> None:
        record = records.create_record(
            self.ctx.db, self.kind.name, self.ctx.unit_code, values, user=self.ctx.user
        )
        text = _("Add: {kind}").format(kind=_(self.kind.label))
        self.ctx.undo_stack.push(commands.AddRecord(self.ctx, self.kind.name, record.id, text))
        self.refresh(record.id)
        self._announce()

    def _update(self) -> None:
        changes = self.form.changes()
        row = self.model.rows[self.model.row_of(self.current_id)]
        record = records.update_record(
            self.ctx.db,
            self.kind.name,
            row["id"],
            changes,
            user=self.ctx.user,
            expected_version=row["version"],
        )
        old = {k: row.get(k) for k in changes}
        new = {k: getattr(record, k) for k in changes}
        changed = {k for k in changes if old[k] != new[k]}
        if changed:
            text = _("Edit: {kind}").format(kind=_(self.kind.label))
            self.ctx.undo_stack.push(
                commands.EditRecord(
                    self.ctx,
                    self.kind.name,
                    row["id"],
                    text,
                    {k: old[k] for k in changed},
                    {k: new[k] for k in changed},
                )
            )
        self.refresh(row["id"])
        self._announce()

    def add(self) -> None:
        if self._can_edit() and self.commit():
            self._start_new()
            widget = self.form.first_widget()
            if widget is not None:
                widget.setFocus()

    def _start_new(self) -> None:
        self._switching = True
        self.table.clearSelection()
        self.table.setCurrentIndex(self.model.index(-1, -1))
        self._switching = False
        self._show(None, "new")

    def duplicate(self) -> None:
        if not (self._can_edit() and self.mode == "edit" and self.commit()):
            return
        row = self.model.rows[self.model.row_of(self.current_id)]
        values = {f.name: row.get(f.name) for f in self.kind.fields}
        try:
            self._create(values)
        except AppError as exc:
            self.ctx.error.emit(exc.message)
            return
        self.ctx.saved(_("Saved"))

    def delete(self) -> None:
        if not (self._can_edit() and self.mode == "edit" and self.current_id):
            return
        # No question first: the deletion is one Ctrl+Z away, and the status bar says so.
        self._soft(
            records.delete_record,
            commands.DeleteRecord,
            _("Delete: {kind}"),
            _("Moved to the bin: {kind}. Ctrl+Z to undo."),
        )

    def restore(self) -> None:
        if self.in_trash and self.ctx.editable and self.mode == "edit" and self.current_id:
            self._soft(
                records.restore_record,
                commands.RestoreRecord,
                _("Restore: {kind}"),
                _("Restored: {kind}. Ctrl+Z to undo."),
            )

    def _soft(self, operation: Any, command: Any, text: str, done: str) -> None:
        record_id = self.current_id
        row = self.model.row_of(record_id)
        try:
            operation(self.ctx.db, self.kind.name, record_id, user=self.ctx.user)
        except AppError as exc:
            self.ctx.error.emit(exc.message)
            return
        self.ctx.undo_stack.push(
            command(self.ctx, self.kind.name, record_id, text.format(kind=_(self.kind.label)))
        )
        self.refresh()
        if self.model.rows:
            self.select_row(min(row, len(self.model.rows) - 1))
        self._announce()
        self.ctx.saved(done.format(kind=_(self.kind.label)))

    def _add_table_keys(self) -> None:
        """Delete on the list deletes the chosen record (one Ctrl+Z brings it back), and a right click
        offers what the toolbar does for it."""
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        qconnect(delete.activated, lambda: self.restore() if self.in_trash else self.delete())
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        qconnect(self.table.customContextMenuRequested, self._context_menu)

    def _context_menu(self, position: Any) -> None:
        menu = self.table_menu()
        menu.exec(self.table.viewport().mapToGlobal(position))

    def table_menu(self) -> QMenu:
        """The list's right-click menu: the toolbar's record actions, as they stand now."""
        menu = QMenu(self.table)
        menu.setObjectName("table_menu")
        for button in (self.toolbar.add, self.toolbar.duplicate, self.toolbar.delete, self.toolbar.restore):
            if button.isHidden():
                continue
            action = menu.addAction(button.text().split(" (")[0])
            action.setEnabled(button.isEnabled())
            qconnect(action.triggered, lambda _checked=False, b=button: b.click())
        menu.addSeparator()
        menu.addActions(self.table.actions())  # Copy row (text_table.set_up_rows)
        return menu

    def _escape(self) -> None:
        """Esc closes an open list of suggestions and nothing else; with none open, it discards."""
        popup = QApplication.activePopupWidget()
        if popup is not None:
            popup.hide()
            return
        self.revert()

    def revert(self) -> None:
        """Esc / "Discard changes": show the record as stored."""
        row = self.model.rows[self.model.row_of(self.current_id)] if self.mode == "edit" else None
        self._show(row, self.mode)

    def focus_search(self) -> None:
        self.toolbar.search.setFocus()
        self.toolbar.search.selectAll()

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        if old is None or new is None or not self.form.isAncestorOf(old) or self.form.isAncestorOf(new):
            return
        if new.window() is not self.window():
            return  # a popup or dialog of our own: the clerk has not left the record
        self.commit()
