"""Printing a document: the system print dialog, then each page drawn at printer resolution.

Pages are rendered at 300 dpi by Poppler (as in the preview) and painted full-page: the margins are
the document's own, as the document sets them, not the printer driver's.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from emulation_desktop.errors import AppError
from emulation_desktop.locale.i18n import _
from emulation_desktop.ui.pdf_preview import PRINT_DPI, render_to_folder
from emulation_desktop.ui.qt import QImage, QPainter, QPrintDialog, QPrinter, QRect, QTransform, QWidget


class PrintError(AppError):
    """The printer refused to start, or a page could not be read back."""


def new_printer(title: str) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    printer.setFullPage(True)  # the page images carry the document's margins
    return printer


def ask_printer(parent: QWidget | None, printer: QPrinter, page_count: int) -> bool:
    """The system print dialog; True when the clerk pressed Print. (Tests replace this function.)"""
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_("Print"))
    if page_count > 0:
        dialog.setMinMax(1, page_count)
    return bool(dialog.exec())


def _pages_wanted(printer: QPrinter, count: int) -> list[int]:
    """0-based page indices the clerk asked for (all pages, or a From–To range)."""
    first, last = printer.fromPage(), printer.toPage()
    if first <= 0 or last <= 0:
        return list(range(count))
    return list(range(max(first, 1) - 1, min(last, count)))


def paint_page(painter: QPainter, printer: QPrinter, image: QImage) -> None:
    """One page image centred on the paper, as large as fits; a landscape page is turned to fit."""
    target = painter.viewport()
    portrait_paper = target.height() >= target.width()
    if (image.width() > image.height()) == portrait_paper:
        image = image.transformed(QTransform().rotate(90))
    scale = min(target.width() / image.width(), target.height() / image.height())
    width, height = round(image.width() * scale), round(image.height() * scale)
    left = target.x() + (target.width() - width) // 2
    top = target.y() + (target.height() - height) // 2
    painter.drawImage(QRect(left, top, width, height), image)


def print_pdf(printer: QPrinter, pdf: bytes) -> int:
    """Render and print every wanted page; return how many were sent. Safe to run off the GUI thread."""
    with tempfile.TemporaryDirectory(prefix="emulation-print-") as folder:
        files = render_to_folder(pdf, PRINT_DPI, Path(folder))
        wanted = _pages_wanted(printer, len(files))
        painter = QPainter()
        if not painter.begin(printer):
            raise PrintError(
                _(
                    "The printer could not be started. Check that it is switched on and connected, then try again."
                )
            )
        try:
            for position, index in enumerate(wanted):
                image = QImage(str(files[index]))
                if image.isNull():
                    raise PrintError(
                        _("Page {number} could not be prepared for printing.").format(number=index + 1)
                    )
                if position:
                    printer.newPage()
                paint_page(painter, printer, image)
        finally:
            painter.end()
    return len(wanted)
