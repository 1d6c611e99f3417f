"""The form half of an editor, generated from a RecordKind's fields.

It knows nothing of the database: it loads a row, reports what the clerk changed, and says what is
wrong with a field. Values are checked field by field as the clerk leaves them (with the core's own
parser), so the message appears before anything is saved.

A message never moves a field: a field in error is tinted, carries its message as a tooltip, and the
message ("Trị giá: …") is written in one area under the fields whose height never changes. A message
inserted under its field pushed the fields below it down, so the clerk's next click landed in the
wrong field (#14, item 3).
"""

from __future__ import annotations

from typing import Any

from emulation_desktop.domain.fields import Field, convert
from emulation_desktop.domain.record_kinds import RecordKind
from emulation_desktop.errors import InputError
from emulation_desktop.locale.i18n import _
from emulation_desktop.operations.places import Place
from emulation_desktop.ui.dialogs import error_label
from emulation_desktop.ui.field_widgets import (
    LABEL_OVERRIDES,
    FieldKeys,
    LongTextField,
    PlaceField,
    make_field_widget,
    mark_error,
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

# The message area's fixed height, in lines (more messages scroll inside it): two, so that a tight form
# (a pledge's targets, under the pledges, at 768 px) keeps its fields in sight.
MESSAGE_LINES = 2
GENERAL = ""  # the key of a message about no visible field (a hidden one, or the record as a whole)


class RecordForm(QWidget):
    commit_requested = Signal()  # Enter (or Ctrl+Enter in a long text)
    edited = Signal()

    def __init__(self, kind: RecordKind, hidden: tuple[str, ...] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.fields = [f for f in kind.fields if f.name not in hidden]
        self.widgets: dict[str, Any] = {}
        self.errors: dict[str, QLabel] = {}
        self._labels: dict[str, str] = {}
        self._snapshot: dict[str, Any] = {}
        self._read_only = False
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.messages = QScrollArea()
        self.messages.setObjectName("form_messages")
        self.messages.setWidgetResizable(True)
        self.messages.setFrameShape(QScrollArea.Shape.NoFrame)
        self.messages.setFixedHeight(self.fontMetrics().lineSpacing() * MESSAGE_LINES + 6)
        message_body = QWidget()
        message_column = QVBoxLayout(message_body)
        message_column.setContentsMargins(0, 2, 4, 2)
        message_column.setSpacing(1)
        self.messages.setWidget(message_body)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)  # one box: the fields, then their messages
        column.addWidget(self.scroll, 1)
        column.addWidget(self.messages)
        body = QWidget()
        outer = QVBoxLayout(body)
        outer.setContentsMargins(0, 0, 4, 0)
        layout = QFormLayout()
        outer.addLayout(layout)
        outer.addStretch(1)  # rows keep their height; spare space goes below the last one
        self._below = outer
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
            label = QLabel(self._label(field) + (" *" if field.required else ""))
            label.setBuddy(widget)
            label.setWordWrap(True)
            layout.addRow(label, widget)
            self.widgets[field.name] = widget
            self._labels[field.name] = self._label(field)
        for name in (*self.widgets, GENERAL):
            error = error_label(f"error_{name}" if name else "error")
            message_column.addWidget(error)
            self.errors[name] = error
        message_column.addStretch(1)
        self.scroll.setWidget(body)

    def add_below_fields(self, widget: QWidget) -> None:
        """A section under the last field, scrolled with the fields (the evidence files): on a short
        screen the form scrolls rather than the whole page."""
        self._below.insertWidget(self._below.count() - 1, widget)

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
        """Say what is wrong: each field named by its label in the message area, tinted, its message
        as its tooltip. A message about a field the form does not show (the year, the parent) is said
        all the same, on the area's last line, rather than lost."""
        first = None
        general = []
        for name, message in errors.items():
            if name not in self.widgets:
                general.append(message)
                continue
            label = self.errors[name]
            label.setText(_("{field}: {message}").format(field=self._labels[name], message=message))
            label.show()
            mark_error(self.widgets[name], message)
            first = first or self.widgets[name]
        if general:
            self.errors[GENERAL].setText("\n".join(general))
            self.errors[GENERAL].show()
        if first is not None:
            self.scroll.ensureWidgetVisible(first)
            self.messages.ensureWidgetVisible(self.errors[next(n for n in errors if n in self.widgets)])

    def visible_errors(self) -> dict[str, str]:
        return {name: label.text() for name, label in self.errors.items() if not label.isHidden()}

    def _clear_error(self, name: str) -> None:
        self.errors[name].clear()
        self.errors[name].hide()
        if name in self.widgets:
            mark_error(self.widgets[name], "")

    def clear_errors(self) -> None:
        for name in self.errors:
            self._clear_error(name)

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for widget in self.widgets.values():
            widget.set_read_only(read_only)
