"""Start the window: QApplication, language, font, log, crash handler, data file, main window."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from emulation_desktop import collector, paths
from emulation_desktop.locale import i18n
from emulation_desktop.storage.database import Database
from emulation_desktop.ui import background, settings, single_instance, startup, warm_up
from emulation_desktop.ui.crash import install_excepthook
from emulation_desktop.ui.fonts import choose_font
from emulation_desktop.ui.logs import rotate, setup_logging
from emulation_desktop.ui.main_window import MainWindow
from emulation_desktop.ui.qt import QApplication, QTimer
from emulation_desktop.ui.smoke import quit_later_if_asked
from emulation_desktop.ui.translator import install_translator

log = logging.getLogger(__name__)


def application() -> QApplication:
    """The one QApplication (reused when a test runner already made it)."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(paths.APP_NAME)
    app.setOrganizationName(paths.APP_NAME)
    return app  # type: ignore[return-value]


def prepare(app: QApplication, language: str | None = None) -> None:
    """Language (argument, else settings), Qt's own texts and the font: before any widget is built."""
    i18n.set_language(language or settings.language())
    install_translator(app)
    choose_font(app)


def open_window(db: Database) -> MainWindow:
    window = MainWindow(db)
    window.start()
    window.show()
    # No unit of its own among those opened (read without the ORM): perhaps a data folder to set up.
    if not any(unit.is_local for unit in window.context_bar.units):
        from emulation_desktop.ui import setup_wizard

        setup_wizard.offer_at_start(window)  # the assistant, with the demo beside it
    return window


def after_first_paint(
    folder: Path, window: MainWindow, servers: list[single_instance.RaiseServer], log_file: Path
) -> None:
    """What the window needs once it is on screen, not before it. First of all, Python's cycle
    collector, paused while the window started (``emulation_desktop.collector``); the data file's full
    check, which start-up left for now (``startup.open_data``); the warning about a data folder on a
    network or removable drive; the application's icon, which only the title bar and the task bar
    show (QIcon's class and enums cost ~4 ms, docs/startup.md); the log file's rotation
    (``logs.rotate``); and, a moment later (``LISTEN_AFTER_MS``), the listener that brings the window
    forward when a second copy is started. Its QtNetwork import was a third of what a start
    that only looks and quits does after the first paint (benchmarks/README.md, ``start_to_quit``); a
    copy started before it listens is still refused by the lock, and told so, without the raise."""
    collector.resume()  # paused by main while the window started
    startup.check_after_start(folder, window)
    startup.warn_about_location(folder, window)
    from emulation_desktop.ui.app_icon import app_icon

    QApplication.setWindowIcon(app_icon())
    rotate(log_file)

    def listen() -> None:
        if window.isVisible():
            servers.append(single_instance.RaiseServer(folder, window))

    QTimer.singleShot(LISTEN_AFTER_MS, listen)


LISTEN_AFTER_MS = warm_up.AFTER_MS  # the second copy's listener begins with the warm-up


def run(data_dir: str | None = None, language: str | None = None, open_file: str | None = None) -> int:
    """Open the main window over the data folder, and a data package if given; return the exit code."""
    app = application()
    folder = paths.data_dir(data_dir)
    log_file = setup_logging(folder)
    install_excepthook()
    prepare(app, language)
    log.info("starting with data folder %s", folder)
    try:
        lock = startup.acquire_instance(folder)  # before the data file is opened
    except startup.StartupStopped as stop:
        return stop.exit_code
    try:
        try:
            db = startup.open_data(folder, defer_check=True)  # checked in full once shown
        except startup.StartupStopped as stop:
            return stop.exit_code
        window = open_window(db)
        if lock.recovered_stale:  # the last session ended without closing: perhaps without its backup
            window.safety.autobackup.mark_dirty()
        warm_up.start(window.ctx.db)  # the ORM, after the first paint (the window opens on plain reads)
        if open_file:
            window.open_package(open_file)
        quit_later_if_asked(app, window)  # only when the smoke test asks
        servers: list[single_instance.RaiseServer] = []
        QTimer.singleShot(0, lambda shown=window: after_first_paint(folder, shown, servers, log_file))
        try:
            code = app.exec()
            return startup.STOPPED.pop(id(window), code)  # closed over a damaged file: its exit code
        finally:
            for server in servers:
                server.close()
            window.ctx.db.close()  # the window's current database (a restore replaces it)
            background.stop_quietly()  # the full check, told to stop by close(), ends before Qt does
            del window
            log.info("closed")
    finally:
        lock.release()
