"""The Documents tab (Tài liệu / Báo cáo): pick a document, a scope and a year; see its pages; print it
or save it to a USB stick. The year-end report's narrative can be edited here and is kept with it.

Building, drawing, printing and saving run off the GUI thread through ``ui.background``. The pages
follow the data: a change of records marks them out of date at once, and they are made again once
the changes stop (while the tab is shown) or when the tab is next shown, never while it is hidden.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

from emulation_desktop.exchange.safe_save import SavedFile, safe_to_remove_message, safe_write
from emulation_desktop.locale.i18n import _, current_language, ngettext
from emulation_desktop.operations.report_drafts import Draft
from emulation_desktop.reports.jobs import (
    ANNUAL,
    EDITABLE,
    installation_city,
    make_document,
    save_report_text,
    unit_cluster,
)
from emulation_desktop.reports.registry import DOCUMENT_KINDS
from emulation_desktop.reports.request import ReportRequest, document_file_name
from emulation_desktop.ui import background, dialogs, printing, save_target
from emulation_desktop.ui.context import AppContext
from emulation_desktop.ui.document_jobs import Preview, make_preview
from emulation_desktop.ui.draft_panel import DraftPanel
from emulation_desktop.ui.preview_panel import PreviewPanel
from emulation_desktop.ui.qt import (
    QAbstractSpinBox,
    QComboBox,
    QDate,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QLineEdit,
    QLocale,
    QPushButton,
    QShortcut,
    QSpinBox,
    QSplitter,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
    qconnect,
)
from emulation_desktop.ui.screen_fit import scrolling_column

REFRESH_DELAY_MS = 400  # a new preview once the clerk stops changing the choices (or the data)


class DocumentsTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documents_tab")
        self.ctx = ctx
        self.preview: Preview | None = None
        self.busy = False
        self.runs = 0
        self.pending = False  # the choices changed while a preview was being made
        self.queued: Callable[[], None] | None = None  # print or save, asked for while busy
        self.last_saved: SavedFile | None = None
        # Counts the data changes announced by the window; a preview made at an older count is stale.
        self.data_version = 0
        self.refresh_timer = QTimer(self)
        self.refresh_timer.setSingleShot(True)
        self.refresh_timer.setInterval(REFRESH_DELAY_MS)
        qconnect(self.refresh_timer.timeout, lambda: self.refresh() if self.isVisible() else None)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        # The choices scroll on a short screen (1024×600) rather than push the page past it.
        splitter.addWidget(scrolling_column(self._build_choices(), "choices_scroll"))
        splitter.addWidget(self._build_preview())
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([430, 936])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)
        self._shortcuts()
        qconnect(ctx.context_changed, self.context_changed)
        qconnect(ctx.records_changed, lambda _kind: self.data_changed())
        qconnect(ctx.data_changed, self.data_changed)
        self.context_changed()

    # --- building the widgets ------------------------------------------------------------------------

    def _build_choices(self) -> QWidget:
        panel = QWidget()
        panel.setMinimumWidth(380)
        column = QVBoxLayout(panel)
        column.setContentsMargins(4, 0, 8, 0)
        form = QFormLayout()
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("document_kind")
        self.kind_combo.setToolTip(_("The document to make from the data"))
        for kind in DOCUMENT_KINDS.values():
            self.kind_combo.addItem(_(kind.label), kind.name)
        self.scope_combo = QComboBox()
        self.scope_combo.setObjectName("document_scope")
        self.scope_combo.setToolTip(
            _("Whom the document is for: this unit alone, or its emulation cluster (all its units)")
        )
        self.year_spin = QSpinBox()
        self.year_spin.setObjectName("document_year")
        self.year_spin.setToolTip(_("The year whose figures the document reports"))
        self.year_spin.setRange(1990, 2100)
        self.year_spin.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.UpDownArrows)
        self.number_edit = QLineEdit()
        self.number_edit.setObjectName("document_number")
        self.number_edit.setMaxLength(20)
        self.number_edit.setPlaceholderText(_("empty: the next number of the register"))
        self.number_edit.setToolTip(
            _(
                "The number after “Số:”, given when the complete document is first printed or saved: leave "
                "it empty for the next number of the register of outgoing documents, or type the number "
                "already given by hand"
            )
        )
        self.date_edit = QDateEdit(QDate.currentDate())
        self.date_edit.setObjectName("document_date")
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setToolTip(_("The date printed under the document's heading, as it is signed"))
        if current_language() == "vi":  # the calendar's month and day names
            self.date_edit.setLocale(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
        for text, widget in (
            (_("&Document:"), self.kind_combo),
            (_("&For:"), self.scope_combo),
            (_("&Year:"), self.year_spin),
            (_("&Number:"), self.number_edit),
            (_("D&ate signed:"), self.date_edit),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
        column.addLayout(form)
        self.scope_note = QLabel()
        self.scope_note.setObjectName("scope_note")
        self.scope_note.setWordWrap(True)
        self.scope_note.setStyleSheet("color: #7a4b00;")
        self.scope_note.hide()
        column.addWidget(self.scope_note)

        buttons = QHBoxLayout()
        self.preview_button = QPushButton(_("Preview"))
        self.preview_button.setObjectName("preview_button")
        self.preview_button.setToolTip(_("Make the document again from the data (F5)"))
        self.print_button = QPushButton(_("Print…"))
        self.print_button.setObjectName("print_button")
        self.print_button.setToolTip(_("Open the print dialog (Ctrl+P)"))
        self.save_button = QPushButton(_("Save to USB…"))
        self.save_button.setObjectName("save_button")
        self.save_button.setToolTip(_("Save the PDF on a USB stick or in a folder (Ctrl+S)"))
        for button in (self.preview_button, self.print_button, self.save_button):
            buttons.addWidget(button)
        column.addLayout(buttons)
        # Reports, minutes and letters are also made as Word files, for editing the final wording.
        self.save_word_button = QPushButton(_("Save Word (.docx)…"))
        self.save_word_button.setObjectName("save_word_button")
        self.save_word_button.setToolTip(
            _(
                "Save the document as a Word file to edit its wording (Ctrl+Shift+S); lists and forms are PDF only"
            )
        )
        word_row = QHBoxLayout()
        word_row.addStretch(1)
        word_row.addWidget(self.save_word_button)
        column.addLayout(word_row)
        self.status = QLabel()
        self.status.setObjectName("documents_status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.hide()
        column.addWidget(self.status)
        # The document's number in the register of outgoing documents, or why it has none yet.
        self.number_status = QLabel()
        self.number_status.setObjectName("document_number_status")
        self.number_status.setWordWrap(True)
        self.number_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.number_status.hide()
        column.addWidget(self.number_status)

        self.draft_panel = DraftPanel()
        column.addWidget(self.draft_panel, 1)
        self.help = QLabel(
            _(
                "Choose a document, who it is for and the year. The pages on the right are exactly what "
                "will be printed or saved."
            )
        )
        self.help.setObjectName("documents_help")
        self.help.setWordWrap(True)
        self.help.setStyleSheet("color: #555;")
        column.addWidget(self.help)
        column.addStretch(0)

        qconnect(self.kind_combo.currentIndexChanged, lambda _index: self.kind_changed())
        qconnect(self.scope_combo.currentIndexChanged, lambda _index: self.choices_changed())
        qconnect(self.year_spin.valueChanged, lambda _value: self.year_changed())
        qconnect(self.number_edit.editingFinished, self.choices_changed)
        qconnect(self.date_edit.dateChanged, lambda _date: self.choices_changed())
        qconnect(self.preview_button.clicked, lambda _checked=False: self.refresh())
        qconnect(self.print_button.clicked, lambda _checked=False: self.print_document())
        qconnect(self.save_button.clicked, lambda _checked=False: self.save_document())
        qconnect(self.save_word_button.clicked, lambda _checked=False: self.save_word_document())
        qconnect(self.draft_panel.save_button.clicked, lambda _checked=False: self.save_draft())
        return panel

    def _build_preview(self) -> QWidget:
        self.preview_panel = PreviewPanel()
        panel = self.preview_panel
        self.view, self.title_label, self.pages_label = panel.view, panel.title_label, panel.pages_label
        return panel

    def _shortcuts(self) -> None:
        for keys, slot in (
            (("F5",), self.refresh),
            (("Ctrl+P",), self.print_document),
            (("Ctrl+S",), self.save_document),
            (("Ctrl+Shift+S",), self.save_word_document),
            (("Ctrl++", "Ctrl+="), lambda: self.preview_panel.zoom(self.view.zoom_in)),
            (("Ctrl+-",), lambda: self.preview_panel.zoom(self.view.zoom_out)),
            (("Ctrl+0",), lambda: self.preview_panel.zoom(self.view.fit_to_width)),
        ):
            for key in keys:
                shortcut = QShortcut(QKeySequence(key), self)
                shortcut.setContext(Qt.ShortcutContext.WindowShortcut)  # only while the tab is shown
                qconnect(shortcut.activated, slot)

    # --- the choices ---------------------------------------------------------------------------------

    def kind_name(self) -> str:
        return str(self.kind_combo.currentData() or ANNUAL)

    def choose(self, kind: str, year: int) -> None:
        """Show ``kind`` for ``year``, for the cluster when the document is made for one."""
        self.year_spin.setValue(year)
        self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(kind), 0))
        for index in range(self.scope_combo.count()):
            if self.scope_combo.itemData(index)[0] == "cluster":
                self.scope_combo.setCurrentIndex(index)
                break

    def context_changed(self) -> None:
        """Another unit or year in the context bar: start from its year."""
        self.year_spin.blockSignals(True)
        self.year_spin.setValue(self.ctx.year or date.today().year)
        self.year_spin.blockSignals(False)
        self.kind_changed()

    def year_changed(self) -> None:
        self.fill_scopes()
        self.choices_changed()

    def kind_changed(self) -> None:
        self.draft_panel.setVisible(self.kind_name() in EDITABLE)
        self.draft_panel.show_key_tasks(self.kind_name() == ANNUAL)  # the consolidated report has none
        self.help.setVisible(self.kind_name() not in EDITABLE)
        self.fill_scopes()
        self.choices_changed()

    def fill_scopes(self) -> None:
        """This unit, the cluster it belongs to that year and, at the city's office, the whole city, as far
        as the document accepts them."""
        accepted = DOCUMENT_KINDS[self.kind_name()].scopes
        unit, year = self.ctx.unit, self.year_spin.value()
        previous = self.scope_combo.currentData()
        self.scope_combo.blockSignals(True)
        self.scope_combo.clear()
        cluster = unit_cluster(self.ctx.db, unit.id, year) if unit else None
        if unit is not None and "unit" in accepted:
            self.scope_combo.addItem(unit.name, ("unit", unit.code))
        if cluster is not None and "cluster" in accepted:
            self.scope_combo.addItem(
                _("{cluster} (all its units)").format(cluster=cluster.name), ("cluster", cluster.code)
            )
        city = installation_city(self.ctx.db) if "city" in accepted else None
        if city is not None:
            self.scope_combo.addItem(_("{city} (every cluster)").format(city=city[1]), ("city", city[0]))
        index = self.scope_combo.findData(previous) if previous else -1
        self.scope_combo.setCurrentIndex(max(index, 0) if self.scope_combo.count() else -1)
        self.scope_combo.blockSignals(False)
        note = ""
        if unit is None:
            note = _("Choose a unit in the bar above first.")
        elif not self.scope_combo.count():
            note = _(
                "{unit} is not in any emulation cluster in {year}; this document is made for a cluster."
            ).format(unit=unit.name, year=year)
        self.scope_note.setText(note)
        self.scope_note.setVisible(bool(note))

    def request(self) -> ReportRequest | None:
        data = self.scope_combo.currentData()
        if not data:
            return None
        scope, code = data
        issued = self.date_edit.date()
        return ReportRequest(
            self.kind_name(),
            scope,
            code,
            self.year_spin.value(),
            issued_on=date(issued.year(), issued.month(), issued.day()),
            number=self.number_edit.text().strip(),
        )

    def is_current(self, request: ReportRequest | None) -> bool:
        """Whether the pages shown are ``request``'s, made from the data as it is now."""
        preview = self.preview
        return (
            preview is not None and preview.request == request and preview.data_version == self.data_version
        )

    def data_changed(self) -> None:
        """Records were written (here or by an import): the pages shown may hold old figures. Say so at
        once; make them again shortly if the tab is shown, else when it is next shown."""
        self.data_version += 1
        if self.preview is None:
            return
        self.preview_panel.mark_stale(True)
        if self.isVisible():
            self.refresh_timer.start()  # restarted by each change: one rebuild after a burst

    def choices_changed(self) -> None:
        current = self.request()
        if self.is_current(current):
            return
        self.status.hide()
        has_choice = current is not None
        for button in (self.preview_button, self.print_button, self.save_button):
            button.setEnabled(has_choice)
        self.save_word_button.setEnabled(has_choice and DOCUMENT_KINDS[self.kind_name()].offers_word)
        if not has_choice:
            self.preview = None
            self.preview_panel.show_nothing(_("There is nothing to show for these choices."))
            return
        self.refresh_timer.start()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        current = self.request()
        if current is not None and not self.is_current(current):
            self.refresh_timer.start(0)

    # --- preview -------------------------------------------------------------------------------------

    def refresh(self, then: Callable[[], None] | None = None) -> None:
        """Build the document for the current choices and show its pages; then ``then()``."""
        self.refresh_timer.stop()
        if self.busy:
            self.pending = True
            return
        current = self.request()
        if current is None:
            return
        db, version = self.ctx.db, self.data_version
        self._run(
            lambda: make_preview(db, current, version),
            _("Making the document and drawing its pages…"),
            lambda preview: self._show(preview, then),
        )

    def _run(self, work: Callable[[], Any], label: str, on_done: Callable[[Any], None]) -> None:
        """One piece of work at a time; ``on_done`` may start the next one (save text → new pages)."""
        self.busy = True
        self.runs += 1
        run = self.runs

        def done(result: Any) -> None:
            self.busy = False
            on_done(result)

        def finished() -> None:
            if run != self.runs:
                return  # on_done started newer work, which owns the busy flag now
            self.busy = False
            if self.queued is not None:
                then, self.queued = self.queued, None
                self.when_current(then)
            elif self.pending:
                self.pending = False
                self.refresh_timer.start(0)

        operation = background.run(self, work, label, on_done=done)
        qconnect(operation.finished, finished)

    def _show(self, preview: Preview, then: Callable[[], None] | None) -> None:
        same_document = self.preview is not None and self.preview.request == preview.request
        self.preview = preview
        self.preview_panel.show_pages(preview.title, preview.images, preview.note)
        self.preview_panel.show_missing(preview.missing)
        self._show_number(preview)
        # Data written while these pages were made: they are old already, and are made again next.
        stale = preview.data_version != self.data_version
        self.preview_panel.mark_stale(stale)
        if preview.draft is not None and not (same_document and self.draft_panel.is_modified()):
            self.draft_panel.load(preview.draft)
        if then is not None and self.request() == preview.request:
            if stale:
                self.queued = then  # printed or saved once the pages show the new figures
            else:
                then()
        elif stale and self.isVisible():
            self.pending = True

    def when_current(self, then: Callable[[], None]) -> None:
        """Run ``then`` once the preview shows the current choices and the saved narrative."""
        if self.busy:
            self.queued = then  # pressed while the pages were still being made: done right after
            return
        current = self.request()
        if current is None:
            return
        if current.kind in EDITABLE and self.draft_panel.is_modified():
            self.save_draft(then)
        elif not self.is_current(current):
            self.refresh(then)
        else:
            then()

    # --- the year-end report's narrative -------------------------------------------------------------

    def save_draft(self, then: Callable[[], None] | None = None) -> None:
        """Keep the edited narrative with the report, then show the pages again with it."""
        current = self.request()
        if current is None or current.kind not in EDITABLE or self.busy:
            return
        draft = self.draft_panel.draft()
        db, user = self.ctx.db, self.ctx.user

        def work() -> Draft:
            return save_report_text(db, current, draft, user=user)

        def saved(result: Draft) -> None:
            self.draft_panel.load(result)
            self.ctx.saved(_("The report's text was saved."))
            self.preview = None  # the pages show the old text
            self.refresh(then)

        self._run(work, _("Saving the report's text…"), saved)

    # --- print and save ------------------------------------------------------------------------------

    def print_document(self) -> None:
        self.when_current(self._print_now)

    def _print_now(self) -> None:
        preview = self.preview
        if preview is None:
            return
        printer = printing.new_printer(preview.title)
        if not printing.ask_printer(self, printer, len(preview.images)):
            return
        self._numbered(
            preview,
            lambda issued: self._run(
                lambda: printing.print_pdf(printer, issued.pdf),
                _("Sending the pages to the printer…"),
                lambda count: self._say(
                    ngettext(
                        "{count} page was sent to the printer.",
                        "{count} pages were sent to the printer.",
                        count,
                    ).format(count=count)
                ),
            ),
        )

    def save_document(self) -> None:
        self.when_current(self._save_now)

    def _save_now(self) -> None:
        preview = self.preview
        if preview is None:
            return
        choice = save_target.choose_target(self, preview.file_name, data_folder=self.ctx.db.folder)
        if choice is None:
            return
        self._numbered(
            preview,
            lambda issued: self._run(
                lambda: safe_write(choice.folder, choice.name, issued.pdf),
                _("Saving and checking the file…"),
                lambda saved: self._saved(saved, issued.missing),
            ),
        )

    # --- the number from the register of outgoing documents -------------------------------------------

    def _awaits_number(self, preview: Preview) -> bool:
        """Complete, numbered, and not numbered yet: printing or saving it issues it."""
        kind = DOCUMENT_KINDS.get(preview.request.kind)
        return bool(kind and kind.numbered and not preview.missing and not preview.number)

    def _numbered(self, preview: Preview, then: Callable[[Preview], None]) -> None:
        """``then(preview)``; a complete document not yet numbered is first issued (numbered from the
        register, in one transaction) and its pages shown with the number, so the paper and the pages
        agree."""
        if not self._awaits_number(preview):
            then(preview)
            return
        db, user = self.ctx.db, self.ctx.user

        def issued(result: Preview) -> None:
            self._show(result, None)
            self.ctx.saved(_("Given from the register: {number}.").format(number=result.number))
            then(result)

        self._run(
            lambda: make_preview(db, preview.request, preview.data_version, issue_as=user),
            _("Numbering the document in the register…"),
            issued,
        )

    def _show_number(self, preview: Preview) -> None:
        kind = DOCUMENT_KINDS.get(preview.request.kind)
        text = ""
        if preview.number:
            text = _("{number}: in the register of outgoing documents; printed again, it keeps them.").format(
                number=preview.number
            )
        elif kind is not None and kind.numbered:
            text = (
                _("A draft has no number; it is given one when it is complete and printed or saved.")
                if preview.missing
                else _(
                    "No number yet: printing or saving it gives it the next number of the register of "
                    "outgoing documents (or the number typed above)."
                )
            )
        self.number_status.setText(text)
        self.number_status.setVisible(bool(text))
        self.number_edit.setEnabled(not preview.number)

    def save_word_document(self) -> None:
        """The same document as a Word file, made from the pages shown (the same choices and data)."""
        if DOCUMENT_KINDS[self.kind_name()].offers_word:
            self.when_current(self._save_word_now)

    def _save_word_now(self) -> None:
        preview = self.preview
        if preview is None:
            return
        request = replace(preview.request, format="docx")
        name = document_file_name(request, preview.title)
        choice = save_target.choose_target(self, name, data_folder=self.ctx.db.folder, suffix=".docx")
        if choice is None:
            return
        db = self.ctx.db

        def work() -> SavedFile:
            return safe_write(choice.folder, choice.name, make_document(db, request).data)

        self._run(
            work,
            _("Making the Word file, saving and checking it…"),
            lambda saved: self._saved(saved, preview.missing),
        )

    def _saved(self, saved: SavedFile, missing: tuple[str, ...] = ()) -> None:
        self.last_saved = saved
        text = safe_to_remove_message(saved)
        if missing:  # a draft: "saved and checked" would read as ready to sign
            text = (
                _("Saved as a draft: “{path}”; it still lacks:").format(path=saved.path)
                + "".join(f"\n- {line}" for line in missing)
                + "\n"
                + _("You can now remove the USB stick safely.")
            )
        self._say(text)
        dialogs.inform(self, text)

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.show()
        self.ctx.saved(text)
