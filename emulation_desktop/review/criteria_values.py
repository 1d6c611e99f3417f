"""A criteria set's values as the clerk types them, checked: a criterion's name, number, kind, maximum
points and target (``criterion_values``), a group's number and name, a set's title; the numbers an
unnumbered group or criterion takes; and the limits (column widths, full marks) they are checked against.

Each check raises ``ValidationError`` with a message per field; nothing here writes."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from emulation_desktop.domain.models import Criterion, Indicator
from emulation_desktop.domain.money import parse_vnd
from emulation_desktop.domain.review import CRITERION_KINDS
from emulation_desktop.domain.text import clean_text, fold
from emulation_desktop.errors import InputError, ValidationError
from emulation_desktop.locale.formatting import format_number
from emulation_desktop.locale.i18n import _
from emulation_desktop.review.points import show, to_tenths

FULL_MARKS = 1000  # the normal criteria of a set add up to 100 points
# The title a new set gets unless the clerk types another; documents print it as it is (Vietnamese).
DEFAULT_TITLE = "Bảng tiêu chí chấm điểm thi đua năm {year}"
# Column widths of the schema: a longer text would be cut by a server database, so it is refused here.
MAX_CODE, MAX_GROUP_NAME, MAX_NAME, MAX_TITLE, MAX_TARGET_TEXT = 10, 300, 400, 200, 200
FULL_RATE = 1000  # a rate target in tenths of a percent: 100%


def _text(spec: Mapping[str, Any], key: str, errors: dict[str, str], field: str, most: int) -> str:
    """``spec[key]`` as clean text; longer than ``most`` characters, a message for ``field``."""
    value = clean_text(str(spec.get(key) or ""))
    if len(value) > most:
        errors[field] = _("At most {n} characters ({count} typed).").format(n=most, count=len(value))
    return value


def _target(measure: str | None, raw: object, errors: dict[str, str]) -> int | None:
    """The target full points need, stored as the indicator measures it: a count, đồng, or a rate in
    tenths of a percent ("80" or "70,5%" → 800, 705). Empty: no target of the cluster's own."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, int) and not isinstance(raw, bool):
        if raw <= 0:
            errors["target_value"] = _("The target must be a whole number above zero.")
            return None
        return raw
    if not isinstance(raw, str):
        errors["target_value"] = _("The target must be a whole number above zero.")
        return None
    text = clean_text(raw)
    if measure == "ratio":
        try:
            tenths = to_tenths(text.rstrip("%").strip())
        except InputError:
            tenths = 0
        if not 0 < tenths <= FULL_RATE:
            errors["target_value"] = _(
                "The target is a percentage above 0 and at most 100, for example 80 or 70,5."
            )
            return None
        return tenths
    if measure == "amount":
        try:
            amount = parse_vnd(text)
        except InputError as exc:
            errors["target_value"] = exc.message
            return None
        if amount <= 0:
            errors["target_value"] = _("The target must be a whole number above zero.")
            return None
        return amount
    if not re.fullmatch(r"\d{1,3}(\.\d{3})+|\d+", text) or int(text.replace(".", "")) <= 0:
        errors["target_value"] = _("The target must be a whole number above zero.")
        return None
    return int(text.replace(".", ""))


def target_input(criterion: Criterion, measure: str | None) -> str:
    """A criterion's own target as the clerk types it back: "80" (a rate), "1.500.000" (đồng), "12"."""
    if criterion.target_value is None:
        return ""
    if measure == "ratio":
        return show(criterion.target_value)
    return format_number(criterion.target_value)


def criterion_values(session: Session, spec: Mapping[str, Any]) -> dict[str, Any]:
    errors: dict[str, str] = {}
    name = _text(spec, "name", errors, "name", MAX_NAME)
    if not name:
        errors["name"] = _("A criterion needs a name.")
    code = _text(spec, "code", errors, "code", MAX_CODE)
    kind = spec.get("kind") or "normal"
    if kind not in CRITERION_KINDS:
        errors["kind"] = _("A criterion is normal, bonus or penalty, not “{kind}”.").format(kind=kind)
    max_tenths = 0
    raw_max = spec.get("max_points")
    try:
        max_tenths = 0 if raw_max is None or str(raw_max).strip() == "" else to_tenths(raw_max)
        if max_tenths == 0:
            errors["max_points"] = _("A criterion needs its maximum points.")
    except InputError as exc:
        errors["max_points"] = exc.message
    indicator = spec.get("indicator_code") or None
    measure = None
    if indicator:
        row = session.get(Indicator, indicator)
        if row is None:
            errors["indicator_code"] = _("Unknown indicator “{code}”.").format(code=indicator)
        else:
            measure = row.measure
    target = _target(measure, spec.get("target_value"), errors)
    target_text = _text(spec, "target_text", errors, "target_text", MAX_TARGET_TEXT)
    if errors:
        raise ValidationError(errors)
    return {
        "name": name,
        "code": code,
        "kind": kind,
        "max_tenths": max_tenths,
        "indicator_code": indicator,
        "target_value": target,
        "target_text": target_text,
        "search_key": fold(name),
    }


def as_spec(criterion: Criterion) -> dict[str, Any]:
    """A stored criterion as :func:`criterion_values` reads it (to copy it, or to change part of it)."""
    return {
        "code": criterion.code,
        "name": criterion.name,
        "kind": criterion.kind,
        "max_points": Decimal(criterion.max_tenths) / 10,
        "indicator_code": criterion.indicator_code,
        "target_value": criterion.target_value,
        "target_text": criterion.target_text,
    }


def unique_code(code: str, taken: set[str]) -> str:
    """A criterion's code is its name across installations (self-scores travel by it): one per set."""
    if code in taken:
        raise ValidationError(
            {"code": _("Two criteria cannot have the same number “{code}” in one set.").format(code=code)}
        )
    taken.add(code)
    return code


def free_number(start: int, taken: set[str], spell: Callable[[int], str] = str) -> str:
    """The number an unnumbered criterion (or, spelled with :func:`roman`, group) takes: its position,
    or the next number no other one has."""
    number = start
    while spell(number) in taken:
        number += 1
    return spell(number)


def roman(n: int) -> str:
    out = ""
    for value, letters in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def group_values(spec: Mapping[str, Any], taken: set[str], position: int) -> dict[str, str]:
    """A group's number ("I", "II"...; the next free one when left empty) and name, checked."""
    errors: dict[str, str] = {}
    name = _text(spec, "name", errors, "group", MAX_GROUP_NAME)
    if not name:
        errors["group"] = _("A group of criteria needs a name.")
    code = _text(spec, "code", errors, "group_code", MAX_CODE)
    if code and code in taken:
        errors["group_code"] = _("Two groups cannot have the same number “{code}” in one set.").format(
            code=code
        )
    if errors:
        raise ValidationError(errors)
    return {"code": code or free_number(position, taken, roman), "name": name}


def clean_title(title: str) -> str:
    """A set's title, checked: not empty, not longer than the column."""
    errors: dict[str, str] = {}
    title = _text({"title": title}, "title", errors, "title", MAX_TITLE)
    if not title:
        errors["title"] = _("A criteria set needs a title.")
    if errors:
        raise ValidationError(errors)
    return title
