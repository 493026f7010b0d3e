"""One grammar for a number written as text: a CSV cell, a command-line flag, a dialog field.

Plain decimals only: an optional sign, ASCII digits with an optional point, an optional exponent
(`-0.25`, `1e-3`, `.5`, `7`). `float()` alone would also take "nan", "inf", "1_000" and the digits
of other scripts. A whole number is digits alone (`12`, `-3`, `+5`).

No words here: a bad text raises NumberProblem with what was wrong (`kind`), and each caller says
it in its own words (a CSV row and column, a flag, a dialog field).
"""

from __future__ import annotations

import math
import re
from typing import Literal

_DECIMAL = re.compile(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?")
_WHOLE = re.compile(r"[+-]?[0-9]+")
_SPELLED_NON_FINITE = ("nan", "inf", "infinity")

Problem = Literal["empty", "not_a_number", "not_whole", "not_finite", "too_large"]


class NumberProblem(ValueError):
    """Why `text` (stripped) is not a number of the kind asked for:

    - empty: nothing but spaces;
    - not_a_number: not a plain decimal;
    - not_whole: a plain decimal, but a whole number was asked for (`1.5`, `1e3`);
    - not_finite: NaN or Infinity spelled out (`nan`, `-inf`, `Infinity`);
    - too_large: beyond a float's range (`1e999`), or a whole number of more digits than Python
      converts (4,300 by default).
    """

    def __init__(self, kind: Problem, text: str) -> None:
        super().__init__(f"{kind}: {text!r}")
        self.kind: Problem = kind
        self.text = text


def parse_number(text: str, whole: bool = False) -> float | int:
    """The number written in `text` (spaces around it ignored): a finite float, or an int when
    `whole`. Raises NumberProblem."""
    stripped = text.strip()
    if not stripped:
        raise NumberProblem("empty", stripped)
    if whole and _WHOLE.fullmatch(stripped):
        try:
            return int(stripped)
        except ValueError:  # more digits than int() converts
            raise NumberProblem("too_large", stripped) from None
    if _DECIMAL.fullmatch(stripped):
        if whole:
            raise NumberProblem("not_whole", stripped)
        value = float(stripped)
        if not math.isfinite(value):
            raise NumberProblem("too_large", stripped)
        return value
    if stripped.lower().lstrip("+-") in _SPELLED_NON_FINITE:
        raise NumberProblem("not_finite", stripped)
    raise NumberProblem("not_a_number", stripped)
