"""The pieces an editor is assembled from: its toolbar, its table view and the panel around its form."""

from __future__ import annotations

from emulation_desktop.locale.i18n import _
from emulation_desktop.ui import cell_format as fmt
from emulation_desktop.ui.qt import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
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


class EditorToolbar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(_("Search (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(220)
        layout.addWidget(self.search, 2)
        self.add = self._button(_("Add (Ctrl+N)"), "add")
        self.duplicate = self._button(_("Duplicate"), "duplicate")
        self.delete = self._button(_("Delete"), "delete")
        self.restore = self._button(_("Restore"), "restore")
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
        for button in (
            self.add,
            self.duplicate,
            self.delete,
            self.trash,
            self.restore,
            self.export_xlsx,
            self.import_sheet,
        ):
            layout.addWidget(button)
        self.count = QLabel()
        self.count.setObjectName("count")
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.count, 1)

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

    def resize_columns(self, *, force: bool = False) -> None:
        if self.sized and not force:
            return
        self.sized = self.model().rowCount() > 0  # an empty list fits its headers, and tries again later
        self.resizeColumnsToContents()
        header = self.horizontalHeader()
        for column in range(header.count()):
            if header.sectionSize(column) > MAX_COLUMN_WIDTH:
                header.resizeSection(column, MAX_COLUMN_WIDTH)


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
