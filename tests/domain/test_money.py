"""Money typed the Vietnamese way parses to integer đồng; anything ambiguous is refused."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from emulation_desktop.domain.money import MAX_VND, parse_vnd
from emulation_desktop.errors import InputError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.500.000", 1_500_000),
        ("1.500.000 đ", 1_500_000),
        ("1.500.000đ", 1_500_000),
        ("1.500.000 đồng", 1_500_000),
        ("1.500.000 VNĐ", 1_500_000),
        ("1.500.000 ₫", 1_500_000),
        ("1500000", 1_500_000),
        ("1 500 000", 1_500_000),
        ("6,12 tỷ", 6_120_000_000),
        ("6,12 tỷ đồng", 6_120_000_000),
        ("2,280 tỷ đồng", 2_280_000_000),
        ("7.690 triệu", 7_690_000_000),
        ("1,5 triệu", 1_500_000),
        ("500 nghìn", 500_000),
        ("500 ngàn đồng", 500_000),
        ("  12\u00a0tỷ ", 12_000_000_000),
        ("0", 0),
        # Decomposed (NFD) input, as some keyboards send it.
        ("6,12 ty\u0309", 6_120_000_000),
    ],
)
def test_accepts_vietnamese_amounts(text, expected):
    assert parse_vnd(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "1,500",  # decimal comma or English thousands? never guess
        "1.5",
        "1.5000",
        "1.500,5",  # half a đồng
        "6,1234567891 tỷ",  # a fraction of a đồng
        "-1.000",
        "abc",
        "",
        "1.000.000.000.000.000.000",
        "12 đô",
    ],
)
def test_refuses_ambiguous_or_invalid(text):
    with pytest.raises(InputError) as caught:
        parse_vnd(text)
    assert caught.value.message  # a message for the clerk, never an empty one


@pytest.mark.parametrize("value", [1.5, 1500000.0, True, -5, Decimal("1.5"), None, MAX_VND + 1])
def test_refuses_non_integer_values(value):
    with pytest.raises(InputError):
        parse_vnd(value)


def test_messages_are_vietnamese():
    with pytest.raises(InputError) as caught:
        parse_vnd("-5")
    assert "âm" in caught.value.message


@given(st.integers(min_value=0, max_value=MAX_VND))
def test_grouped_form_round_trips(amount):
    grouped = f"{amount:,}".replace(",", ".")
    assert parse_vnd(grouped) == amount
    assert parse_vnd(f"{grouped} đồng") == amount
