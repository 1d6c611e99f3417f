"""Vietnamese formatting of numbers, money, percentages and dates (docs/architecture.md, Documents and Numbers)."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from emulation_desktop.locale.formatting import (
    admin_date,
    admin_date_line,
    describe_change,
    format_date,
    format_number,
    format_percent,
    format_points,
    format_ratio,
    format_vnd,
    format_vnd_prose,
    format_vnd_short,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, "0"),
        (1053, "1.053"),
        (9379, "9.379"),
        (7_690_000_000, "7.690.000.000"),
        (-1234, "-1.234"),
        (2.28, "2,28"),
        (Decimal("1234.5"), "1.234,5"),
    ],
)
def test_format_number(value, expected):
    assert format_number(value) == expected


def test_format_number_with_fixed_digits_rounds_half_up():
    assert format_number(85, digits=1) == "85,0"
    assert format_number(0.125, digits=2) == "0,13"
    assert format_number(2.5, digits=0) == "3"


def test_format_number_refuses_non_numbers():
    with pytest.raises(TypeError):
        format_number("1053")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        format_number(True)


def test_format_vnd_full_and_short():
    assert format_vnd(6_120_000_000) == "6.120.000.000 đồng"
    assert format_vnd_short(6_120_000_000) == "6.120.000.000"
    assert format_vnd(0) == "0 đồng"
    assert format_vnd(Decimal(1_500_000)) == "1.500.000 đồng"


def test_money_is_never_a_float():
    with pytest.raises(TypeError):
        format_vnd(1.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        format_vnd(Decimal("1.5"))


@pytest.mark.parametrize(
    ("amount", "style", "digits", "expected"),
    [
        # The article's figures (docs/architecture.md, The demo).
        (6_120_000_000, "over", None, "trên 6 tỷ đồng"),
        (3_050_000_000, "over", None, "trên 3 tỷ đồng"),
        (7_690_000_000, "millions", None, "7.690 triệu đồng"),
        (7_690_400_000, "millions", None, "trên 7.690 triệu đồng"),
        (2_280_000_000, "billions", None, "2,28 tỷ đồng"),
        (1_650_000_000, "billions", 1, "trên 1,6 tỷ đồng"),
        # Exact amounts never say "trên".
        (6_000_000_000, "over", None, "6 tỷ đồng"),
        (6_000_000_000, "billions", None, "6 tỷ đồng"),
        (2_200_000_000, "billions", 2, "2,2 tỷ đồng"),
        # Cut, never rounded up: 2,289 tỷ is "trên 2,28", not "2,29".
        (2_289_000_000, "billions", None, "trên 2,28 tỷ đồng"),
        (2_289_000_000, "billions", 3, "2,289 tỷ đồng"),
        # Below 1 tỷ: triệu; below 1 triệu: the exact amount.
        (350_000_000, "over", None, "350 triệu đồng"),
        (350_500_000, "over", None, "trên 350 triệu đồng"),
        (350_000_000, "billions", None, "350 triệu đồng"),
        (1_000_000, "millions", None, "1 triệu đồng"),
        (850_000, "over", None, "850.000 đồng"),
        (999_999, "millions", None, "999.999 đồng"),
        (0, "over", None, "0 đồng"),
        # Large: grouping inside the unit.
        (1_234_000_000_000, "over", None, "1.234 tỷ đồng"),
    ],
)
def test_format_vnd_prose(amount, style, digits, expected):
    assert format_vnd_prose(amount, style, digits) == expected


def test_format_vnd_prose_refuses_bad_input():
    with pytest.raises(ValueError):
        format_vnd_prose(-1)
    with pytest.raises(ValueError):
        format_vnd_prose(10**9, "thousands")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        format_vnd_prose(10**9, "billions", 4)
    with pytest.raises(TypeError):
        format_vnd_prose(6.12e9)  # type: ignore[arg-type]


@given(st.integers(min_value=0, max_value=10**15), st.sampled_from(["over", "millions", "billions"]))
def test_prose_never_claims_more_than_the_amount(amount, style):
    text = format_vnd_prose(amount, style)
    assert text.endswith(" đồng")
    assert "  " not in text
    assert unicodedata.is_normalized("NFC", text)
    number, unit = text.removeprefix("trên ").split(" ", 1)
    scale = {"tỷ đồng": 10**9, "triệu đồng": 10**6, "đồng": 1}[unit]
    shown = Decimal(number.replace(".", "").replace(",", ".")) * scale
    assert shown <= amount
    assert text.startswith("trên ") == (shown < amount)


@pytest.mark.parametrize(
    ("ratio", "digits", "expected"),
    [
        (0.854, 0, "85%"),
        (0.854, 1, "85,4%"),
        (4375 / 5121, 0, "85%"),
        (694 / 823, 0, "84%"),
        (1, 0, "100%"),
        (0, 1, "0,0%"),
        (0.845, 0, "85%"),  # half-up, where Babel alone gives 84%
        (0.125, 0, "13%"),
        (12.5, 0, "1.250%"),
        (Decimal("0.8545"), 1, "85,5%"),
    ],
)
def test_format_percent(ratio, digits, expected):
    assert format_percent(ratio, digits) == expected


def test_format_ratio():
    assert format_ratio(694, 823) == "694/823 (84%)"
    assert format_ratio(4375, 5121, 1) == "4.375/5.121 (85,4%)"
    assert format_ratio(740, 740) == "740/740 (100%)"
    assert format_ratio(0, 0) == "0/0"


def test_format_points():
    assert format_points(5.4) == "5,4 điểm %"
    assert format_points(-1.2) == "-1,2 điểm %"
    assert format_points(5) == "5,0 điểm %"
    assert format_points(5.44, digits=0) == "5 điểm %"
    assert format_points(-0.01) == "0,0 điểm %"  # never "-0,0"


def test_describe_change():
    assert describe_change(5.4) == "tăng 5,4 điểm %"
    assert describe_change(-1.2) == "giảm 1,2 điểm %"
    assert describe_change(0) == "không đổi"
    assert describe_change(0.04) == "không đổi"
    assert describe_change(-0.04) == "không đổi"
    assert describe_change(0.05) == "tăng 0,1 điểm %"
    assert describe_change((85.43 - 80.03), digits=0) == "tăng 5 điểm %"


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2022, 11, 8), "08/11/2022"),
        (date(2023, 3, 15), "15/03/2023"),
        (date(2023, 12, 31), "31/12/2023"),
        (datetime(2022, 1, 2, 13, 45), "02/01/2022"),
    ],
)
def test_format_date(day, expected):
    assert format_date(day) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2022, 11, 8), "ngày 08 tháng 11 năm 2022"),
        (date(2023, 3, 15), "ngày 15 tháng 3 năm 2023"),
        (date(2023, 2, 5), "ngày 05 tháng 02 năm 2023"),
        (date(2023, 1, 31), "ngày 31 tháng 01 năm 2023"),
        (date(2023, 10, 10), "ngày 10 tháng 10 năm 2023"),
        (date(2023, 9, 9), "ngày 09 tháng 9 năm 2023"),
    ],
)
def test_admin_date_pads_days_below_10_and_months_1_2(day, expected):
    assert admin_date(day) == expected


def test_admin_date_line():
    assert admin_date_line("Đông Anh", date(2022, 11, 8)) == "Đông Anh, ngày 08 tháng 11 năm 2022"
    assert admin_date_line("  Hà   Nội ", date(2023, 2, 5)) == "Hà Nội, ngày 05 tháng 02 năm 2023"


def test_admin_date_line_is_nfc_even_for_decomposed_input():
    decomposed = unicodedata.normalize("NFD", "Đông Anh")
    line = admin_date_line(decomposed, date(2022, 11, 8))
    assert line == "Đông Anh, ngày 08 tháng 11 năm 2022"
    assert unicodedata.is_normalized("NFC", line)


def test_every_output_is_nfc():
    outputs = [
        format_vnd(6_120_000_000),
        format_vnd_prose(6_120_000_000),
        format_vnd_prose(7_690_000_000, "millions"),
        format_points(5.4),
        describe_change(-1.2),
        describe_change(0),
        admin_date(date(2022, 11, 8)),
    ]
    for text in outputs:
        assert unicodedata.is_normalized("NFC", text), text


# Whole numbers and fixed decimals are written without Babel (the window formats thousands of cells, and
# its first screen should not wait for Babel's import); they must be exactly Babel's Vietnamese forms.


@given(st.integers(min_value=-(10**18), max_value=10**18))
def test_whole_numbers_are_babels_vietnamese_form(value: int) -> None:
    from babel.numbers import format_decimal

    assert format_number(value) == format_decimal(value, locale="vi")


@given(
    st.decimals(min_value=-(10**12), max_value=10**12, places=6, allow_nan=False, allow_infinity=False),
    st.integers(min_value=0, max_value=3),
)
def test_fixed_decimals_are_babels_vietnamese_form(value: Decimal, digits: int) -> None:
    from decimal import ROUND_HALF_UP

    from babel.numbers import format_decimal

    rounded = value.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    assert format_number(value, digits) == format_decimal(rounded, pattern, locale="vi")
