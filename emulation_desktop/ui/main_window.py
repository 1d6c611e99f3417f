"""The main window: context bar, tabs, menus, shortcuts, status bar; it remembers itself on close."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from emulation_desktop.locale.i18n import _
from emulation_desktop.storage.database import Database
from emulation_desktop.ui import dialogs, settings
from emulation_desktop.ui.context import AppContext
from emulation_desktop.ui.context_bar import ContextBar
from emulation_desktop.ui.qt import (
    QAction,
    QApplication,
    QKeySequence,
    QMainWindow,
    QShortcut,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    qconnect,
)
from emulation_desktop.ui.safety_actions import SafetyActions
from emulation_desktop.ui.screen_fit import fit_to_screen, follow_current_page, scrolling
from emulation_desktop.ui.tabs import (
    EditorTab,
    PendingTab,
    open_page,
    other_work_tab,
    pledges_tab,
    supervision_tab,
    support_tab,
)

if TYPE_CHECKING:
    from emulation_desktop.ui.dashboard import Dashboard
    from emulation_desktop.ui.documents_tab import DocumentsTab
    from emulation_desktop.ui.exchange_tab import ExchangeTab
    from emulation_desktop.ui.record_editor import RecordEditor
    from emulation_desktop.ui.review.tab import ReviewTab

STATUS_TIMEOUT_MS = 5000
EDITOR_PAGES = ("pledges", "support", "supervision", "other_work")

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
        # Each tab is built when first opened (start() builds the one it restores), so a start pays for
        # one tab's widgets and modules, not eight. The pages, in tab order, by name:
        self._pages: list[str] = []
        for name, build, title in (
            ("dashboard", self._build_dashboard, _("Overview")),
            ("pledges", lambda: self._build_editors(pledges_tab), _("Emulation pledges")),
            ("support", lambda: self._build_editors(support_tab), _("Support activities")),
            ("supervision", lambda: self._build_editors(supervision_tab), _("Supervision")),
            ("other_work", lambda: self._build_editors(other_work_tab), _("Other work")),
            ("documents", self._build_documents, _("Documents / Reports")),
            ("review", self._build_review, _("Review && acclaim")),
            ("exchange", self._build_exchange, _("Data exchange")),
        ):
            self._pages.append(name)
            index = self.tabs.addTab(PendingTab(name, build), title)
            # Ctrl+1 … Ctrl+8 open the tabs, in their order; the tab's tooltip says which.
            keys = QKeySequence(f"Ctrl+{index + 1}")
            self.tabs.setTabToolTip(index, keys.toString(QKeySequence.SequenceFormat.NativeText))
            shortcut = QShortcut(keys, self)
            qconnect(shortcut.activated, lambda i=index: self.tabs.setCurrentIndex(i))
        qconnect(self.tabs.currentChanged, self.page_at)
        follow_current_page(self.tabs)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.context_bar)
        layout.addWidget(self.tabs, 1)
        # On a screen smaller than a page needs (1024×600, or 1366×768 at 150%) the page scrolls inside
        # the window instead of the window growing past the screen with Lưu out of reach.
        self.setCentralWidget(scrolling(central))
        self._build_menus()
        qconnect(self.ctx.message, lambda text: self.statusBar().showMessage(text, STATUS_TIMEOUT_MS))
        qconnect(self.ctx.error, self.show_error)
        qconnect(self.ctx.open_document, self.show_document)
        self.statusBar().showMessage(_("Ready"))

    # --- tabs, built when first opened ---------------------------------------------------------------

    def page_at(self, index: int) -> QWidget | None:
        """The tab page at ``index``, the current one, built now if it was still pending; a page that
        waits to be looked at before it recomputes (the Overview) is told it is."""
        if not 0 <= index < self.tabs.count():
            return None
        page = open_page(self.tabs, index)
        became_current = getattr(page, "became_current", None)
        if became_current is not None:
            became_current()
        return page

    def page(self, name: str) -> QWidget:
        """The tab page called ``name`` (see __init__), built now if needed, without switching to it."""
        return open_page(self.tabs, self._pages.index(name))

    def built_pages(self) -> list[QWidget]:
        pages = (self.tabs.widget(i) for i in range(self.tabs.count()))
        return [page for page in pages if not isinstance(page, PendingTab)]

    @property
    def dashboard(self) -> Dashboard:
        return self.page("dashboard")  # type: ignore[return-value]

    @property
    def editor_tabs(self) -> list[EditorTab]:
        return [self.page(name) for name in EDITOR_PAGES]  # type: ignore[misc]

    @property
    def documents(self) -> DocumentsTab:
        return self.page("documents")  # type: ignore[return-value]

    @property
    def review(self) -> ReviewTab:
        return self.page("review")  # type: ignore[return-value]

    @property
    def exchange(self) -> ExchangeTab:
        return self.page("exchange")  # type: ignore[return-value]

    def _build_dashboard(self) -> QWidget:
        from emulation_desktop.ui.dashboard import Dashboard

        return Dashboard(self.ctx)  # computes its figures when it becomes the current tab

    def _build_editors(self, build: Callable[[AppContext], EditorTab]) -> EditorTab:
        tab: EditorTab = build(self.ctx)
        for editor in tab.editors:
            editor.reload_context()  # the context was set before this tab existed (loads when shown)
        return tab

    def _build_documents(self) -> QWidget:
        from emulation_desktop.ui.documents_tab import DocumentsTab

        return DocumentsTab(self.ctx)

    def _build_review(self) -> QWidget:
        from emulation_desktop.ui.review.tab import ReviewTab

        return ReviewTab(self.ctx)

    def _build_exchange(self) -> QWidget:
        from emulation_desktop.ui.exchange_tab import ExchangeTab

        return ExchangeTab(self.ctx)  # what it imports reaches the unit list through ctx.data_changed

    # --- menus and shortcuts -------------------------------------------------------------------------

    def _load_demo_data(self) -> None:
        # Imported when asked for: it brings the demo's loader, which the first paint does not need.
        from emulation_desktop.ui import demo_action

        demo_action.load_demo_data(self)

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
        self.demo_action = self._action(_("Load the demo data..."), self._load_demo_data, (), "load_demo")
        self.setup_action = self._action(_("Unit && people..."), self.open_setup, (), "unit_and_people")
        self.setup_action.setStatusTip(
            _("The unit this data folder belongs to, its villages and the standing committee of the year")
        )
        self.quit_action = self._action(_("Quit"), self.close, ("Ctrl+Q",), "quit")
        # A bound method, not a lambda: Qt drops the connection when the window goes, so the stack's
        # last signals while the window is torn down at quit reach nothing (a lambda outlived the stack).
        qconnect(stack.indexChanged, self._undo_index_changed)
        self._update_undo_texts()
        file_menu = self.menuBar().addMenu(_("&File"))
        file_menu.addAction(self.setup_action)
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

        # The manual: the whole of it from the menu, the section of the tab in front with F1.
        # ui/help_window.py (and ReportLab, for the PDF) load when help is first asked for.
        def manual() -> Any:
            from emulation_desktop.ui import help_window

            return help_window

        self.manual_action = self._action(
            _("User manual"), lambda: manual().open_help(self), (), "user_manual"
        )
        self.help_action = self._action(
            _("Help on this tab"),
            lambda: manual().open_help(self, self._pages[self.tabs.currentIndex()]),
            ("F1",),
            "help_on_tab",
        )
        self.manual_pdf_action = self._action(
            _("Save the manual as PDF..."), lambda: manual().save_pdf(self), (), "manual_pdf"
        )
        help_menu = self.menuBar().addMenu(_("&Help"))
        for action in (self.manual_action, self.help_action, self.manual_pdf_action):
            help_menu.addAction(action)
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)

    def _undo_index_changed(self, _index: int) -> None:
        self._update_undo_texts()

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
        """The editors built so far (a tab never opened has no editor, and nothing to save)."""
        return [editor for tab in self.built_pages() if isinstance(tab, EditorTab) for editor in tab.editors]

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

    def open_setup(self) -> None:
        """File → Unit & people…: the set-up assistant (ui/setup_wizard.py), pre-filled."""
        from emulation_desktop.ui import setup_wizard

        setup_wizard.edit_setup(self)

    def open_about(self) -> None:
        from emulation_desktop.ui.about import AboutDialog

        AboutDialog(self).exec()

    def open_package(self, path: str) -> None:
        """A data package given on the command line (a double-click in Explorer): check it and show
        its summary on the Data exchange tab."""
        log.info("opening the data package %s", path)
        self.tabs.setCurrentWidget(self.exchange)
        self.exchange.open_package(path)

    def show_document(self, kind: str, year: int) -> None:
        """Another tab asks for a document (the review's ballots): the Documents tab, with it chosen."""
        self.tabs.setCurrentWidget(self.documents)
        self.documents.choose(kind, year)

    # --- opening and closing -------------------------------------------------------------------------

    def start(self) -> None:
        """Restore geometry and the last unit, year and tab; then open them."""
        geometry = settings.get("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1366, 740)
        fit_to_screen(self)
        year = settings.get(settings.folder_key(self.ctx.db.folder, "year"))
        unit = settings.get(settings.folder_key(self.ctx.db.folder, "unit"))
        self.context_bar.load_units(unit, int(year) if year else None)
        self.tabs.setCurrentIndex(int(settings.get("window/tab", 0) or 0))
        self.page_at(self.tabs.currentIndex())  # the restored tab (no change of tab when it is the first)

    def setVisible(self, visible: bool) -> None:
        # show() comes through here: a window shown without start() (tests) builds its tab all the same.
        # Not a showEvent: an event handler written in Python makes PySide build QEvent's class and its
        # enums, ~3 ms, before the first paint (docs/startup.md).
        if visible:
            self.page_at(self.tabs.currentIndex())
        super().setVisible(visible)

    def closeEvent(self, event: Any) -> None:
        if not self.commit_all() and not dialogs.confirm(
            self, _("Some changes could not be saved (see the fields marked in red). Close and lose them?")
        ):
            event.ignore()
            return
        # Remembered for the next start; the settings file is written only when one of them changed
        # (each write of it is synced to disk: most of what a close with nothing changed used to cost).
        stored = settings.app_settings()
        remembered = False
        for key, value in (
            ("window/geometry", self.saveGeometry()),
            ("window/tab", self.tabs.currentIndex()),
            (settings.folder_key(self.ctx.db.folder, "unit"), self.ctx.unit_code),
            (settings.folder_key(self.ctx.db.folder, "year"), self.ctx.year),
        ):
            old = stored.value(key)
            if not (old == value or (old is not None and value is not None and str(old) == str(value))):
                stored.setValue(key, value)
                remembered = True
        if remembered:
            stored.sync()
        self.safety.closing()  # a verified backup of what changed since the last one; else nothing
        event.accept()
