"""The settings dialog: the window language (applied at the next start)."""

from __future__ import annotations

from emulation_desktop.locale.i18n import _
from emulation_desktop.ui import settings
from emulation_desktop.ui.dialogs import ok_cancel
from emulation_desktop.ui.qt import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QWidget,
)

# Each language is named in itself, so a clerk who chose the wrong one can still find their own.
LANGUAGE_NAMES = (("vi", "Tiếng Việt"), ("en", "English"))


class SettingsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Settings"))
        layout = QFormLayout(self)
        self.language = QComboBox()
        self.language.setObjectName("language")
        self.language.setToolTip(_("The language of the window's menus, buttons and messages"))
        for code, name in LANGUAGE_NAMES:
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(self.language.findData(settings.language()), 0))
        layout.addRow(_("Language:"), self.language)
        note = QLabel(_("A new language applies the next time the application starts."))
        note.setWordWrap(True)
        layout.addRow(note)
        buttons = ok_cancel(self, _("OK"))
        layout.addRow(buttons)

    def accept(self) -> None:
        settings.put("language", self.language.currentData())
        super().accept()
