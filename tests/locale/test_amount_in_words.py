"""Amounts in words, Vietnamese financial convention ("ba triệu không trăm năm mươi nghìn đồng")."""

from __future__ import annotations

import unicodedata
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from emulation_desktop.locale.formatting import amount_in_words, number_in_words


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, "không"),
        (1, "một"),
        (4, "bốn"),
        (5, "năm"),
        (10, "mười"),
        (11, "mười một"),
        (14, "mười bốn"),
        (15, "mười lăm"),
        (20, "hai mươi"),
        (21, "hai mươi mốt"),
        (24, "hai mươi tư"),
        (25, "hai mươi lăm"),
        (55, "năm mươi lăm"),
        (91, "chín mươi mốt"),
        (100, "một trăm"),
        (101, "một trăm linh một"),
        (104, "một trăm linh bốn"),
        (105, "một trăm linh năm"),
        (110, "một trăm mười"),
        (111, "một trăm mười một"),
        (115, "một trăm mười lăm"),
        (121, "một trăm hai mươi mốt"),
        (1_000, "một nghìn"),
        (1_001, "một nghìn không trăm linh một"),
        (1_010, "một nghìn không trăm mười"),
        (1_015, "một nghìn không trăm mười lăm"),
        (1_100, "một nghìn một trăm"),
        (15_000, "mười lăm nghìn"),
        (21_000, "hai mươi mốt nghìn"),
        (105_000, "một trăm linh năm nghìn"),
        (3_050_000, "ba triệu không trăm năm mươi nghìn"),
        (1_005_000, "một triệu không trăm linh năm nghìn"),
        (1_000_005, "một triệu không trăm linh năm"),
        (1_000_000, "một triệu"),
        (2_000_001_000, "hai tỷ không trăm linh một nghìn"),
        (6_120_000_000, "sáu tỷ một trăm hai mươi triệu"),
        (7_690_000_000, "bảy tỷ sáu trăm chín mươi triệu"),
        (1_000_000_005, "một tỷ không trăm linh năm"),
        (10**12, "một nghìn tỷ"),
        (1_500 * 10**9, "một nghìn năm trăm tỷ"),
        (1_005 * 10**9 + 5, "một nghìn không trăm linh năm tỷ không trăm linh năm"),
        (10**15, "một triệu tỷ"),
        (10**18, "một tỷ tỷ"),
    ],
)
def test_number_in_words(n, expected):
    assert number_in_words(n) == expected


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (3_050_000, "Ba triệu không trăm năm mươi nghìn đồng"),
        (0, "Không đồng"),
        (1, "Một đồng"),
        (1_005_000, "Một triệu không trăm linh năm nghìn đồng"),
        (2_280_000_000, "Hai tỷ hai trăm tám mươi triệu đồng"),
        (Decimal(500_000), "Năm trăm nghìn đồng"),
    ],
)
def test_amount_in_words(amount, expected):
    assert amount_in_words(amount) == expected


def test_refuses_what_is_not_whole_dong():
    with pytest.raises(ValueError):
        amount_in_words(-1)
    with pytest.raises(TypeError):
        amount_in_words(1.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        amount_in_words(True)
    with pytest.raises(ValueError):
        amount_in_words(Decimal("0.5"))
    with pytest.raises(TypeError):
        number_in_words("5")  # type: ignore[arg-type]


# A strict reader of the words back into a number: it accepts only the convention's forms, so a
# round trip checks both the value and the wording (mốt/tư/lăm only after mươi, linh only after trăm,
# inner groups always with their hundreds).
_WORDS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_DIGIT = {word: digit for digit, word in enumerate(_WORDS)}


def _read_three(words: list[str], inner: bool) -> int:
    pos, value = 0, 0
    if len(words) >= 2 and words[1] == "trăm":
        value = 100 * _DIGIT[words[0]]
        pos = 2
        assert value or inner, "a leading group never starts with 'không trăm'"
    else:
        assert not inner, f"inner group without hundreds: {words}"
    rest = words[pos:]
    if not rest:
        return value
    if rest[0] == "linh":
        assert pos == 2 and len(rest) == 2 and rest[1] in _DIGIT and rest[1] != "không", rest
        return value + _DIGIT[rest[1]]
    if rest[0] == "mười":
        if len(rest) == 1:
            return value + 10
        assert len(rest) == 2, rest
        units = {"lăm": 5}.get(rest[1], _DIGIT.get(rest[1]))
        assert rest[1] not in ("năm", "không", "mốt", "tư") and units, rest
        return value + 10 + units
    if len(rest) >= 2 and rest[1] == "mươi":
        tens = _DIGIT[rest[0]]
        assert tens >= 2, rest
        if len(rest) == 2:
            return value + 10 * tens
        assert len(rest) == 3, rest
        word = rest[2]
        assert word not in ("một", "bốn", "năm", "không"), f"{rest}: expected mốt/tư/lăm"
        units = {"mốt": 1, "tư": 4, "lăm": 5}.get(word, _DIGIT.get(word))
        assert units, rest
        return value + 10 * tens + units
    assert len(rest) == 1 and pos == 0 and rest[0] in _DIGIT and rest[0] != "không", rest
    return _DIGIT[rest[0]]


def _read_below_billion(words: list[str], inner: bool) -> int:
    total, start = 0, 0
    for index, word in enumerate([*words, "<end>"]):
        scale = {"triệu": 10**6, "nghìn": 10**3, "<end>": 1}.get(word)
        if scale is None:
            continue
        if index > start:
            total += _read_three(words[start:index], inner) * scale
            inner = True
        start = index + 1
    return total


def _read(words: list[str], inner: bool = False) -> int:
    if "tỷ" in words:
        last = len(words) - 1 - words[::-1].index("tỷ")
        return _read(words[:last], inner) * 10**9 + _read_below_billion(words[last + 1 :], True)
    return _read_below_billion(words, inner)


@given(st.integers(min_value=1, max_value=10**15))
def test_words_read_back_to_the_same_number(n):
    assert _read(number_in_words(n).split(" ")) == n


@given(st.integers(min_value=0, max_value=10**15))
def test_amount_in_words_is_well_formed(n):
    text = amount_in_words(n)
    assert text == amount_in_words(n)  # deterministic
    assert text.endswith(" đồng")
    assert text[0].isupper() and text[1:] == text[1:].lower()
    assert "  " not in text and text == text.strip()
    assert unicodedata.is_normalized("NFC", text)
    assert "không" not in text.lower().split(" ")[:1] or n == 0


@given(st.integers(min_value=1, max_value=999))
def test_small_numbers_read_back(n):
    assert _read(number_in_words(n).split(" ")) == n
