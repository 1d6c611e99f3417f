"""The main window: context bar, tabs, menus, shortcuts, status bar; it remembers itself on close."""

from __future__ import annotations

import logging
from typing import Any

from emulation_desktop.locale.i18n import _
from emulation_desktop.storage.database import Database
from emulation_desktop.ui import demo_action, dialogs, settings
from emulation_desktop.ui.context import AppContext
from emulation_desktop.ui.context_bar import ContextBar
from emulation_desktop.ui.dashboard import Dashboard
from emulation_desktop.ui.documents_tab import DocumentsTab
from emulation_desktop.ui.exchange_tab import ExchangeTab
from emulation_desktop.ui.qt import (
    QAction,
    QApplication,
    QKeySequence,
    QMainWindow,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    qconnect,
)
from emulation_desktop.ui.record_editor import RecordEditor
from emulation_desktop.ui.review_tab import ReviewTab
from emulation_desktop.ui.safety import SafetyActions
from emulation_desktop.ui.tabs import EditorTab, other_work_tab, pledges_tab, supervision_tab, support_tab

STATUS_TIMEOUT_MS = 5000

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    def __init__(self, db: Database) -> None:
        super().__init__()
        self.setObjectName("main_window")
        self.setWindowTitle(_(dialogs.APP_TITLE_MSGID))
        self.ctx = AppContext(db, self)
        self.context_bar = ContextBar(self.ctx)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("tabs")
        self.dashboard = Dashboard(self.ctx)
        self.tabs.addTab(self.dashboard, _("Overview"))
        self.editor_tabs: list[EditorTab] = []
        for build, title in (
            (pledges_tab, _("Emulation pledges")),
            (support_tab, _("Support activities")),
            (supervision_tab, _("Supervision")),
            (other_work_tab, _("Other work")),
        ):
            tab = build(self.ctx)
            self.editor_tabs.append(tab)
            self.tabs.addTab(tab, title)
        self.documents = DocumentsTab(self.ctx)
        self.tabs.addTab(self.documents, _("Documents / Reports"))
        self.review = ReviewTab(self.ctx)
        self.tabs.addTab(self.review, _("Review && acclaim"))
        self.exchange = ExchangeTab(self.ctx)
        self.tabs.addTab(self.exchange, _("Data exchange"))
        qconnect(
            self.exchange.data_imported,
            lambda: self.context_bar.load_units(self.ctx.unit_code or None, self.ctx.year or None),
        )
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.context_bar)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self._build_menus()
        qconnect(self.ctx.message, lambda text: self.statusBar().showMessage(text, STATUS_TIMEOUT_MS))
        qconnect(self.ctx.error, self.show_error)
        self.statusBar().showMessage(_("Ready"))

    # --- menus and shortcuts -------------------------------------------------------------------------

    def _action(self, text: str, slot: Any, shortcuts: tuple[str, ...] = (), name: str = "") -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcuts:
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        qconnect(action.triggered, lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _build_menus(self) -> None:
        stack = self.ctx.undo_stack
        self.undo_action = self._action(_("Undo"), self.undo, ("Ctrl+Z",), "undo")
        self.redo_action = self._action(_("Redo"), self.redo, ("Ctrl+Y", "Ctrl+Shift+Z"), "redo")
        self.add_action = self._action(_("Add record"), self.add_record, ("Ctrl+N",), "add_record")
        self.find_action = self._action(_("Search"), self.focus_search, ("Ctrl+F",), "find")
        self.settings_action = self._action(_("Settings..."), self.open_settings, (), "settings")
        self.demo_action = self._action(
            _("Load the demo data..."), lambda: demo_action.load_demo_data(self), (), "load_demo"
        )
        self.quit_action = self._action(_("Quit"), self.close, ("Ctrl+Q",), "quit")
        qconnect(stack.indexChanged, lambda _index: self._update_undo_texts())
        self._update_undo_texts()
        file_menu = self.menuBar().addMenu(_("&File"))
        file_menu.addAction(self.settings_action)
        file_menu.addAction(self.demo_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = self.menuBar().addMenu(_("&Edit"))
        for action in (self.undo_action, self.redo_action, self.add_action, self.find_action):
            edit_menu.addAction(action)
        self.safety = SafetyActions(self)  # backups, history of changes, year locks
        self.safety.add_to_menus(file_menu, edit_menu, self.menuBar())
        self.about_action = self._action(_("About..."), self.open_about, (), "about")
        help_menu = self.menuBar().addMenu(_("&Help"))
        help_menu.addAction(self.about_action)

    def _update_undo_texts(self) -> None:
        stack = self.ctx.undo_stack
        self.undo_action.setEnabled(stack.canUndo())
        self.redo_action.setEnabled(stack.canRedo())
        self.undo_action.setText(
            _("Undo: {what}").format(what=stack.undoText()) if stack.canUndo() else _("Undo")
        )
        self.redo_action.setText(
            _("Redo: {what}").format(what=stack.redoText()) if stack.canRedo() else _("Redo")
        )

    # --- editors -------------------------------------------------------------------------------------

    def editors(self) -> list[RecordEditor]:
        return [editor for tab in self.editor_tabs for editor in tab.editors]

    def active_editor(self) -> RecordEditor | None:
        tab = self.tabs.currentWidget()
        if isinstance(tab, EditorTab):
            return tab.active_editor(QApplication.focusWidget())
        return None

    def commit_all(self) -> bool:
        return all([editor.commit() for editor in self.editors()])

    def add_record(self) -> None:
        editor = self.active_editor()
        if editor is not None:
            editor.add()

    def focus_search(self) -> None:
        editor = self.active_editor()
        if editor is not None:
            editor.focus_search()

    def undo(self) -> None:
        if self.commit_all():
            self.ctx.undo_stack.undo()

    def redo(self) -> None:
        if self.commit_all():
            self.ctx.undo_stack.redo()

    def show_error(self, text: str) -> None:
        self.statusBar().showMessage(text, STATUS_TIMEOUT_MS)
        dialogs.warn(self, text)

    def open_settings(self) -> None:
        from emulation_desktop.ui.settings_dialog import SettingsDialog

        SettingsDialog(self).exec()

    def open_about(self) -> None:
        from emulation_desktop.ui.about import AboutDialog

        AboutDialog(self).exec()

    def open_package(self, path: str) -> None:
        """A data package given on the command line (a double-click in Explorer): check it and show
        its summary on the Data exchange tab."""
        log.info("opening the data package %s", path)
        self.tabs.setCurrentWidget(self.exchange)
        self.exchange.open_package(path)

    # --- opening and closing -------------------------------------------------------------------------

    def start(self) -> None:
        """Restore geometry and the last unit, year and tab; then open them."""
        geometry = settings.get("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1366, 740)
        year = settings.get("context/year")
        self.context_bar.load_units(settings.get("context/unit"), int(year) if year else None)
        self.tabs.setCurrentIndex(int(settings.get("window/tab", 0) or 0))

    def closeEvent(self, event: Any) -> None:
        if not self.commit_all() and not dialogs.confirm(
            self, _("Some changes could not be saved (see the fields marked in red). Close and lose them?")
        ):
            event.ignore()
            return
        settings.put("window/geometry", self.saveGeometry())
        settings.put("window/tab", self.tabs.currentIndex())
        settings.put("context/unit", self.ctx.unit_code)
        settings.put("context/year", self.ctx.year)
        self.safety.closing()  # a verified backup of what changed
        event.accept()
