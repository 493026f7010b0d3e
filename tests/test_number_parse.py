"""The one grammar for a number written as text, and the four places that read one with it: a CSV
cell, a command-line flag, the edit dialog and the settings dialog."""

from __future__ import annotations

import argparse
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from srn_tui.cli.arguments import positive_number, whole_number_at_least
from srn_tui.files.errors import FieldError
from srn_tui.files.sequence_files import sequence_from_csv
from srn_tui.number_parse import NumberProblem, parse_number
from srn_tui.ui.screens.edit_value import parse_finite_float
from srn_tui.ui.screens.training_settings import parse_positive, parse_seed


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_every_finite_float_reads_back_as_itself(x: float) -> None:
    # repr() is the shortest text that rounds back to x: Python's own float() is the reference.
    assert parse_number(repr(x)) == x
    assert parse_number(f"  {x!r}\t") == x


@given(st.integers(min_value=-(10**60), max_value=10**60))
def test_whole_numbers_are_ints_of_any_size(n: int) -> None:
    value = parse_number(str(n), whole=True)
    assert type(value) is int and value == n
    assert parse_number(str(n)) == float(n)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("abc", "not_a_number"),
        ("1_000", "not_a_number"),  # float() would take it
        ("\u0661\u0662", "not_a_number"),  # Arabic-Indic 12: float() would take it
        ("1,5", "not_a_number"),
        ("0x10", "not_a_number"),
        ("nan", "not_finite"),
        ("-Infinity", "not_finite"),
        ("+inf", "not_finite"),
        ("1e999", "too_large"),
        ("-1e309", "too_large"),
    ],
)
def test_what_is_refused_and_why(text: str, kind: str) -> None:
    with pytest.raises(NumberProblem) as caught:
        parse_number(text)
    assert caught.value.kind == kind
    assert caught.value.text == text.strip()


@pytest.mark.parametrize(("text", "kind"), [("1.5", "not_whole"), ("1e3", "not_whole"), ("2.", "not_whole")])
def test_a_decimal_is_not_a_whole_number(text: str, kind: str) -> None:
    assert parse_number(text) == float(text)
    with pytest.raises(NumberProblem) as caught:
        parse_number(text, whole=True)
    assert caught.value.kind == kind


def test_a_whole_number_past_what_int_converts_is_too_large() -> None:
    with pytest.raises(NumberProblem) as caught:
        parse_number("9" * 5000, whole=True)
    assert caught.value.kind == "too_large"


@pytest.mark.parametrize("text", ["1_000", "\u0661\u0662", "0x10", "abc"])
def test_every_reader_refuses_what_the_grammar_refuses(text: str) -> None:
    """The four readers agree: a text the grammar refuses is refused by each, in its own words."""
    with pytest.raises(FieldError, match="is not a number"):
        sequence_from_csv(f"x\n{text}\n")
    with pytest.raises(argparse.ArgumentTypeError, match="must be a number"):
        positive_number(text)
    with pytest.raises(argparse.ArgumentTypeError, match="must be a whole number"):
        whole_number_at_least(0)(text)
    with pytest.raises(ValueError, match="not a number"):
        parse_finite_float(text)
    with pytest.raises(ValueError, match="is not a number"):
        parse_positive("clip", text)
    with pytest.raises(ValueError, match="is not a whole number"):
        parse_positive("epochs", text, integer=True)
    with pytest.raises(ValueError, match="seed"):
        parse_seed(text)


@pytest.mark.parametrize("text", ["0.25", " 2e-3 ", "+7", ".5", "12"])
def test_every_reader_reads_the_same_number(text: str) -> None:
    expected = float(text)
    assert sequence_from_csv(f"x\n{text}\n").inputs[0, 0] == expected
    assert positive_number(text) == expected
    assert parse_finite_float(text) == expected
    assert parse_positive("lr", text) == expected


def test_readers_keep_their_own_words_for_non_finite_numbers() -> None:
    for text in ("nan", "-inf", "1e999"):
        with pytest.raises(argparse.ArgumentTypeError, match="must be a positive finite number"):
            positive_number(text)
        with pytest.raises(ValueError, match="must be a finite number"):
            parse_finite_float(text)
        with pytest.raises(ValueError, match="must be positive"):
            parse_positive("lr", text)
    with pytest.raises(FieldError, match="is not allowed, expected a finite number"):
        sequence_from_csv("x\nnan\n")
    with pytest.raises(FieldError, match="is too large"):
        sequence_from_csv("x\n1e999\n")
    assert parse_seed(" 42 ") == 42
    assert math.isclose(parse_positive("lr", "1e-3"), 0.001)
