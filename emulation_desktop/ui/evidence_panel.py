"""The "Evidence files" section under a record's form: attach PDFs and photos (a file dialog or a drop
from Explorer), see them with their size and date, open one, save a copy, remove one.

Every action is one core call (operations.evidence, exchange.evidence_files.save_copy); the list is
re-read after each. Opening writes a copy to a temporary folder of this session and hands it to the
system's viewer, so the viewer can never change the kept file. Keys: Enter opens the chosen file,
Delete removes it (after a question: there is no undo for an attachment), Insert attaches.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from emulation_desktop.errors import AppError
from emulation_desktop.exchange.evidence_files import EXTENSIONS, save_copy
from emulation_desktop.exchange.safe_save import safe_filename, safe_to_remove_message
from emulation_desktop.locale.i18n import N_, _
from emulation_desktop.operations import evidence
from emulation_desktop.operations.evidence import Evidence, size_text
from emulation_desktop.ui import dialogs, file_choice
from emulation_desktop.ui.context import AppContext
from emulation_desktop.ui.qt import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QShortcut,
    QSizePolicy,
    Qt,
    QVBoxLayout,
    QWidget,
    qconnect,
)

EVIDENCE_FILES = file_choice.FileKind(
    N_("PDF files and photos"), ("*.pdf", "*.jpg", "*.jpeg", "*.png", "*.webp", "*.PDF", "*.JPG", "*.PNG")
)
# The list's height in rows (more scroll): at 1016×568 the form above keeps room for four fields.
LIST_ROWS = 2


def _local_date(stamp: datetime) -> str:
    """A stored time (UTC) as the date on this computer's calendar."""
    return f"{stamp.replace(tzinfo=UTC).astimezone():%d/%m/%Y}"


class EvidencePanel(QGroupBox):
    """The attachments of the record shown in the form (none while a new record is being typed)."""

    def __init__(self, ctx: AppContext, kind_name: str, parent: QWidget | None = None) -> None:
        super().__init__(_("Evidence files"), parent)
        self.setObjectName("evidence_panel")
        self.ctx = ctx
        self.kind_name = kind_name
        self.record_id: str | None = None
        self.editable = False
        self.items: list[Evidence] = []
        self._temp: Path | None = None
        self.opened: Path | None = None  # the last copy handed to the system's viewer
        self.setAcceptDrops(True)

        self.list = QListWidget()
        self.list.setObjectName("evidence_list")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setAlternatingRowColors(True)
        # In a third of a small screen: a long name gives way in its middle (the start and the size and
        # date stay), never behind a sideways scroll bar; the whole line is in the tooltip.
        self.list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.row_height = self.list.fontMetrics().height() + 6
        self.list.setToolTip(_("Enter opens the chosen file; Delete removes it from the record"))
        self.hint = QLabel()
        self.hint.setObjectName("evidence_hint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555;")
        self.attach_button = self._button(_("Attach…"), "evidence_attach")
        self.attach_tip = _(
            "Attach PDF files or photos (JPEG, PNG, WebP) to this record, at most 20 MB each (Insert)"
        )
        self.attach_button.setToolTip(self.attach_tip)
        self.open_button = self._button(_("Open"), "evidence_open")
        self.save_button = self._button(_("Save a copy…"), "evidence_save")
        self.remove_button = self._button(_("Remove file"), "evidence_remove")
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.attach_button, self.open_button, self.save_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 2)
        layout.setSpacing(2)
        layout.addWidget(self.list)
        layout.addWidget(self.hint)
        layout.addLayout(buttons)

        qconnect(self.attach_button.clicked, lambda _checked=False: self.choose_and_attach())
        qconnect(self.open_button.clicked, lambda _checked=False: self.open_current())
        qconnect(self.save_button.clicked, lambda _checked=False: self.save_current())
        qconnect(self.remove_button.clicked, lambda _checked=False: self.remove_current())
        qconnect(self.list.itemActivated, lambda _item: self.open_current())  # Enter or a double click
        qconnect(self.list.currentRowChanged, lambda _row: self._apply_state())
        remove = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.list)
        remove.setContext(Qt.ShortcutContext.WidgetShortcut)
        qconnect(remove.activated, self.remove_current)
        insert = QShortcut(QKeySequence("Ins"), self.list)
        insert.setContext(Qt.ShortcutContext.WidgetShortcut)
        qconnect(insert.activated, self.choose_and_attach)
        self._apply_state()

    def widgets(self) -> tuple[QWidget, ...]:
        """The section's widgets in the order Tab reaches them."""
        return (self.list, self.attach_button, self.open_button, self.save_button, self.remove_button)

    def _button(self, text: str, name: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAutoDefault(False)
        # As wide as its words, not the style's 80 px: four fit the form's third of a 1016 px window.
        button.setMinimumWidth(button.fontMetrics().horizontalAdvance(text) + 18)
        button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        return button

    # --- state ---------------------------------------------------------------------------------------

    def set_record(self, record_id: str | None, editable: bool) -> None:
        """Show the attachments of ``record_id`` (None: a new record, not saved yet)."""
        self.record_id, self.editable = record_id, editable
        self.refresh()

    def refresh(self, keep_id: str | None = None) -> None:
        self.items = (
            evidence.list_evidence(self.ctx.db, self.kind_name, self.record_id) if self.record_id else []
        )
        self.list.clear()
        for item in self.items:
            added = _local_date(item.added_at)
            line = f"{item.file_name}  ·  {size_text(item.size)}  ·  {added}"
            entry = QListWidgetItem(line)
            entry.setToolTip(
                _("{name}: {size}, attached on {date} by {user}").format(
                    name=item.file_name,
                    size=size_text(item.size),
                    date=added,
                    user=item.added_by or "–",
                )
            )
            self.list.addItem(entry)
        chosen = next((i for i, item in enumerate(self.items) if item.id == keep_id), 0 if self.items else -1)
        self.list.setCurrentRow(chosen)
        # As tall as its files (up to LIST_ROWS), and gone while there are none: the form above keeps
        # its room on a 1024×600 screen (tests/ui/test_small_screens.py).
        self.list.setFixedHeight(self.row_height * min(max(len(self.items), 1), LIST_ROWS) + 6)
        self.list.setVisible(bool(self.items))
        self._apply_state()

    def _apply_state(self) -> None:
        has_record = self.record_id is not None
        chosen = self.current() is not None
        self.attach_button.setEnabled(has_record and self.editable)
        self.open_button.setEnabled(chosen)
        self.save_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen and self.editable)
        if not has_record:
            hint = _("Save the record first, then attach its files.")
        elif not self.items:
            hint = (
                _("No file yet. Attach scanned minutes or photos (PDF, JPEG, PNG), or drop them here.")
                if self.editable
                else _("No file is attached to this record.")
            )
        else:
            hint = ""
        # The hint goes on the Attach button and in the title: a line of its own would take the form's
        # room on a 1024×600 screen (tests/ui/test_small_screens.py).
        self.attach_button.setToolTip(hint or self.attach_tip)
        count = len(self.items)
        self.setTitle(
            _("Evidence files ({count})").format(count=count) if count else _("Evidence files (none yet)")
        )
        self.hint.setText(hint)
        self.hint.setVisible(False)

    def current(self) -> Evidence | None:
        row = self.list.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    # --- actions -------------------------------------------------------------------------------------

    def choose_and_attach(self) -> None:
        if self.record_id is None or not self.editable:
            return
        path = file_choice.choose_open_file(self, _("Choose the evidence file to attach"), EVIDENCE_FILES)
        if path:
            self.attach_files([path])

    def attach_files(self, paths: list[str | Path]) -> None:
        """Attach each file, one core call each; a refused one says why and the others still go in."""
        if self.record_id is None or not self.editable:
            return
        last = None
        for path in paths:
            try:
                last = evidence.attach(self.ctx.db, self.kind_name, self.record_id, path, user=self.ctx.user)
            except AppError as exc:
                self.ctx.error.emit(exc.message)
                continue
            self.ctx.saved(_("Attached: {name}").format(name=last.file_name))
        self.refresh(last.id if last else None)

    def open_current(self) -> None:
        item = self.current()
        if item is None:
            return
        try:
            _item, data = evidence.content_of(self.ctx.db, item.id)
            path = self._temp_folder() / self._copy_name(item)
            path.write_bytes(data)
        except (AppError, OSError) as exc:
            self.ctx.error.emit(exc.message if isinstance(exc, AppError) else str(exc))
            return
        from PySide6.QtCore import QUrl  # only here: ui.qt lists the names the window uses at start-up
        from PySide6.QtGui import QDesktopServices

        self.opened = path
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self.ctx.error.emit(
                _("No program on this computer opens “{name}”. Save a copy and open it from there.").format(
                    name=item.file_name
                )
            )

    def save_current(self) -> None:
        item = self.current()
        if item is None:
            return
        suffix = EXTENSIONS.get(item.media_type, (".bin",))[0]
        choice = file_choice.choose_save_target(
            self, self._copy_name(item), suffix, data_folder=self.ctx.db.folder
        )
        if choice is None:
            return
        try:
            saved = save_copy(self.ctx.db, item.id, choice.folder / choice.name)
        except AppError as exc:
            self.ctx.error.emit(exc.message)
            return
        self.ctx.saved(safe_to_remove_message(saved))

    def remove_current(self) -> None:
        item = self.current()
        if item is None or not self.editable:
            return
        if not dialogs.confirm(
            self,
            _("Remove “{name}” from this record? The file is no longer sent with it.").format(
                name=item.file_name
            ),
        ):
            return
        try:
            evidence.detach(self.ctx.db, item.id, user=self.ctx.user)
        except AppError as exc:
            self.ctx.error.emit(exc.message)
            return
        self.ctx.saved(_("Removed: {name}").format(name=item.file_name))
        self.refresh()

    def _copy_name(self, item: Evidence) -> str:
        """The ASCII name a copy gets, with the extension of what it is."""
        allowed = EXTENSIONS.get(item.media_type, (".bin",))
        name = safe_filename(item.file_name)
        return name if Path(name).suffix.lower() in allowed else Path(name).stem + allowed[0]

    def _temp_folder(self) -> Path:
        if self._temp is None:
            self._temp = Path(tempfile.mkdtemp(prefix="minh-chung-"))
            qconnect(self.destroyed, lambda *_args, folder=self._temp: shutil.rmtree(folder, True))
        return self._temp

    # --- drag and drop -------------------------------------------------------------------------------

    def dragEnterEvent(self, event: Any) -> None:
        if self.record_id is not None and self.editable and event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: Any) -> None:
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.attach_files(paths)
