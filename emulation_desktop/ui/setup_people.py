"""The set-up page of the committee's people: the chair (signs TM.), the vice chairs (one may sign
KT.), the clerk (``ui/setup_wizard.py``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from emulation_desktop.locale.i18n import _
from emulation_desktop.operations.setup import (
    Person,
    plan_warnings,
)
from emulation_desktop.ui.qt import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    qconnect,
)
from emulation_desktop.ui.setup_common import HINT_STYLE, PlanPage, note_label, say

if TYPE_CHECKING:
    from emulation_desktop.ui.setup_wizard import SetupWizard


class ViceRow:
    def __init__(self, page: PeoplePage, name: str = "", signs: bool = False) -> None:
        self.name = QLineEdit(name)
        self.name.setObjectName("vice_name")
        self.name.setPlaceholderText(_("Full name"))
        self.signs = QCheckBox(_("Signs KT. CHỦ TỊCH"))
        self.signs.setObjectName("vice_signs")
        self.signs.setChecked(signs)
        self.signs.setToolTip(_("Signs for the chair: KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"))
        self.remove = QPushButton(_("Remove"))
        self.remove.setAutoDefault(False)
        qconnect(self.remove.clicked, lambda _checked=False: page.remove_vice(self))
        qconnect(self.name.textChanged, lambda _text: page.update_warning())


class PeoplePage(PlanPage):
    fields = ("people",)

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard, _("The standing committee"), "")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.chair = QLineEdit()
        self.chair.setObjectName("chair")
        self.chair.setPlaceholderText(_("Full name"))
        self.chair.setToolTip(_("Signs the documents: TM. BAN THƯỜNG TRỰC / CHỦ TỊCH"))
        chair_label = QLabel(_("Chair:"))
        chair_label.setBuddy(self.chair)
        form.addRow(chair_label, self.chair)
        layout.addLayout(form)
        signs = note_label("signing_hint", HINT_STYLE)
        signs.setText(
            _(
                "The chair signs “TM. BAN THƯỜNG TRỰC / CHỦ TỊCH”; a vice chair who signs for the chair "
                "signs “KT. CHỦ TỊCH / PHÓ CHỦ TỊCH”."
            )
        )
        layout.addWidget(signs)
        layout.addWidget(QLabel(_("Vice chairs:")))
        self.vice_grid = QGridLayout()
        layout.addLayout(self.vice_grid)
        self.add_vice_button = QPushButton(_("Add a vice chair"))
        self.add_vice_button.setObjectName("add_vice")
        self.add_vice_button.setAutoDefault(False)
        row = QHBoxLayout()
        row.addWidget(self.add_vice_button)
        row.addStretch(1)
        layout.addLayout(row)
        clerk_form = QFormLayout()
        self.clerk = QLineEdit()
        self.clerk.setObjectName("clerk")
        self.clerk.setPlaceholderText(_("Full name"))
        clerk_label = QLabel(_("Office clerk:"))
        clerk_label.setBuddy(self.clerk)
        clerk_form.addRow(clerk_label, self.clerk)
        layout.addLayout(clerk_form)
        self.error_under(layout, "people")
        self.warning = note_label("people_warning")
        layout.addWidget(self.warning)
        layout.addStretch(1)
        self.vices: list[ViceRow] = []
        self.kept: list[Person] = []  # standing members, not edited here: kept as they are
        qconnect(self.add_vice_button.clicked, lambda _checked=False: self.add_vice())
        qconnect(self.chair.textChanged, lambda _text: self.update_warning())
        self.add_vice()

    def initializePage(self) -> None:
        self.setSubTitle(
            _("The people of {year}: who signs the documents. They can be changed later.").format(
                year=self.assistant.unit_page.year.value()
            )
        )
        self.update_warning()

    def add_vice(self, name: str = "", signs: bool = False) -> ViceRow:
        row = ViceRow(self, name, signs)
        number = len(self.vices)
        self.vices.append(row)
        self.vice_grid.addWidget(row.name, number, 0)
        self.vice_grid.addWidget(row.signs, number, 1)
        self.vice_grid.addWidget(row.remove, number, 2)
        self.vice_grid.setColumnStretch(0, 1)
        return row

    def remove_vice(self, row: ViceRow) -> None:
        self.vices.remove(row)
        for widget in (row.name, row.signs, row.remove):
            self.vice_grid.removeWidget(widget)
            widget.deleteLater()
        for number, other in enumerate(self.vices):
            for column, widget in enumerate((other.name, other.signs, other.remove)):
                self.vice_grid.addWidget(widget, number, column)
        self.update_warning()

    def people(self) -> tuple[Person, ...]:
        """The chair (signing TM.), the vice chairs with a name (KT. when ticked), the standing members
        kept, the clerk."""
        people = []
        if self.chair.text().strip():
            people.append(Person(self.chair.text(), "chair", "tm"))
        for row in self.vices:
            if row.name.text().strip():
                people.append(Person(row.name.text(), "vice_chair", "kt" if row.signs.isChecked() else ""))
        people += self.kept
        if self.clerk.text().strip():
            people.append(Person(self.clerk.text(), "clerk", ""))
        return tuple(people)

    def fill(self, people: Iterable[Person]) -> None:
        for row in list(self.vices):
            self.remove_vice(row)
        self.kept = []
        for person in people:
            if person.position == "chair":
                self.chair.setText(person.name)
            elif person.position == "vice_chair":
                self.add_vice(person.name, person.signs_as == "kt")
            elif person.position == "clerk":
                self.clerk.setText(person.name)
            else:
                self.kept.append(person)
        if not self.vices:
            self.add_vice()

    def update_warning(self) -> None:
        say(self.warning, "\n".join(plan_warnings(self.assistant.plan()).values()))
