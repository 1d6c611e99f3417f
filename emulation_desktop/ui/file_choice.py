"""Choosing a file to open (USB sticks first) and where to save a file of a given type (the USB save
dialog): what the Data exchange tab, the keys panel and the spreadsheet dialogs share."""

from __future__ import annotations

from pathlib import Path

from emulation_desktop.exchange import drives
from emulation_desktop.exchange.safe_save import safe_filename
from emulation_desktop.locale.i18n import _
from emulation_desktop.ui import save_target
from emulation_desktop.ui.qt import QFileDialog, QWidget


def start_folder() -> str:
    """Where an open dialog starts: the first USB stick, else the home folder."""
    removable = drives.removable_targets()
    return str(removable[0].path) if removable else str(Path.home())


def choose_open_file(parent: QWidget | None, title: str, filters: str) -> str:
    """An open-file dialog with our texts, starting on the USB stick. Empty when cancelled."""
    dialog = QFileDialog(parent, title, start_folder(), filters)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    return save_target.run_file_dialog(dialog, _("File:"), _("Open"))


class _TypedSaveDialog(save_target.SaveDialog):
    """The USB save dialog for a file type other than PDF (a package, a key card, a workbook)."""

    def __init__(self, proposed_name: str, suffix: str, parent: QWidget | None = None) -> None:
        self.suffix = suffix
        super().__init__(proposed_name, parent)

    def _file_name(self) -> str:
        name = self.name.text().strip() or f"tep{self.suffix}"
        return safe_filename(name if name.lower().endswith(self.suffix) else f"{name}{self.suffix}")


def choose_save_target(parent: QWidget | None, proposed_name: str, suffix: str) -> save_target.Choice | None:
    """Ask where to save a file ending in ``suffix`` (tests replace this function with an answer)."""
    dialog = _TypedSaveDialog(proposed_name, suffix, parent)
    return dialog.chosen if dialog.exec() else None
