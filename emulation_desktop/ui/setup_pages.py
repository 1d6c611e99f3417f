"""The pages of the set-up assistant (``ui/setup_wizard.py``): what this installation is, the unit and
its year, the villages. The people, the cluster and the old units have their own modules
(``setup_people``, ``setup_cluster``, ``setup_predecessors``); the shared parts are in ``setup_common``,
the official list's finder in ``unit_finder``.

Each page shows the widgets of some fields of the ``SetupPlan`` and, before Next, asks ``check_plan``
about the whole plan so far; the messages of its own fields appear in red under them and the page does
not advance. Nothing is written here: the wizard applies the plan once, at the end.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from emulation_desktop.domain import catalogue
from emulation_desktop.errors import AppError
from emulation_desktop.locale.i18n import N_, _
from emulation_desktop.operations.setup import (
    FIRST_YEAR,
    LAST_YEAR,
    TEST_PREFIX,
    villages_from_text,
)
from emulation_desktop.ui import dialogs, file_choice
from emulation_desktop.ui.dialogs import ERROR_STYLE
from emulation_desktop.ui.qt import (
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    qconnect,
)
from emulation_desktop.ui.setup_common import (
    HINT_STYLE,
    NOTE_STYLE,
    PlanPage,
    note_label,
    red_label,
    say,
)
from emulation_desktop.ui.unit_finder import UnitFinder, listed_unit, matches, unit_name, unit_text

if TYPE_CHECKING:
    from emulation_desktop.ui.setup_wizard import SetupWizard

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


__all__ = [
    "ERROR_STYLE",
    "HINT_STYLE",
    "NOTE_STYLE",
    "PlanPage",
    "RolePage",
    "UnitFinder",
    "UnitPage",
    "VillagesPage",
    "listed_unit",
    "matches",
    "note_label",
    "red_label",
    "say",
    "unit_name",
    "unit_text",
]
