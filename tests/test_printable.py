"""printable(): outside text as one printable line, whatever it holds."""

from __future__ import annotations

import pytest
from hostile import HOSTILE, is_one_printable_line
from hypothesis import given
from hypothesis import strategies as st

from srn_tui.printable import MARK, printable


@pytest.mark.parametrize(("raw", "shown"), HOSTILE)
def test_every_control_bidi_and_invisible_character_is_shown_escaped(raw, shown):
    assert is_one_printable_line(shown)
    assert printable(raw) == shown


@pytest.mark.parametrize(
    "text", ["model.json", "模型 数据.csv", "naïve café.json", "a b\u00a0c\u3000d", "C:\\x1b.json"]
)
def test_ordinary_names_are_unchanged(text):
    # Backslashes stay as they are (so printable is idempotent); wide and accented letters and
    # visible spaces are not escaped.
    assert printable(text) == text


def test_long_values_are_cut_in_the_middle_keeping_both_ends():
    shown = printable("1" * 5000, 60)
    assert len(shown) == 60 and MARK in shown
    path = "/home/me/" + "d" * 500 + "/model.json"
    shown = printable(path)
    assert len(shown) <= 200 and shown.startswith("/home/me/") and shown.endswith("/model.json")
    assert printable("x" * 10, None) == "x" * 10


def test_a_cut_never_splits_an_escape():
    shown = printable("\x1b" * 100, 20)
    assert len(shown) <= 20
    head, tail = shown.split(MARK)
    assert head == "\\x1b" * (len(head) // 4) and tail == "\\x1b" * (len(tail) // 4)


@given(st.text(), st.integers(min_value=0, max_value=300) | st.none())
def test_any_text_becomes_one_printable_line_within_the_limit_and_stays_so(text, limit):
    shown = printable(text, limit)
    assert is_one_printable_line(shown)
    if limit is not None:
        assert len(shown) <= max(limit, len(MARK) + 2)
    assert printable(shown, limit) == shown  # idempotent: layers may escape the same text again
    shown.encode("utf-8")  # no lone surrogates left: always encodable (raises otherwise)
