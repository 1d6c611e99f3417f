"""Long work off the GUI thread: a modal progress dialog if it takes a while, then the result.

Two named doors, after Anki's ``CollectionOp`` and ``QueryOp``; each call site stays one line:

``write(parent, ctx, op, label, kind=..., on_done=...)``
    A change of data: ``op(db)`` runs on the window's ``Database`` (a core function that opens its own
    transaction). Then the views re-read what changed, before ``on_done(result)``: those showing
    records of ``kind`` when it is given (``ctx.records_changed``), else the unit list and every view
    (``ctx.data_changed``: a package applied, the demo loaded, a year submitted).

``read(parent, ctx, query, label, on_done=...)``
    Work whose result only its caller shows (a check, a preview, a file made from the data):
    ``query(db)`` runs, and ``on_done(result)`` gets what it returns; no view re-reads.

Both ride on ``run(parent, work, label, on_done=..., on_error=...)``, for work that needs no database
(making a PDF). Instant reads (a page of records, the places under a unit) are called directly on the
GUI thread, through the core's doors as well.

The work runs on Qt's thread pool and must not touch widgets. When it returns, ``on_done`` gets the
result on the GUI thread. An :class:`AppError` is shown as a plain message (or given to ``on_error``);
anything else is a bug and goes to the application's excepthook, which logs it and shows the crash
dialog.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from emulation_desktop.errors import AppError
from emulation_desktop.locale.i18n import _
from emulation_desktop.ui import dialogs
from emulation_desktop.ui.qt import (
    QObject,
    QRunnable,
    QThreadPool,
    QTimer,
    QWidget,
    Signal,
    qconnect,
)

if TYPE_CHECKING:
    from emulation_desktop.storage.database import Database
    from emulation_desktop.ui.context import AppContext
    from emulation_desktop.ui.qt import QProgressDialog

T = TypeVar("T")

# Quick work finishes without a flicker; anything longer shows the dialog so the clerk knows to wait.
SHOW_AFTER_MS = 300
log = logging.getLogger(__name__)

# Operations in flight, kept alive until they report back (nothing else may hold a reference).
_running: set[Operation] = set()


class _Relay(QObject):
    """Lives on the GUI thread, so its signals, emitted from the worker, arrive there (queued)."""

    succeeded = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.work = work
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.work()
        except BaseException as exc:  # every failure is reported on the GUI thread, none is lost here
            self._report(self.relay.failed, exc)
            return
        self._report(self.relay.succeeded, result)

    @staticmethod
    def _report(signal: Any, value: object) -> None:
        try:
            signal.emit(value)
        except RuntimeError:
            # The window closed while the work ran (its relay is gone): there is no one left to tell,
            # and the work itself finished in its own transaction.
            log.info("long work finished after its window closed")


class Operation(QObject):
    """One piece of long work; see the module docstring. ``finished`` fires after the result is handled."""

    finished = Signal()

    def __init__(
        self,
        parent: QWidget,
        work: Callable[[], Any],
        label: str,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[AppError], None] | None = None,
    ) -> None:
        super().__init__()  # not owned by the widget: the worker may outlive it by a moment
        self.parent_widget = parent
        self.work = work
        self.label = label
        self.on_done = on_done
        self.on_error = on_error
        self.progress: QProgressDialog | None = None
        self.error: BaseException | None = None
        self._relay = _Relay()
        qconnect(self._relay.succeeded, self._succeeded)
        qconnect(self._relay.failed, self._failed)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        qconnect(self._timer.timeout, self._show_progress)

    def start(self) -> Operation:
        _running.add(self)
        self._timer.start(SHOW_AFTER_MS)
        QThreadPool.globalInstance().start(_Job(self.work, self._relay))
        return self

    def _gone(self) -> bool:
        """The widget that asked was deleted meanwhile (its window closed while the work ran)."""
        from emulation_desktop.ui.qt import isValid

        return self.parent_widget is not None and not isValid(self.parent_widget)

    def _show_progress(self) -> None:
        from emulation_desktop.ui.qt import Qt  # see ui/qt.py: Qt's namespace is loaded when used

        if self._gone():
            return
        from emulation_desktop.ui.qt import QProgressDialog  # the dialog classes load when first shown

        dialog = QProgressDialog(self.label, "", 0, 0, self.parent_widget)
        # Deleted with its window: the work's report must then find no dialog to close (found by the
        # monkey, closing the window while a preview was being made).
        qconnect(dialog.destroyed, self._forget_progress)
        dialog.setObjectName("progress")
        dialog.setWindowTitle(_(dialogs.APP_TITLE_MSGID))
        dialog.setCancelButton(None)  # the work cannot be stopped halfway safely; it is short anyway
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.show()
        self.progress = dialog

    def _forget_progress(self, *_args: Any) -> None:
        self.progress = None

    def _close_progress(self) -> None:
        self._timer.stop()
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        _running.discard(self)

    def _succeeded(self, result: Any) -> None:
        self._close_progress()
        try:
            if self.on_done is not None and not self._gone():
                self.on_done(result)
        finally:
            self.finished.emit()

    def _failed(self, exc: BaseException) -> None:
        self._close_progress()
        self.error = exc
        try:
            if isinstance(exc, AppError):
                if self._gone():
                    pass  # nobody left to tell; the work changed nothing it did not finish
                elif self.on_error is not None:
                    self.on_error(exc)
                else:
                    dialogs.warn(self.parent_widget, exc.message)
            else:
                sys.excepthook(type(exc), exc, exc.__traceback__)
        finally:
            self.finished.emit()


def run(
    parent: QWidget,
    work: Callable[[], Any],
    label: str,
    *,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[AppError], None] | None = None,
) -> Operation:
    """Run ``work`` off the GUI thread with a progress dialog; then ``on_done(result)`` on the GUI thread."""
    return Operation(parent, work, label, on_done, on_error).start()


def write(
    parent: QWidget,
    ctx: AppContext,
    op: Callable[[Database], T],
    label: str,
    *,
    kind: str | None = None,
    on_done: Callable[[T], None] | None = None,
    on_error: Callable[[AppError], None] | None = None,
) -> Operation:
    """A change of data, ``op(db)``, off the GUI thread; then the views re-read (see the module
    docstring) and ``on_done(result)``."""
    db = ctx.db  # the database of the moment the clerk asked (a restore may replace ctx.db later)

    def done(result: T) -> None:
        if kind is not None:
            ctx.records_changed.emit(kind)
        else:
            ctx.data_changed.emit()
        if on_done is not None:
            on_done(result)

    return run(parent, lambda: op(db), label, on_done=done, on_error=on_error)


def read(
    parent: QWidget,
    ctx: AppContext,
    query: Callable[[Database], T],
    label: str,
    *,
    on_done: Callable[[T], None],
    on_error: Callable[[AppError], None] | None = None,
) -> Operation:
    """``query(db)`` off the GUI thread; ``on_done(result)`` shows it. No view re-reads."""
    db = ctx.db
    return run(parent, lambda: query(db), label, on_done=on_done, on_error=on_error)


def running() -> bool:
    """Whether any long work is still in flight (the window waits for it before closing)."""
    return bool(_running)


# Relays of quiet work in flight, kept alive until they report back, and their threads.
_quiet: set[_Relay] = set()
_quiet_threads: set[threading.Thread] = set()


def quietly(work: Callable[[], T], on_done: Callable[[T], None]) -> threading.Thread:
    """``work()`` on a thread of its own, with no dialog, and not waited for when the window closes:
    the data file's full check after the first paint (ui/startup.py), which ``Database.close`` stops.
    ``on_done(result)`` runs on the GUI thread; a failure is logged (the work must stop what it guards
    by itself, as ``StartCheck`` refuses changes)."""
    relay = _Relay()
    _quiet.add(relay)

    def succeeded(result: Any) -> None:
        _quiet.discard(relay)
        on_done(result)

    def failed(exc: BaseException) -> None:
        _quiet.discard(relay)
        log.error("background work failed", exc_info=exc)

    qconnect(relay.succeeded, succeeded)
    qconnect(relay.failed, failed)
    thread = threading.Thread(target=_Job(work, relay).run, name="quiet-work", daemon=True)
    _quiet_threads.add(thread)
    thread.start()
    return thread


def stop_quietly(timeout: float = 5.0) -> None:
    """Wait for quiet work still running once the window has closed and its database has told it to
    stop (``Database.close`` cancels the full check; it stops within a few milliseconds). A thread that
    ran on while Qt and the interpreter were torn down would report to objects already gone: a crash
    at exit, one quit in five right after the window showed."""
    for thread in list(_quiet_threads):
        thread.join(timeout)
        if not thread.is_alive():
            _quiet_threads.discard(thread)
