"""Small modal questions and warnings, in one place so tests can replace them with a patched answer.

Button texts are set explicitly from our catalog as well as through the translator: a message box is
the one place an untranslated "Yes" would do real harm.
"""

from __future__ import annotations

from emulation_desktop.locale.i18n import N_, _
from emulation_desktop.ui.qt import QMessageBox, QWidget

APP_TITLE_MSGID = N_("Emulation records")


def message_box(
    parent: QWidget | None, icon: QMessageBox.Icon, text: str, *, question: bool = False
) -> QMessageBox:
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
    message_box(parent, QMessageBox.Icon.Warning, text).exec()


def inform(parent: QWidget | None, text: str) -> None:
    message_box(parent, QMessageBox.Icon.Information, text).exec()


def confirm(parent: QWidget | None, text: str) -> bool:
    box = message_box(parent, QMessageBox.Icon.Question, text, question=True)
    return box.exec() == QMessageBox.StandardButton.Yes
