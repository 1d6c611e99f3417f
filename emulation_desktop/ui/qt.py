"""Every Qt name the UI uses, imported in one place (so a Qt upgrade or binding swap touches one file)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QCoreApplication,
    QDate,
    QEvent,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QRunnable,
    QSettings,
    QSize,
    QStringListModel,
    QThreadPool,
    QTimer,
    QTranslator,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QIcon,
    QImage,
    QKeySequence,
    QPainter,
    QPalette,
    QPen,
    QPixmap,
    QShortcut,
    QTextDocument,
    QTransform,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QStatusBar,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)
from shiboken6 import isValid  # whether a widget's C++ side still exists (ui/background.py)

if TYPE_CHECKING:
    from PySide6.QtCore import Qt
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

# Names loaded when first used, so that the window opens without them. Printing is rare. ``Qt`` (the
# namespace of flags and enums) takes ~40 ms to build, more than the window's other names together: the
# modules the window opens with import it inside the functions that use it, not at their top.
_LAZY = {
    "QPrintDialog": "PySide6.QtPrintSupport",
    "QPrinter": "PySide6.QtPrintSupport",
    "Qt": "PySide6.QtCore",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def qconnect(signal: Any, slot: Callable[..., Any]) -> None:
    """Connect a signal to a slot (one typed spelling for the whole UI)."""
    signal.connect(slot)


__all__ = [
    "QAbstractButton",
    "QAbstractItemView",
    "QAbstractSpinBox",
    "QAbstractTableModel",
    "QAction",
    "QApplication",
    "QButtonGroup",
    "QByteArray",
    "QCheckBox",
    "QColor",
    "QComboBox",
    "QCompleter",
    "QCoreApplication",
    "QDate",
    "QDateEdit",
    "QDialog",
    "QDialogButtonBox",
    "QEvent",
    "QFileDialog",
    "QFont",
    "QFontDatabase",
    "QFormLayout",
    "QFrame",
    "QGridLayout",
    "QGroupBox",
    "QGuiApplication",
    "QHBoxLayout",
    "QHeaderView",
    "QIcon",
    "QImage",
    "QKeySequence",
    "QLabel",
    "QLineEdit",
    "QListWidget",
    "QListWidgetItem",
    "QLocalServer",
    "QLocalSocket",
    "QLocale",
    "QMainWindow",
    "QMenu",
    "QMessageBox",
    "QModelIndex",
    "QObject",
    "QPainter",
    "QPalette",
    "QPen",
    "QPersistentModelIndex",
    "QPixmap",
    "QPlainTextEdit",
    "QPrintDialog",
    "QPrinter",
    "QProgressBar",
    "QProgressDialog",
    "QPushButton",
    "QRadioButton",
    "QRect",
    "QRunnable",
    "QScrollArea",
    "QSettings",
    "QShortcut",
    "QSize",
    "QSizePolicy",
    "QSpinBox",
    "QSplitter",
    "QStatusBar",
    "QStringListModel",
    "QTabWidget",
    "QTableView",
    "QTextBrowser",
    "QTextDocument",
    "QThreadPool",
    "QTimer",
    "QToolBar",
    "QToolButton",
    "QTransform",
    "QTranslator",
    "QUndoCommand",
    "QUndoStack",
    "QVBoxLayout",
    "QWidget",
    "QWizard",
    "QWizardPage",
    "Qt",
    "Signal",
    "isValid",
    "qconnect",
]
