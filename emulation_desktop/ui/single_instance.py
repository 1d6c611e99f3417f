"""Bring the first window to the front when the app is started a second time on the same data folder.

The first copy listens on a local socket named after the data folder (a hash of its path); the second,
refused by the instance lock, connects, sends ``raise`` and exits. The lock itself is the OS-held
``InstanceLock``: this socket only carries the courtesy of showing the window already open.

QtNetwork is imported when a server or a socket is made: the server after the first paint
(``ui.app.after_first_paint``), the socket only by a second copy; the first paint does not wait for it.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from emulation_desktop.ui.qt import QObject, QWidget, Signal, qconnect

if TYPE_CHECKING:
    from emulation_desktop.ui.qt import QLocalSocket

log = logging.getLogger(__name__)

RAISE = b"raise\n"
TIMEOUT_MS = 1000


def server_name(folder: Path) -> str:
    """The same name for the same data folder, whichever way its path was spelled."""
    import hashlib  # when the listener starts, after the first paint

    key = str(Path(folder).resolve()).casefold()
    return "emulation-desktop-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


class RaiseServer(QObject):
    """Listens for a second copy's request; ``raise_requested`` brings the parent window forward."""

    raise_requested = Signal()

    def __init__(self, folder: Path, parent: QObject | None = None) -> None:
        from emulation_desktop.ui.qt import QLocalServer

        super().__init__(parent)
        self.name = server_name(folder)
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not self.server.listen(self.name):
            # A socket file left by a crashed copy: we hold the instance lock, so it is ours to remove.
            QLocalServer.removeServer(self.name)
            if not self.server.listen(self.name):
                log.warning("cannot listen on %s: %s", self.name, self.server.errorString())
        if self.server.isListening():
            log.info("listening for a second copy on %s", self.name)
        qconnect(self.server.newConnection, self._accept)
        qconnect(self.raise_requested, self._raise_parent)

    def _raise_parent(self) -> None:
        window = self.parent()
        if isinstance(window, QWidget):
            bring_to_front(window)

    @property
    def listening(self) -> bool:
        return self.server.isListening()

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            qconnect(socket.readyRead, lambda s=socket: self._read(s))
            qconnect(socket.disconnected, socket.deleteLater)
            if socket.bytesAvailable():
                self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        data = bytes(socket.readAll().data())
        if b"raise" in data:
            log.info("a second copy asked this window to come forward")
            self.raise_requested.emit()
        socket.disconnectFromServer()

    def close(self) -> None:
        self.server.close()


def request_raise(folder: Path, timeout_ms: int = TIMEOUT_MS) -> bool:
    """From the second copy: ask the first to show its window. False when nobody answered."""
    from emulation_desktop.ui.qt import QLocalSocket

    socket = QLocalSocket()
    socket.connectToServer(server_name(folder))
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(RAISE)
    sent = socket.waitForBytesWritten(timeout_ms)
    socket.disconnectFromServer()
    if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
        socket.waitForDisconnected(timeout_ms)
    return sent


def bring_to_front(window: QWidget) -> None:
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()
