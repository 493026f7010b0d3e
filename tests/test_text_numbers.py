"""The one number formatter (srn_tui/text/numbers.py): hand-worked spellings, and the rules every
way of writing shares (no -0.000 in sentences, tiny values not rounded to zero, NaN/Inf spelled,
grid cells exactly their width and ASCII)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from srn_tui.text import numbers

NONFINITE = [(math.nan, "nan"), (math.inf, "inf"), (-math.inf, "-inf")]


@pytest.mark.parametrize(
    ("fn", "value", "text"),
    [
        (numbers.sentence, 0.4621, "0.462"), (numbers.sentence, -0.0001, "-1.00e-04"),
        (numbers.sentence, -1e-12 * 0, "0.000"), (numbers.sentence, 2.5e6, "2.50e+06"),
        (numbers.table, 0.4621, "0.462"), (numbers.table, 4.7e-4, "4.7e-04"), (numbers.table, 1.234e7, "1.234e+07"),
        (numbers.equation, 1.578, "1.578"), (numbers.equation, 1.2e7, "1.20e+07"), (numbers.equation, 1e-9, "0.000"),
        (numbers.probability, 0.25, "0.250"), (numbers.probability, 1e-5, "1.00e-05"),
        (numbers.short, 0.1, "0.1"), (numbers.short, 1e6, "1e+06"), (numbers.short, 0.012345, "0.01235"),
        (numbers.signed, 0.5, "+0.500"), (numbers.signed_short, -2.0, "-2"),
        (numbers.three, 0.080678, "0.0807"), (numbers.ratio, 0.0012, "0.0012"), (numbers.ratio, 300.0, "300"),
        (numbers.ratio, 4.5e4, "4.5e+04"), (numbers.ratio, 1.2e-10, "1.2e-10"), (numbers.norm, 4.1e-7, "4.1e-07"),
        (numbers.exact, 6.0671, "6.067100"), (numbers.exact, 2e9, "2.000000e+09"),
    ],
)  # fmt: skip
def test_hand_worked_spellings(fn, value, text) -> None:
    assert fn(value) == text


@pytest.mark.parametrize(("value", "text"), NONFINITE)
def test_nan_and_inf_are_spelled_the_same_way(value, text) -> None:
    assert numbers.spelled(value) == text
    for fn in (numbers.sentence, numbers.table, numbers.short, numbers.three):
        assert fn(value) == text


@given(st.floats(min_value=-1e300, max_value=1e300))  # rounding the largest floats overflows
def test_a_sentence_never_says_minus_zero_nor_rounds_a_nonzero_value_to_zero(value: float) -> None:
    text = numbers.sentence(value)
    assert text != "-0.000"
    if value != 0:
        assert float(text) != 0
        assert abs(float(text) - value) <= max(0.0005, abs(value) * 0.006)  # 3 decimals or 3 digits


@given(st.floats(), st.sampled_from([6, 7, 8]))  # 0 is ' 0.000': 6 cells at least
def test_a_grid_cell_is_exactly_its_width_ascii_and_keeps_its_sign(value: float, width: int) -> None:
    text = numbers.cell(value, width)
    assert len(text) == width and text.isascii()
    if math.isfinite(value) and value != 0:
        assert text.strip()[0] == ("+" if value > 0 else "-")
