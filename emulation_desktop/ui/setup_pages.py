"""The pages of the set-up assistant (``ui/setup_wizard.py``): what this installation is, the unit and
its year, the villages, the committee's people, the cluster (for the cluster head's office).

Each page shows the widgets of some fields of the ``SetupPlan`` and, before Next, asks ``check_plan``
about the whole plan so far; the messages of its own fields appear in red under them and the page does
not advance. Nothing is written here: the wizard applies the plan once, at the end.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import cache
from typing import TYPE_CHECKING

from emulation_desktop.domain import catalogue
from emulation_desktop.domain.catalogue import Catalogue, ListedUnit
from emulation_desktop.errors import AppError
from emulation_desktop.locale.i18n import N_, _
from emulation_desktop.operations.setup import (
    FIRST_YEAR,
    LAST_YEAR,
    TEST_PREFIX,
    Person,
    check_plan,
    plan_warnings,
    villages_from_text,
)
from emulation_desktop.ui import dialogs, file_choice
from emulation_desktop.ui.qt import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    Qt,
    QVBoxLayout,
    QWidget,
    QWizardPage,
    Signal,
    qconnect,
)

if TYPE_CHECKING:
    from emulation_desktop.ui.setup_wizard import SetupWizard

ERROR_STYLE = "color: #b00020;"
NOTE_STYLE = "color: #7a4b00;"
HINT_STYLE = "color: #444444;"
HANOI = "01"  # offered first and chosen by default: the app was made for Hà Nội's clusters
MATCHES = 200  # matches listed at most; typing narrows them


def red_label(name: str) -> QLabel:
    """A message under a field: red, wrapped, hidden while there is nothing to say."""
    label = QLabel()
    label.setObjectName(f"error_{name}")
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.hide()
    return label


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


# --------------------------------------------------------------------------------- the role


ROLE_TEXTS = {
    "office": (
        N_("The Front committee of a commune or ward"),
        N_(
            "Ủy ban MTTQ Việt Nam of a commune, ward or special zone; for a year before 2025 also of a "
            "district. The usual choice."
        ),
    ),
    "cluster_head": (
        N_("The committee that heads an emulation cluster this year (cluster head)"),
        N_(
            "As above, and this office also keeps its cluster's members, the review and the cluster's reports."
        ),
    ),
    "city": (
        N_("The city's (province's) committee"),
        N_("The Front committee of the city or province, which receives the clusters' reports."),
    ),
}


class RolePage(PlanPage):
    fields = ("role",)

    def __init__(self, wizard: SetupWizard, demo_offered: bool) -> None:
        super().__init__(
            wizard,
            _("What is this computer for?"),
            _("Choose whose work is kept in this data folder. It can be changed later."),
        )
        layout = QVBoxLayout(self)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        for number, (role, (text, hint)) in enumerate(ROLE_TEXTS.items()):
            button = QRadioButton(_(text))
            button.setObjectName(f"role_{role}")
            self.group.addButton(button, number)
            self.buttons[role] = button
            layout.addWidget(button)
            explain = note_label(f"role_{role}_hint", HINT_STYLE)
            explain.setText(_(hint))
            explain.setContentsMargins(24, 0, 0, 6)
            layout.addWidget(explain)
        self.buttons["office"].setChecked(True)
        self.error_under(layout, "role")
        layout.addStretch(1)
        self.demo_button: QPushButton | None = None
        if demo_offered:
            row = QHBoxLayout()
            demo_text = note_label("demo_hint", HINT_STYLE)
            demo_text.setText(
                _("Only trying the application? Load the demo data instead (Hà Nội's Cluster No. 3).")
            )
            self.demo_button = QPushButton(_("Use the demo data"))
            self.demo_button.setObjectName("use_demo")
            self.demo_button.setAutoDefault(False)
            row.addWidget(demo_text, 1)
            row.addWidget(self.demo_button)
            layout.addLayout(row)
            qconnect(self.demo_button.clicked, lambda _checked=False: wizard.use_demo())
        for button in self.buttons.values():
            qconnect(button.toggled, lambda _on: wizard.role_changed())

    def role(self) -> str:
        return next((role for role, button in self.buttons.items() if button.isChecked()), "office")

    def set_role(self, role: str) -> None:
        self.buttons.get(role, self.buttons["office"]).setChecked(True)


# --------------------------------------------------------------------------------- the official list


@cache
def _districts() -> Catalogue:
    """The districts of the list before 2025, searched as the communes are."""
    old = catalogue.before_2025()
    return Catalogue(list(old.provinces), list(old.districts), [])


def matches(year: int, province: str, text: str) -> list[ListedUnit]:
    """The units of the list in force in ``year`` that match ``text`` (no diacritics needed), in the
    province; before 2025 the districts come first, then the communes."""
    found = catalogue.for_year(year).search(text, province or None, limit=MATCHES)
    if year < catalogue.FIRST_YEAR_OF_CURRENT:
        found = _districts().search(text, province or None, limit=MATCHES) + found
    return found[:MATCHES]


def listed_unit(year: int, code: str) -> ListedUnit | None:
    cat = catalogue.for_year(year)
    return cat.unit(code) or cat.district(code)


def unit_text(year: int, unit: ListedUnit) -> str:
    """ "Xã Đông Anh — 00454"; before 2025 a commune names its district."""
    where = ""
    if unit.district:
        district = catalogue.before_2025().district(unit.district)
        where = f" ({district.name})" if district else ""
    return f"{unit.name}{where} — {unit.code}"


def unit_name(year: int, code: str) -> str:
    """The name of a unit of the list, or of a province; the code itself when neither."""
    unit = listed_unit(year, code)
    if unit is not None:
        return unit.name
    province = catalogue.for_year(year).province(code)
    return province.name if province else code


class UnitFinder(QWidget):
    """The province, a search box (no diacritics needed) and the matching units of the official list
    for a year. ``chosen()`` is the code picked in the list."""

    picked = Signal()

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.year = date.today().year
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.province = QComboBox()
        self.province.setObjectName(f"{name}_province")
        self.province.setToolTip(_("The province or city of the unit"))
        self.search = QLineEdit()
        self.search.setObjectName(f"{name}_search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(_("Type part of the name, with or without accents: dong anh"))
        self.search.setToolTip(_("The list below keeps the units whose name has the words typed"))
        self.list = QListWidget()
        self.list.setObjectName(f"{name}_matches")
        self.list.setMinimumHeight(120)
        self.count = note_label(f"{name}_count", HINT_STYLE)
        province_label = QLabel(_("Province or city:"))
        province_label.setBuddy(self.province)
        search_label = QLabel(_("Find:"))
        search_label.setBuddy(self.search)
        layout.addRow(province_label, self.province)
        layout.addRow(search_label, self.search)
        layout.addRow(self.list)
        layout.addRow(self.count)
        qconnect(self.province.currentIndexChanged, lambda _index: self.refresh())
        qconnect(self.search.textChanged, lambda _text: self.refresh())
        qconnect(self.list.currentRowChanged, lambda _row: self.picked.emit())
        self.set_year(self.year)

    def set_year(self, year: int) -> None:
        """The list in force in ``year``: its provinces (Hà Nội first) and units."""
        province = self.province.currentData() or HANOI
        self.year = year
        provinces = catalogue.for_year(year).provinces
        self.province.blockSignals(True)
        self.province.clear()
        for item in sorted(provinces, key=lambda p: p.code != HANOI):
            self.province.addItem(item.name, item.code)
        self.province.setCurrentIndex(max(self.province.findData(province), 0))
        self.province.blockSignals(False)
        self.refresh()

    def province_code(self) -> str:
        return str(self.province.currentData() or "")

    def refresh(self) -> None:
        chosen = self.chosen()
        self.list.blockSignals(True)
        self.list.clear()
        found = matches(self.year, self.province_code(), self.search.text())
        for unit in found:
            item = QListWidgetItem(unit_text(self.year, unit))
            item.setData(Qt.ItemDataRole.UserRole, unit.code)
            self.list.addItem(item)
            if unit.code == chosen:
                self.list.setCurrentItem(item)
        if len(found) == 1:
            self.list.setCurrentRow(0)  # one match: it is the one
        self.list.blockSignals(False)
        if not found:
            text = _("Nothing in the official list of {year} matches.").format(year=self.year)
        elif len(found) >= MATCHES:
            text = _("The first {n} units; type more of the name to find yours.").format(n=len(found))
        else:
            text = _("{n} units; click yours.").format(n=len(found))
        self.count.setText(text)
        self.picked.emit()

    def chosen(self) -> str:
        item = self.list.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else ""

    def choose(self, code: str) -> None:
        """Show and pick a unit of the list (a unit set up already, or a test)."""
        unit = listed_unit(self.year, code)
        if unit is None:
            return
        self.province.setCurrentIndex(max(self.province.findData(unit.province), 0))
        self.search.setText(code)
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == code:
                self.list.setCurrentRow(row)


# --------------------------------------------------------------------------------- the unit and year


class UnitPage(PlanPage):
    fields = ("year", "unit_code", "unit_name", "province_code")

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(
            wizard,
            _("The unit and the year"),
            _("Choose the year first: the official list changed on 1 July 2025 (districts before it)."),
        )
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.year = QSpinBox()
        self.year.setObjectName("year")
        self.year.setRange(FIRST_YEAR, LAST_YEAR)
        self.year.setValue(date.today().year)
        self.year.setMaximumWidth(self.year.fontMetrics().horizontalAdvance("0000") * 3)
        self.year.setToolTip(_("The emulation year to set up; usually this year"))
        year_label = QLabel(_("Year:"))
        year_label.setBuddy(self.year)
        form.addRow(year_label, self.year)
        layout.addLayout(form)
        self.error_under(layout, "year")
        self.finder = UnitFinder("unit")
        layout.addWidget(self.finder, 1)
        self.city_note = note_label("city_note", HINT_STYLE)
        self.city_note.setText(_("The city's office keeps the province chosen above."))
        layout.addWidget(self.city_note)
        self.error_under(layout, "unit_code", "province_code")
        self.test_unit = QCheckBox(_("The unit is not in the official list (a test unit)"))
        self.test_unit.setObjectName("test_unit")
        self.test_unit.setToolTip(_("For training: a unit of your own, with a code starting with T"))
        layout.addWidget(self.test_unit)
        self.test_box = QWidget()
        test_form = QFormLayout(self.test_box)
        test_form.setContentsMargins(24, 0, 0, 0)
        self.test_code = QLineEdit()
        self.test_code.setObjectName("test_code")
        self.test_code.setMaxLength(12)
        self.test_code.setPlaceholderText("T01")
        self.test_code.setToolTip(_("A code starting with T, at most 12 characters"))
        self.test_name = QLineEdit()
        self.test_name.setObjectName("test_name")
        self.test_name.setPlaceholderText("Xã Thử Nghiệm")
        test_form.addRow(_("Code:"), self.test_code)
        test_form.addRow(_("Name:"), self.test_name)
        self.error_under(test_form, "unit_name")
        layout.addWidget(self.test_box)
        self.fixed_note = note_label("fixed_note")
        self.fixed_note.hide()
        layout.addWidget(self.fixed_note)
        self.test_box.hide()
        qconnect(self.test_unit.toggled, lambda on: self._test_toggled(on))
        qconnect(self.year.valueChanged, lambda value: self.finder.set_year(value))

    def _test_toggled(self, on: bool) -> None:
        self.test_box.setVisible(on)
        self.finder.search.setEnabled(not on)
        self.finder.list.setEnabled(not on)
        if on and not self.test_code.text():
            self.test_code.setText(TEST_PREFIX)

    def initializePage(self) -> None:
        city = self.assistant.role() == "city"
        for widget in (self.finder.search, self.finder.list, self.finder.count):
            widget.setVisible(not city)
        self.city_note.setVisible(city)
        self.finder.layout().labelForField(self.finder.search).setVisible(not city)  # type: ignore[attr-defined]

    def unit_fields(self) -> dict[str, str]:
        """The plan's unit: code, and for a test unit its typed name; the province chosen."""
        province = self.finder.province_code()
        if self.assistant.role() == "city":
            return {"unit_code": province, "province_code": ""}
        if self.test_unit.isChecked():
            return {
                "unit_code": self.test_code.text(),
                "unit_name": self.test_name.text(),
                "province_code": province,
            }
        return {"unit_code": self.finder.chosen(), "province_code": province}

    def fix(self, code: str, name: str, year: int) -> None:
        """The unit and year of a data folder set up already: shown, not changed here."""
        self.year.setValue(year)
        if listed_unit(year, code) is None and catalogue.for_year(year).province(code) is None:
            self.test_unit.setChecked(True)
            self.test_code.setText(code)
            self.test_name.setText(name)
        elif self.assistant.role() == "city":
            self.finder.province.setCurrentIndex(max(self.finder.province.findData(code), 0))
        else:
            self.finder.choose(code)
        for widget in (self.year, self.finder, self.test_unit, self.test_box):
            widget.setEnabled(False)
        say(
            self.fixed_note,
            _(
                "This data folder is set up for {name}, year {year}; each data folder belongs to one unit."
            ).format(name=name, year=year),
        )


# --------------------------------------------------------------------------------- the villages


class VillagesPage(PlanPage):
    fields = ("villages",)

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(
            wizard,
            _("Villages and residential groups"),
            _("Type them one per line, or paste the column from Excel. They can be added later too."),
        )
        layout = QVBoxLayout(self)
        self.text = QPlainTextEdit()
        self.text.setObjectName("villages")
        self.text.setPlaceholderText("Thôn Đông\nThôn Đoài\nTổ dân phố số 1")
        self.text.setToolTip(_("One name per line; cells pasted from Excel are read one by one"))
        layout.addWidget(self.text, 1)
        self.error_under(layout, "villages")
        row = QHBoxLayout()
        self.count = note_label("villages_count", HINT_STYLE)
        self.from_file = QPushButton(_("Import from an Excel/CSV file…"))
        self.from_file.setObjectName("villages_from_file")
        self.from_file.setToolTip(_("Read the names in the first column of names of a list"))
        self.from_file.setAutoDefault(False)
        row.addWidget(self.count, 1)
        row.addWidget(self.from_file)
        layout.addLayout(row)
        self.kept_note = note_label("villages_kept")
        self.kept_note.hide()
        layout.addWidget(self.kept_note)
        qconnect(self.text.textChanged, self.update_count)
        qconnect(self.from_file.clicked, lambda _checked=False: self.import_file())
        self.update_count()

    def names(self) -> tuple[str, ...]:
        return tuple(villages_from_text(self.text.toPlainText()))

    def update_count(self) -> None:
        self.count.setText(_("{n} villages and residential groups").format(n=len(self.names())))

    def import_file(self) -> None:
        path = file_choice.choose_open_file(
            self, _("Choose the list of villages and residential groups"), file_choice.SPREADSHEETS
        )
        if path:
            self.import_path(path)

    def import_path(self, path: str) -> None:
        """Add the names of a list file after those typed (repeats are dropped when counted)."""
        from emulation_desktop.exchange.villages_file import villages_from_file

        try:
            names = villages_from_file(path)
        except AppError as exc:
            dialogs.warn(self, exc.message)
            return
        if not names:
            dialogs.warn(self, _("No names were found in that file."))
            return
        typed = self.text.toPlainText().rstrip("\n")
        self.text.setPlainText("\n".join([typed, *names]) if typed else "\n".join(names))

    def keep(self, names: Iterable[str]) -> None:
        """The villages already there: listed to be seen; taking a line out does not remove one."""
        names = list(names)
        self.text.setPlainText("\n".join(names))
        if names:
            say(
                self.kept_note,
                _("Villages already there stay, even when a line is taken out here; new lines are added."),
            )


# --------------------------------------------------------------------------------- the people


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


# --------------------------------------------------------------------------------- the cluster


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
        own = self.assistant.plan().unit_code
        codes = self.member_codes()
        if own and own not in codes:
            self.set_members([own, *codes], self.head.currentData() or own, self.deputy.currentData() or "")
        self._suggest_code()

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

    def fill(self, code: str, name: str, members: list[tuple[str, str]]) -> None:
        """The cluster as set up already: (code, role) of each member."""
        self.name.setText(name)
        self.code.setText(code)
        self._code_typed = True
        head = next((c for c, role in members if role == "head"), "")
        deputy = next((c for c, role in members if role == "deputy"), "")
        self.set_members([c for c, _role in members], head, deputy)
