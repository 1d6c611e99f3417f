"""One input widget per field kind. Each gives the raw value the core parses (the core owns the rules)
and shows stored values in the clerk's format: 1.500.000 for money, dd/mm/yyyy for dates."""

from __future__ import annotations

from datetime import date
from typing import Any

from emulation_desktop.domain.fields import Field, parse_date
from emulation_desktop.domain.indicators import INDICATORS
from emulation_desktop.domain.labels import choice_label
from emulation_desktop.domain.money import parse_vnd
from emulation_desktop.domain.text import clean_text, fold
from emulation_desktop.errors import InputError
from emulation_desktop.locale.i18n import N_, _
from emulation_desktop.operations.places import Place
from emulation_desktop.ui import cell_format as fmt
from emulation_desktop.ui.qt import (
    QColor,
    QComboBox,
    QCompleter,
    QEvent,
    QKeySequence,
    QLineEdit,
    QObject,
    QPalette,
    QPlainTextEdit,
    QStringListModel,
    Qt,
    QWidget,
    Signal,
    qconnect,
)

DATE_HINT = N_("e.g. 25/03/2022")
MONEY_HINT = N_("e.g. 1.500.000")
PERCENT_HINT = N_("e.g. 85,5")
# Clearer labels than the core's where the clerk types something different from what is stored.
LABEL_OVERRIDES = {"percent": N_("Target (%)")}


class LineField(QLineEdit):
    """Text, whole numbers, money and dates: typed as text, tidied when the clerk leaves the field."""

    edited = Signal()

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        if field.kind in ("int", "money", "percent", "year"):
            self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        hints = {"date": DATE_HINT, "money": MONEY_HINT, "percent": PERCENT_HINT}
        if field.kind in hints:
            self.setPlaceholderText(_(hints[field.kind]))
        qconnect(self.textEdited, lambda _text: self.edited.emit())
        qconnect(self.editingFinished, self._tidy)

    def value(self) -> Any:
        text = self.text()
        if self.field.kind == "percent":
            return _percent_tenths(text)
        return text

    def set_value(self, value: Any) -> None:
        if value is None:
            self.setText("")
        elif self.field.kind == "money":
            self.setText(fmt.money(value))
        elif self.field.kind == "int":
            self.setText(fmt.number(value))
        elif self.field.kind == "percent":
            self.setText(fmt.percent_tenths(value))
        elif isinstance(value, date):
            self.setText(fmt.short_date(value))
        else:
            self.setText(str(value))
        self.setCursorPosition(0)  # long subjects show their beginning, not their end

    def set_read_only(self, read_only: bool) -> None:
        self.setReadOnly(read_only)

    def _tidy(self) -> None:
        """Show what was understood: "1500000" becomes "1.500.000", "5/3/2022" becomes "05/03/2022"."""
        if self.isReadOnly() or not clean_text(self.text()):
            return
        try:
            if self.field.kind == "money":
                tidy = fmt.money(parse_vnd(self.text()))
            elif self.field.kind == "date":
                tidy = fmt.short_date(parse_date(self.text()))
            else:
                return
        except InputError:
            return  # the form shows the message beside the field
        if tidy != self.text():
            self.setText(tidy)


def _percent_tenths(text: str) -> Any:
    """ "85,4" or "85,4%" → 854 (the core stores tenths of a percent); anything else goes to the core
    as typed, which answers with its own message."""
    cleaned = clean_text(text).rstrip("%").strip().replace(",", ".")
    if not cleaned:
        return None
    try:
        return round(float(cleaned) * 10)
    except ValueError:
        return text


class LongTextField(QPlainTextEdit):
    """Several lines; Enter adds a line, Ctrl+Enter confirms the record, Tab moves on."""

    edited = Signal()
    committed = Signal()

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.setTabChangesFocus(True)
        self.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        qconnect(self.textChanged, self._changed)
        self._loading = False

    def _changed(self) -> None:
        if not self._loading:
            self.edited.emit()

    def keyPressEvent(self, event: Any) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.committed.emit()
            return
        super().keyPressEvent(event)

    def value(self) -> Any:
        return self.toPlainText()

    def set_value(self, value: Any) -> None:
        self._loading = True
        self.setPlainText("" if value is None else str(value))
        self._loading = False

    def set_read_only(self, read_only: bool) -> None:
        self.setReadOnly(read_only)


class ChoiceField(QComboBox):
    """Coded choices shown with their translated labels."""

    edited = Signal()

    def __init__(self, field: Field, options: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        if not field.required:
            self.addItem("", None)
        for code, label in options:
            self.addItem(label, code)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(16)
        # The wheel scrolls the form; it changes the choice only once the clerk is in the field. Qt's
        # default turned the wheel over a passing combo into an edit of the record (seen at 1024×600,
        # scrolling a supervision's form down to its files).
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        qconnect(self.activated, lambda _index: self.edited.emit())

    def wheelEvent(self, event: Any) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()  # to the form around it, which scrolls

    @classmethod
    def for_field(cls, field: Field) -> ChoiceField:
        if field.name == "indicator_code":
            return cls(field, [(d.code, _(d.label)) for d in INDICATORS])
        return cls(field, [(code, _(choice_label(field.name, code))) for code in field.choices])

    def value(self) -> Any:
        return self.currentData()

    def set_value(self, value: Any) -> None:
        index = self.findData(value)
        self.setCurrentIndex(index if index >= 0 else 0)

    def set_read_only(self, read_only: bool) -> None:
        self.setEnabled(not read_only)


class PlaceField(QLineEdit):
    """A commune or village, completed as the clerk types, ignoring diacritics and case:
    "bac hong" offers "Xã Bắc Hồng"."""

    edited = Signal()

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.places: list[Place] = []
        self._model = QStringListModel(self)
        self._completer = QCompleter(self._model, self)
        # We filter ourselves (folded keys); Qt's prefix matching would miss "bac hong" → "Bắc Hồng".
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setMaxVisibleItems(12)
        self.setCompleter(self._completer)
        self.setPlaceholderText(_("Type a few letters of the name"))
        qconnect(self.textEdited, self._typed)

    def set_places(self, places: list[Place]) -> None:
        self.places = places
        self._model.setStringList([p.label for p in places])

    def matches(self, text: str) -> list[Place]:
        words = fold(text).split()
        return [p for p in self.places if all(w in p.key for w in words)]

    def _typed(self, text: str) -> None:
        self._model.setStringList([p.label for p in self.matches(text)[:200]])
        if text.strip():
            self._completer.complete()
        self.edited.emit()

    def value(self) -> Any:
        text = clean_text(self.text())
        if not text:
            return None
        folded = fold(text)
        exact = [p for p in self.places if fold(p.label) == folded or fold(p.code) == folded]
        found = exact or self.matches(text)
        if len(found) == 1:
            return found[0].id
        return text  # unknown or ambiguous: the core says which commune it could not find

    def is_known(self, value: Any) -> bool:
        return any(p.id == value for p in self.places)

    def set_value(self, value: Any) -> None:
        place = next((p for p in self.places if p.id == value), None)
        self.setText(place.label if place else ("" if value is None else str(value)))

    def set_read_only(self, read_only: bool) -> None:
        self.setReadOnly(read_only)


def make_field_widget(field: Field) -> QWidget:
    widget: QWidget
    if field.kind == "longtext":
        widget = LongTextField(field)
    elif field.kind == "choice" or field.name == "indicator_code":
        widget = ChoiceField.for_field(field)
    elif field.kind == "ref":
        widget = PlaceField(field)
    else:
        widget = LineField(field)
    hint = field_hint(field)
    widget.setProperty("hint", hint)  # what mark_error puts back once the field is right again
    widget.setToolTip(hint)
    return widget


# How each kind of field is typed, for its tooltip (a plain text field needs none).
KIND_HINTS = {
    "date": N_("A date as day/month/year, e.g. 08/03/2022."),
    "money": N_("An amount in đồng, digits only (the dots are added for you), e.g. 1.500.000."),
    "int": N_("A whole number, 0 or more."),
    "percent": N_("A percentage, e.g. 82,5."),
    "year": N_("A year, e.g. 2025."),
    "ref": N_("Type a few letters of the commune's name (no accents needed), then choose it in the list."),
    "choice": N_("Choose one item of the list."),
    "longtext": N_("Several lines if needed; Ctrl+Enter saves."),
}


def field_hint(field: Field) -> str:
    """The field's tooltip: how it is typed, and whether it must be filled in."""
    parts = [_(KIND_HINTS[field.kind])] if field.kind in KIND_HINTS else []
    if field.required:
        parts.append(_("Required."))
    return " ".join(parts)


class EnterFilter(QObject):
    """Enter in a one-line field or a combo confirms the record (the clerk's "OK")."""

    def __init__(self, callback: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._callback = callback

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() in (  # type: ignore[attr-defined]
            Qt.Key.Key_Return,
            Qt.Key.Key_Enter,
        ):
            if (
                isinstance(watched, QLineEdit)
                and watched.completer()
                and watched.completer().popup().isVisible()
            ):
                return False  # Enter picks the completion first
            if isinstance(watched, (QLineEdit, QComboBox)):
                self._callback()
                return True
        return False


class FieldKeys(EnterFilter):
    """A record form's field: Enter confirms the record, and Ctrl+Z / Ctrl+Y in a field with nothing of
    its own to undo (right after a save, say) undo or redo the last saved change through the window's
    Edit menu, instead of doing nothing."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and _nothing_to_undo_here(watched, event):
            # Refusing the override lets the shortcut reach the window's Undo / Redo action.
            event.ignore()
            return True
        return super().eventFilter(watched, event)


def _nothing_to_undo_here(widget: QObject, event: QEvent) -> bool:
    """Whether ``event`` is Undo or Redo and the text field has no step of its own to take."""
    undo = event.matches(QKeySequence.StandardKey.Undo)  # type: ignore[attr-defined]
    redo = event.matches(QKeySequence.StandardKey.Redo)  # type: ignore[attr-defined]
    if not (undo or redo):
        return False
    if isinstance(widget, QComboBox) and widget.isEditable():
        widget = widget.lineEdit()
    if isinstance(widget, QLineEdit):
        return not (widget.isUndoAvailable() if undo else widget.isRedoAvailable())
    if isinstance(widget, QPlainTextEdit):
        document = widget.document()
        return not (document.isUndoAvailable() if undo else document.isRedoAvailable())
    return False


ERROR_TINT = "#fde3e3"


def mark_error(widget: QWidget, message: str) -> None:
    """Tint a field in error and give it its message as a tooltip; an empty message clears both.

    A palette colour, not a style sheet: a style-sheet border changes a field's size hint, and a field
    that grows moves the fields below it."""
    widget.setToolTip(message or widget.property("hint") or "")
    if not message:
        widget.setPalette(QPalette())  # nothing set of its own: the field follows the window again
        return
    palette = QPalette(widget.palette())
    for role in (QPalette.ColorRole.Base, QPalette.ColorRole.Button):
        palette.setColor(role, QColor(ERROR_TINT))
    widget.setPalette(palette)
