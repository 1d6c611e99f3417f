"""Where to save a document: USB sticks first, then the usual folders, or another folder the clerk picks."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from emulation_desktop.exchange import drives
from emulation_desktop.exchange.safe_save import safe_filename
from emulation_desktop.locale.i18n import _
from emulation_desktop.ui import dialogs
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


def target_text(target: drives.Target) -> str:
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
    """The list of places (USB first), the file name, and "Choose another folder…"."""

    def __init__(self, proposed_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("save_dialog")
        self.setWindowTitle(_("Save to USB"))
        self.resize(620, 360)
        layout = QVBoxLayout(self)
        intro = QLabel(_("Plug in the USB stick, choose where to save, then press Save."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.places = QListWidget()
        self.places.setObjectName("places")
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
        """Fill the list (again, after the clerk plugged a stick in): removable drives come first."""
        self.targets = drives.candidate_targets()
        self.places.clear()
        for target in self.targets:
            item = QListWidgetItem(target_text(target))
            item.setData(Qt.ItemDataRole.UserRole, str(target.path))
            self.places.addItem(item)
        if self.places.count():
            self.places.setCurrentRow(0)
        self.no_usb.setVisible(not any(t.removable for t in self.targets))

    def _file_name(self) -> str:
        name = self.name.text().strip() or "tai-lieu.pdf"
        return safe_filename(name if name.lower().endswith(".pdf") else f"{name}.pdf")

    def choose_other(self) -> None:
        folder = pick_folder(self)
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


def choose_target(parent: QWidget | None, proposed_name: str) -> Choice | None:
    """Ask where to save (tests replace this function with a patched answer)."""
    dialog = SaveDialog(proposed_name, parent)
    return dialog.chosen if dialog.exec() else None
