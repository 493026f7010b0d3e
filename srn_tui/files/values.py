"""Checked conversion of parsed JSON (or npz .tolist()) values into numbers, vectors and tables.

Each function raises FieldError saying where the value is (("key", "W_hh"), ("row", 2), ("column", 1))
so the caller only has to add the file.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from ..engine.errors import Place
from ..text.problems import Found, Shape
from .errors import FieldError

_SHOWN_CHARS = 40
_FLOAT_DIGITS = 309  # an integer with more digits is beyond a float's range (1.8e308)


class TooLarge:
    """A JSON number beyond a float's range, kept as its length: parsing stops at nothing (Python
    refuses integers over 4,300 digits with its own message), so `number` can name where it is."""

    def __init__(self, text: str) -> None:
        self.length = len(text)

    def __repr__(self) -> str:
        return f"a number of {self.length:,} characters"


def json_int(text: str) -> int | TooLarge:
    """json.loads' parse_int: an int, or TooLarge past what a float holds."""
    return TooLarge(text) if len(text.lstrip("-")) > _FLOAT_DIGITS else int(text)


def json_float(text: str) -> float | TooLarge:
    """json.loads' parse_float: a float, or TooLarge when it overflows (1e999)."""
    value = float(text)
    return TooLarge(text) if math.isinf(value) else value


def describe(value: Any) -> Found:
    """What a JSON value is, for an error message (text/problems.py words it)."""
    if value is None:
        return Found("null")
    if isinstance(value, bool):
        return Found("boolean", str(value).lower())
    if isinstance(value, TooLarge):
        return Found("too_large", value.length)
    if isinstance(value, (int, float)):
        return Found("number", repr(value))
    if isinstance(value, str):
        return Found("string", quote(value))
    if isinstance(value, list):
        return Found("list")
    if isinstance(value, dict):
        return Found("object")
    return Found("type", type(value).__name__)


def quote(text: str) -> str:
    """repr() of text, shortened: keeps a message on one line and of sensible length."""
    if len(text) > _SHOWN_CHARS:
        text = text[:_SHOWN_CHARS] + "..."
    return repr(text)


def check_keys(d: Any, allowed: Sequence[str], required: Sequence[str], expected: Shape) -> dict:
    """`d` as a dict with no unknown keys and every required one; `expected` describes the object."""
    if not isinstance(d, dict):
        raise FieldError("not_object", expected=expected, found=describe(d))
    unknown = [quote(str(k)) for k in d if k not in allowed]
    if unknown:
        raise FieldError("unknown_keys", keys=tuple(unknown), expected=expected)
    for key in required:
        if key not in d:
            raise FieldError("missing", at=(("key", key),))
    return d


def number(value: Any, where: tuple[Place, ...]) -> float:
    """A finite float from a JSON number; booleans, strings, null, NaN and Inf are refused."""
    if isinstance(value, TooLarge):
        raise FieldError("number_too_long", at=where, length=value.length)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise FieldError("not_number", at=where, found=describe(value))
    try:
        result = float(value)
    except OverflowError:
        raise FieldError("number_too_large", at=where) from None
    if not math.isfinite(result):
        raise FieldError("not_finite", at=where, value=_non_finite(result))
    return result


def vector(value: Any, name: str) -> list[float]:
    """A list of numbers; a bare number is a vector of one."""
    key: Place = ("key", name)
    if not isinstance(value, list):
        return [number(value, (key,))]
    return [number(v, (key, ("entry", i))) for i, v in enumerate(value, start=1)]


def rows(value: Any, name: str, allow_scalar_rows: bool = False, allow_null_rows: bool = False) -> list:
    """A list of rows of numbers, all the same width.

    With `allow_scalar_rows`, a row may be a bare number (a one-wide row), as in a sequence's [1, 2, 3];
    with `allow_null_rows`, a row may be null (kept as None: a tick without a target).
    """
    key: Place = ("key", name)
    if not isinstance(value, list):
        raise FieldError("not_rows", at=(key,), found=describe(value))
    table: list[list[float] | None] = []
    for r, row in enumerate(value, start=1):
        if isinstance(row, list):
            if not row:
                raise FieldError("row_empty_null" if allow_null_rows else "row_empty", at=(key,), row=r)
            table.append([number(v, (key, ("row", r), ("column", c))) for c, v in enumerate(row, start=1)])
        elif row is None and allow_null_rows:
            table.append(None)
        elif allow_scalar_rows and row is not None:
            table.append([number(row, (key, ("row", r)))])
        else:
            raise FieldError("row_not_list", at=(key, ("row", r)), found=describe(row))
    _check_rectangular(table, key)
    return table


def _check_rectangular(table: list[list[float] | None], key: Place) -> None:
    present = [(r, row) for r, row in enumerate(table, start=1) if row is not None]
    if not present:
        return
    first, width = present[0][0], len(present[0][1])
    for r, row in present:
        if len(row) != width:
            raise FieldError("row_width", at=(key,), row=r, count=len(row), width=width, first=first)


def _non_finite(x: float) -> str:
    if math.isnan(x):
        return "NaN"
    return "Infinity" if x > 0 else "-Infinity"
