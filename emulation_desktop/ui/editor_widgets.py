"""The pieces an editor is assembled from: its toolbar, its table view and the panel around its form."""

from __future__ import annotations

from typing import Any

from emulation_desktop.locale.i18n import _
from emulation_desktop.ui import cell_format as fmt
from emulation_desktop.ui.qt import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSize,
    QSizePolicy,
    Qt,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from emulation_desktop.ui.record_form import RecordForm
from emulation_desktop.ui.text_table import set_up_rows

MAX_COLUMN_WIDTH = 260
MIN_TEXT_WIDTH = 90
# Field kinds whose cells are short and must be read whole (see RecordTable.fit_to_width).
WHOLE_KINDS = frozenset({"int", "money", "date", "year", "percent"})


class EditorToolbar(QWidget):
    """Search, the record buttons and the count. On one line when the window is wide enough; on a
    narrow one (1024×600, or 150% scaling) the buttons move to a second line instead of pushing the
    window past the screen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(_("Search (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(220)
        self.add = self._button(_("Add (Ctrl+N)"), "add")
        self.add.setToolTip(_("Start a new record in the form on the right (Ctrl+N)"))
        self.duplicate = self._button(_("Duplicate"), "duplicate")
        self.duplicate.setToolTip(_("Start a new record with the chosen record's fields filled in"))
        self.delete = self._button(_("Delete"), "delete")
        self.delete.setToolTip(_("Move the chosen record to the recycle bin (Delete; Ctrl+Z undoes it)"))
        self.restore = self._button(_("Restore"), "restore")
        self.restore.setToolTip(_("Take the chosen record out of the recycle bin"))
        self.trash = QToolButton()
        self.trash.setObjectName("trash")
        self.trash.setText(_("Recycle bin"))
        self.trash.setCheckable(True)
        self.trash.setToolTip(_("Show deleted records, to restore them"))
        self.export_xlsx = self._button(_("Export to Excel"), "export_xlsx")
        self.export_xlsx.setToolTip(_("Save this list as an Excel workbook (.xlsx)"))
        self.import_sheet = self._button(_("Import from Excel/CSV…"), "import_sheet")
        self.import_sheet.setToolTip(_("Add records from an Excel or CSV list, after checking each row"))
        self.import_sheet.hide()  # shown by the editors that can import a list
        self.buttons = QWidget()
        row = QHBoxLayout(self.buttons)
        row.setContentsMargins(0, 0, 0, 0)
        for button in (
            self.add,
            self.duplicate,
            self.delete,
            self.trash,
            self.restore,
            self.export_xlsx,
            self.import_sheet,
        ):
            row.addWidget(button)
        self.count = QLabel()
        self.count.setObjectName("count")
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.first_line = QHBoxLayout()
        self.first_line.addWidget(self.search, 2)
        self.first_line.addWidget(self.buttons)
        self.first_line.addWidget(self.count, 1)
        self.second_line = QHBoxLayout()
        lines = QVBoxLayout(self)
        lines.setContentsMargins(0, 0, 0, 0)
        lines.addLayout(self.first_line)
        lines.addLayout(self.second_line)
        self.two_lines = False

    def _one_line_width(self) -> int:
        spacing = self.first_line.spacing() * 2
        return (
            self.search.minimumWidth()
            + self.buttons.sizeHint().width()
            + self.count.sizeHint().width()
            + spacing
        )

    def minimumSizeHint(self) -> QSize:
        # What the two-line form needs: the window may be narrower than the one line.
        hint = super().minimumSizeHint()
        narrow = max(
            self.buttons.sizeHint().width(), self.search.minimumWidth() + self.count.sizeHint().width()
        )
        return QSize(narrow, hint.height())

    def resizeEvent(self, event: Any) -> None:
        self.arrange(event.size().width())
        super().resizeEvent(event)

    def arrange(self, width: int) -> None:
        two_lines = width < self._one_line_width()
        if two_lines == self.two_lines:
            return
        self.two_lines = two_lines
        if two_lines:
            self.first_line.removeWidget(self.buttons)
            self.second_line.addWidget(self.buttons)
            self.second_line.addStretch(1)
        else:
            self.second_line.removeWidget(self.buttons)
            while self.second_line.count():
                self.second_line.takeAt(0)
            self.first_line.insertWidget(1, self.buttons)
        self.updateGeometry()

    def _button(self, text: str, name: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAutoDefault(False)
        return button

    def show_count(self, shown: int, total: int, capped: bool = False) -> None:
        if capped:
            self.count.setText(_("more than {total} records").format(total=fmt.number(total)))
        elif shown < total:
            self.count.setText(
                _("{shown} of {total} records").format(shown=fmt.number(shown), total=fmt.number(total))
            )
        else:
            self.count.setText(_("{total} records").format(total=fmt.number(total)))

    def set_state(self, *, can_edit: bool, has_record: bool, in_trash: bool, may_restore: bool) -> None:
        self.add.setEnabled(can_edit)
        self.duplicate.setEnabled(can_edit and has_record)
        self.delete.setEnabled(can_edit and has_record)
        self.restore.setVisible(in_trash)
        self.restore.setEnabled(in_trash and may_restore and has_record)
        self.import_sheet.setEnabled(can_edit)


class RecordTable(QTableView):
    # Columns are fitted to the first page that has rows, then kept: measuring text costs more than a
    # search keystroke's query, and columns that jump while the clerk types are hard to read.
    sized = False
    natural: tuple[int, ...] = ()  # each column's width for its content (text capped), measured once

    def resize_columns(self, *, force: bool = False) -> None:
        if self.sized and not force:
            return
        self.sized = self.model().rowCount() > 0  # an empty list fits its headers, and tries again later
        self.resizeColumnsToContents()
        header = self.horizontalHeader()
        self.natural = tuple(min(header.sectionSize(c), MAX_COLUMN_WIDTH) for c in range(header.count()))
        self.fit_to_width()
        self.horizontalScrollBar().setValue(0)  # the first column in sight, whatever the wider one showed

    def fit_to_width(self) -> None:
        """Share the visible width: dates, sums and counts keep their whole width (a sum read half is
        misread), long texts give way, the widest first, none narrower than MIN_TEXT_WIDTH. A text cut
        short ends in "…" and shows whole in its tooltip and the form; a column scrolled out of sight
        was simply missed (Trị giá at 1366 px)."""
        if not self.natural:
            return
        whole = {i for i, f in enumerate(getattr(self.model(), "columns", ())) if f.kind in WHOLE_KINDS}
        widths = fitted_widths(self.natural, whole, self.viewport().width())
        header = self.horizontalHeader()
        for column, width in enumerate(widths):
            header.resizeSection(column, width)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self.fit_to_width()


def fitted_widths(natural: tuple[int, ...], whole: set[int], room: int) -> list[int]:
    """The widths to give columns of ``natural`` widths in ``room`` pixels: the columns in ``whole``
    keep theirs; the others are capped at one common level, found by bisection, never below
    MIN_TEXT_WIDTH (the table then scrolls sideways, as before)."""
    if sum(natural) <= room:
        return list(natural)
    low, high = MIN_TEXT_WIDTH, max(natural)
    fixed = sum(natural[i] for i in whole)

    def total(level: int) -> int:
        return fixed + sum(
            min(w, max(level, MIN_TEXT_WIDTH)) for i, w in enumerate(natural) if i not in whole
        )

    while low < high:
        middle = (low + high + 1) // 2
        if total(middle) <= room:
            low = middle
        else:
            high = middle - 1
    return [w if i in whole else min(w, max(low, MIN_TEXT_WIDTH)) for i, w in enumerate(natural)]


RESIZE_SAMPLE_ROWS = 40


def make_table(model: object) -> RecordTable:
    table = RecordTable()
    table.setModel(model)  # type: ignore[arg-type]
    set_up_rows(table)
    # Size columns from the first rows only: measuring all 500 rows of a page on every keystroke
    # cost more than the search itself.
    table.verticalHeader().setResizeContentsPrecision(RESIZE_SAMPLE_ROWS)
    header = table.horizontalHeader()
    header.setSectionsClickable(True)
    header.setSortIndicatorShown(True)
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # newest first until a column is chosen
    header.setResizeContentsPrecision(200)
    table.setObjectName("table")
    return table


class FormPanel(QWidget):
    """The form with its title, a notice (bin, no parent) and Save / Discard buttons."""

    def __init__(self, form: RecordForm, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = form
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        self.title = QLabel()
        self.title.setObjectName("form_title")
        self.title.setStyleSheet("font-weight: bold;")
        self.title.setWordWrap(True)
        self.notice = QLabel()
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("color: #5f4b00; background: #fff4c2; padding: 4px;")
        layout.addWidget(self.title)
        layout.addWidget(self.notice)
        layout.addWidget(form, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.revert = QPushButton(_("Discard changes"))
        self.revert.setObjectName("revert")
        self.save = QPushButton(_("Save (Enter)"))
        self.save.setObjectName("save")
        for button in (self.revert, self.save):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.setMinimumWidth(340)

    def set_title(self, text: str) -> None:
        self.title.setText(text)

    def set_state(self, editable: bool, notice: str) -> None:
        self.save.setEnabled(editable)
        self.revert.setEnabled(editable)
        self.notice.setText(notice)
        self.notice.setVisible(bool(notice))
