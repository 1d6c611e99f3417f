"""The window on small and scaled screens: every page of the demo fits a 1024×600 screen, and a
1366×768 screen at 150% (910×512 logical pixels), with no button out of reach; a window remembered on
a bigger screen is brought back onto the one it opens on; the support list shows its dates and sums
whole at 1366 px."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractScrollArea

from emulation_desktop.ui import settings
from emulation_desktop.ui.editor_widgets import fitted_widths
from emulation_desktop.ui.qt import (
    QAbstractButton,
    QApplication,
    QByteArray,
    QRect,
    QTabWidget,
    QWidget,
)

# The client area a window manager leaves (openbox: 8 × 32 physical pixels for borders and title bar),
# in Qt's logical pixels, and whether a page may scroll up and down in it. At 1024×600 every page fits
# as it is; at 150% the pages with a list above another (pledges, supervision) are taller than the 490
# logical pixels left, and scroll: sideways never, and every button stays reachable.
SCREENS = {
    "1024x600": ((1024 - 8, 600 - 32), False),
    "1366x768@150%": (((1366 - 8) * 2 // 3, (768 - 32) * 2 // 3), True),
}


def settle():
    for _ in range(5):
        QApplication.processEvents()


def every_page(window):
    """Show each main tab and each of its inner tabs in turn; yield a name for each page shown."""
    tabs = window.tabs
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        settle()
        page = tabs.currentWidget()
        inner = page.findChild(QTabWidget)
        if inner is None:
            yield tabs.tabText(index)
            continue
        for step in range(inner.count()):
            inner.setCurrentIndex(step)
            settle()
            yield f"{tabs.tabText(index)} / {inner.tabText(step)}"


def out_of_reach(window, page_scroll) -> list[str]:
    """Visible buttons not wholly inside the window, once the page is scrolled to them. A button in
    a list or form that scrolls on its own is in reach by scrolling that, and is not counted."""
    frame = window.rect()
    found = []
    for button in window.findChildren(QAbstractButton):
        if not button.isVisibleTo(window) or button.width() == 0:
            continue
        area = _scroll_parent(button)
        if area is not None and area is not page_scroll:
            continue
        page_scroll.ensureWidgetVisible(button, 0, 0)
        where = QRect(button.mapTo(window, button.rect().topLeft()), button.size())
        if not frame.contains(where):
            found.append(f"{button.text() or button.objectName()!r} at {where.getRect()}")
    return found


def _scroll_parent(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


@pytest.mark.parametrize("screen", SCREENS)
def test_every_page_fits_a_small_or_scaled_screen_with_every_button_in_reach(demo_window, screen):
    (width, height), may_scroll_down = SCREENS[screen]
    demo_window.resize(width, height)
    settle()
    assert (demo_window.width(), demo_window.height()) == (width, height)
    page_scroll = demo_window.centralWidget()
    problems = []
    for name in every_page(demo_window):
        hint = page_scroll.widget().minimumSizeHint()
        if page_scroll.horizontalScrollBar().isVisible():
            problems.append(f"{name}: the page needs {hint.width()} px across, and scrolls sideways")
        if page_scroll.verticalScrollBar().isVisible() and not may_scroll_down:
            problems.append(f"{name}: the page needs {hint.height()} px down, and scrolls")
        problems += [f"{name}: {where}" for where in out_of_reach(demo_window, page_scroll)]
    assert not problems, "\n".join(problems)


def test_a_window_remembered_on_a_bigger_screen_opens_inside_this_one(qtbot, db):
    from emulation_desktop.ui.main_window import MainWindow

    big = MainWindow(db)
    qtbot.addWidget(big)
    big.setGeometry(1200, 900, 2400, 1500)  # saved on a 4K screen, far to the right and below
    settings.put("window/geometry", big.saveGeometry())
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.start()
    free = window.screen().availableGeometry()
    assert isinstance(settings.get("window/geometry"), QByteArray)
    assert window.width() <= free.width() and window.height() <= free.height()
    assert free.contains(window.geometry().topLeft())
    assert free.contains(window.geometry().bottomRight())


def test_dates_and_sums_stay_whole_while_long_texts_give_way():
    natural = (260, 120, 260, 180, 80, 110, 200)  # texts, a date (4) and a sum (5)
    widths = fitted_widths(natural, {4, 5}, 900)
    assert widths[4:6] == [80, 110]
    assert sum(widths) <= 900
    assert widths[1] == 120  # short enough already: not cut
    assert fitted_widths(natural, {4, 5}, 2000) == list(natural)
    assert min(fitted_widths(natural, {4, 5}, 300)) >= 80  # too narrow for all: none below the floor


def test_the_support_list_shows_its_date_and_value_at_1366(window):
    from helpers import editor_of

    editor = editor_of(window, "support_activity")
    settle()
    table = editor.table
    room = table.viewport().rect()
    names = [f.name for f in table.model().columns]
    for name in ("activity_date", "value_vnd"):
        column = names.index(name)
        left = table.columnViewportPosition(column)
        right = left + table.columnWidth(column)
        assert left >= 0 and right <= room.width(), (name, left, right, room.width())
        assert table.columnWidth(column) >= table.sizeHintForColumn(column)


def test_a_record_with_evidence_files_keeps_the_page_still_at_1024x600(demo_window):
    """The files listed under a supervision record grow its form, which scrolls; the page does not."""
    from evidence_samples import a_pdf, a_photo

    from emulation_desktop.operations import evidence
    from emulation_desktop.ui.record_editor import RecordEditor

    (width, height), _may_scroll = SCREENS["1024x600"]
    demo_window.resize(width, height)
    demo_window.tabs.setCurrentWidget(demo_window.page_at(3))  # Giám sát
    settle()
    editor = next(e for e in demo_window.findChildren(RecordEditor) if e.kind.name == "supervision")
    assert editor.current_id is not None and editor.evidence is not None
    db = demo_window.ctx.db
    evidence.attach(db, "supervision", editor.current_id, a_pdf(), file_name="Biên bản giám sát.pdf")
    evidence.attach(db, "supervision", editor.current_id, a_photo("JPEG"), file_name="Ảnh buổi làm việc.jpg")
    editor.evidence.refresh()
    settle()
    assert editor.evidence.list.isVisibleTo(demo_window) and editor.evidence.list.count() == 2
    page_scroll = demo_window.centralWidget()
    assert not page_scroll.verticalScrollBar().isVisible(), page_scroll.widget().minimumSizeHint()
    assert not page_scroll.horizontalScrollBar().isVisible()


def test_the_wheel_over_a_choice_scrolls_the_form_and_changes_nothing(demo_window, qtbot):
    """At 1024×600 a clerk scrolls a supervision's form with the wheel, the pointer passing over its
    choices: the form scrolls, the record stays as it was (Qt's combo took the wheel as an edit)."""
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent

    from emulation_desktop.ui.qt import Qt
    from emulation_desktop.ui.record_editor import RecordEditor

    (width, height), _may_scroll = SCREENS["1024x600"]
    demo_window.resize(width, height)
    demo_window.tabs.setCurrentWidget(demo_window.page_at(3))
    settle()
    editor = next(e for e in demo_window.findChildren(RecordEditor) if e.kind.name == "supervision")
    combo = editor.form.widgets["field"]
    before = combo.currentData()
    bar = editor.form.scroll.verticalScrollBar()
    assert bar.maximum() > 0  # the form is taller than its room: there is something to scroll
    start = bar.value()
    centre = QPointF(combo.rect().center())
    for _ in range(3):
        wheel = QWheelEvent(
            centre,
            QPointF(combo.mapToGlobal(QPoint(combo.rect().center()))),
            QPoint(0, 0),
            QPoint(0, -120),  # one notch down
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(combo, wheel)
        # Left unaccepted, a wheel from the mouse goes on to the form's scroll area (Qt passes an
        # ignored wheel event to the parent; one sent by a test is not passed on, so that part is seen
        # under Xvfb, not here).
        assert not wheel.isAccepted()
    settle()
    assert combo.currentData() == before and bar.value() == start
    combo.setFocus()  # in the field, the wheel chooses, as it always did
    settle()
    if combo.hasFocus():  # focus needs an active window, which the offscreen platform may not give
        QApplication.sendEvent(combo, wheel)
        assert combo.currentData() != before
