"""Python's cycle collector, paused while the program starts.

The start's imports (PySide's modules, the window's, the enums PySide builds) make hundreds of
thousands of objects, and the collector walked them again and again as they were made: about 14 ms of
the window's first paint (docs/startup.md). Nothing a start makes is garbage worth collecting then.
``main`` pauses the collector first of all; the window resumes it on its first event-loop turn
(``ui.app.after_first_paint``), and a command before it runs. Only a pause made here is undone, so a
caller that had turned the collector off keeps it off.
"""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    """Stop automatic collection until ``resume`` (nothing is done if it is already off)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """Collect automatically again, if ``pause`` stopped it."""
    global _paused
    if _paused:
        _paused = False
        gc.enable()
