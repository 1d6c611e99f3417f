"""The set-up page of the emulation cluster (the cluster head's office): its name and code, its
members from the official list, this year's head and deputy (``ui/setup_wizard.py``).

A cluster set up for a year before the reorganisation of 1 July 2025 and opened for a year after it (the
head's office going on as a 2025 unit) starts with this office alone: the clusters of 2025 are clusters
of the new communes and wards, formed anew by the city's decision, so last year's old units are named in
a note, not carried over (nor guessed from the official mapping: a split commune's successors, or a
ward placed in another cluster, would be saved as members unnoticed)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from emulation_desktop.domain.catalogue import FIRST_YEAR_OF_CURRENT
from emulation_desktop.locale.i18n import _
from emulation_desktop.ui import dialogs
from emulation_desktop.ui.qt import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    Qt,
    QVBoxLayout,
    qconnect,
)
from emulation_desktop.ui.setup_common import PlanPage, note_label, red_label, say
from emulation_desktop.ui.unit_finder import UnitFinder, unit_name

if TYPE_CHECKING:
    from emulation_desktop.ui.setup_wizard import SetupWizard


class ClusterPage(PlanPage):
    fields = ("cluster_code", "cluster_name", "cluster_members", "head_code", "deputy_code")

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(
            wizard,
            _("The emulation cluster"),
            _("The cluster this office heads this year, and its members from the official list."),
        )
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setObjectName("cluster_name")
        self.name.setPlaceholderText("Cụm thi đua số 3")
        self.code = QLineEdit()
        self.code.setObjectName("cluster_code")
        self.code.setMaxLength(20)
        self.code.setToolTip(_("A short code for the cluster, the same in every office's data"))
        form.addRow(_("Cluster name:"), self.name)
        form.addRow(self.errors_row("cluster_name"))
        form.addRow(_("Cluster code:"), self.code)
        form.addRow(self.errors_row("cluster_code"))
        layout.addLayout(form)
        columns = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(QLabel(_("Members this year:")))
        self.members = QListWidget()
        self.members.setObjectName("cluster_members")
        left.addWidget(self.members, 1)
        self.remove_button = QPushButton(_("Take out of the cluster"))
        self.remove_button.setObjectName("remove_member")
        self.remove_button.setAutoDefault(False)
        left.addWidget(self.remove_button)
        columns.addLayout(left, 1)
        right = QVBoxLayout()
        self.finder = UnitFinder("member")
        right.addWidget(self.finder, 1)
        self.add_button = QPushButton(_("Add to the cluster"))
        self.add_button.setObjectName("add_member")
        self.add_button.setAutoDefault(False)
        right.addWidget(self.add_button)
        columns.addLayout(right, 1)
        layout.addLayout(columns, 1)
        self.reform_note = note_label("cluster_reform_note")
        self.reform_note.hide()
        layout.addWidget(self.reform_note)
        layout.addWidget(self.errors_row("cluster_members"))
        roles = QFormLayout()
        self.head = QComboBox()
        self.head.setObjectName("head")
        self.deputy = QComboBox()
        self.deputy.setObjectName("deputy")
        roles.addRow(_("Cluster head this year:"), self.head)
        roles.addRow(self.errors_row("head_code"))
        roles.addRow(_("Cluster deputy this year:"), self.deputy)
        roles.addRow(self.errors_row("deputy_code"))
        layout.addLayout(roles)
        self._code_typed = False
        # The cluster as set up already (``fill``): its members, head, deputy and year.
        self.filled: tuple[list[str], str, str, int] | None = None
        self.reformed = False  # True while the filled members of a year before 2025 are set aside
        qconnect(self.name.textChanged, lambda _text: self._suggest_code())
        qconnect(self.code.textEdited, lambda _text: setattr(self, "_code_typed", True))
        qconnect(self.add_button.clicked, lambda _checked=False: self.add_member(self.finder.chosen()))
        qconnect(self.remove_button.clicked, lambda _checked=False: self.remove_member())
        qconnect(self.finder.list.itemDoubleClicked, lambda _item: self.add_member(self.finder.chosen()))

    def errors_row(self, field: str) -> QLabel:
        label = red_label(field)
        self.errors[field] = label
        return label

    def _suggest_code(self) -> None:
        """A code from the name ("Cụm thi đua số 3" → "01-CUM3"), until the clerk types one."""
        if self._code_typed:
            return
        digits = "".join(ch for ch in self.name.text() if ch.isdigit())
        province = self.assistant.unit_page.finder.province_code()
        self.code.setText(f"{province}-CUM{digits}" if digits else "")

    def initializePage(self) -> None:
        year = self.assistant.unit_page.year.value()
        self.finder.province.setCurrentIndex(
            max(self.finder.province.findData(self.assistant.unit_page.finder.province_code()), 0)
        )
        self.finder.set_year(year)
        self._across_the_reform(year)
        own = self.assistant.plan().unit_code
        codes = self.member_codes()
        if own and own not in codes:
            self.set_members([own, *codes], self.head.currentData() or own, self.deputy.currentData() or "")
        self._suggest_code()

    def _across_the_reform(self, year: int) -> None:
        """Last year's members set aside for a year from 2025 when they were of a year before it, and
        shown again if the clerk goes back to that year."""
        if self.filled is None:
            return
        codes, head, deputy, filled_year = self.filled
        after = filled_year < FIRST_YEAR_OF_CURRENT <= year
        if after and not self.reformed:
            self.reformed = True
            self.set_members([], "", "")
            names = ", ".join(unit_name(filled_year, code) for code in codes)
            say(
                self.reform_note,
                _(
                    "In {last} the cluster's members were units before the reorganisation ({names}). Since "
                    "1 July 2025 clusters are of the new communes and wards: add this year's members from "
                    "the list of {year}."
                ).format(last=filled_year, names=names, year=year),
            )
        elif self.reformed and not after:
            self.reformed = False
            self.set_members(codes, head, deputy)
            say(self.reform_note, "")

    def member_codes(self) -> list[str]:
        return [str(self.members.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.members.count())]

    def set_members(self, codes: Iterable[str], head: str, deputy: str) -> None:
        year = self.assistant.unit_page.year.value()
        own = self.assistant.plan().unit_code
        self.members.clear()
        for code in dict.fromkeys(codes):
            name = self.assistant.unit_label() if code == own else unit_name(year, code)
            item = QListWidgetItem(f"{name} — {code}")
            item.setData(Qt.ItemDataRole.UserRole, code)
            self.members.addItem(item)
        for combo, chosen, blank in ((self.head, head, False), (self.deputy, deputy, True)):
            combo.clear()
            if blank:
                combo.addItem(_("— none yet —"), "")
            for row in range(self.members.count()):
                combo.addItem(
                    self.members.item(row).text(), self.members.item(row).data(Qt.ItemDataRole.UserRole)
                )
            combo.setCurrentIndex(max(combo.findData(chosen), 0))

    def add_member(self, code: str) -> None:
        if code and code not in self.member_codes():
            self.set_members([*self.member_codes(), code], self.head.currentData(), self.deputy.currentData())

    def remove_member(self) -> None:
        item = self.members.currentItem()
        if item is None:
            return
        code = item.data(Qt.ItemDataRole.UserRole)
        if code == self.assistant.plan().unit_code:
            dialogs.inform(self, _("This office heads the cluster set up here, so it stays a member."))
            return
        rest = [c for c in self.member_codes() if c != code]
        head, deputy = self.head.currentData(), self.deputy.currentData()
        self.set_members(rest, head if head != code else rest[0], deputy if deputy != code else "")

    def fields_of_plan(self) -> dict[str, object]:
        return {
            "cluster_code": self.code.text(),
            "cluster_name": self.name.text(),
            "cluster_members": tuple(self.member_codes()),
            "head_code": str(self.head.currentData() or ""),
            "deputy_code": str(self.deputy.currentData() or ""),
        }

    def fill(self, code: str, name: str, members: list[tuple[str, str]], year: int) -> None:
        """The cluster as set up already for ``year``: (code, role) of each member."""
        self.name.setText(name)
        self.code.setText(code)
        self._code_typed = True
        head = next((c for c, role in members if role == "head"), "")
        deputy = next((c for c, role in members if role == "deputy"), "")
        codes = [c for c, _role in members]
        self.filled, self.reformed = (codes, head, deputy, year), False
        self.set_members(codes, head, deputy)
