"""The set-up page "Đơn vị trước sắp xếp": the old units each unit was formed from on 1 July 2025,
offered from the official mapping (or as recorded here), each with a tick for "counted in last year's
figures"; one added from the list before 2025 (searched without diacritics) or typed in, one taken off.
For the cluster head's office, the same for each member. Nothing is written here: the plan carries
them and ``apply_setup`` writes them with the rest (docs/setup.md, "Units formed in 2025")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from emulation_desktop.domain import catalogue
from emulation_desktop.locale.i18n import _
from emulation_desktop.operations.predecessors import Predecessor, proposed
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
from emulation_desktop.ui.setup_common import HINT_STYLE, PlanPage, note_label
from emulation_desktop.ui.unit_finder import UnitFinder, unit_name

if TYPE_CHECKING:
    from emulation_desktop.ui.setup_wizard import SetupWizard

OLD_LIST_YEAR = catalogue.FIRST_YEAR_OF_CURRENT - 1  # the finder shows the list in force until 30 June 2025


def old_unit_text(old: Predecessor) -> str:
    """ "Xã Thái Long — 02521 (whole)": how the mapping took it, or typed in by the clerk."""
    how = {True: _("whole"), False: _("in part"), None: _("added by hand")}[old.whole]
    return f"{old.name or old.code} — {old.code} ({how})"


class PredecessorsPage(PlanPage):
    fields = ("predecessors",)

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(
            wizard,
            _("Units before the reorganisation"),
            _(
                "The old communes and wards each unit was formed from on 1 July 2025. Ticked ones make its "
                "figures of last year; one split between new units is ticked in one of them only."
            ),
        )
        self.items: dict[str, list[Predecessor]] = {}  # successor's code → its old units, as shown
        self.shown_code = ""
        layout = QVBoxLayout(self)
        top = QFormLayout()
        self.successor = QComboBox()
        self.successor.setObjectName("successor")
        self.successor.setToolTip(_("The unit whose old units are shown below"))
        successor_label = QLabel(_("New unit:"))
        successor_label.setBuddy(self.successor)
        top.addRow(successor_label, self.successor)
        layout.addLayout(top)
        columns = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(QLabel(_("Old units (ticked: counted in last year's figures):")))
        self.list = QListWidget()
        self.list.setObjectName("predecessors")
        left.addWidget(self.list, 1)
        self.remove_button = QPushButton(_("Take off the list"))
        self.remove_button.setObjectName("remove_predecessor")
        self.remove_button.setAutoDefault(False)
        left.addWidget(self.remove_button)
        columns.addLayout(left, 1)
        right = QVBoxLayout()
        self.finder = UnitFinder("old", communes_only=True)
        self.finder.set_year(OLD_LIST_YEAR)
        right.addWidget(self.finder, 1)
        self.add_button = QPushButton(_("Add from the list before 2025"))
        self.add_button.setObjectName("add_predecessor")
        self.add_button.setAutoDefault(False)
        right.addWidget(self.add_button)
        typed = QHBoxLayout()
        self.typed_code = QLineEdit()
        self.typed_code.setObjectName("typed_code")
        self.typed_code.setPlaceholderText(_("Code"))
        self.typed_code.setMaxLength(20)
        self.typed_code.setMaximumWidth(self.typed_code.fontMetrics().horizontalAdvance("0000000000"))
        self.typed_name = QLineEdit()
        self.typed_name.setObjectName("typed_name")
        self.typed_name.setPlaceholderText(_("Name, for a unit not in the list"))
        self.typed_button = QPushButton(_("Add"))
        self.typed_button.setObjectName("add_typed_predecessor")
        self.typed_button.setAutoDefault(False)
        typed.addWidget(self.typed_code)
        typed.addWidget(self.typed_name, 1)
        typed.addWidget(self.typed_button)
        right.addLayout(typed)
        columns.addLayout(right, 1)
        layout.addLayout(columns, 1)
        hint = note_label("predecessors_hint", HINT_STYLE)
        hint.setText(
            _("Without a tick, an old unit is listed (for the documents) but its figures are not added here.")
        )
        layout.addWidget(hint)
        self.error_under(layout, "predecessors")
        qconnect(self.successor.currentIndexChanged, lambda _index: self.show_successor())
        qconnect(self.list.itemChanged, lambda _item: self.keep_ticks())
        qconnect(self.remove_button.clicked, lambda _checked=False: self.remove_chosen())
        qconnect(self.add_button.clicked, lambda _checked=False: self.add_listed(self.finder.chosen()))
        qconnect(self.finder.list.itemDoubleClicked, lambda _item: self.add_listed(self.finder.chosen()))
        qconnect(self.typed_button.clicked, lambda _checked=False: self.add_typed())

    # --- which units --------------------------------------------------------------------------------

    def successors(self) -> list[str]:
        """The plan's unit, then (cluster head) the other members of its cluster."""
        plan = self.assistant.plan_without_predecessors()
        codes = [plan.unit_code]
        if plan.role == "cluster_head":
            codes += [c for c in plan.cluster_members if c != plan.unit_code]
        return [c for c in codes if c]

    def initializePage(self) -> None:
        codes = self.successors()
        missing = [c for c in codes if c not in self.items]
        if missing:
            self.items.update(proposed(self.assistant.ctx.db, missing))
        chosen = self.shown_code if self.shown_code in codes else (codes[0] if codes else "")
        year = self.assistant.unit_page.year.value()
        self.successor.blockSignals(True)
        self.successor.clear()
        for code in codes:
            label = self.assistant.unit_label() if code == codes[0] else unit_name(year, code)
            self.successor.addItem(f"{label} — {code}", code)
        self.successor.setCurrentIndex(max(self.successor.findData(chosen), 0))
        self.successor.blockSignals(False)
        self.successor.setEnabled(len(codes) > 1)
        self.show_successor()

    def show_successor(self) -> None:
        self.shown_code = str(self.successor.currentData() or "")
        self.list.blockSignals(True)
        self.list.clear()
        for old in self.items.get(self.shown_code, []):
            item = QListWidgetItem(old_unit_text(old))
            item.setData(Qt.ItemDataRole.UserRole, old.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if old.counted else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.blockSignals(False)

    # --- editing ------------------------------------------------------------------------------------

    def keep_ticks(self) -> None:
        olds = self.items.get(self.shown_code, [])
        for row, old in enumerate(list(olds)):
            counted = self.list.item(row).checkState() == Qt.CheckState.Checked
            if counted != old.counted:
                olds[row] = Predecessor(old.code, old.name, counted, old.whole, old.note)

    def add(self, old: Predecessor) -> None:
        olds = self.items.setdefault(self.shown_code, [])
        if any(o.code == old.code for o in olds):
            dialogs.inform(self, _("{name} is on the list already.").format(name=old.name or old.code))
            return
        olds.append(old)
        self.show_successor()

    def add_listed(self, code: str) -> None:
        listed = catalogue.before_2025().unit(code) if code else None
        if listed is None:
            dialogs.inform(self, _("Choose a commune, ward or town of the list before 2025."))
            return
        self.add(Predecessor(listed.code, listed.name, True, None))

    def add_typed(self) -> None:
        code, name = self.typed_code.text().strip(), self.typed_name.text().strip()
        if not code:
            dialogs.inform(self, _("Type the old unit's code (and its name when it is not in the list)."))
            return
        listed = catalogue.before_2025().unit(code)
        self.add(Predecessor(code, listed.name if listed else name, True, None))
        self.typed_code.clear()
        self.typed_name.clear()

    def remove_chosen(self) -> None:
        row = self.list.currentRow()
        olds = self.items.get(self.shown_code, [])
        if 0 <= row < len(olds):
            del olds[row]
            self.show_successor()

    # --- the plan -----------------------------------------------------------------------------------

    def visited(self) -> bool:
        return bool(self.items)

    def of(self, code: str) -> tuple[Predecessor, ...] | None:
        """The old units shown for ``code``; None when the page has not shown that unit yet."""
        return tuple(self.items[code]) if code in self.items else None
