"""Small helpers for driving the window like a clerk."""

from __future__ import annotations

from PySide6.QtGui import QKeyEvent
from sqlalchemy import select

from emulation_desktop.ui.qt import QApplication, QEvent, Qt, QTabWidget


def editor_of(window, kind):
    """Show the tab (and inner tab) holding the editor of ``kind`` and return the editor."""
    for index, tab in enumerate(window.editor_tabs, start=1):
        for editor in tab.editors:
            if editor.kind.name == kind:
                window.tabs.setCurrentIndex(index)
                inner = tab.findChild(QTabWidget, "subtabs")
                if inner is not None and inner.indexOf(editor) >= 0:
                    inner.setCurrentWidget(editor)
                QApplication.processEvents()
                return editor
    raise KeyError(kind)


def field(editor, name):
    return editor.form.widgets[name]


def type_into(qtbot, widget, text):
    """Focus a field, select what is there and type over it, as a clerk would."""
    widget.setFocus()
    if hasattr(widget, "selectAll"):
        widget.selectAll()
    type_text(widget, text)


def type_text(widget, text):
    """Send each character as a key press carrying its text, like Unikey does.

    QTest.keyClicks only knows ASCII (it asserts on "ễ"), and clerks type Vietnamese."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            )
    QApplication.processEvents()


def press(qtbot, widget, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(widget, key, modifier)


def rows(db, model, **where):
    with db.session() as session:
        statement = select(model)
        for name, value in where.items():
            statement = statement.where(getattr(model, name) == value)
        return session.scalars(statement).all()


def reload(window):
    """Records written behind the window's back (test setup): show them, as reopening would."""
    window.context_bar.choose(window.ctx.unit_code, window.ctx.year)
