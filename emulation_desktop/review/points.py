"""Points in tenths: what the clerk types ("9,5", "10") to the stored integer and back."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from emulation_desktop.domain.text import clean_text
from emulation_desktop.errors import InputError
from emulation_desktop.locale.i18n import _

MAX_TENTHS = 10_000  # 1.000 points: far beyond any scoring table


def to_tenths(value: object) -> int:
    """ "9,5" / "9.5" / 9.5 / Decimal("9.5") → 95; refuses negatives and more than one decimal."""
    if isinstance(value, bool) or value is None or (isinstance(value, str) and not clean_text(value)):
        raise InputError(_("Enter the points as a number, for example 9,5."))
    if isinstance(value, int):
        number = Decimal(value)
    else:
        text = clean_text(str(value)).replace(",", ".")
        if not re.fullmatch(r"\d+(\.\d+)?", text):
            raise InputError(_("“{text}” is not a number of points; write it like 9,5.").format(text=value))
        try:
            number = Decimal(text)
        except InvalidOperation as exc:  # pragma: no cover - the pattern already guards it
            raise InputError(
                _("“{text}” is not a number of points; write it like 9,5.").format(text=value)
            ) from exc
    tenths = number * 10
    if tenths != tenths.to_integral_value():
        raise InputError(_("Points take at most one decimal (for example 9,5)."))
    result = int(tenths)
    if result < 0 or result > MAX_TENTHS:
        raise InputError(_("The points must be between 0 and 1.000."))
    return result


def show(tenths: int | None) -> str:
    """95 → "9,5"; 100 → "10"; None → "" (not scored)."""
    if tenths is None:
        return ""
    sign = "-" if tenths < 0 else ""
    whole, tenth = divmod(abs(tenths), 10)
    return f"{sign}{whole}" + (f",{tenth}" if tenth else "")


def as_number(tenths: int | None) -> float | int | None:
    """For JSON: 95 → 9.5, 100 → 10."""
    if tenths is None:
        return None
    return tenths // 10 if tenths % 10 == 0 else tenths / 10
