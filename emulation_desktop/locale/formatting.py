"""Vietnamese formatting of numbers, money, percentages and dates for the UI, documents and CLI.

Conventions (docs/architecture.md, Documents and Numbers): ``.`` groups thousands and ``,`` marks decimals (1.053; 85,4%; 2,28 tỷ
đồng). Money is an integer number of đồng. Rounding is half-up, as people do it by hand (Babel's own
default is half-even, which prints 0,845 as 84%). Every string returned is NFC.
"""

from __future__ import annotations

import unicodedata
from datetime import date
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Literal

LOCALE = "vi"
CURRENCY_WORD = "đồng"
POINTS_UNIT = "điểm %"

Number = int | float | Decimal
ProseStyle = Literal["over", "millions", "billions"]

_MILLION = 10**6
_BILLION = 10**9


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _to_decimal(value: Number) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise TypeError(f"expected a number, got {type(value).__name__}")
    # str() of a float is its shortest repr, so 0.845 rounds half-up to 85% instead of 84%.
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _to_dong(amount: int | Decimal) -> int:
    """Money is whole đồng: refuse floats (and bools) rather than hide a rounding bug."""
    if isinstance(amount, bool) or not isinstance(amount, int | Decimal):
        raise TypeError(f"money is an integer number of đồng, got {type(amount).__name__}")
    if isinstance(amount, Decimal):
        if amount != amount.to_integral_value():
            raise ValueError(f"money is a whole number of đồng, got {amount}")
        return int(amount)
    return amount


# Python's own grouping with the separators swapped gives Babel's Vietnamese forms exactly for whole
# numbers and fixed decimals (tests/locale/test_formatting.py compares them over random values). The
# window's tables and its first screen format thousands of cells, and Babel costs ~0.2 ms a number and
# ~45 ms to import (benchmarks/README.md): it is loaded only for the forms with optional decimals.
_VIETNAMESE_SEPARATORS = str.maketrans({",": ".", ".": ","})


def _babel_decimal(value: Decimal, pattern: str | None = None) -> str:
    from babel.numbers import format_decimal

    return format_decimal(value, pattern, locale=LOCALE)


def _fixed(value: Decimal, digits: int) -> str:
    """``value`` rounded half-up to exactly ``digits`` decimals, Vietnamese separators."""
    if digits < 0:
        raise ValueError("digits must be >= 0")
    rounded = value.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    return f"{rounded:,.{digits}f}".translate(_VIETNAMESE_SEPARATORS)


# Numbers and money ------------------------------------------------------------------------------------


def format_number(n: Number, digits: int | None = None) -> str:
    """Vietnamese grouping: 1.053; 7.690.000.000; 2,28.

    With ``digits`` the number is rounded half-up to exactly that many decimals ("85,0"); without it
    integers print as they are and other numbers show at most three decimals.
    """
    if digits is None and type(n) is int:
        return f"{n:,}".replace(",", ".")
    value = _to_decimal(n)
    if digits is not None:
        return _fixed(value, digits)
    return _babel_decimal(value)


def format_vnd_short(amount: int | Decimal) -> str:
    """Full đồng without the unit, for table cells: "6.120.000.000"."""
    return format_number(_to_dong(amount))


def format_vnd(amount: int | Decimal) -> str:
    """Full đồng with the unit word: "6.120.000.000 đồng"."""
    return f"{format_vnd_short(amount)} {CURRENCY_WORD}"


def format_vnd_prose(amount: int | Decimal, style: ProseStyle = "over", digits: int | None = None) -> str:
    """An amount the way report prose says it: "trên 6 tỷ đồng", "7.690 triệu đồng", "2,28 tỷ đồng".

    The rule, the same for every style:

    - pick a unit: ``"over"`` (default) uses tỷ from 1 tỷ up, else triệu; ``"millions"`` always triệu;
      ``"billions"`` tỷ, but triệu below 1 tỷ (one says "350 triệu", not "0,35 tỷ");
    - cut (never round up) to ``digits`` decimals of that unit — default 0, or 2 for ``"billions"`` —
      and drop trailing decimal zeros ("2,280" → "2,28"; "6,00" → "6");
    - write "trên" (over) in front exactly when the cut dropped something, so the prose never claims
      more than the records hold: 6.120.000.000 → "trên 6 tỷ đồng", 6.000.000.000 → "6 tỷ đồng";
      with ``style="billions", digits=1`` 1.650.000.000 → "trên 1,6 tỷ đồng".

    Below 1 triệu the amount is written in full and exactly: "850.000 đồng"; 0 → "0 đồng".
    """
    value = _to_dong(amount)
    if value < 0:
        raise ValueError("a prose amount cannot be negative")
    if style not in ("over", "millions", "billions"):
        raise ValueError(f"unknown style {style!r}")
    if value < _MILLION:
        return format_vnd(value)
    if style == "millions" or value < _BILLION:
        unit, name = _MILLION, "triệu"
    else:
        unit, name = _BILLION, "tỷ"
    if digits is None:
        digits = 2 if style == "billions" and unit == _BILLION else 0
    if not 0 <= digits <= 3:
        raise ValueError("digits must be between 0 and 3")
    exact = Decimal(value) / unit
    shown = exact.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_DOWN)
    text = _babel_decimal(shown, "#,##0.###")  # optional decimals: 2,280 → 2,28
    prefix = "trên " if shown < exact else ""
    return f"{prefix}{text} {name} {CURRENCY_WORD}"


# Percentages -----------------------------------------------------------------------------------------


def format_percent(ratio: Number, digits: int = 0) -> str:
    """A ratio as a percentage, rounded half-up: 0.854 → "85%"; with ``digits=1`` → "85,4%"."""
    value = _to_decimal(ratio) * 100
    return f"{_fixed(value, digits)}%"


def format_ratio(value: int, total: int, digits: int = 0) -> str:
    """A count out of a total with its rate: "694/823 (84%)"; just "0/0" when the total is 0."""
    text = f"{format_number(value)}/{format_number(total)}"
    if not total:
        return text
    return f"{text} ({format_percent(Decimal(value) / Decimal(total), digits)})"


def format_points(delta: Number, digits: int = 1) -> str:
    """A change in percentage points: 5.4 → "5,4 điểm %", -1.2 → "-1,2 điểm %"."""
    text = _fixed(_to_decimal(delta), digits)
    if text.lstrip("-").strip("0,") == "":
        text = text.lstrip("-")  # never print "-0,0"
    return f"{text} {POINTS_UNIT}"


def describe_change(points: Number, digits: int = 1) -> str:
    """The change as prose: "tăng 5,4 điểm %", "giảm 1,2 điểm %", or "không đổi" when it rounds to 0."""
    value = _to_decimal(points).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    if value == 0:
        return "không đổi"
    verb = "tăng" if value > 0 else "giảm"
    return f"{verb} {format_points(abs(value), digits)}"


# Dates -----------------------------------------------------------------------------------------------


def format_date(d: date) -> str:
    """dd/mm/yyyy: "08/11/2022"."""
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


def admin_date(d: date) -> str:
    """The administrative date (Nghị định 30/2020): "ngày 08 tháng 11 năm 2022".

    Days below 10 and the months 1 and 2 are written with a leading zero ("ngày 05 tháng 02"), so a
    handwritten digit cannot be added in front; other months are not ("ngày 15 tháng 3").
    """
    month = f"{d.month:02d}" if d.month < 3 else str(d.month)
    return f"ngày {d.day:02d} tháng {month} năm {d.year}"


def admin_date_line(place: str, d: date) -> str:
    """The place-and-date line under the national title: "Đông Anh, ngày 08 tháng 11 năm 2022"."""
    return _nfc(f"{' '.join(place.split())}, {admin_date(d)}")


# Amounts in words ------------------------------------------------------------------------------------

_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_GROUPS = ((_MILLION, "triệu"), (1000, "nghìn"), (1, ""))


def _three(n: int, full: bool) -> list[str]:
    """Words for 0 < n < 1000. ``full`` reads the hundreds even when zero, as inner groups do."""
    hundreds, tens, units = n // 100, n // 10 % 10, n % 10
    words = [_DIGITS[hundreds], "trăm"] if full or hundreds else []
    if tens == 0:
        if units:
            words += ["linh", _DIGITS[units]] if words else [_DIGITS[units]]  # 105: một trăm linh năm
    elif tens == 1:
        words.append("mười")
        if units:
            words.append("lăm" if units == 5 else _DIGITS[units])  # 15: mười lăm; 11: mười một
    else:
        words += [_DIGITS[tens], "mươi"]
        if units:
            # 21: hai mươi mốt; 24: hai mươi tư; 25: hai mươi lăm
            words.append({1: "mốt", 4: "tư", 5: "lăm"}.get(units, _DIGITS[units]))
    return words


def _words(n: int, leading: bool) -> list[str]:
    """Words for n > 0. Groups after the first are read in full ("không trăm linh năm nghìn"); empty
    groups are skipped. Tỷ repeats for larger numbers: 10^12 is "một nghìn tỷ"."""
    billions, rest = divmod(n, _BILLION)
    words: list[str] = []
    if billions:
        words += [*_words(billions, leading), "tỷ"]
        leading = False
    for scale, name in _GROUPS:
        group = rest // scale % 1000
        if group:
            words += _three(group, full=not leading)
            if name:
                words.append(name)
            leading = False
    return words


def number_in_words(n: int) -> str:
    """A whole number in Vietnamese words, lower case: 3050000 → "ba triệu không trăm năm mươi nghìn"."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"expected an int, got {type(n).__name__}")
    if n < 0:
        raise ValueError("cannot write a negative number in words")
    return " ".join(_words(n, leading=True)) if n else _DIGITS[0]


def amount_in_words(amount: int | Decimal) -> str:
    """An amount in words for forms ("Số tiền bằng chữ"), financial convention, first letter capital:
    3050000 → "Ba triệu không trăm năm mươi nghìn đồng"; 0 → "Không đồng".

    Northern usage, as in Hà Nội's documents: "nghìn" (not "ngàn"), "linh" (not "lẻ"), "tỷ",
    "mốt"/"tư"/"lăm" after "mươi", "mười lăm". Nothing is appended after "đồng" (no "chẵn").
    """
    text = f"{number_in_words(_to_dong(amount))} {CURRENCY_WORD}"
    return _nfc(text[0].upper() + text[1:])
