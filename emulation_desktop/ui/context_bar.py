"""The bar above the tabs: which unit and year the clerk works on, and why it may be read-only."""

from __future__ import annotations

from emulation_desktop.locale.i18n import _
from emulation_desktop.operations import unit_years
from emulation_desktop.operations.unit_labels import name_in_year_of, unit_labels
from emulation_desktop.ui.context import AppContext
from emulation_desktop.ui.qt import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget, qconnect

BANNER_STYLE = "background: #fde7c7; color: #5a3b00; padding: 5px; border: 1px solid #e5b56b;"


class ContextBar(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.units: list[unit_years.UnitChoice] = []
        self.labels: dict[str, str] = {}  # code → the unit's label in the picker, as its row names it
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 4, 6, 0)
        row = QHBoxLayout()
        self.unit_combo = QComboBox()
        self.unit_combo.setObjectName("unit_picker")
        self.unit_combo.setMinimumContentsLength(28)
        self.unit_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.year_combo = QComboBox()
        self.year_combo.setObjectName("year_picker")
        self.unit_combo.setToolTip(
            _("The unit whose records every tab shows; an imported unit can only be viewed")
        )
        self.year_combo.setToolTip(_("The year whose records every tab shows"))
        unit_label = QLabel(_("Unit:"))
        unit_label.setBuddy(self.unit_combo)
        year_label = QLabel(_("Year:"))
        year_label.setBuddy(self.year_combo)
        for widget in (unit_label, self.unit_combo, year_label, self.year_combo):
            row.addWidget(widget)
        row.addStretch(1)
        outer.addLayout(row)
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.hide()
        outer.addWidget(self.banner)
        qconnect(self.unit_combo.activated, lambda _index: self._unit_chosen())
        qconnect(self.year_combo.activated, lambda _index: self._apply())
        qconnect(ctx.context_changed, self.show_state)
        qconnect(ctx.data_changed, lambda: self.load_units(ctx.unit_code or None, ctx.year or None))

    def load_units(self, unit_code: str | None = None, year: int | None = None) -> None:
        """Fill the pickers and open the remembered (or first) unit and its most recent year."""
        self.units = unit_years.units_to_open(self.ctx.db)
        # Old and new units side by side: each with its years ("Xã Thái Long (đến 2024)").
        labels = unit_labels(self.ctx.db, [unit.code for unit in self.units])
        self.unit_combo.clear()
        self.labels = {unit.code: labels.get(unit.code, unit.name) for unit in self.units}
        for unit in self.units:
            self.unit_combo.addItem(self._text(unit, self.labels[unit.code]), unit.code)
        index = self.unit_combo.findData(unit_code) if unit_code else -1
        self.unit_combo.setCurrentIndex(max(index, 0) if self.units else -1)
        self._fill_years(year)
        self._apply()

    @staticmethod
    def _text(unit: unit_years.UnitChoice, name: str) -> str:
        return name if unit.is_local else _("{name} (imported, read-only)").format(name=name)

    def _name_for_year(self) -> None:
        """The open unit as named in the year open: a 2025 unit that kept an old commune's code shows the
        commune's name for the commune's years (docs/setup.md), as its documents of those years do."""
        for index, other in enumerate(self.units):  # another unit open before is named as its row again
            self.unit_combo.setItemText(index, self._text(other, self.labels[other.code]))
        unit, year = self._current_unit(), self.year_combo.currentData()
        if unit is None:
            return
        name = self.labels[unit.code]
        if year:
            named = name_in_year_of(self.ctx.db, unit.id, int(year))
            if named is not None and named.name != unit.name:
                name = named.name
        self.unit_combo.setItemText(self.unit_combo.currentIndex(), self._text(unit, name))

    def _current_unit(self) -> unit_years.UnitChoice | None:
        code = self.unit_combo.currentData()
        return next((u for u in self.units if u.code == code), None)

    def _fill_years(self, year: int | None) -> None:
        unit = self._current_unit()
        choices = unit_years.year_choices(self.ctx.db, unit.id if unit else None, year)
        self.year_combo.clear()
        for value in choices.years:
            self.year_combo.addItem(str(value), value)
        self.year_combo.setCurrentIndex(max(self.year_combo.findData(choices.chosen), 0))

    def _unit_chosen(self) -> None:
        self._fill_years(self.year_combo.currentData())
        self._apply()

    def choose(self, unit_code: str, year: int) -> None:
        """Open a unit-year programmatically (tests, remembered settings)."""
        self.unit_combo.setCurrentIndex(max(self.unit_combo.findData(unit_code), 0))
        self._fill_years(year)
        self._apply()

    def _apply(self) -> None:
        self._name_for_year()
        self.ctx.set_context(self._current_unit(), int(self.year_combo.currentData() or 0))

    def show_state(self) -> None:
        state, unit = self.ctx.state, self.ctx.unit
        if unit is None:
            text = _("There is no unit in the data file yet.")
        elif state.imported:
            text = _(
                "{unit} is an imported unit: its records are shown read-only. "
                "Only the installation that owns it can change them."
            ).format(unit=unit.name)
        elif state.locked:
            text = _("The year {year} is locked (submitted); its records are read-only.").format(
                year=self.ctx.year
            )
            if state.lock_reason:
                text += " " + _("Reason: {reason}").format(reason=state.lock_reason)
        else:
            text = ""
        self.banner.setText(text)
        self.banner.setVisible(bool(text))
