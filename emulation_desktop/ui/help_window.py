"""The user manual in a window of its own (Help → User manual, F1 for the tab in front).

One window per main window, reused and brought forward: the sections on the left (filtered by a search
that ignores diacritics), the chosen one on the right, and buttons to print the manual or save it as a
PDF. The sections and the PDF come from ``reports.manual`` (the Markdown files in
``resources/manual/``), so the screen and the paper say the same thing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from emulation_desktop.domain.text import fold
from emulation_desktop.exchange.safe_save import safe_to_remove_message, safe_write
from emulation_desktop.locale.i18n import _, ngettext
from emulation_desktop.reports import manual
from emulation_desktop.ui import background, dialogs, printing, save_target
from emulation_desktop.ui.qt import (
    QHBoxLayout,
    QImage,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    Qt,
    QTextBrowser,
    QTextDocument,
    QVBoxLayout,
    QWidget,
    qconnect,
)

WHOLE = ""  # the list's first line: every section, one after the other
PDF_NAME = "huong-dan-su-dung.pdf"
IMAGE_MARGIN = 24  # pixels left beside a picture shrunk to the reading pane

# The section F1 opens on each main tab (MainWindow's page names).
PAGE_SECTIONS = {
    "dashboard": "tong-quan",
    "pledges": "dang-ky-thi-dua",
    "support": "hoat-dong-ho-tro",
    "supervision": "giam-sat",
    "other_work": "cong-tac-khac",
    "documents": "tai-lieu-bao-cao",
    "review": "tong-ket-suy-ton",
    "exchange": "trao-doi-du-lieu",
}


def section_for_page(page: str) -> str:
    """The manual's section for a main tab; the first section for a page the manual does not know."""
    return PAGE_SECTIONS.get(page, manual.sections()[0].name)


def window_title() -> str:
    return _("User manual – {app}").format(app=_(dialogs.APP_TITLE_MSGID))


class ManualBrowser(QTextBrowser):
    """Shows a section's Markdown; its screenshots are shrunk to the pane's width (they are taken at
    1366 pixels, wider than the pane), smoothly, so their text stays readable."""

    def __init__(self, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        self.setObjectName("help_text")
        self.setOpenExternalLinks(False)
        self.setSearchPaths([str(folder)])
        self.document().setDocumentMargin(12)

    def loadResource(self, kind: int, url: Any) -> Any:
        if getattr(kind, "value", kind) == QTextDocument.ResourceType.ImageResource.value:
            image = QImage(str(self.folder / url.path()))
            if not image.isNull():
                room = max(self.viewport().width() - IMAGE_MARGIN, 200)
                if image.width() > room:
                    image = image.scaledToWidth(room, Qt.TransformationMode.SmoothTransformation)
                return image
        return super().loadResource(kind, url)


class HelpWindow(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)  # a window of its own, not modal
        self.setObjectName("help_window")
        self.setWindowTitle(window_title())
        self.resize(1000, 700)
        self.current = WHOLE

        self.search = QLineEdit()
        self.search.setObjectName("help_search")
        self.search.setPlaceholderText(_("Search the manual"))
        self.search.setToolTip(_("Shows only the sections that contain these words (accents optional)"))
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setObjectName("help_sections")
        self.list.setToolTip(_("The sections of the manual; choose one to read it"))
        whole = QListWidgetItem(_("The whole manual"))
        whole.setData(Qt.ItemDataRole.UserRole, WHOLE)
        self.list.addItem(whole)
        for number, item in enumerate(manual.sections(), start=1):
            line = QListWidgetItem(f"{number}. {item.title}")
            line.setData(Qt.ItemDataRole.UserRole, item.name)
            self.list.addItem(line)
        self.browser = ManualBrowser(manual.manual_folder())

        self.print_button = QPushButton(_("Print…"))
        self.print_button.setObjectName("help_print")
        self.print_button.setToolTip(_("Print the whole manual"))
        self.pdf_button = QPushButton(_("Save as PDF…"))
        self.pdf_button.setObjectName("help_pdf")
        self.pdf_button.setToolTip(_("Save the whole manual as a PDF file, on a USB stick or in a folder"))

        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.search)
        column.addWidget(self.list, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 740])
        splitter.setChildrenCollapsible(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.pdf_button)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

        qconnect(self.list.currentItemChanged, lambda item, _old: self._item_chosen(item))
        qconnect(self.search.textChanged, self.filter)
        qconnect(self.print_button.clicked, lambda _checked=False: self.print_manual())
        qconnect(self.pdf_button.clicked, lambda _checked=False: self.save_pdf())

    # --- what is shown -------------------------------------------------------------------------------

    def _item_chosen(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self._show(str(item.data(Qt.ItemDataRole.UserRole)))

    def _show(self, name: str) -> None:
        self.current = name
        self.browser.setMarkdown(manual.whole_text() if name == WHOLE else manual.section(name).text)

    def _row_of(self, name: str) -> int:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == name:
                return row
        raise KeyError(name)

    def show_section(self, name: str) -> None:
        """Show one section (``WHOLE`` for the whole manual), chosen in the list, and bring the window
        forward."""
        self.search.clear()
        row = self._row_of(name)
        if self.list.currentRow() == row:
            self._show(name)
        else:
            self.list.setCurrentRow(row)  # shows it
        self.show()
        self.raise_()
        self.activateWindow()

    def filter(self, text: str) -> None:
        """Keep the sections whose title or text holds every word typed, accents or not."""
        words = fold(text).split()
        texts = {item.name: fold(item.text) for item in manual.sections()}
        for row in range(self.list.count()):
            name = self.list.item(row).data(Qt.ItemDataRole.UserRole)
            found = name == WHOLE or all(word in texts[name] for word in words)
            self.list.item(row).setHidden(bool(words) and not found)

    def visible_sections(self) -> list[str]:
        return [
            self.list.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.list.count())
            if not self.list.item(row).isHidden() and self.list.item(row).data(Qt.ItemDataRole.UserRole)
        ]

    def print_manual(self) -> None:
        print_manual(self)

    def save_pdf(self) -> None:
        save_pdf(self)


# --- print and PDF ---------------------------------------------------------------------------------------


def print_manual(parent: QWidget) -> None:
    """The print dialog, then the whole manual's pages to the printer (made and sent off the GUI thread)."""
    printer = printing.new_printer(manual.manual_title())
    if not printing.ask_printer(parent, printer, 0):
        return
    background.run(
        parent,
        lambda: printing.print_pdf(printer, manual.build_pdf()),
        _("Sending the pages to the printer…"),
        on_done=lambda count: dialogs.inform(
            parent,
            ngettext(
                "{count} page was sent to the printer.", "{count} pages were sent to the printer.", count
            ).format(count=count),
        ),
    )


def save_pdf(parent: QWidget) -> None:
    """Help → Save the manual as PDF, or the help window's button: where to save (a USB stick, a
    folder), then the PDF made and written the safe way, off the GUI thread."""
    choice = save_target.choose_target(parent, PDF_NAME)
    if choice is None:
        return

    background.run(
        parent,
        lambda: safe_write(choice.folder, choice.name, manual.build_pdf()),
        _("Saving and checking the file…"),
        on_done=lambda saved: dialogs.inform(parent, safe_to_remove_message(saved)),
    )


def help_window(parent: QWidget) -> HelpWindow:
    """The main window's one help window, made when first asked for."""
    found = parent.findChild(HelpWindow, "help_window")
    return found if found is not None else HelpWindow(parent)


def open_help(parent: QWidget, page: str | None = None) -> HelpWindow:
    """Help → User manual (``page`` None: the whole manual) or F1 (the section of the tab ``page``)."""
    window = help_window(parent)
    window.show_section(WHOLE if page is None else section_for_page(page))
    return window
