"""Keeping the window on the clerk's screen: 1024×600 netbooks, and 1366×768 laptops at 150% scaling,
where Qt sees only 910×512 logical pixels.

The pages scroll inside the window when the screen is smaller than they need (``scrolling``), and the
window is never larger than the screen's free area nor placed off it (``fit_to_screen``), whatever
size was remembered on a bigger screen.
"""

from __future__ import annotations

from emulation_desktop.ui.qt import (
    QApplication,
    QFrame,
    QScrollArea,
    QSizePolicy,
    QTabWidget,
    QWidget,
    qconnect,
)

# The window manager's title bar and borders, not known before the window is first shown.
FRAME_ALLOWANCE = (8, 32)


def scrolling(content: QWidget, name: str = "page_scroll") -> QScrollArea:
    """``content`` in a frameless scroll area: it fills the area when there is room and scrolls
    (rather than pushing the window past the screen) when there is not."""
    area = QScrollArea()
    area.setObjectName(name)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setWidget(content)
    return area


def scrolling_column(content: QWidget, name: str) -> QScrollArea:
    """A side column that scrolls up and down on a short screen, never sideways: it keeps the width
    its content needs plus the scroll bar's, so nothing hides under the bar."""
    from emulation_desktop.ui.qt import Qt  # see ui/qt.py: Qt's namespace costs ~40 ms; not needed at start

    area = scrolling(content, name)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    needed = max(content.minimumWidth(), content.minimumSizeHint().width())
    area.setMinimumWidth(needed + area.verticalScrollBar().sizeHint().width())
    return area


def fit_to_screen(window: QWidget) -> None:
    """Shrink ``window`` to its screen's free area (less the frame) and move it back onto it."""
    screen = window.screen() or QApplication.primaryScreen()
    if screen is None:
        return
    free = screen.availableGeometry()
    frame_w, frame_h = _frame(window)
    width = min(window.width(), free.width() - frame_w)
    height = min(window.height(), free.height() - frame_h)
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    x = min(max(window.x(), free.left()), free.right() - width - frame_w + 1)
    y = min(max(window.y(), free.top()), free.bottom() - height - frame_h + 1)
    if (x, y) != (window.x(), window.y()):
        window.move(x, y)


def _frame(window: QWidget) -> tuple[int, int]:
    outer, inner = window.frameGeometry(), window.geometry()
    if window.isVisible() and outer != inner:
        return outer.width() - inner.width(), outer.height() - inner.height()
    return FRAME_ALLOWANCE


def follow_current_page(tabs: QTabWidget) -> None:
    """Let ``tabs`` ask for the room of the page shown, not of its largest page: a QTabWidget wants
    the largest minimum of all its pages, so one tall page (Documents) made every tab scroll on a small
    screen. The hidden pages' size policy is Ignored, which Qt's layouts count as needing nothing."""

    def current_changed(index: int) -> None:
        for i in range(tabs.count()):
            page = tabs.widget(i)
            policy = QSizePolicy.Policy.Preferred if i == index else QSizePolicy.Policy.Ignored
            page.setSizePolicy(policy, policy)
        tabs.updateGeometry()

    qconnect(tabs.currentChanged, current_changed)
    current_changed(tabs.currentIndex())
