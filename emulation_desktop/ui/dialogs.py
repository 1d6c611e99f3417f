"""Small modal questions and warnings, in one place so tests can replace them with a patched answer.

Button texts are set explicitly from our catalog as well as through the translator: a message box is
the one place an untranslated "Yes" would do real harm.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from emulation_desktop.locale.i18n import N_, _
from emulation_desktop.ui.qt import qconnect

if TYPE_CHECKING:
    from emulation_desktop.ui.qt import QDialog, QDialogButtonBox, QLabel, QMessageBox, QWidget

# Qt's dialog classes are imported where they are used: this module is imported by the window's first
# modules, and building the message box's and button box's classes and enums cost ~4 ms of every start
# that shows none (docs/startup.md).

APP_TITLE_MSGID = N_("Emulation records")
ERROR_STYLE = "color: #b00020;"  # every refusal shown in a window or a dialog


def error_label(name: str = "error", *, hidden: bool = True) -> QLabel:
    """A line for a refusal's message, in red and wrapped; ``hidden`` until there is one."""
    from emulation_desktop.ui.qt import QLabel

    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    if hidden:
        label.hide()
    return label


def refuse(label: QLabel, text: str, field: QWidget) -> None:
    """Show a refusal on its ``error_label`` and put the clerk back in the ``field`` to correct; the
    dialog stays open."""
    label.setText(text)
    label.show()
    field.setFocus()


def ok_cancel(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    """A dialog's OK (named for what it does) and Cancel, in our words, wired to accept and reject."""
    from emulation_desktop.ui.qt import QDialogButtonBox

    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
    qconnect(buttons.accepted, dialog.accept)
    qconnect(buttons.rejected, dialog.reject)
    return buttons


def message_box(
    parent: QWidget | None, icon: QMessageBox.Icon, text: str, *, question: bool = False
) -> QMessageBox:
    from emulation_desktop.ui.qt import QMessageBox

    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(_(APP_TITLE_MSGID))
    box.setText(text)
    if question:
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.button(QMessageBox.StandardButton.Yes).setText(_("Yes"))
        box.button(QMessageBox.StandardButton.No).setText(_("No"))
        box.setDefaultButton(QMessageBox.StandardButton.No)
    else:
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.button(QMessageBox.StandardButton.Ok).setText(_("OK"))
    return box


def warn(parent: QWidget | None, text: str) -> None:
    from emulation_desktop.ui.qt import QMessageBox

    message_box(parent, QMessageBox.Icon.Warning, text).exec()


def inform(parent: QWidget | None, text: str) -> None:
    from emulation_desktop.ui.qt import QMessageBox

    message_box(parent, QMessageBox.Icon.Information, text).exec()


def confirm(parent: QWidget | None, text: str) -> bool:
    from emulation_desktop.ui.qt import QMessageBox

    box = message_box(parent, QMessageBox.Icon.Question, text, question=True)
    return box.exec() == QMessageBox.StandardButton.Yes
