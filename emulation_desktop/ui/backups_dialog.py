"""The Backups window (File → Backups...): the kept copies by date with their size and record counts;
back up now, restore one after a confirmation, or save a copy to a USB stick."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from emulation_desktop import paths
from emulation_desktop.domain.record_kinds import KINDS
from emulation_desktop.errors import AppError
from emulation_desktop.exchange import drives
from emulation_desktop.locale import formatting
from emulation_desktop.locale.i18n import _
from emulation_desktop.storage.backup import BackupInfo, list_backups, save_backup_to
from emulation_desktop.ui import dialogs
from emulation_desktop.ui.list_model import ListTableModel
from emulation_desktop.ui.qt import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    Qt,
    QTableView,
    QVBoxLayout,
    QWidget,
    qconnect,
)
from emulation_desktop.ui.text_table import keyboard_and_copy

if TYPE_CHECKING:
    from emulation_desktop.ui.safety_actions import SafetyActions

_TABLE_LABELS = {kind.model.__tablename__: kind.label for kind in KINDS.values()}


def reason_label(reason: str) -> str:
    if reason == "manual":
        return _("Made by hand")
    if reason == "auto":
        return _("Automatic (every 30 minutes)")
    if reason == "close":
        return _("When the application closed")
    if reason == "before-restore":
        return _("Before a restore")
    if reason.startswith("before-migration"):
        return _("Before an upgrade")
    if reason.startswith("before-import"):
        return _("Before a package import")
    return reason


def when_text(at: datetime) -> str:
    return f"{at:%H:%M} {formatting.format_date(at.date())}"


def size_text(size: int) -> str:
    if size < 1024 * 1024:
        return _("{n} KB").format(n=formatting.format_number(max(1, round(size / 1024))))
    return _("{n} MB").format(n=formatting.format_number(size / (1024 * 1024), 1))


def counts_text(counts: dict[str, int]) -> str:
    """ "Hoạt động hỗ trợ: 12; Ủng hộ quỹ: 3; ..." (the clerk's record kinds, not table names)."""
    if not counts:
        return _("(cannot be read)")
    if not any(counts.values()):
        return _("no records")
    return "; ".join(
        f"{_(_TABLE_LABELS.get(table, table))}: {formatting.format_number(n)}"
        for table, n in counts.items()
        if n
    )


def describe(info: BackupInfo) -> str:
    """One sentence naming a backup: when it was taken and what it holds."""
    return _("the backup taken at {time} on {date} ({counts})").format(
        time=f"{info.taken_at:%H:%M}",
        date=formatting.format_date(info.taken_at.date()),
        counts=counts_text(info.record_counts()),
    )


class BackupsModel(ListTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__([_("Taken at"), _("Why"), _("Size"), _("Records")], parent)

    def set_backups(self, backups: list[BackupInfo]) -> None:
        self.set_rows([(info, counts_text(info.record_counts())) for info in backups])

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        info, counts = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (when_text(info.taken_at), reason_label(info.reason), size_text(info.size), counts)[
                index.column()
            ]
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(info.path)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class BackupsDialog(QDialog):
    def __init__(self, safety: SafetyActions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.safety = safety
        self.setObjectName("backups_dialog")
        self.setWindowTitle(_("Backups"))
        self.resize(900, 480)
        intro = QLabel(
            _(
                "A backup is taken when the application closes and every 30 minutes while you work. "
                "Each copy is checked before it is kept: the last day's copies, then one a day for a week, "
                "one a week for a month and one a month for a year."
            )
        )
        intro.setWordWrap(True)
        self.model = BackupsModel(self)
        self.table = QTableView()
        self.table.setObjectName("backups_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        keyboard_and_copy(self.table)
        header = self.table.horizontalHeader()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.empty = QLabel(_("There is no backup yet. Press “Back up now” to make the first one."))
        self.empty.setWordWrap(True)

        self.backup_now = QPushButton(_("Back up now"))
        self.backup_now.setObjectName("backup_now")
        self.restore = QPushButton(_("Restore..."))
        self.restore.setObjectName("restore")
        self.to_usb = QPushButton(_("Save a backup to USB..."))
        self.to_usb.setObjectName("save_to_usb")
        self.table.setToolTip(_("One backup per row; point at a row to see its file"))
        self.backup_now.setToolTip(_("Make a copy of the data now and check it"))
        self.restore.setToolTip(
            _("Replace the current data by the chosen backup; the current data is backed up first")
        )
        self.to_usb.setToolTip(_("Copy a backup to a USB stick or another folder, and check the copy"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        qconnect(buttons.rejected, self.reject)
        row = QHBoxLayout()
        for button in (self.backup_now, self.restore, self.to_usb):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(row)
        qconnect(self.backup_now.clicked, self.take_now)
        qconnect(self.restore.clicked, self.restore_selected)
        qconnect(self.to_usb.clicked, self.save_to_usb)
        qconnect(self.table.selectionModel().selectionChanged, lambda *_args: self._update_buttons())
        self.reload()

    @property
    def folder(self) -> Path:
        return paths.backups_dir(self.safety.data_folder)

    def reload(self) -> None:
        self.model.set_backups(list_backups(self.folder))
        self.table.resizeRowsToContents()
        self.empty.setVisible(not self.model.rows)
        if self.model.rows:
            self.table.selectRow(0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.restore.setEnabled(self.selected() is not None)

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()][0] if rows else None

    def take_now(self) -> None:
        info = self.safety.autobackup.take("manual")
        self.reload()
        if info is not None:
            self.safety.window.statusBar().showMessage(_("Backup made and checked."), 5000)

    def restore_selected(self) -> None:
        info = self.selected()
        if info is None:
            return
        question = _(
            "Replace the current data by {backup}?\n\n"
            "The current data is backed up first, so nothing is lost: it appears in this list and can "
            "be restored in turn."
        ).format(backup=describe(info))
        if not dialogs.confirm(self, question):
            return
        if self.safety.restore(info):
            self.reload()

    def choose_folder(self, start: Path) -> Path | None:
        """Ask where to save (a test replaces this)."""
        chosen = QFileDialog.getExistingDirectory(self, _("Choose the USB stick or folder"), str(start))
        return Path(chosen) if chosen else None

    def save_to_usb(self) -> Path | None:
        targets = drives.candidate_targets()
        start = targets[0].path if targets else Path.home()
        folder = self.choose_folder(start)
        if folder is None:
            return None
        stamp = datetime.now().strftime("%Y%m%d-%H%M")
        target = folder / f"sao-luu-thi-dua-{stamp}.sqlite3"
        number = 2
        while target.exists():
            target = folder / f"sao-luu-thi-dua-{stamp}-{number}.sqlite3"
            number += 1
        try:
            save_backup_to(self.safety.db_path, target)
        except AppError as exc:
            dialogs.warn(self, exc.message)
            return None
        dialogs.inform(self, _("The backup was saved and checked: {path}").format(path=target))
        return target
