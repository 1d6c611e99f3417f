"""The year-end report's own words, editable before export: the narrative, next year's key tasks and
the signer. Loaded from the draft kept with the report (or the text drafted from the figures)."""

from __future__ import annotations

from emulation_desktop.locale.i18n import _
from emulation_desktop.reports.drafts import Draft, clean_lines
from emulation_desktop.ui.qt import (
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    qconnect,
)


class DraftPanel(QGroupBox):
    def __init__(self) -> None:
        super().__init__(_("Text of the report (you can edit it)"))
        self.setObjectName("draft_panel")
        self.loaded = Draft("", "")
        column = QVBoxLayout(self)
        column.setSpacing(3)
        self.narrative = QPlainTextEdit()
        self.narrative.setObjectName("narrative")
        self.narrative.setTabChangesFocus(True)  # Tab leaves the box, as in every other field
        self.tasks = QPlainTextEdit()
        self.tasks.setObjectName("key_tasks")
        self.tasks.setTabChangesFocus(True)
        self.signer = QLineEdit()
        self.signer.setObjectName("signer")
        self.signer.setPlaceholderText(_("Name of the person who signs"))
        self.narrative.setToolTip(
            _("The results of the year as printed in the report; each line becomes a paragraph")
        )
        self.tasks.setToolTip(_("Next year's key tasks; each line becomes one item of the list"))
        self.signer.setToolTip(_("The name printed under “CHỦ TỊCH” in the signature block"))
        for text, widget, stretch in (
            (_("Results of the year (&one paragraph per line):"), self.narrative, 3),
            (_("&Key tasks for next year (one per line):"), self.tasks, 2),
            (_("Si&gned by:"), self.signer, 0),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            column.addWidget(label)
            column.addWidget(widget, stretch)
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
        for edit in (self.narrative, self.tasks):
            qconnect(edit.textChanged, self._changed)
        qconnect(self.signer.textEdited, lambda _text: self._changed())

    def load(self, draft: Draft) -> None:
        self.loaded = draft
        for edit, text in ((self.narrative, draft.narrative), (self.tasks, draft.key_tasks)):
            edit.setPlainText(spaced(text))
        self.signer.setText(draft.signer_name)
        self.hint.hide()

    def draft(self) -> Draft:
        """The text as edited, carrying the version it was loaded at (a concurrent save is refused)."""
        return Draft(
            self.narrative.toPlainText(),
            self.tasks.toPlainText(),
            self.signer.text(),
            self.loaded.number,
            self.loaded.version,
        )

    def is_modified(self) -> bool:
        return (
            clean_lines(self.narrative.toPlainText()) != clean_lines(self.loaded.narrative)
            or clean_lines(self.tasks.toPlainText()) != clean_lines(self.loaded.key_tasks)
            or self.signer.text().strip() != self.loaded.signer_name
        )

    def _changed(self) -> None:
        self.hint.setVisible(self.is_modified())


def spaced(text: str) -> str:
    """One paragraph per line, shown with a blank line between them (empty lines are dropped on save)."""
    return "\n\n".join(line for line in text.splitlines() if line.strip())
