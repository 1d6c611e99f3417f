"""What the window sets up on its first event-loop turn, once it is on screen (ui/app.py,
``after_first_paint``): Python's cycle collector again, the application's icon, the log file's rotation and the listener that a second
copy raises the window through. The first paint does not wait for them (docs/startup.md)."""

from __future__ import annotations

import gc
import logging

from emulation_desktop import collector
from emulation_desktop.ui import app as ui_app
from emulation_desktop.ui.app_icon import ICON_SIZES
from emulation_desktop.ui.logs import setup_logging
from emulation_desktop.ui.qt import QApplication, QIcon, QSize


def test_the_first_turn_gives_the_icon_the_log_rotation_and_the_listener(qtbot, window, data_dir):
    QApplication.setWindowIcon(QIcon())  # as at start: no icon until the window is on screen
    collector.pause()  # as main leaves it while the window starts
    log_file = setup_logging(data_dir)
    servers: list = []
    handlers: list[logging.Handler] = []
    ui_app.after_first_paint(data_dir, window, servers, log_file)
    try:
        assert gc.isenabled()  # the cycle collector runs again
        icon = QApplication.windowIcon()
        assert not icon.isNull()
        assert {QSize(size, size) for size in ICON_SIZES} <= set(icon.availableSizes())
        assert not window.windowIcon().isNull()  # the window shown before it has it too
        handlers += [
            h for h in logging.getLogger().handlers if getattr(h, "baseFilename", None) == str(log_file)
        ]
        assert [type(h).__name__ for h in handlers] == ["RotatingFileHandler"]
        qtbot.waitUntil(lambda: len(servers) == 1, timeout=5000)  # a moment later: the listener
    finally:
        collector.resume()
        for server in servers:
            server.close()
        for handler in handlers:
            logging.getLogger().removeHandler(handler)
            handler.close()
