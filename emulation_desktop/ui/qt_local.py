"""Qt names used only by the data-safety screens: local sockets (one running copy) and the folder chooser.

Kept beside ``qt.py`` in the same spirit: the rest of the UI imports these names from here, never from
PySide6 directly.
"""

from __future__ import annotations

from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QFileDialog

__all__ = ["QFileDialog", "QLocalServer", "QLocalSocket"]
