"""Random and mutated input against the parsers a clerk's typing reaches: money, dates, counts, years and
whole records. Each either succeeds or raises one of our typed errors with a message, never anything else."""

import os
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from emulation_desktop.domain.fields import parse_date, parse_int
from emulation_desktop.domain.money import MAX_VND, parse_vnd
from emulation_desktop.domain.record_kinds import KINDS
from emulation_desktop.errors import AppError, InputError
from emulation_desktop.operations.records import clean_values

EXAMPLES = int(os.environ.get("EMULATION_FUZZ_EXAMPLES", "2000"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces of what clerks really type, recombined and mutated by hypothesis.
MONEY_PIECES = [
    "1",
    "5",
    "0",
    "000",
    ".",
    ",",
    " ",
    "đ",
    "đồng",
    "VNĐ",
    "₫",
    "tỷ",
    "triệu",
    "nghìn",
    "-",
    "ty\u0309",
    "\u00a0",
    "e3",
    "½",
    "١",
    "𝟗",
]
DATE_PIECES = ["1", "0", "12", "31", "29", "/", "-", ".", "2022", "2", "02", " ", "T", ":", "x"]


def pieces(parts):
    return st.lists(st.sampled_from(parts), max_size=12).map("".join)


def assert_typed(call, value):
    try:
        return call(value)
    except InputError as exc:
        assert exc.message.strip()
        return None


@FUZZ
@given(
    st.one_of(
        st.text(max_size=40),
        pieces(MONEY_PIECES),
        st.integers(),
        st.floats(),
        st.none(),
        st.booleans(),
        st.decimals(allow_nan=True),
    )
)
def test_money_parser_never_crashes(value):
    result = assert_typed(parse_vnd, value)
    if result is not None:
        assert isinstance(result, int) and 0 <= result <= MAX_VND


@FUZZ
@given(st.one_of(st.text(max_size=30), pieces(DATE_PIECES), st.integers(), st.dates(), st.none()))
def test_date_parser_never_crashes(value):
    result = assert_typed(parse_date, value)
    if result is not None:
        assert 2000 <= result.year <= 2100


@FUZZ
@given(
    st.one_of(
        st.text(max_size=20),
        pieces(["1", "0", ".", "000", "-", " ", "9"]),
        st.integers(),
        st.floats(),
        st.booleans(),
    )
)
def test_count_parser_never_crashes(value):
    result = assert_typed(parse_int, value)
    if result is not None:
        assert isinstance(result, int) and result >= 0


class _NoPlaces:
    """No commune exists: every place reference must be refused with a message."""

    unit = type("U", (), {"name": "Huyện thử"})()

    def resolve(self, value, levels):
        raise InputError(f"no place {value}")


@FUZZ
@given(
    st.sampled_from(sorted(KINDS)),
    st.dictionaries(
        st.sampled_from(sorted({f.name for k in KINDS.values() for f in k.fields})),
        st.one_of(st.text(max_size=30), st.integers(), st.floats(), st.none(), pieces(MONEY_PIECES)),
        max_size=8,
    ),
)
def test_whole_records_are_refused_or_clean(kind_name, values):
    kind = KINDS[kind_name]
    try:
        cleaned = clean_values(kind, values, _NoPlaces())
    except AppError as exc:
        assert exc.message.strip()
        return
    for value in cleaned.values():
        if isinstance(value, str):
            assert unicodedata.is_normalized("NFC", value)
            assert value == value.strip()
