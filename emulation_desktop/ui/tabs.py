"""The editor tabs, each assembled from generic RecordEditors. A new tab is one function here.

``PendingTab`` and ``open_page`` let the window build a tab only when the clerk first opens it: the
window starts with just the tab it restores.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from emulation_desktop.locale.i18n import _
from emulation_desktop.ui.context import AppContext
from emulation_desktop.ui.qt import QLabel, QSplitter, QTabWidget, QVBoxLayout, QWidget

if TYPE_CHECKING:
    # Imported when an editor tab is first built: the editors' modules (forms, spreadsheets) are not
    # needed to open the window on another tab.
    from emulation_desktop.ui.record_editor import RecordEditor


class EditorTab(QWidget):
    """A tab holding one or more editors; the window asks it which editor the clerk is in."""

    def __init__(self, editors: list[RecordEditor]) -> None:
        super().__init__()
        self.editors = editors

    def active_editor(self, focus: QWidget | None) -> RecordEditor | None:
        visible = [e for e in self.editors if e.isVisible()]
        for editor in visible:
            if focus is not None and editor.isAncestorOf(focus):
                return editor
        return visible[0] if visible else None


class PendingTab(QWidget):
    """Holds a tab's place (and title) in the tab bar until ``open_page`` builds the real page."""

    def __init__(self, name: str, build: Callable[[], QWidget]) -> None:
        super().__init__()
        self.name = name
        self.build = build


def open_page(tabs: QTabWidget, index: int) -> QWidget:
    """The page at ``index``; a pending one is built and put in its place, keeping its title and
    which tab is current. Signals are held meanwhile, so the swap itself is not a change of tab."""
    pending = tabs.widget(index)
    if not isinstance(pending, PendingTab):
        return pending
    page = pending.build()
    page.setSizePolicy(
        pending.sizePolicy()
    )  # a hidden page asks for no room (screen_fit.follow_current_page)
    title, was_current = tabs.tabText(index), tabs.currentIndex() == index
    blocked = tabs.blockSignals(True)
    try:
        tabs.insertTab(index, page, title)
        if was_current:
            tabs.setCurrentIndex(index)
        tabs.removeTab(index + 1)
    finally:
        tabs.blockSignals(blocked)
    pending.deleteLater()
    return page


def _master_detail(ctx: AppContext, master: str, detail: str, detail_title: str) -> EditorTab:
    """A parent editor above its children's editor (pledges → targets, supervision → recommendations)."""
    from emulation_desktop.ui.qt import Qt  # see ui/qt.py: Qt's namespace is loaded when used
    from emulation_desktop.ui.record_editor import RecordEditor

    top = RecordEditor(ctx, master)
    bottom = RecordEditor(ctx, detail, parent_editor=top)
    tab = EditorTab([top, bottom])
    splitter = QSplitter(Qt.Orientation.Vertical)
    splitter.addWidget(top)
    holder = QWidget()
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    title = QLabel(detail_title)
    title.setStyleSheet("font-weight: bold; padding: 2px 4px;")
    column.addWidget(title)
    column.addWidget(bottom, 1)
    splitter.addWidget(holder)
    splitter.setChildrenCollapsible(False)
    splitter.setSizes([3000, 2000])  # proportions: the parent list is the longer one
    layout = QVBoxLayout(tab)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(splitter)
    return tab


def _sub_tabs(ctx: AppContext, kinds: list[tuple[str, str]]) -> EditorTab:
    """Several independent editors, one per inner tab."""
    from emulation_desktop.ui.record_editor import RecordEditor

    editors = [RecordEditor(ctx, kind) for kind, _title in kinds]
    tab = EditorTab(editors)
    inner = QTabWidget()
    inner.setObjectName("subtabs")
    inner.setDocumentMode(True)
    for editor, (_kind, title) in zip(editors, kinds, strict=True):
        inner.addTab(editor, title)
    layout = QVBoxLayout(tab)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(inner)
    return tab


def pledges_tab(ctx: AppContext) -> EditorTab:
    return _master_detail(ctx, "pledge", "pledge_target", _("Targets of the chosen pledge"))


def support_tab(ctx: AppContext) -> EditorTab:
    return _sub_tabs(ctx, [("support_activity", _("Support activities")), ("donation", _("Fund donations"))])


def supervision_tab(ctx: AppContext) -> EditorTab:
    return _master_detail(
        ctx, "supervision", "recommendation", _("Recommendations of the chosen session and their follow-up")
    )


def other_work_tab(ctx: AppContext) -> EditorTab:
    return _sub_tabs(
        ctx,
        [
            ("delegate_conference", _("Delegate conferences")),
            ("funeral_tally", _("Funerals")),
            ("mediation_tally", _("Mediation")),
            ("citizen_reception", _("Citizen reception")),
        ],
    )
