"""The year-end report's own words, editable before export: the narrative, next year's key tasks, the
shortcomings ("Hạn chế, tồn tại"), the proposals ("Đề xuất, kiến nghị") and the signer. Loaded from the
draft kept with the report (or the text drafted from the figures).

A part still holding the line the clerk has to write (``reports.narrative.TO_WRITE``) keeps the report
a draft (``reports.readiness``); its label says so in red, so the clerk sees why."""

from __future__ import annotations

from emulation_desktop.locale.i18n import _
from emulation_desktop.operations.report_drafts import Draft, clean_lines
from emulation_desktop.ui.qt import (
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    qconnect,
)

BOX_LINES = 3  # a text box never shrinks below this many lines: the column scrolls instead
UNWRITTEN_STYLE = "color: #b00020; font-weight: bold;"


class DraftPanel(QGroupBox):
    def __init__(self) -> None:
        super().__init__(_("Text of the report (you can edit it)"))
        self.setObjectName("draft_panel")
        self.loaded = Draft("", "")
        column = QVBoxLayout(self)
        column.setSpacing(3)
        self.narrative = text_box("narrative")
        self.tasks = text_box("key_tasks")
        self.shortcomings = text_box("shortcomings")
        self.proposals = text_box("proposals")
        self.signer = QLineEdit()
        self.signer.setObjectName("signer")
        self.signer.setPlaceholderText(_("Name of the person who signs"))
        self.narrative.setToolTip(
            _("The results of the year as printed in the report; each line becomes a paragraph")
        )
        self.tasks.setToolTip(_("Next year's key tasks; each line becomes one item of the list"))
        self.shortcomings.setToolTip(
            _("The section “Hạn chế, tồn tại” of the report; each line becomes a paragraph")
        )
        self.proposals.setToolTip(
            _("The section “Đề xuất, kiến nghị” of the report; each line becomes a paragraph")
        )
        self.signer.setToolTip(_("The name printed under “CHỦ TỊCH” in the signature block"))
        # The label of each box, by box: the parts the clerk must write are flagged on it.
        self.labels: dict[QPlainTextEdit, tuple[QLabel, str]] = {}
        for text, widget, stretch in (
            (_("Results of the year (&one paragraph per line):"), self.narrative, 3),
            (_("&Key tasks for next year (one per line):"), self.tasks, 2),
            (_("S&hortcomings (one paragraph per line):"), self.shortcomings, 2),
            (_("P&roposals (one paragraph per line):"), self.proposals, 2),
            (_("Si&gned by:"), self.signer, 0),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            label.setWordWrap(True)
            column.addWidget(label)
            column.addWidget(widget, stretch)
            if isinstance(widget, QPlainTextEdit):
                self.labels[widget] = (label, text)
        self.hint = QLabel(_("Changed: press “Save text and update” to see it in the pages."))
        self.hint.setObjectName("draft_hint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #7a4b00;")
        self.hint.hide()
        column.addWidget(self.hint)
        self.save_button = QPushButton(_("Save text and update"))
        self.save_button.setObjectName("save_draft")
        self.save_button.setToolTip(_("Keep this text with the report and draw the pages again"))
        column.addWidget(self.save_button)
        for edit in (self.narrative, self.tasks, self.shortcomings, self.proposals):
            qconnect(edit.textChanged, self._changed)
        qconnect(self.signer.textEdited, lambda _text: self._changed())

    def show_key_tasks(self, shown: bool) -> None:
        """The key tasks belong to the year-end report; the consolidated report prints none."""
        self.tasks.setVisible(shown)
        self.labels[self.tasks][0].setVisible(shown)

    def load(self, draft: Draft) -> None:
        self.loaded = draft
        for edit, text in (
            (self.narrative, draft.narrative),
            (self.tasks, draft.key_tasks),
            (self.shortcomings, draft.shortcomings or ""),
            (self.proposals, draft.proposals or ""),
        ):
            edit.setPlainText(spaced(text))
        self.signer.setText(draft.signer_name)
        self.hint.hide()
        self._flag_unwritten()

    def draft(self) -> Draft:
        """The text as edited, carrying the version it was loaded at (a concurrent save is refused). The
        shortcomings and proposals go only when edited: unedited, they may still be what the figures
        draft, which must follow the figures rather than be frozen by saving the narrative."""
        return Draft(
            self.narrative.toPlainText(),
            self.tasks.toPlainText(),
            self.signer.text(),
            self.loaded.number,
            self.loaded.version,
            shortcomings=_edited(self.shortcomings, self.loaded.shortcomings),
            proposals=_edited(self.proposals, self.loaded.proposals),
        )

    def is_modified(self) -> bool:
        return (
            clean_lines(self.narrative.toPlainText()) != clean_lines(self.loaded.narrative)
            or clean_lines(self.tasks.toPlainText()) != clean_lines(self.loaded.key_tasks)
            or _edited(self.shortcomings, self.loaded.shortcomings) is not None
            or _edited(self.proposals, self.loaded.proposals) is not None
            or self.signer.text().strip() != self.loaded.signer_name
        )

    def unwritten(self) -> list[QPlainTextEdit]:
        """The boxes still holding the line the clerk has to write."""
        # Loaded here: the marker lives with the drafting, which brings ReportLab; a document has been
        # made (and ReportLab loaded) before this panel holds any text.
        from emulation_desktop.reports.narrative import TO_WRITE

        # The parts ``readiness`` reads: the key tasks are never left to write (they have defaults).
        return [e for e in (self.narrative, self.shortcomings, self.proposals) if TO_WRITE in e.toPlainText()]

    def _changed(self) -> None:
        self.hint.setVisible(self.is_modified())
        self._flag_unwritten()

    def _flag_unwritten(self) -> None:
        unwritten = self.unwritten()
        for edit, (label, text) in self.labels.items():
            if edit in unwritten:
                label.setText(_("{label} — still to write:").format(label=text.removesuffix(":")))
                label.setStyleSheet(UNWRITTEN_STYLE)
                label.setToolTip(
                    _(
                        "This part still holds “… (nội dung do văn thư soạn)”: replace that line with the "
                        "text, or the report prints only as a draft."
                    )
                )
            else:
                label.setText(text)
                label.setStyleSheet("")
                label.setToolTip("")


def text_box(name: str) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setObjectName(name)
    box.setTabChangesFocus(True)  # Tab leaves the box, as in every other field
    lines = box.fontMetrics().lineSpacing() * BOX_LINES
    box.setMinimumHeight(lines + 2 * box.frameWidth() + 8)
    return box


def _edited(box: QPlainTextEdit, loaded: str | None) -> str | None:
    """The box's text when it differs from what was loaded, else None (``Draft``: keep the saved one)."""
    text = box.toPlainText()
    return None if clean_lines(text) == clean_lines(loaded or "") else text


def spaced(text: str) -> str:
    """One paragraph per line, shown with a blank line between them (empty lines are dropped on save)."""
    return "\n\n".join(line for line in text.splitlines() if line.strip())
