"""PDF pages as pictures: rendered by Poppler's ``pdftoppm``, shown in a scroll area with zoom.

QtPdf comes only with PySide6-Addons, which we do not ship; Poppler renders the same pages the
printer will get, and the tests already read documents back with it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from emulation_desktop.errors import AppError
from emulation_desktop.locale.i18n import _
from emulation_desktop.ui.qt import QImage, QLabel, QPixmap, QScrollArea, Qt, QVBoxLayout, QWidget

PREVIEW_DPI = 110  # sharp at 100 % on a 1366×768 screen, small enough for a 30-page meeting pack
PRINT_DPI = 300
RENDER_TIMEOUT_S = 600
ZOOM_STEPS = (0.5, 0.67, 0.8, 1.0, 1.25, 1.5, 2.0)
PAGE_GAP = 12


class PreviewError(AppError):
    """The pages could not be drawn; the document itself is fine and can still be saved."""


def renderer() -> str | None:
    """The pdftoppm program: bundled next to the application first, else on the PATH."""
    here = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parents[2]))
    name = "pdftoppm.exe" if os.name == "nt" else "pdftoppm"
    for candidate in (here / "poppler" / name, here / "poppler" / "bin" / name):
        if candidate.is_file():
            return str(candidate)
    return shutil.which("pdftoppm")


def _page_number(path: Path) -> int:
    match = re.search(r"(\d+)$", path.stem)
    return int(match.group(1)) if match else 0


def render_to_folder(pdf: bytes, dpi: int, folder: Path) -> list[Path]:
    """Write each page of ``pdf`` as ``page-N.png`` in ``folder``; return the files in page order."""
    program = renderer()
    if program is None:
        raise PreviewError(
            _(
                "The pages cannot be shown: the page renderer (Poppler's pdftoppm) is not installed. "
                "The document itself is fine and can still be saved."
            )
        )
    source = folder / "document.pdf"
    source.write_bytes(pdf)
    flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)  # no console window flashing up on Windows
    try:
        result = subprocess.run(
            [program, "-r", str(dpi), "-png", str(source), str(folder / "page")],
            capture_output=True,
            timeout=RENDER_TIMEOUT_S,
            creationflags=flags,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PreviewError(_("The pages could not be drawn ({detail}).").format(detail=exc)) from exc
    pages = sorted(folder.glob("page-*.png"), key=_page_number)
    if result.returncode != 0 or not pages:
        detail = result.stderr.decode("utf-8", "replace").strip() or str(result.returncode)
        raise PreviewError(_("The pages could not be drawn ({detail}).").format(detail=detail))
    return pages


def render_pages(pdf: bytes, dpi: int = PREVIEW_DPI) -> list[QImage]:
    """Every page as an image (safe to call off the GUI thread: QImage is not a widget)."""
    with tempfile.TemporaryDirectory(prefix="emulation-pages-") as folder:
        return [QImage(str(path)) for path in render_to_folder(pdf, dpi, Path(folder))]


class PageView(QScrollArea):
    """The pages one under another on a grey desk; fit to width by default, or a fixed zoom."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page_view")
        self.images: list[QImage] = []
        self.zoom = 1.0
        self.fit_width = True
        self.labels: list[QLabel] = []
        self.desk = QWidget()
        self.desk.setObjectName("desk")
        self.desk.setStyleSheet("#desk { background: #8a8f96; }")
        self.column = QVBoxLayout(self.desk)
        self.column.setSpacing(PAGE_GAP)
        self.column.setContentsMargins(PAGE_GAP, PAGE_GAP, PAGE_GAP, PAGE_GAP)
        self.column.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.message = QLabel()
        self.message.setObjectName("preview_message")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setStyleSheet("color: white; font-size: 11pt; padding: 24px;")
        self.column.addWidget(self.message)
        self.setWidget(self.desk)
        self.setWidgetResizable(True)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # arrows and Page Up/Down scroll the pages

    def page_count(self) -> int:
        return len(self.images)

    def show_message(self, text: str) -> None:
        """No pages, only a sentence (nothing chosen yet, or the pages could not be drawn)."""
        self.set_pages([])
        self.message.setText(text)
        self.message.show()

    def set_pages(self, images: list[QImage]) -> None:
        self.images = list(images)
        for label in self.labels:
            self.column.removeWidget(label)
            label.deleteLater()
        self.labels = []
        self.message.setVisible(not self.images)
        for number, _image in enumerate(self.images, start=1):
            label = QLabel()
            label.setObjectName(f"page_{number}")
            label.setStyleSheet("background: white;")
            label.setAccessibleName(_("Page {number}").format(number=number))
            self.column.addWidget(label)
            self.labels.append(label)
        self._layout_pages()
        self.verticalScrollBar().setValue(0)

    def current_zoom(self) -> float:
        """The scale shown, where 1.0 is the page's real size on a 96-dpi screen."""
        if not self.fit_width or not self.images:
            return self.zoom
        room = self.viewport().width() - 2 * PAGE_GAP - 4
        widest = max(image.width() for image in self.images)
        return max(0.2, room / widest * PREVIEW_DPI / 96) if widest else 1.0

    def set_zoom(self, zoom: float) -> None:
        self.fit_width = False
        self.zoom = min(max(zoom, ZOOM_STEPS[0]), ZOOM_STEPS[-1])
        self._layout_pages()

    def zoom_in(self) -> None:
        now = self.current_zoom()
        self.set_zoom(next((z for z in ZOOM_STEPS if z > now + 0.01), ZOOM_STEPS[-1]))

    def zoom_out(self) -> None:
        now = self.current_zoom()
        self.set_zoom(next((z for z in reversed(ZOOM_STEPS) if z < now - 0.01), ZOOM_STEPS[0]))

    def fit_to_width(self) -> None:
        self.fit_width = True
        self._layout_pages()

    def _layout_pages(self) -> None:
        scale = self.current_zoom() * 96 / PREVIEW_DPI
        for label, image in zip(self.labels, self.images, strict=True):
            width = max(1, round(image.width() * scale))
            scaled = image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
            label.setPixmap(QPixmap.fromImage(scaled))
            label.setFixedSize(scaled.size())

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if self.fit_width and self.images:
            self._layout_pages()
