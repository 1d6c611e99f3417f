"""Qt names the Documents tab needs beyond ``ui/qt.py``: threads, progress, images, files and printing.

Same rule as ``ui/qt.py``: the UI imports these names from here, never from PySide6 directly.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QLocale, QRunnable, QThreadPool
from PySide6.QtGui import QImage, QPixmap, QTransform
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QDateEdit,
    QFileDialog,
    QListWidget,
    QListWidgetItem,
    QProgressDialog,
    QSpinBox,
)

__all__ = [
    "QAbstractSpinBox",
    "QDate",
    "QDateEdit",
    "QFileDialog",
    "QImage",
    "QListWidget",
    "QListWidgetItem",
    "QLocale",
    "QPixmap",
    "QPrintDialog",
    "QPrinter",
    "QProgressDialog",
    "QRunnable",
    "QSpinBox",
    "QThreadPool",
    "QTransform",
]
