"""What every page of the set-up assistant shares (``ui/setup_wizard.py``): the messages under
the fields, and ``PlanPage``, which asks ``check_plan`` about the whole plan before Next."""

from __future__ import annotations

from typing import TYPE_CHECKING

from emulation_desktop.operations.setup import (
    check_plan,
)
from emulation_desktop.ui.dialogs import error_label
from emulation_desktop.ui.qt import (
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWizardPage,
)

if TYPE_CHECKING:
    from emulation_desktop.ui.setup_wizard import SetupWizard

NOTE_STYLE = "color: #7a4b00;"
HINT_STYLE = "color: #444444;"


def red_label(name: str) -> QLabel:
    """A message under a field: red, wrapped, hidden while there is nothing to say."""
    return error_label(f"error_{name}")


def note_label(name: str, style: str = NOTE_STYLE) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet(style)
    return label


def say(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


class PlanPage(QWizardPage):
    """A page of the plan: ``fields`` are the plan's fields whose messages it shows."""

    fields: tuple[str, ...] = ()

    def __init__(self, wizard: SetupWizard, title: str, subtitle: str) -> None:
        super().__init__()
        self.assistant = wizard
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.errors: dict[str, QLabel] = {}

    def error_under(self, layout: QVBoxLayout | QFormLayout, field: str, *also: str) -> QLabel:
        """The red label for ``field`` (and the fields ``also`` shown in the same place)."""
        label = red_label(field)
        for name in (field, *also):
            self.errors[name] = label
        if isinstance(layout, QFormLayout):
            layout.addRow(label)
        else:
            layout.addWidget(label)
        return label

    def show_errors(self, errors: dict[str, str]) -> bool:
        """Show the messages of this page's fields; True when there is none."""
        texts: dict[int, list[str]] = {}
        for field, label in self.errors.items():
            texts.setdefault(id(label), [])
            if field in errors and errors[field] not in texts[id(label)]:
                texts[id(label)].append(errors[field])
        for label in {id(label): label for label in self.errors.values()}.values():
            say(label, "\n".join(texts[id(label)]))
        return not any(field in errors for field in self.fields)

    def validatePage(self) -> bool:
        return self.show_errors(check_plan(self.assistant.plan()))
