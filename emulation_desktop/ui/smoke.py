"""A hidden switch for the smoke test of the frozen build: start, show the window, quit after N ms.

Set ``EMULATION_DESKTOP_QUIT_AFTER_MS=3000`` and start the program normally: the window opens as it
would for a clerk, and after that many milliseconds it is closed the ordinary way (``close()``, so the
close handler runs: settings saved, closing backup taken) and the event loop ends. ``installer/
smoke_test.py`` uses it to prove the packaged Qt, its platform plugin and every window module load.
Unset, or not a positive whole number, it does nothing.
"""

from __future__ import annotations

import logging
import os

from emulation_desktop.ui.qt import QApplication, QTimer, QWidget

log = logging.getLogger(__name__)

ENV_QUIT_AFTER_MS = "EMULATION_DESKTOP_QUIT_AFTER_MS"
SMOKE_MARK = "smoke: window shown, closing"  # the smoke test looks for this line in the output


def quit_after_ms() -> int | None:
    """The delay asked for in the environment, or None."""
    text = os.environ.get(ENV_QUIT_AFTER_MS, "").strip()
    return int(text) if text.isdigit() and int(text) > 0 else None


def quit_later_if_asked(app: QApplication, window: QWidget) -> None:
    """If asked, close ``window`` and quit ``app`` after the delay."""
    delay = quit_after_ms()
    if delay is None:
        return

    def finish() -> None:
        print(f"{SMOKE_MARK} (visible={window.isVisible()})", flush=True)
        log.info(SMOKE_MARK)
        window.close()
        app.quit()

    QTimer.singleShot(delay, finish)
