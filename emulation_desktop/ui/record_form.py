"""The form half of an editor, generated from a RecordKind's fields.

It knows nothing of the database: it loads a row, reports what the clerk changed, and shows each
field's message beside it. Values are checked field by field as the clerk leaves them (with the core's
own parser), so the message appears before anything is saved.
"""

from __future__ import annotations

from typing import Any

from emulation_desktop.domain.fields import Field, convert
from emulation_desktop.domain.record_kinds import RecordKind
from emulation_desktop.errors import InputError
from emulation_desktop.locale.i18n import _
from emulation_desktop.operations.places import Place
from emulation_desktop.ui.field_widgets import (
    LABEL_OVERRIDES,
    FieldKeys,
    LongTextField,
    PlaceField,
    make_field_widget,
    with_error,
)
from emulation_desktop.ui.qt import (
    QFormLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    Signal,
    qconnect,
)

ERROR_STYLE = "color: #b00020;"


class RecordForm(QScrollArea):
    commit_requested = Signal()  # Enter (or Ctrl+Enter in a long text)
    edited = Signal()

    def __init__(self, kind: RecordKind, hidden: tuple[str, ...] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.fields = [f for f in kind.fields if f.name not in hidden]
        self.widgets: dict[str, Any] = {}
        self.errors: dict[str, QLabel] = {}
        self._snapshot: dict[str, Any] = {}
        self._read_only = False
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget()
        outer = QVBoxLayout(body)
        outer.setContentsMargins(0, 0, 4, 0)
        layout = QFormLayout()
        outer.addLayout(layout)
        outer.addStretch(1)  # rows keep their height; spare space goes below the last one
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        layout.setVerticalSpacing(4)
        keys = FieldKeys(self.commit_requested.emit, self)
        for field in self.fields:
            widget = make_field_widget(field)
            widget.setObjectName(f"field_{field.name}")
            widget.installEventFilter(keys)
            qconnect(widget.edited, self.edited.emit)
            qconnect(widget.edited, lambda name=field.name: self._clear_error(name))
            if isinstance(widget, LongTextField):
                qconnect(widget.committed, self.commit_requested.emit)
            if hasattr(widget, "editingFinished"):
                qconnect(widget.editingFinished, lambda f=field: self.check_field(f))
            error = QLabel()
            error.setObjectName(f"error_{field.name}")
            error.setStyleSheet(ERROR_STYLE)
            error.setWordWrap(True)
            error.hide()
            cell = with_error(widget, error)
            label = QLabel(self._label(field) + (" *" if field.required else ""))
            label.setBuddy(widget)
            label.setWordWrap(True)
            layout.addRow(label, cell)
            self.widgets[field.name] = widget
            self.errors[field.name] = error
        self.setWidget(body)

    @staticmethod
    def _label(field: Field) -> str:
        return _(LABEL_OVERRIDES.get(field.kind, field.label))

    def first_widget(self) -> QWidget | None:
        return next(iter(self.widgets.values()), None)

    def set_places(self, places: list[Place]) -> None:
        for widget in self.widgets.values():
            if isinstance(widget, PlaceField):
                levels = widget.field.ref_levels
                widget.set_places([p for p in places if p.level in levels])

    def load(self, row: dict[str, Any] | None) -> None:
        """Show a record (or defaults for a new one) and remember it, to know later what changed."""
        for field in self.fields:
            widget = self.widgets[field.name]
            if row is not None:
                widget.set_value(row.get(field.name))
            elif field.kind == "choice" and field.required:
                widget.set_value(field.choices[0])
            else:
                widget.set_value(None)
        self.clear_errors()
        self._snapshot = self.values()

    def values(self) -> dict[str, Any]:
        return {name: widget.value() for name, widget in self.widgets.items()}

    def changes(self) -> dict[str, Any]:
        return {k: v for k, v in self.values().items() if v != self._snapshot.get(k)}

    def is_dirty(self) -> bool:
        return bool(self.changes())

    def check_field(self, field: Field) -> bool:
        """Parse one field the way the core will, and say what is wrong beside it."""
        if self._read_only:
            return True
        value = self.widgets[field.name].value()
        try:
            if field.kind == "ref":
                widget = self.widgets[field.name]
                if value is not None and not widget.is_known(value):  # typed, but no single match
                    raise InputError(_("No commune or village matches “{text}”.").format(text=value))
                if value is None and field.required:
                    convert(field, None)
            else:
                convert(field, value)
        except InputError as exc:
            self.show_errors({field.name: exc.message})
            return False
        self._clear_error(field.name)
        return True

    def check_all(self) -> bool:
        return all([self.check_field(f) for f in self.fields])

    def show_errors(self, errors: dict[str, str]) -> None:
        first = None
        for name, message in errors.items():
            label = self.errors.get(name)
            if label is None:
                continue
            label.setText(message)
            label.show()
            first = first or self.widgets[name]
        if first is not None:
            self.ensureWidgetVisible(first)

    def visible_errors(self) -> dict[str, str]:
        return {name: label.text() for name, label in self.errors.items() if not label.isHidden()}

    def _clear_error(self, name: str) -> None:
        self.errors[name].clear()
        self.errors[name].hide()

    def clear_errors(self) -> None:
        for name in self.errors:
            self._clear_error(name)

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for widget in self.widgets.values():
            widget.set_read_only(read_only)
