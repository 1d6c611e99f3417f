"""Import support activities or donations from a clerk's own Excel or CSV list.

Pick the file → say which column holds which field (guessed from the headers) → preview every row
with the same rules as typing it in (good and rejected rows, each with its reason) → import the good
rows in one transaction → offer to save the list of rejected rows.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from emulation_desktop.domain.record_kinds import KINDS
from emulation_desktop.errors import AppError
from emulation_desktop.exchange import spreadsheet_import as si
from emulation_desktop.locale.i18n import _
from emulation_desktop.ui import background, dialogs, file_choice
from emulation_desktop.ui import cell_format as fmt
from emulation_desktop.ui.context import AppContext
from emulation_desktop.ui.qt import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    Qt,
    QVBoxLayout,
    QWidget,
    qconnect,
)
from emulation_desktop.ui.text_table import TextTableModel, fit_columns, text_table


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return fmt.number(int(value)) if float(value).is_integer() else str(value)
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    return str(value)[:60]


class SpreadsheetImportDialog(QDialog):
    def __init__(
        self, ctx: AppContext, kind_name: str, path: str | Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("spreadsheet_import")
        self.ctx = ctx
        self.kind = KINDS[kind_name]
        self.path = Path(path)
        self.sheet: si.Sheet | None = None
        self.result: si.Preview | None = None
        self.imported = 0
        self.busy = False
        self.combos: list[QComboBox] = []
        self.setWindowTitle(_("Import from Excel/CSV: {kind}").format(kind=_(self.kind.label)))
        self.resize(980, 640)

        layout = QVBoxLayout(self)
        self.file_label = QLabel()
        self.file_label.setObjectName("sheet_file")
        self.file_label.setWordWrap(True)
        layout.addWidget(self.file_label)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        mapping_box = QWidget()
        mapping_layout = QVBoxLayout(mapping_box)
        mapping_layout.setContentsMargins(0, 0, 0, 0)
        step1 = QLabel(_("1. Which field is in each column? (guessed from the headers; change it if wrong)"))
        step1.setWordWrap(True)
        step1.setStyleSheet("font-weight: bold;")
        mapping_layout.addWidget(step1)
        self.mapping_holder = QWidget()
        self.mapping_grid = QGridLayout(self.mapping_holder)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.mapping_holder)
        mapping_layout.addWidget(scroll, 1)
        self.preview_button = QPushButton(_("Check the rows"))
        self.preview_button.setObjectName("preview")
        self.preview_button.setAutoDefault(False)
        mapping_layout.addWidget(self.preview_button)
        splitter.addWidget(mapping_box)

        result_box = QWidget()
        result_layout = QVBoxLayout(result_box)
        result_layout.setContentsMargins(0, 0, 0, 0)
        step2 = QLabel(_("2. Result of the check"))
        step2.setStyleSheet("font-weight: bold;")
        result_layout.addWidget(step2)
        self.summary = QLabel(_("Press “Check the rows” to see which rows can be imported."))
        self.summary.setObjectName("preview_summary")
        self.summary.setWordWrap(True)
        result_layout.addWidget(self.summary)
        self.rejected_model = TextTableModel([_("Row"), _("Column"), _("Reason")])
        self.rejected_model.right_aligned = {0}
        self.rejected_table = text_table(self.rejected_model, "rejected_rows")
        result_layout.addWidget(self.rejected_table, 1)
        splitter.addWidget(result_box)
        splitter.setSizes([420, 560])
        splitter.setChildrenCollapsible(False)
        layout.addWidget(splitter, 1)

        buttons = QDialogButtonBox()
        self.import_button = QPushButton(_("Import the good rows"))
        self.import_button.setObjectName("import_rows")
        self.import_button.setEnabled(False)
        self.save_report_button = QPushButton(_("Save the rejected rows…"))
        self.save_report_button.setObjectName("save_rejections")
        self.save_report_button.setEnabled(False)
        self.close_button = QPushButton(_("Close"))
        self.preview_button.setToolTip(
            _("Check every row with the same rules as typing it in; nothing is written yet")
        )
        self.import_button.setToolTip(_("Write the rows that passed the check, all at once"))
        self.save_report_button.setToolTip(
            _("Save the rejected rows with their reasons in a workbook, to correct them and import again")
        )
        self.close_button.setToolTip(_("Close this window; rows already imported stay"))
        for button in (self.import_button, self.save_report_button, self.close_button):
            button.setAutoDefault(False)
        buttons.addButton(self.save_report_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        layout.addWidget(buttons)
        qconnect(self.preview_button.clicked, lambda _checked=False: self.check_rows())
        qconnect(self.import_button.clicked, lambda _checked=False: self.import_rows())
        qconnect(self.save_report_button.clicked, lambda _checked=False: self.save_rejections())
        qconnect(self.close_button.clicked, lambda _checked=False: self.reject())

    # --- reading and mapping -------------------------------------------------------------------------

    def load(self) -> bool:
        """Read the file and prefill the mapping; False (after saying why) when it cannot be read."""
        try:
            self.sheet = si.read_sheet(self.path, kind=self.kind.name)
        except AppError as exc:
            dialogs.warn(self.parentWidget(), exc.message)
            return False
        sheet = self.sheet
        text = _("File: {name} — {n} rows under the header in row {row}.").format(
            name=self.path.name, n=fmt.number(len(sheet.rows)), row=sheet.header_row
        )
        # What was read in another encoding, column by column, as the command's dry run says it.
        lines = [line for line in (sheet.charset_line(), *sheet.conversion_lines()) if line]
        self.file_label.setText("\n".join([text, *lines]))
        guessed = si.guess_mapping(self.kind.name, sheet.headers)
        sample = sheet.rows[0][1] if sheet.rows else []
        for column, title in enumerate((_("Column in the file"), _("Example"), _("Goes into"))):
            label = QLabel(title)
            label.setStyleSheet("font-weight: bold;")
            self.mapping_grid.addWidget(label, 0, column)
        for index, header in enumerate(sheet.headers):
            self.mapping_grid.addWidget(QLabel(header or _("(column {n})").format(n=index + 1)), index + 1, 0)
            example = QLabel(_cell_text(sample[index]) if index < len(sample) else "")
            example.setStyleSheet("color: #555;")
            self.mapping_grid.addWidget(example, index + 1, 1)
            combo = QComboBox()
            combo.setObjectName(f"map_{index}")
            combo.setToolTip(_("The field this column of the file goes into, or not imported"))
            combo.addItem(_("— not imported —"), "")
            for f in self.kind.fields:
                combo.addItem(_(f.label), f.name)
            chosen = combo.findData(guessed.get(index, ""))
            combo.setCurrentIndex(max(chosen, 0))
            qconnect(combo.currentIndexChanged, lambda _i: self._mapping_changed())
            self.mapping_grid.addWidget(combo, index + 1, 2)
            self.combos.append(combo)
        self.mapping_grid.setRowStretch(len(sheet.headers) + 1, 1)
        self.mapping_grid.setColumnStretch(2, 1)
        return True

    def mapping(self) -> dict[int, str]:
        return {i: c.currentData() for i, c in enumerate(self.combos) if c.currentData()}

    def set_field(self, column: int, field_name: str) -> None:
        combo = self.combos[column]
        combo.setCurrentIndex(max(combo.findData(field_name), 0))

    def _mapping_changed(self) -> None:
        self.result = None
        self.import_button.setEnabled(False)
        self.save_report_button.setEnabled(False)

    # --- checking and importing ----------------------------------------------------------------------

    def _run(self, work: Any, label: str, done: Any, *, writes: bool = False) -> None:
        """``work(db)`` off the GUI thread; a write's rows then reach this kind's editors first."""
        self.busy = True
        for button in (self.preview_button, self.import_button, self.save_report_button):
            button.setEnabled(False)

        def finished() -> None:
            self.busy = False
            self.preview_button.setEnabled(True)
            self._buttons()

        if writes:
            operation = background.write(self, self.ctx, work, label, kind=self.kind.name, on_done=done)
        else:
            operation = background.read(self, self.ctx, work, label, on_done=done)
        qconnect(operation.finished, finished)

    def _buttons(self) -> None:
        result = self.result
        self.import_button.setEnabled(bool(result and result.good) and not self.imported and not self.busy)
        self.save_report_button.setEnabled(bool(result and result.rejected) and not self.busy)

    def check_rows(self) -> None:
        if self.sheet is None or self.busy:
            return
        mapping = self.mapping()
        duplicates = {n for n in mapping.values() if list(mapping.values()).count(n) > 1}
        if duplicates:
            labels = ", ".join(_(f.label) for f in self.kind.fields if f.name in duplicates)
            dialogs.warn(self, _("Each field can come from one column only: {fields}.").format(fields=labels))
            return
        sheet, kind, unit, year = self.sheet, self.kind.name, self.ctx.unit_code, self.ctx.year
        self.imported = 0
        self._run(
            lambda db: si.preview(db, sheet, kind, unit, mapping=mapping, year=year),
            _("Checking the rows…"),
            self._checked,
        )

    def _checked(self, result: si.Preview) -> None:
        self.result = result
        self.summary.setText(
            _(
                "{good} rows can be imported; {bad} rows are rejected; {skipped} empty or total rows skipped."
            ).format(
                good=fmt.number(len(result.good)),
                bad=fmt.number(result.rejected_rows),
                skipped=result.skipped,
            )
        )
        self.rejected_model.set_rows([[r.row, r.column, r.reason] for r in result.rejected])
        fit_columns(self.rejected_table, 240)
        self.import_button.setText(
            _("Import {n} good rows").format(n=fmt.number(len(result.good)))
            if result.good
            else _("Import the good rows")
        )

    def import_rows(self) -> None:
        result = self.result
        if result is None or not result.good or self.busy or self.imported:
            return
        user = self.ctx.user
        self._run(
            lambda db: si.import_rows(db, result, user=user),
            _("Importing the rows…"),
            self._imported,
            writes=True,
        )

    def _imported(self, count: int) -> None:
        self.imported = count
        text = _("{n} rows were imported.").format(n=fmt.number(count))
        self.summary.setText(text)
        self.ctx.saved(text)
        result = self.result
        if result is not None and result.rejected:
            if dialogs.confirm(
                self,
                text
                + " "
                + _("{bad} rows were rejected. Save the list of rejected rows with their reasons?").format(
                    bad=result.rejected_rows
                ),
            ):
                self.save_rejections()
        else:
            dialogs.inform(self, text)

    def save_rejections(self) -> None:
        result = self.result
        if result is None or not result.rejected:
            return
        proposed = f"dong-bi-tu-choi-{self.path.stem}.xlsx"
        choice = file_choice.choose_save_target(self, proposed, ".xlsx", data_folder=self.ctx.db.folder)
        if choice is None:
            return
        try:
            path = si.save_rejections(result, choice.folder / choice.name)
        except AppError as exc:
            dialogs.warn(self, exc.message)
            return
        self.saved_report = path
        text = _("Saved and checked: “{path}”. You can now remove the USB stick safely.").format(path=path)
        self.ctx.saved(text)
        dialogs.inform(self, text)


def choose_sheet_file(parent: QWidget | None) -> str:
    return file_choice.choose_open_file(
        parent,
        _("Choose the Excel or CSV list"),
        file_choice.SPREADSHEETS,
        file_choice.EXCEL,
        file_choice.CSV,
    )


def open_import(ctx: AppContext, kind_name: str, parent: QWidget | None) -> SpreadsheetImportDialog | None:
    """The editor's "Import from Excel/CSV…": choose the file, then the dialog."""
    path = choose_sheet_file(parent)
    if not path:
        return None
    dialog = SpreadsheetImportDialog(ctx, kind_name, path, parent)
    if not dialog.load():
        return None
    dialog.exec()
    return dialog
