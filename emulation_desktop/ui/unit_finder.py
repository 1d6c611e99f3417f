"""The official list in the set-up pages: the province, a search without diacritics, the matching
units of the list in force in a year (``UnitFinder``), the names of listed units, and the new units an
old one went into on 1 July 2025 (``SuccessorChoice``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import cache

from emulation_desktop.domain import catalogue
from emulation_desktop.domain.catalogue import Catalogue, ListedUnit
from emulation_desktop.locale.i18n import _
from emulation_desktop.ui.qt import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
    qconnect,
)
from emulation_desktop.ui.setup_common import HINT_STYLE, NOTE_STYLE, note_label, say

HANOI = "01"  # offered first and chosen by default: the app was made for Hà Nội's clusters
MATCHES = 200  # matches listed at most; typing narrows them


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

    def __init__(self, name: str, parent: QWidget | None = None, *, communes_only: bool = False) -> None:
        super().__init__(parent)
        self.communes_only = communes_only  # the old units of a 2025 unit: no districts offered
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
        if self.communes_only:
            found = catalogue.for_year(self.year).search(self.search.text(), self.province_code(), MATCHES)
        else:
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


class SuccessorChoice(QWidget):
    """For the office of an old unit setting up a year from 2025: the units of the 2025 list the
    official mapping formed from it, one to choose (preselected when the mapping leaves no doubt), and
    what choosing it does. ``chosen()`` is the code picked."""

    picked = Signal()

    def __init__(self, name: str = "successor", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.old_name = ""
        self.kept = ""  # the name of the new unit that kept the old unit's code ("": none did)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel(_("New unit after the reorganisation"))
        self.heading.setObjectName(f"{name}_heading")
        self.heading.setStyleSheet("font-weight: bold;")
        self.list = QListWidget()
        self.list.setObjectName(f"{name}_matches")
        self.list.setToolTip(_("The units of the 2025 list formed from this unit (the official mapping)"))
        self.heading.setBuddy(self.list)
        self.explain = note_label(f"{name}_explain", NOTE_STYLE)
        self.split_note = note_label(f"{name}_split", HINT_STYLE)
        layout.addWidget(self.heading)
        layout.addWidget(self.explain)
        layout.addWidget(self.split_note)
        layout.addWidget(self.list)
        layout.addStretch(1)
        qconnect(self.list.currentRowChanged, lambda _row: self.picked.emit())

    def offer(self, old_name: str, units: Sequence[ListedUnit], likely: str, old_code: str = "") -> None:
        """The new units ``units`` formed from the old unit ``old_name`` (``old_code``); ``likely`` picked
        ("" none)."""
        self.old_name = old_name
        self.kept = next((u.name for u in units if u.code == old_code), "")
        self.list.clear()
        for unit in units:
            item = QListWidgetItem(unit_text(catalogue.FIRST_YEAR_OF_CURRENT, unit))
            item.setData(Qt.ItemDataRole.UserRole, unit.code)
            self.list.addItem(item)
            if unit.code == likely:
                self.list.setCurrentItem(item)
        # As tall as its few units (a split commune went into two to five), not a whole page of blank.
        rows = min(max(len(units), 2), 6)
        self.list.setFixedHeight(rows * self.list.sizeHintForRow(0) + 2 * self.list.frameWidth() + 4)
        say(
            self.split_note,
            ""
            if likely
            else _("{old} was split between these units: click the one this office now serves.").format(
                old=old_name
            ),
        )

    def explain_for(self, year: int) -> None:
        last = catalogue.FIRST_YEAR_OF_CURRENT - 1
        text = _(
            "From {year} this computer keeps the records of the new unit chosen here. {old} and its "
            "records up to {last} stay in this data folder as history, unchanged (they can still be "
            "printed and sent). The new unit's figures for {last} (“last year”) are the sum of the old "
            "units it was formed from, listed on the page “Units before the reorganisation”."
        ).format(year=year, old=self.old_name, last=last)
        if self.kept:
            text += " " + _(
                "{new} keeps the code of {old}: the records up to {last} stay under that code, and their "
                "documents still carry the name {old}."
            ).format(new=self.kept, old=self.old_name, last=last)
        self.explain.setText(text)

    def chosen(self) -> str:
        item = self.list.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else ""
