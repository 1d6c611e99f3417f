"""The last line of defence: log any unexpected error and show a Vietnamese dialog with a report the
clerk can copy. Every save is its own committed transaction, so confirmed data is already safe."""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from types import TracebackType

import emulation_desktop
from emulation_desktop.ui.qt import QApplication

log = logging.getLogger(__name__)


def report_text(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> str:
    import platform  # when a report is written, not at every start

    lines = traceback.format_exception(kind, error, tb)
    head = f"emulation-desktop {emulation_desktop.__version__}, Python {platform.python_version()}, {platform.platform()}\n"
    return head + "".join(lines)


_showing = False


def handle_exception(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, tb)
        return
    report = report_text(kind, error, tb)
    log.error("unexpected error\n%s", report)
    global _showing
    if _showing or QApplication.instance() is None:
        return  # one dialog at a time; an error inside the dialog is only logged
    if threading.current_thread() is not threading.main_thread():
        return  # widgets belong to the GUI thread; the log has it
    from emulation_desktop.ui.crash_dialog import CrashDialog  # built when needed, not at every start

    _showing = True
    try:
        CrashDialog(report, QApplication.activeWindow()).exec()
    finally:
        _showing = False


def install_excepthook() -> None:
    sys.excepthook = handle_exception
    threading.excepthook = lambda args: handle_exception(
        args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback
    )
