"""Where to save a document: the folder saved to last time, USB sticks, then the usual folders, or
another folder the clerk picks. The last folder is remembered per data folder (``ui.settings``)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from emulation_desktop.exchange import drives
from emulation_desktop.exchange.safe_save import safe_filename
from emulation_desktop.locale.i18n import _
from emulation_desktop.ui import dialogs, settings
from emulation_desktop.ui.qt import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    qconnect,
)


@dataclass(frozen=True)
class Choice:
    folder: Path
    name: str


def target_text(target: drives.Target, last: bool = False) -> str:
    if last:
        return _("Folder saved to last time “{label}” ({path})").format(label=target.label, path=target.path)
    if target.removable:
        return _("USB drive “{label}” ({path})").format(label=target.label, path=target.path)
    return _("Folder “{label}” on this computer ({path})").format(label=target.label, path=target.path)


def run_file_dialog(dialog: QFileDialog, name_label: str, accept_label: str) -> str:
    """Show a Qt file dialog with our texts; the chosen path, empty when cancelled."""
    if os.name != "nt":  # Windows' own dialog speaks the system's language; Qt's needs our labels
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    for label, text in (
        (QFileDialog.DialogLabel.LookIn, _("Look in:")),
        (QFileDialog.DialogLabel.FileName, name_label),
        (QFileDialog.DialogLabel.FileType, _("Show:")),
        (QFileDialog.DialogLabel.Accept, accept_label),
        (QFileDialog.DialogLabel.Reject, _("Cancel")),
    ):
        dialog.setLabelText(label, text)
    if not dialog.exec():
        return ""
    chosen = dialog.selectedFiles()
    return chosen[0] if chosen else ""


def pick_folder(parent: QWidget | None, start: str = "") -> str:
    """A folder chooser with our texts (Qt has no Vietnamese of its own). Empty when cancelled."""
    dialog = QFileDialog(parent, _("Choose the folder to save in"), start or str(Path.home()))
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    return run_file_dialog(dialog, _("Folder:"), _("Choose"))


class SaveDialog(QDialog):
    """The list of places (the last folder saved to, then USB), the file name, and "Choose another
    folder…"."""

    def __init__(
        self,
        proposed_name: str,
        parent: QWidget | None = None,
        last_folder: Path | None = None,
        suffix: str = ".pdf",
    ) -> None:
        super().__init__(parent)
        self.last_folder = last_folder
        self.suffix = suffix  # the file's kind: ".pdf", or ".docx" for a Word file
        self.setObjectName("save_dialog")
        self.setWindowTitle(_("Save to USB"))
        self.resize(620, 360)
        layout = QVBoxLayout(self)
        intro = QLabel(_("Plug in the USB stick, choose where to save, then press Save."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.places = QListWidget()
        self.places.setObjectName("places")
        self.places.setToolTip(_("Where the file is saved: double-click a place to save there at once."))
        self.targets: list[drives.Target] = []
        self.no_usb = QLabel(
            _("No USB stick was found. Plug one in and press Look again, or choose a folder.")
        )
        self.no_usb.setObjectName("no_usb")
        self.no_usb.setWordWrap(True)
        self.no_usb.setStyleSheet("color: #7a4b00;")
        layout.addWidget(self.no_usb)
        layout.addWidget(self.places, 1)
        row = QFormLayout()
        self.name = QLineEdit(safe_filename(proposed_name))
        self.name.setObjectName("file_name")
        self.name.setToolTip(
            _("The file's name on the stick; letters without accents, so that every computer can open it.")
        )
        name_label = QLabel(_("File name:"))
        name_label.setBuddy(self.name)
        row.addRow(name_label, self.name)
        layout.addLayout(row)
        buttons = QDialogButtonBox()
        self.rescan = QPushButton(_("Look again"))
        self.other = QPushButton(_("Choose another folder…"))
        self.save = QPushButton(_("Save"))
        self.save.setDefault(True)
        cancel = QPushButton(_("Cancel"))
        self.rescan.setToolTip(_("Look for USB sticks again, after plugging one in"))
        self.other.setToolTip(_("Choose any folder on this computer or on a stick"))
        self.save.setToolTip(_("Save the file in the chosen place and check it"))
        cancel.setToolTip(_("Close without saving"))
        buttons.addButton(self.rescan, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.other, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
        layout.addWidget(buttons)
        qconnect(self.rescan.clicked, lambda _checked=False: self.look_again())
        qconnect(self.other.clicked, lambda _checked=False: self.choose_other())
        qconnect(self.save.clicked, lambda _checked=False: self.accept_choice())
        qconnect(cancel.clicked, lambda _checked=False: self.reject())
        qconnect(self.places.itemDoubleClicked, lambda _item: self.accept_choice())
        self.chosen: Choice | None = None
        self.look_again()
        self.places.setFocus()

    def look_again(self) -> None:
        """Fill the list (again, after the clerk plugged a stick in): the folder saved to last time
        (while it is there), then removable drives, then the usual folders."""
        found = drives.candidate_targets()
        last = self.last_folder
        self.targets = found
        extra = last is not None and last.is_dir() and all(t.path != last for t in found)
        if extra and last is not None:  # a folder on a stick, say: else it is one of the places found
            self.targets = [drives.Target(last, last.name or str(last), False), *found]
        self.places.clear()
        for row, target in enumerate(self.targets):
            item = QListWidgetItem(target_text(target, last=extra and row == 0))
            item.setData(Qt.ItemDataRole.UserRole, str(target.path))
            self.places.addItem(item)
        if self.places.count():
            rows = [row for row, t in enumerate(self.targets) if t.path == last]
            self.places.setCurrentRow(rows[0] if rows else 0)
        self.no_usb.setVisible(not any(t.removable for t in self.targets))

    def _file_name(self) -> str:
        name = self.name.text().strip() or f"tai-lieu{self.suffix}"
        return safe_filename(name if name.lower().endswith(self.suffix) else f"{name}{self.suffix}")

    def choose_other(self) -> None:
        folder = pick_folder(self, str(self.last_folder or ""))
        if folder:
            self.chosen = Choice(Path(folder), self._file_name())
            self.accept()

    def accept_choice(self) -> None:
        item = self.places.currentItem()
        if item is None:
            dialogs.warn(self, _("Choose a place to save, or press “Choose another folder…”."))
            return
        self.chosen = Choice(Path(item.data(Qt.ItemDataRole.UserRole)), self._file_name())
        self.accept()


def last_folder(data_folder: Path | None) -> Path | None:
    """The folder last saved to from ``data_folder`` (None without a data folder, or when gone)."""
    return settings.last_save_folder(data_folder) if data_folder is not None else None


def ask(dialog: SaveDialog, data_folder: Path | None) -> Choice | None:
    """Show a save dialog; the folder chosen is offered first next time from the same data folder."""
    if not dialog.exec() or dialog.chosen is None:
        return None
    if data_folder is not None:
        settings.remember_save_folder(data_folder, dialog.chosen.folder)
    return dialog.chosen


def choose_target(
    parent: QWidget | None, proposed_name: str, *, data_folder: Path | None = None, suffix: str = ".pdf"
) -> Choice | None:
    """Ask where to save a PDF (or a file ending in ``suffix``), offering first the folder last saved to
    from ``data_folder`` (the window's data folder). Tests replace this function with a patched answer."""
    return ask(SaveDialog(proposed_name, parent, last_folder(data_folder), suffix), data_folder)
