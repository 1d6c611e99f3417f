"""Field specifications and how a raw value (from UI, import or CLI) becomes a clean stored value."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from emulation_desktop.domain.money import parse_vnd
from emulation_desktop.domain.text import clean_text
from emulation_desktop.errors import InputError
from emulation_desktop.locale.i18n import _

MIN_YEAR, MAX_YEAR = 2000, 2100
MAX_COUNT = 10_000_000


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # text, longtext, int, money, date, choice, ref, year, percent
    label: str  # English source string, translated when shown
    required: bool = False
    choices: tuple[str, ...] = ()
    # A text field's limit is its column's length (RecordKind sets it): the model is the one place.
    max_length: int = 200
    ref_levels: tuple[str, ...] = ()  # for "ref": which organisation levels may be referenced


def parse_date(value: object) -> date:
    """Accept a date, "dd/mm/yyyy" (what clerks type) or ISO "yyyy-mm-dd"."""
    if isinstance(value, datetime):
        parsed, text = value.date(), value.strftime("%d/%m/%Y")
    elif isinstance(value, date):
        parsed, text = value, value.strftime("%d/%m/%Y")
    else:
        text = clean_text(str(value))
        match = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
        try:
            if match:
                day, month, year = (int(part) for part in match.groups())
                parsed = date(year, month, day)
            else:
                parsed = date.fromisoformat(text)
        except ValueError as exc:
            raise InputError(_("“{text}” is not a valid date (dd/mm/yyyy).").format(text=text)) from exc
    if not MIN_YEAR <= parsed.year <= MAX_YEAR:
        raise InputError(_("The date {text} is outside the years this application keeps.").format(text=text))
    return parsed


def parse_int(value: object, maximum: int = MAX_COUNT) -> int:
    if isinstance(value, (bool, float)):
        raise InputError(_("Please enter a whole number."))
    if isinstance(value, str):
        text = clean_text(value)
        if not re.fullmatch(r"\d{1,3}(\.\d{3})+|\d+|-\d+", text):
            raise InputError(_("“{text}” is not a whole number.").format(text=text))
        value = int(text.replace(".", ""))
    if not isinstance(value, int):
        raise InputError(_("Please enter a whole number."))
    if value < 0:
        raise InputError(_("The number cannot be negative."))
    if value > maximum:
        raise InputError(_("The number is too large to be real; please check it."))
    return value


def _text(field: Field, value: object) -> str:
    if not isinstance(value, str):
        raise InputError(_("{field} must be text.").format(field=_(field.label)))
    limit = field.max_length if field.kind == "text" else 20_000
    if len(value) > limit:
        raise InputError(
            _("{field} is too long (at most {limit} characters).").format(field=_(field.label), limit=limit)
        )
    return value


def _year(field: Field, value: object) -> int:
    year = parse_int(value, maximum=MAX_YEAR)
    if year < MIN_YEAR:
        raise InputError(_("The year {year} is outside the years this application keeps.").format(year=year))
    return year


def _choice(field: Field, value: object) -> object:
    if value not in field.choices:
        raise InputError(
            _("“{value}” is not a valid choice for {field}.").format(value=value, field=_(field.label))
        )
    return value


# One converter per field kind; a dispatch table keeps the per-row cost of a 100k-row import low.
_CONVERTERS: dict[str, Callable[[Field, object], object]] = {
    "text": _text,
    "longtext": _text,
    "money": lambda _field, value: parse_vnd(value),
    "int": lambda _field, value: parse_int(value),
    "percent": lambda _field, value: parse_int(value, maximum=1000),
    "year": _year,
    "date": lambda _field, value: parse_date(value),
    "choice": _choice,
    "ref": lambda _field, value: str(value),  # resolved against the unit's structure by the caller
}


def convert(field: Field, value: object) -> object:
    """Convert one raw value; raises InputError with a Vietnamese message."""
    if isinstance(value, str):
        value = _clean_multiline(value) if field.kind == "longtext" else clean_text(value)
    if value is None or value == "":
        if field.required:
            raise InputError(_("{field} is required.").format(field=_(field.label)))
        return "" if field.kind in ("text", "longtext") else None
    return _CONVERTERS[field.kind](field, value)


def _clean_multiline(value: str) -> str:
    if "\n" not in value and "\r" not in value:
        return clean_text(value)
    lines = [clean_text(line) for line in value.replace("\r\n", "\n").split("\n")]
    return "\n".join(lines).strip()
