"""The right half of the Documents tab: the document's title, its page count, zoom buttons and the pages."""

from __future__ import annotations

from collections.abc import Callable

from emulation_desktop.locale.i18n import _, ngettext
from emulation_desktop.ui.pdf_preview import PageView
from emulation_desktop.ui.qt import (
    QHBoxLayout,
    QImage,
    QLabel,
    Qt,
    QToolButton,
    QVBoxLayout,
    QWidget,
    qconnect,
)

NOTE_STYLE = "background: #fff4d6; color: #7a4b00; padding: 4px;"  # a yellow note above the pages


class PreviewPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.title_label = QLabel()
        self.title_label.setObjectName("document_title")
        self.title_label.setStyleSheet("font-weight: bold;")
        self.pages_label = QLabel()
        self.pages_label.setObjectName("page_count")
        bar.addWidget(self.title_label, 1)
        bar.addWidget(self.pages_label)
        self.view = PageView()
        for name, text, tip, slot in (
            ("zoom_out", "−", _("Smaller (Ctrl+-)"), self.view.zoom_out),
            ("zoom_in", "+", _("Larger (Ctrl++)"), self.view.zoom_in),
            ("fit_width", _("Fit width"), _("Fit the page to the width (Ctrl+0)"), self.view.fit_to_width),
        ):
            button = QToolButton()
            button.setObjectName(name)
            button.setText(text)
            button.setToolTip(tip)
            qconnect(button.clicked, lambda _checked=False, slot=slot: self.zoom(slot))
            bar.addWidget(button)
        self.zoom_label = QLabel()
        self.zoom_label.setObjectName("zoom_label")
        self.zoom_label.setMinimumWidth(48)
        bar.addWidget(self.zoom_label)
        column.addLayout(bar)
        self.stale_note = QLabel(
            _("The data changed after these pages were made; they are being made again with the new figures.")
        )
        self.stale_note.setObjectName("stale_note")
        self.stale_note.setWordWrap(True)
        self.stale_note.setStyleSheet(NOTE_STYLE)
        self.stale_note.hide()
        column.addWidget(self.stale_note)
        # What the document still lacks (``Built.missing``): the pages carry "DỰ THẢO", and this says why
        # where the clerk looks, without reading the first page.
        self.missing_note = QLabel()
        self.missing_note.setObjectName("missing_note")
        self.missing_note.setWordWrap(True)
        self.missing_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.missing_note.setStyleSheet(NOTE_STYLE)
        self.missing_note.hide()
        column.addWidget(self.missing_note)
        column.addWidget(self.view, 1)
        self.show_nothing(_("The pages appear here."))

    def zoom(self, action: Callable[[], None]) -> None:
        """Zoom in, out or to the width (the view's methods), then show the new scale."""
        action()
        self._show_zoom()

    def _show_zoom(self) -> None:
        self.zoom_label.setText(f"{round(self.view.current_zoom() * 100)}%" if self.view.page_count() else "")

    def show_pages(self, title: str, images: list[QImage], note: str = "") -> None:
        """The document's pages, or the note saying why they cannot be drawn."""
        self.title_label.setText(title)
        if images:
            self.view.set_pages(images)
            count = len(images)
            self.pages_label.setText(ngettext("{count} page", "{count} pages", count).format(count=count))
        else:
            self.view.show_message(note)
            self.pages_label.clear()
        self._show_zoom()

    def show_missing(self, missing: tuple[str, ...]) -> None:
        """List what the document still lacks (it was made as a draft); hide the note when nothing is."""
        self.missing_note.setText(
            _("This document can only be printed as a draft; it still lacks:")
            + "".join(f"\n- {line}" for line in missing)
        )
        self.missing_note.setVisible(bool(missing))

    def mark_stale(self, stale: bool) -> None:
        """Say whether the pages shown are older than the data (they hold old figures)."""
        self.stale_note.setVisible(stale)

    def show_nothing(self, text: str) -> None:
        self.stale_note.hide()
        self.missing_note.hide()
        self.title_label.clear()
        self.pages_label.clear()
        self.view.show_message(text)
        self._show_zoom()
