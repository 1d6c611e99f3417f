"""Choosing a file to open (USB sticks first) and where to save a file of a given type (the USB save
dialog): what the Data exchange tab, the keys panel and the spreadsheet dialogs share.

The open dialogs' filters are built here only, from the kinds of file the app reads: a translated name
and its patterns (kept out of the translation, so that no catalog can break them), "All files" last.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from emulation_desktop.exchange import drives
from emulation_desktop.exchange.safe_save import safe_filename
from emulation_desktop.locale.i18n import N_, _
from emulation_desktop.ui import save_target
from emulation_desktop.ui.qt import QFileDialog, QWidget


@dataclass(frozen=True)
class FileKind:
    label: str  # English source string, shown translated
    patterns: tuple[str, ...]

    def name_filter(self) -> str:
        """The dialog's line for this kind: "Gói dữ liệu (*.zip)"."""
        return f"{_(self.label)} ({' '.join(self.patterns)})"


# What each reader accepts: a package is a zip (exchange.package_format); a key card is JSON
# (exchange.keys); a list is an Excel workbook, with or without macros, or a CSV text
# (exchange.spreadsheet_import reads a zip as a workbook and anything else as CSV).
PACKAGES = FileKind(N_("Data packages"), ("*.zip",))
KEY_CARDS = FileKind(N_("Key cards"), ("*.json",))
SPREADSHEETS = FileKind(N_("Excel or CSV lists"), ("*.xlsx", "*.xlsm", "*.csv"))
EXCEL = FileKind(N_("Excel workbooks"), ("*.xlsx", "*.xlsm"))
CSV = FileKind(N_("CSV lists"), ("*.csv",))
ALL_FILES = FileKind(N_("All files"), ("*",))


def name_filters(*kinds: FileKind) -> list[str]:
    """The filter lines of an open dialog: the kinds asked for, in order, then every file."""
    return [kind.name_filter() for kind in (*kinds, ALL_FILES)]


def start_folder() -> str:
    """Where an open dialog starts: the first USB stick, else the home folder."""
    removable = drives.removable_targets()
    return str(removable[0].path) if removable else str(Path.home())


def choose_open_file(parent: QWidget | None, title: str, *kinds: FileKind) -> str:
    """An open-file dialog with our texts, starting on the USB stick and showing files of ``kinds``
    first (the clerk can switch to every file). Empty when cancelled."""
    dialog = QFileDialog(parent, title, start_folder())
    dialog.setNameFilters(name_filters(*kinds))
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    return save_target.run_file_dialog(dialog, _("File:"), _("Open"))


class _TypedSaveDialog(save_target.SaveDialog):
    """The USB save dialog for a file type other than PDF (a package, a key card, a workbook)."""

    def __init__(
        self, proposed_name: str, suffix: str, parent: QWidget | None = None, last_folder: Path | None = None
    ) -> None:
        self.suffix = suffix
        super().__init__(proposed_name, parent, last_folder)

    def _file_name(self) -> str:
        name = self.name.text().strip() or f"tep{self.suffix}"
        return safe_filename(name if name.lower().endswith(self.suffix) else f"{name}{self.suffix}")


def choose_save_target(
    parent: QWidget | None, proposed_name: str, suffix: str, *, data_folder: Path | None = None
) -> save_target.Choice | None:
    """Ask where to save a file ending in ``suffix``, offering first the folder last saved to from
    ``data_folder`` (tests replace this function with an answer)."""
    last = save_target.last_folder(data_folder)
    return save_target.ask(_TypedSaveDialog(proposed_name, suffix, parent, last), data_folder)
