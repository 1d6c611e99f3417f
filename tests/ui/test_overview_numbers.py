"""The Overview writes its numbers without Babel (ui/dashboard.py, ``fmt``), so that the first paint does
not wait for it: they must be exactly the forms every other part of the window prints (``cell_format``)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from emulation_desktop.ui import cell_format
from emulation_desktop.ui.dashboard import fmt

whole = st.integers(min_value=-(10**15), max_value=10**15)
ratios = st.one_of(
    st.floats(min_value=-50, max_value=50, allow_nan=False),
    st.fractions(min_value=0, max_value=3, max_denominator=10_000).map(float),  # a count over a total
    st.decimals(min_value=-10, max_value=10, places=6, allow_nan=False, allow_infinity=False),
    st.integers(min_value=0, max_value=5),
)


@given(whole)
def test_whole_numbers_and_money_are_cell_formats(value: int) -> None:
    assert fmt.number(value) == cell_format.number(value)
    assert fmt.money(value) == cell_format.money(value)


@given(st.integers(min_value=-100_000, max_value=100_000))
def test_tenths_of_a_percent_are_cell_formats(value: int) -> None:
    assert fmt.percent_tenths(value) == cell_format.percent_tenths(value)


@given(ratios)
def test_ratios_are_cell_formats(value: float | Decimal | int) -> None:
    assert fmt.ratio(value) == cell_format.ratio(value)  # type: ignore[arg-type]


def test_the_forms_themselves() -> None:
    assert fmt.number(7_690_000_000) == "7.690.000.000"
    assert fmt.ratio(0.854) == "85,4%"
    assert fmt.ratio(0.8545) == "85,5%"  # half-up, as people round by hand
    assert fmt.ratio(12.5) == "1.250,0%"
    assert fmt.ratio(None) == "–"
    assert fmt.percent_tenths(850) == "85,0"
