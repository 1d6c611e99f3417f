"""A monkey over the real window on the demo data: thousands of random clerk actions, through keys,
clicks and the window's own actions, never the core. It fails on any unhandled exception or Qt
warning, names its seed and its last actions, and ends with the data file's integrity check.

CI runs one seed and 2.000 actions; ``--slow`` runs 20.000 over several seeds. To replay a failure:
``MONKEY_SEED=… MONKEY_ACTIONS=… pytest -s tests/ui/test_monkey.py -k fixed`` (the same actions in the
same order; timers and background work may fall a little differently, so a rare failure may need the
seed run again). With ``-s`` it prints each kind of action's count and seconds, and what the clerk was
told.
"""

from __future__ import annotations

import os
import random
import shutil
import sys
import time
import traceback
from collections import Counter, deque
from dataclasses import dataclass, field

import pytest
from helpers import type_text
from PySide6.QtCore import QPoint, QtMsgType, qInstallMessageHandler
from PySide6.QtTest import QTest

from emulation_desktop import paths
from emulation_desktop.storage.check import run_checks
from emulation_desktop.storage.database import open_database
from emulation_desktop.ui import app as ui_app
from emulation_desktop.ui import background
from emulation_desktop.ui.main_window import MainWindow
from emulation_desktop.ui.qt import (
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QGuiApplication,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    Qt,
    QTabWidget,
    QTimer,
    QToolButton,
)
from emulation_desktop.ui.record_editor import RecordEditor
from emulation_desktop.ui.tabs import EditorTab

# The actions that need a list and its form; without one, the monkey opens an editor's tab instead.
EDITOR_ACTIONS = frozenset(
    {"add", "type", "paste", "choice", "save", "revert", "row", "arrow", "sort", "delete", "duplicate"}
    | {"trash", "restore", "search", "menu"}
)
CI_SEED = 20261206
CI_ACTIONS = 2_000
SLOW_SEEDS = (1, 2, 3, 4)
SLOW_ACTIONS = 5_000  # per seed: 20.000 in all
CTRL = Qt.KeyboardModifier.ControlModifier
NONE = Qt.KeyboardModifier.NoModifier
# The offscreen platform says so whenever a window asks it for what only a desktop does.
PLATFORM_NOISE = ("This plugin does not support",)

TEXTS = (
    "Nguyễn Thị Hồng Nhung",
    "Hộ nghèo ông Đặng Văn Quý, thôn Đoài",
    "Xã Bắc Hồng",
    "bac hong",
    "Đông Anh",
    "1.500.000",
    "1500000",
    "2,5 tỷ",
    "1,5",
    "-3",
    "0",
    "12",
    "85,5",
    "120%",
    "15/03/2022",
    "5/3/2022",
    "31/02/2022",
    "29/02/2023",
    "2022-03-15",
    "hôm qua",
    "abc",
    "",
    " ",
    "😀🎉",
    "👨‍👩‍👧 gia đình",
    "Nguye\u0302\u0303n Va\u0306n A",  # decomposed (NFD), as some keyboards send it
    "\u202eđảo chiều",
    "tab\there",
    "999999999999999999999999",
    "Ω≈ç√∫",
    "'; DROP TABLE units; --",
    "%s %d {0} {name}",
)


@dataclass
class Walk:
    """What the monkey did and saw: the figures it prints and the trail a failure names."""

    seed: int
    actions: int
    counts: Counter[str] = field(default_factory=Counter)
    seconds: Counter[str] = field(default_factory=Counter)
    trail: deque[str] = field(default_factory=lambda: deque(maxlen=20))
    problems: list[str] = field(default_factory=list)
    closed_dialogs: Counter[str] = field(default_factory=Counter)
    status: Counter[str] = field(default_factory=Counter)  # the status bar's messages
    messages: Counter[str] = field(default_factory=Counter)

    def failure(self, step: int) -> str:
        trail = "\n".join(f"  {line}" for line in self.trail)
        return (
            f"monkey seed={self.seed} failed at action {step} of {self.actions} "
            f"(replay: MONKEY_SEED={self.seed} MONKEY_ACTIONS={step + 1})\n"
            f"last actions:\n{trail}\nproblems:\n" + "\n".join(self.problems)
        )


class Monkey:
    def __init__(
        self, qtbot, folder, rng: random.Random, walk: Walk, shown: list[str], slow: bool = False
    ) -> None:
        self.qtbot, self.folder, self.rng, self.walk, self.shown = qtbot, folder, rng, walk, shown
        self.window: MainWindow = None  # type: ignore[assignment]
        self.accept_next_lock = False
        self.open_window()
        self.kinds = {
            "tab": (6, self.switch_tab),
            "editor_tab": (0, self.switch_to_editor_tab),
            "subtab": (5, self.switch_subtab),
            "add": (8, self.add),
            "type": (30, self.type_in_field),
            "paste": (3, self.paste_long_text),
            "choice": (6, self.pick_choice),
            "enter": (10, self.enter),
            "save": (4, self.save_button),
            "revert": (3, self.revert),
            "row": (12, self.choose_row),
            "arrow": (5, self.arrow_in_table),
            "sort": (2, self.sort),
            "delete": (5, self.delete),
            "duplicate": (2, self.duplicate),
            "trash": (2, self.trash),
            "restore": (3, self.restore),
            "undo": (7, self.undo),
            "redo": (5, self.redo),
            "search": (6, self.search),
            "unit": (2, self.change_unit),
            "year": (2, self.change_year),
            "dialog": (2, self.open_dialog),
            "lock": (0.5, self.lock_or_unlock),
            "menu": (1, self.context_menu),
            "button": (3, self.other_button),
            "input": (3, self.other_input),
            "focus": (4, self.tab_key),
            "esc": (4, self.escape),
            "wait": (1, self.wait),
            # Closing and opening the window again is slow (a backup on the way out): the walk does it
            # at its middle, and now and then with --slow.
            "reopen": (0.1 if slow else 0, self.reopen),
        }
        self.names = list(self.kinds)
        self.weights = [self.kinds[n][0] for n in self.names]

    # --- the window ---------------------------------------------------------------------------------

    def open_window(self) -> None:
        db = open_database(self.folder)
        window = MainWindow(db)  # closed and deleted by close_window, not by pytest-qt
        window.ctx.message.connect(lambda text: self.walk.status.update([text]))
        window.start()
        window.resize(1366, 768)
        window.show()
        window.activateWindow()
        self.qtbot.waitExposed(window)
        self.window = window

    def close_window(self) -> None:
        window = self.window
        # KNOWN: the window closes while a document is still being made (background.running() is never
        # asked), and when the work reports back its progress dialog was deleted with the window:
        # RuntimeError in background.Operation._close_progress. Reported to the lead; until fixed, the
        # monkey lets the work finish first.
        self.qtbot.waitUntil(lambda: not background.running(), timeout=60_000)
        for _ in range(3):  # a list left open takes the keys (and Ctrl+Q with them): Esc closes it first
            if QApplication.activePopupWidget() is None:
                break
            self.key(Qt.Key.Key_Escape)
        self.key(Qt.Key.Key_Q, CTRL)  # Thoát
        QApplication.processEvents()
        assert not window.isVisible(), "Ctrl+Q left the window open"
        window.ctx.undo_stack.clear()
        window.ctx.db.close()
        window.deleteLater()
        QApplication.processEvents()

    def focus_window(self):
        """The window a key goes to, as the desktop would send it: Qt routes it from there to an open
        list, the focused widget, or a shortcut."""
        focus = QGuiApplication.focusWindow()
        if focus is None or not focus.isVisible():
            # The offscreen platform leaves a closed popup the focus window, or none after a dialog
            # closes (a desktop gives the window back, as under Xvfb): give it back, as a desktop would.
            self.window.activateWindow()
            QApplication.processEvents()
            focus = QGuiApplication.focusWindow() or self.window.windowHandle()
        return focus

    def target(self):
        """The widget typed text goes to: the focused one (typing happens after a click into it)."""
        self.focus_window()
        return QApplication.focusWidget() or self.window

    def key(self, key, modifier=NONE) -> None:
        QTest.keyClick(self.focus_window(), key, modifier)

    def click(self, widget, button=Qt.MouseButton.LeftButton, at: QPoint | None = None) -> bool:
        if widget is None or not widget.isVisible() or not widget.isEnabled():
            return False
        popup = QApplication.activePopupWidget()
        if popup is not None and widget.window() is not popup:
            # A click outside an open list closes the list and goes no further, as on a desktop (the
            # test's click would reach the widget under it).
            self.key(Qt.Key.Key_Escape)
            return False
        QTest.mouseClick(widget, button, NONE, at if at is not None else widget.rect().center())
        return True

    def editor(self) -> RecordEditor | None:
        return self.window.active_editor()

    def text_for(self, widget) -> str:
        """Mostly what the field takes (so records get saved, edited, deleted, undone), now and then
        anything at all."""
        kind = widget.field.kind
        if self.rng.random() < 0.25 or kind in ("text", "longtext"):
            return self.text()
        year = self.window.ctx.year or 2022
        if kind == "money":
            amount = self.rng.randint(0, 10 ** self.rng.randint(3, 10))
            return f"{amount:,}".replace(",", ".") if self.rng.random() < 0.5 else str(amount)
        if kind == "int":
            return str(self.rng.randint(0, 500))
        if kind == "percent":
            return self.rng.choice(("85,5", "90", "100", "70,0%", "12,3"))
        if kind == "date":
            return f"{self.rng.randint(1, 28)}/{self.rng.randint(1, 12)}/{year}"
        if kind == "year":
            return str(year)
        if kind == "ref" and widget.places:
            label = self.rng.choice(widget.places).label
            return label if self.rng.random() < 0.7 else label.split()[-1].lower()
        return self.text()

    def text(self) -> str:
        choice = self.rng.random()
        if choice < 0.6:
            return self.rng.choice(TEXTS)
        if choice < 0.8:
            return str(self.rng.randint(-10, 10 ** self.rng.randint(1, 12)))
        if choice < 0.95:
            letters = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạếềểễệóòỏõọứừửữự0123456789 ,./%-"
            return "".join(self.rng.choice(letters) for _ in range(self.rng.randint(1, 40)))
        return self.rng.choice(TEXTS[:3]) * self.rng.randint(10, 40)  # a few hundred characters

    # --- actions: each returns what it did, for the trail -------------------------------------------

    def switch_tab(self) -> str:
        number = self.rng.randint(1, 8)
        self.key(getattr(Qt.Key, f"Key_{number}"), CTRL)
        return f"Ctrl+{number}"

    def switch_to_editor_tab(self) -> str:
        number = self.rng.randint(2, 5)
        self.key(getattr(Qt.Key, f"Key_{number}"), CTRL)
        return f"Ctrl+{number}"

    def switch_subtab(self) -> str:
        page = self.window.tabs.currentWidget()
        inner = page.findChild(QTabWidget, "subtabs") or page.findChild(QTabWidget, "review_steps")
        if inner is None or inner.count() < 2:
            return "no inner tabs"
        index = self.rng.randrange(inner.count())
        bar = inner.tabBar()
        self.click(bar, at=bar.tabRect(index).center())
        return f"inner tab {index}"

    def add(self) -> str:
        editor = self.editor()
        if editor is None:
            return "no editor"
        if self.rng.random() < 0.5:
            self.key(Qt.Key.Key_N, CTRL)
            return "Ctrl+N"
        return "click Thêm" if self.click(editor.toolbar.add) else "Thêm disabled"

    def _field(self, kinds=None):
        editor = self.editor()
        if editor is None or not editor.form.isVisible():
            return None, None
        widgets = [
            (name, w)
            for name, w in editor.form.widgets.items()
            if w.isVisible() and (kinds is None or isinstance(w, kinds))
        ]
        return (editor, self.rng.choice(widgets)) if widgets else (editor, None)

    def type_in_field(self) -> str:
        editor, chosen = self._field((QLineEdit, QPlainTextEdit))
        if chosen is None:
            return "no field"
        name, widget = chosen
        if widget.isReadOnly():
            return f"read-only {editor.kind.name}.{name}"
        editor.form.scroll.ensureWidgetVisible(widget)
        self.click(widget)
        if self.rng.random() < 0.7:
            self.key(Qt.Key.Key_A, CTRL)
        text = self.text_for(widget)
        if text:
            type_text(self.target(), text)
        else:
            self.key(Qt.Key.Key_Backspace)
        return f"type {text[:40]!r} into {editor.kind.name}.{name}"

    def paste_long_text(self) -> str:
        editor, chosen = self._field((QLineEdit, QPlainTextEdit))
        if chosen is None:
            return "no field"
        name, widget = chosen
        editor.form.scroll.ensureWidgetVisible(widget)
        self.click(widget)
        length = self.rng.choice((300, 3_000, 20_000))
        QApplication.clipboard().setText(("Nội dung rất dài 😀 " * (length // 19 + 1))[:length])
        self.key(Qt.Key.Key_A, CTRL)
        self.key(Qt.Key.Key_V, CTRL)
        return f"paste {length} characters into {editor.kind.name}.{name}"

    def pick_choice(self) -> str:
        editor, chosen = self._field(QComboBox)
        if chosen is None:
            return "no choice"
        name, widget = chosen
        editor.form.scroll.ensureWidgetVisible(widget)
        self.click(widget)  # opens its list
        for _ in range(self.rng.randint(0, 3)):
            self.key(self.rng.choice((Qt.Key.Key_Down, Qt.Key.Key_Up)))
        self.key(self.rng.choice((Qt.Key.Key_Return, Qt.Key.Key_Escape)))
        return f"choose in {editor.kind.name}.{name}"

    def enter(self) -> str:
        self.key(Qt.Key.Key_Return)
        return "Enter"

    def save_button(self) -> str:
        editor = self.editor()
        return "click Lưu" if editor and self.click(editor.panel.save) else "no Lưu"

    def revert(self) -> str:
        editor = self.editor()
        if editor and self.rng.random() < 0.5:
            return "click Bỏ các thay đổi" if self.click(editor.panel.revert) else "no revert"
        return self.escape()

    def choose_row(self) -> str:
        editor = self.editor()
        if editor is None or editor.model.rowCount() == 0:
            return "no rows"
        table = editor.table
        row = self.rng.randrange(min(editor.model.rowCount(), 15))
        table.scrollTo(editor.model.index(row, 0))
        rect = table.visualRect(editor.model.index(row, 0))
        if not rect.isValid() or not table.viewport().rect().contains(rect.center()):
            return "row out of sight"
        if not self.click(table.viewport(), at=rect.center()):
            return "a list was open"
        return f"click row {row} of {editor.kind.name}"

    def arrow_in_table(self) -> str:
        editor = self.editor()
        if editor is None or not self.click(editor.table):
            return "no table"
        key = self.rng.choice((Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_Home))
        self.key(key)
        return f"{key.name} in {editor.kind.name}"

    def sort(self) -> str:
        editor = self.editor()
        if editor is None:
            return "no list"
        header = editor.table.horizontalHeader()
        section = self.rng.randrange(header.count())
        x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
        if not 0 <= x < header.width():
            return "column out of sight"
        self.click(header.viewport(), at=QPoint(x, header.height() // 2))
        return f"sort {editor.kind.name} by column {section}"

    def _page_widgets(self, kinds):
        """The visible, enabled widgets of ``kinds`` on a page that is not an editor's (the overview,
        documents, review, data exchange)."""
        page = self.window.tabs.currentWidget()
        if isinstance(page, EditorTab):
            return []
        found = [w for kind in kinds for w in page.findChildren(kind)]
        return [w for w in found if w.isVisible() and w.isEnabled()]

    def other_button(self) -> str:
        buttons = self._page_widgets((QPushButton, QToolButton, QCheckBox))
        if not buttons:
            return "no button"
        button = self.rng.choice(buttons)
        self.click(button)
        return f"click {button.objectName() or button.text()!r}"

    def other_input(self) -> str:
        fields = self._page_widgets((QLineEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox))
        if not fields:
            return "no input"
        widget = self.rng.choice(fields)
        self.click(widget)
        if isinstance(widget, QComboBox) and not widget.isEditable():
            self.key(self.rng.choice((Qt.Key.Key_Down, Qt.Key.Key_Up)))
            self.key(Qt.Key.Key_Return)
            return f"choose in {widget.objectName()!r}"
        self.key(Qt.Key.Key_A, CTRL)
        text = self.text()
        type_text(self.target(), text) if text else self.key(Qt.Key.Key_Backspace)
        if self.rng.random() < 0.5:
            self.key(Qt.Key.Key_Return)
        return f"type {text[:40]!r} into {widget.objectName() or type(widget).__name__}"

    def delete(self) -> str:
        editor = self.editor()
        if editor is None:
            return "no editor"
        if self.rng.random() < 0.5:
            return "click Xóa" if self.click(editor.toolbar.delete) else "Xóa disabled"
        if not self.click(editor.table):  # the list takes the focus
            return "no list"
        self.key(Qt.Key.Key_Delete)
        return f"Delete in {editor.kind.name}"

    def duplicate(self) -> str:
        editor = self.editor()
        return "click Nhân bản" if editor and self.click(editor.toolbar.duplicate) else "no Nhân bản"

    def trash(self) -> str:
        editor = self.editor()
        return "click Thùng rác" if editor and self.click(editor.toolbar.trash) else "no bin"

    def restore(self) -> str:
        editor = self.editor()
        return "click Khôi phục" if editor and self.click(editor.toolbar.restore) else "no Khôi phục"

    def undo(self) -> str:
        self.key(Qt.Key.Key_Z, CTRL)
        return "Ctrl+Z"

    def redo(self) -> str:
        if self.rng.random() < 0.5:
            self.key(Qt.Key.Key_Y, CTRL)
            return "Ctrl+Y"
        self.key(Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
        return "Ctrl+Shift+Z"

    def search(self) -> str:
        editor = self.editor()
        if editor is None:
            return "no search"
        self.key(Qt.Key.Key_F, CTRL)
        words = self.rng.choice(("", "", "", "ban", "hộ nghèo", "xa", "ng", "Đông", "zzz", self.text()[:12]))
        if words:
            type_text(self.target(), words)
        else:
            self.key(Qt.Key.Key_Backspace)
        return f"search {words!r} in {editor.kind.name}"

    def _pick_in(self, combo: QComboBox) -> str:
        self.click(combo)  # opens its list
        steps = self.rng.randint(1, 3)
        key = self.rng.choice((Qt.Key.Key_Down, Qt.Key.Key_Up))
        for _ in range(steps):
            self.key(key)
        self.key(Qt.Key.Key_Return)
        return f"{combo.objectName()}: {combo.currentText()}"

    def change_unit(self) -> str:
        return self._pick_in(self.window.context_bar.unit_combo)

    def change_year(self) -> str:
        return self._pick_in(self.window.context_bar.year_combo)

    def open_dialog(self) -> str:
        safety = self.window.safety
        action = self.rng.choice(
            (
                self.window.settings_action,
                self.window.about_action,
                safety.backups_action,
                safety.record_history_action,
                safety.year_history_action,
                safety.lock_action,
                safety.unlock_action,
            )
        )
        if not action.isEnabled():
            return f"{action.objectName()} disabled"
        action.trigger()  # the closer cancels the dialog it opens
        return f"open and cancel {action.objectName()}"

    def lock_or_unlock(self) -> str:
        safety = self.window.safety
        action = safety.lock_action if safety.lock_action.isEnabled() else safety.unlock_action
        if not action.isEnabled():
            return "no lock"
        self.accept_next_lock = True
        action.trigger()
        self.accept_next_lock = False
        return f"{action.objectName()} with a reason"

    def context_menu(self) -> str:
        editor = self.editor()
        if editor is None or editor.model.rowCount() == 0:
            return "no menu"
        rect = editor.table.visualRect(editor.model.index(0, 0))
        if not self.click(editor.table.viewport(), Qt.MouseButton.RightButton, rect.center()):
            return "a list was open"
        # A right click alone does not open the menu offscreen: the context-menu event does.
        editor.table.customContextMenuRequested.emit(rect.center())
        return f"right click in {editor.kind.name}"

    def tab_key(self) -> str:
        backwards = self.rng.random() < 0.3
        for _ in range(self.rng.randint(1, 4)):
            self.key(Qt.Key.Key_Backtab if backwards else Qt.Key.Key_Tab)
        return "Shift+Tab" if backwards else "Tab"

    def escape(self) -> str:
        self.key(Qt.Key.Key_Escape)
        return "Esc"

    def wait(self) -> str:
        self.qtbot.wait(300)  # the search's pause, background work
        return "wait"

    def reopen(self) -> str:
        self.close_window()
        self.open_window()
        return "Ctrl+Q, then open the window again"

    # --- the closer: modal dialogs and menus the actions open ---------------------------------------

    def close_modals(self) -> None:
        menu = QApplication.activePopupWidget()
        if isinstance(menu, QMenu):
            actions = [a for a in menu.actions() if a.isEnabled() and not a.isSeparator()]
            if actions and self.rng.random() < 0.5:
                action = self.rng.choice(actions)
                self.walk.closed_dialogs[f"menu: {action.text()}"] += 1
                menu.close()
                action.trigger()
                return
            menu.close()
            self.walk.closed_dialogs["menu"] += 1
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog) or not dialog.isVisible():
            return
        name = dialog.objectName() or type(dialog).__name__
        if self.accept_next_lock and name == "year_lock_dialog":
            type_text(dialog.reason, "Kiểm thử khóa năm")
            self.click(dialog.ok_button)
            if dialog.isVisible():
                dialog.reject()
            self.walk.closed_dialogs[name + " (accepted)"] += 1
            return
        dialog.reject()
        self.walk.closed_dialogs[name] += 1

    def step(self, forced: str | None = None) -> str:
        name = forced or self.rng.choices(self.names, self.weights)[0]
        if name in EDITOR_ACTIONS and self.editor() is None:
            name = "editor_tab"  # most of a clerk's work is in the lists: go to one
        self.walk.counts[name] += 1
        started = time.perf_counter()
        try:
            done = self.kinds[name][1]()
            QApplication.processEvents()
        finally:
            self.walk.seconds[name] += time.perf_counter() - started
        if QApplication.activePopupWidget() is not None:  # the next keys go to the open list
            done += " [a list is open]"
        return f"{name}: {done}"


def walk_the_window(qtbot, demo_dir, tmp_path, shown, seed: int, actions: int, slow: bool = False) -> Walk:
    folder = tmp_path / f"monkey-{seed}"
    folder.mkdir()
    shutil.copyfile(paths.database_path(demo_dir), paths.database_path(folder))
    ui_app.prepare(ui_app.application(), "vi")
    walk = Walk(seed, actions)

    def on_exception(kind, error, tb) -> None:
        walk.problems.append("".join(traceback.format_exception(kind, error, tb)))

    def on_qt_message(mode, _context, message) -> None:
        if mode in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg) or message.startswith(PLATFORM_NOISE):
            return
        walk.problems.append(f"Qt {mode.name}: {message}")

    previous_hook = sys.excepthook
    sys.excepthook = on_exception
    previous_handler = qInstallMessageHandler(on_qt_message)
    monkey = None
    closer = QTimer()
    try:
        monkey = Monkey(qtbot, folder, random.Random(seed), walk, shown, slow)
        closer.setInterval(20)
        closer.timeout.connect(monkey.close_modals)
        closer.start()
        for step in range(actions):
            try:
                walk.trail.append(f"{step}: {monkey.step('reopen' if step == actions // 2 else None)}")
            except Exception:  # an exception raised straight out of a key press or a click
                walk.problems.append(traceback.format_exc())
            if walk.problems:
                pytest.fail(walk.failure(step), pytrace=False)
        qtbot.wait(400)  # the last search and any background work report back
        if walk.problems:
            pytest.fail(walk.failure(actions), pytrace=False)
    finally:
        closer.stop()
        qInstallMessageHandler(previous_handler)
        sys.excepthook = previous_hook
        if monkey is not None and monkey.window is not None and not walk.problems:
            monkey.close_window()
    walk.messages.update(shown)
    db = open_database(folder)
    try:
        with db.session() as session:
            findings = run_checks(session)
    finally:
        db.close()
    assert all(f.ok for f in findings), walk.failure(actions) + "\n" + "\n".join(f.message for f in findings)
    return walk


def report(walk: Walk, seconds: float) -> None:
    print(f"\nmonkey seed={walk.seed}: {walk.actions} actions in {seconds:.1f} s")
    for name, count in sorted(walk.counts.items(), key=lambda item: -item[1]):
        print(f"  {name:10} {count:6} {walk.seconds[name]:7.1f} s")
    print(f"  status bar: {walk.status.most_common(8)}")
    print(f"  dialogs closed: {dict(walk.closed_dialogs)}")
    print(f"  messages shown to the clerk: {sum(walk.messages.values())}")
    for text, count in walk.messages.most_common(8):
        print(f"    {count:4} × {text[:100]}")


def test_monkey_fixed_seed(qtbot, demo_dir, tmp_path, shown):
    seed = int(os.environ.get("MONKEY_SEED", CI_SEED))
    actions = int(os.environ.get("MONKEY_ACTIONS", CI_ACTIONS))
    started = time.perf_counter()
    walk = walk_the_window(qtbot, demo_dir, tmp_path, shown, seed, actions)
    report(walk, time.perf_counter() - started)
    assert sum(walk.counts.values()) == actions


@pytest.mark.slow
@pytest.mark.parametrize("seed", SLOW_SEEDS)
def test_monkey_many_seeds(qtbot, demo_dir, tmp_path, shown, seed):
    started = time.perf_counter()
    walk = walk_the_window(qtbot, demo_dir, tmp_path, shown, seed, SLOW_ACTIONS, slow=True)
    report(walk, time.perf_counter() - started)
