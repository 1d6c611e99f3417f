"""Money is an integer number of đồng. This module parses what clerks type.

Accepted: "1.500.000", "1.500.000 đ", "1500000 đồng", "6,12 tỷ", "7.690 triệu", "2,280 tỷ đồng".
Refused (never guessed): fractions of a đồng, floats, negatives, grouping that is not in threes
("1.5000"), a lone "1,500" with no unit word (decimal comma or English thousands?), and amounts past
MAX_VND.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from emulation_desktop.domain.text import clean_text, fold
from emulation_desktop.errors import InputError
from emulation_desktop.locale.i18n import _

MAX_VND = 10**15  # one million tỷ: far above any district or city figure

_MULTIPLIERS = {
    "": 1,
    "nghin": 10**3,
    "ngan": 10**3,
    "trieu": 10**6,
    "ty": 10**9,
    "ti": 10**9,
}
_CURRENCY = re.compile(r"\s*(dong|vnd|d|₫)\.?\s*$")
_NUMBER = re.compile(r"^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?$")


def _refuse(text: str) -> InputError:
    return InputError(
        _("“{text}” is not an amount in đồng. Type it like 1.500.000 or 6,12 tỷ.").format(text=text)
    )


def parse_vnd(value: object) -> int:
    """Parse a money value to integer đồng, or raise InputError with a Vietnamese message."""
    if isinstance(value, (bool, float)):
        raise InputError(_("Amounts are whole đồng; a decimal number is not accepted."))
    if isinstance(value, int):
        amount = value
    elif isinstance(value, Decimal):
        if not value.is_finite() or value != value.to_integral_value():
            raise InputError(_("Amounts are whole đồng; a decimal number is not accepted."))
        amount = int(value)
    elif isinstance(value, str):
        amount = _parse_text(value)
    else:
        raise _refuse(str(value))
    if amount < 0:
        raise InputError(_("An amount cannot be negative."))
    if amount > MAX_VND:
        raise InputError(_("The amount is too large to be real; please check it."))
    return amount


def _parse_text(raw: str) -> int:
    text = fold(clean_text(raw)).replace("\u00a0", " ")
    if not text:
        raise InputError(_("Please enter an amount."))
    if text.startswith("-"):
        raise InputError(_("An amount cannot be negative."))
    text = _CURRENCY.sub("", text).strip()
    unit = ""
    for word in _MULTIPLIERS:
        if word and text.endswith(word):
            unit = word
            text = text[: -len(word)].strip()
            break
    text = text.replace(" ", "") if re.fullmatch(r"\d{1,3}( \d{3})+", text) else text
    match = _NUMBER.match(text)
    if not match:
        raise _refuse(raw)
    whole, fraction = match.group(1).replace(".", ""), match.group(2)
    if fraction is not None and not unit:
        # "1,500" alone could be 1,5 đồng (Vietnamese) or 1500 (English grouping): refuse, don't guess.
        raise InputError(
            _("“{text}” is ambiguous. Write 1.500 for one thousand five hundred đồng.").format(text=raw)
        )
    try:
        amount = Decimal(f"{whole}.{fraction or '0'}") * _MULTIPLIERS[unit]
    except InvalidOperation as exc:
        raise _refuse(raw) from exc
    if amount != amount.to_integral_value():
        raise InputError(_("“{text}” is not a whole number of đồng.").format(text=raw))
    return int(amount)
