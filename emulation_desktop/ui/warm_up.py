"""After the first paint: load what the editors need, a step per event-loop turn.

The window opens on plain sqlite3 reads (``storage.plain``) so that the clerk sees it and its figures
sooner. The ORM, the models and the data file's engine are loaded just after, while the clerk reads the
Overview, so that the first tab opened does not pay for them. Each step is one event-loop turn: between
steps the window answers input. Nothing here changes data; were a step to fail, the same import happens
again, and reports its error, when a tab first needs it.

The steps begin a moment after the first paint (``AFTER_MS``), not on the very next turn: importing
SQLAlchemy is one step of about a third of a second that nothing can cut short, so begun at once it
froze the window just shown, and held up a close asked for in that instant (a start to look and quit
then waited for an ORM it never used). A clerk reads the Overview for longer than that; a tab opened
sooner imports what it needs itself.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable

from emulation_desktop.storage.database import Database
from emulation_desktop.ui.qt import QTimer

log = logging.getLogger(__name__)

AFTER_MS = 300  # from the first paint to the first step

# Heaviest first: SQLAlchemy's core, its ORM, our mapped classes, the operations every editor uses.
MODULES = (
    "sqlalchemy",
    "sqlalchemy.orm",
    "emulation_desktop.domain.models",
    "emulation_desktop.operations.records",
)


def start(db: Database, done: Callable[[], None] | None = None, after_ms: int = AFTER_MS) -> None:
    """Arm the steps, the first ``after_ms`` from now; ``done`` is called after the last one."""
    steps: list[Callable[[], object]] = [lambda name=name: importlib.import_module(name) for name in MODULES]
    steps.append(lambda: db.engine)  # the engine and its pragmas, made before the first session

    def next_step() -> None:
        if not steps:
            log.info("editors ready")
            if done is not None:
                done()
            return
        step = steps.pop(0)
        try:
            step()
        except Exception:  # the tab that needs it will import it again and show the error then
            log.exception("warm-up step failed")
        QTimer.singleShot(0, next_step)

    QTimer.singleShot(after_ms, next_step)
