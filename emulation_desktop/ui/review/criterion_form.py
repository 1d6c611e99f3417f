"""The criterion form under the criteria table: the criterion's group, number, name, kind, maximum
points, the figure it is linked to and its target, each with its message line under it, and the
buttons that add, save, remove or move it. Enter in any field adds (or saves) the criterion.

The form shows and reads values; the criteria page runs the operations."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from emulation_desktop.domain.indicators import BY_CODE
from emulation_desktop.locale.i18n import N_, _
from emulation_desktop.review.criteria import CriteriaView, target_input
from emulation_desktop.review.points import show
from emulation_desktop.ui.field_widgets import EnterFilter
from emulation_desktop.ui.qt import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
    qconnect,
)
from emulation_desktop.ui.review.widgets import button, combo, error_label, line_edit, with_error

KIND_LABELS = {"normal": N_("Normal criterion"), "bonus": N_("Bonus points"), "penalty": N_("Penalty points")}
UNIT_OF_MEASURE = {"ratio": "%", "amount": "đồng"}
FIELDS = ("group", "code", "name", "kind", "max_points", "indicator_code", "target_value", "target_text")


def _label(text: str, buddy: QWidget) -> QLabel:
    widget = QLabel(text)
    widget.setBuddy(buddy)
    return widget


class CriterionForm(QWidget):
    def __init__(
        self,
        enter: Callable[[], None],
        add: Callable[[], None],
        save: Callable[[], None],
        remove: Callable[[], None],
        move: Callable[[int], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.measures: dict[str, str] = {}  # figure code → how it measures, in the combo's order
        self._loaded: dict[str, Any] = {}  # the chosen criterion as shown, to tell what changed
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        form = QGridLayout()
        form.setHorizontalSpacing(8)
        form.setVerticalSpacing(3)
        self.group_combo = combo("criteria_group")
        self.code_edit = line_edit("criteria_code")
        self.code_edit.setMaximumWidth(80)
        self.name_edit = line_edit("criteria_name", _("For example: Vận động xây sửa nhà đại đoàn kết"))
        self.kind_combo = combo("criteria_kind")
        for kind, label in KIND_LABELS.items():
            self.kind_combo.addItem(_(label), kind)
        self.max_edit = line_edit("criteria_max", "10")
        self.max_edit.setMaximumWidth(100)
        self.indicator_combo = combo("criteria_indicator")
        self.target_edit = line_edit("criteria_target_value")
        self.target_edit.setToolTip(
            _(
                "Full points at this value, unless the unit pledged a target of its own for the figure; "
                "left empty, the unit's pledged target is used."
            )
        )
        self.target_unit = QLabel()
        self.target_text_edit = line_edit("criteria_target_text", _("For example: đạt 100% chỉ tiêu"))
        self.errors = {name: error_label(f"criteria_{name}_error", hidden=True) for name in FIELDS}

        target = QWidget()
        target_row = QHBoxLayout(target)
        target_row.setContentsMargins(0, 0, 0, 0)
        target_row.addWidget(self.target_edit, 1)
        target_row.addWidget(self.target_unit)
        for (text, widget, error, cell), (row, column, span) in zip(
            (
                (_("Group:"), self.group_combo, "group", self.group_combo),
                (_("Kind:"), self.kind_combo, "kind", self.kind_combo),
                (_("No.:"), self.code_edit, "code", self.code_edit),
                (_("Maximum points:"), self.max_edit, "max_points", self.max_edit),
                (_("Criterion:"), self.name_edit, "name", self.name_edit),
                (_("Linked figure:"), self.indicator_combo, "indicator_code", self.indicator_combo),
                (_("Target value:"), self.target_edit, "target_value", target),
                (_("Target as printed:"), self.target_text_edit, "target_text", self.target_text_edit),
            ),
            ((0, 0, 1), (0, 2, 1), (1, 0, 1), (1, 2, 1), (2, 0, 3), (3, 0, 1), (3, 2, 1), (4, 0, 3)),
            strict=True,
        ):
            form.addWidget(_label(text, widget), row, column)
            form.addWidget(with_error(cell, self.errors[error]), row, column + 1, 1, span)
        for column, stretch in ((1, 3), (3, 2)):
            form.setColumnStretch(column, stretch)
        for row in range(5):
            form.setRowMinimumHeight(row, 0)
        layout.addLayout(form)
        qconnect(self.indicator_combo.currentIndexChanged, lambda _i: self.indicator_chosen())

        self.button_line = QWidget()
        buttons = QHBoxLayout(self.button_line)
        buttons.setContentsMargins(0, 0, 0, 0)
        self.add_button = button(_("Add the criterion"), "criteria_add", add)
        self.save_button = button(_("Save changes"), "criteria_save", save)
        self.remove_button = button(_("Remove the criterion"), "criteria_remove", remove)
        self.up_button = button(_("Move up"), "criteria_up", lambda: move(-1), "Ctrl+↑")
        self.down_button = button(_("Move down"), "criteria_down", lambda: move(1), "Ctrl+↓")
        self.buttons = [
            self.add_button,
            self.save_button,
            self.remove_button,
            self.up_button,
            self.down_button,
        ]
        for widget in self.buttons:
            buttons.addWidget(widget)
        buttons.addStretch(1)
        layout.addWidget(self.button_line)

        enter_filter = EnterFilter(enter, self)
        self.fields: list[QWidget] = [
            self.group_combo,
            self.code_edit,
            self.name_edit,
            self.kind_combo,
            self.max_edit,
            self.indicator_combo,
            self.target_edit,
            self.target_text_edit,
        ]
        for widget in self.fields:
            widget.installEventFilter(enter_filter)

    # --- filling ----------------------------------------------------------------------------------------

    def fill_indicators(self, measures: dict[str, str]) -> None:
        """The figures a criterion may be linked to, in ``measures``' order (the one chosen stays)."""
        self.measures = measures
        current = self.indicator_combo.currentData()
        self.indicator_combo.blockSignals(True)
        self.indicator_combo.clear()
        self.indicator_combo.addItem(_("(none: scored by hand)"), None)
        for code in measures:
            label = _(BY_CODE[code].label) if code in BY_CODE else code
            self.indicator_combo.addItem(label, code)
        self.indicator_combo.setCurrentIndex(max(self.indicator_combo.findData(current), 0))
        self.indicator_combo.blockSignals(False)

    def fill_groups(self, view: CriteriaView) -> None:
        self.group_combo.blockSignals(True)
        self.group_combo.clear()
        for g in view.groups:
            self.group_combo.addItem(f"{g.code}. {g.name}" if g.code else g.name, g.id)
        self.group_combo.blockSignals(False)

    def set_editable(self, editable: bool) -> None:
        """Read-only: the fields stay readable (to see a criterion's link and target); the buttons that
        would change the set are not offered."""
        for edit in (self.code_edit, self.name_edit, self.max_edit, self.target_edit, self.target_text_edit):
            edit.setReadOnly(not editable)
        for widget in (self.group_combo, self.kind_combo, self.indicator_combo):
            widget.setEnabled(editable)
        self.button_line.setVisible(editable)

    def enable(self, editable: bool, criterion_chosen: bool) -> None:
        """A criterion chosen in the table can be saved, removed, moved; a new one needs a group."""
        for widget in (self.save_button, self.remove_button, self.up_button, self.down_button):
            widget.setEnabled(editable and criterion_chosen)
        self.add_button.setEnabled(editable and self.group_combo.count() > 0)

    def load(self, criterion: Any, next_number: str) -> None:
        """Show a criterion to change it, or empty fields for a new one (numbered ``next_number`` unless
        the clerk types another)."""
        self.indicator_combo.blockSignals(True)
        if criterion is None:
            self._loaded = {}
            self.code_edit.clear()
            self.name_edit.clear()
            self.kind_combo.setCurrentIndex(0)
            self.max_edit.clear()
            self.indicator_combo.setCurrentIndex(0)
            self.target_edit.clear()
            self.target_text_edit.clear()
            self.code_edit.setPlaceholderText(next_number)
        else:
            self.code_edit.setText(criterion.code)
            self.name_edit.setText(criterion.name)
            self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(criterion.kind), 0))
            self.max_edit.setText(show(criterion.max_tenths))
            self.indicator_combo.setCurrentIndex(
                max(self.indicator_combo.findData(criterion.indicator_code), 0)
            )
            self.target_edit.setText(
                target_input(criterion, self.measures.get(criterion.indicator_code or ""))
            )
            self.target_text_edit.setText(criterion.target_text)
            self.code_edit.setPlaceholderText("")
        self.indicator_combo.blockSignals(False)
        self.indicator_chosen()
        self._loaded = self.spec() if criterion is not None else {}

    def indicator_chosen(self) -> None:
        code = self.indicator_combo.currentData()
        measure = self.measures.get(code or "")
        self.target_edit.setEnabled(code is not None)
        if code is None:
            self.target_edit.clear()
        self.target_unit.setText(UNIT_OF_MEASURE.get(measure or "", ""))
        self.target_edit.setPlaceholderText({"ratio": "80", "amount": "1.500.000"}.get(measure or "", "12"))

    # --- reading ----------------------------------------------------------------------------------------

    def spec(self) -> dict[str, Any]:
        """The criterion as typed, as the review's operations read it (with its ``group_id``)."""
        indicator = self.indicator_combo.currentData()
        return {
            "group_id": self.group_combo.currentData(),
            "code": self.code_edit.text(),
            "name": self.name_edit.text(),
            "kind": self.kind_combo.currentData(),
            "max_points": self.max_edit.text(),
            "indicator_code": indicator,
            "target_value": self.target_edit.text() if indicator else None,
            "target_text": self.target_text_edit.text(),
        }

    def changes(self) -> dict[str, Any]:
        """What the clerk changed in the criterion shown."""
        spec = self.spec()
        changes = {k: v for k, v in spec.items() if v != self._loaded.get(k)}
        if "indicator_code" in changes:
            changes["target_value"] = spec["target_value"]  # read as the new figure measures it
        return changes
