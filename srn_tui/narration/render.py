"""Filling a message template with numbers: floats always with 3 decimals."""

from __future__ import annotations

import string
from collections.abc import Iterable

import numpy as np

from .lang import check_lang
from .templates import TEMPLATES

LARGE = 1e6


def fmt_number(value: float) -> str:
    """3 decimals; a nonzero value too small for that is shown as 4.71e-04, so that a vanishing
    gradient does not read as 0.000."""
    value = float(value)
    if value != 0 and abs(value) < 0.0005 or abs(value) >= LARGE:  # large: an overflowing network's
        return f"{value:.2e}"  # numbers would otherwise run to hundreds of digits
    text = f"{value:.3f}"
    return "0.000" if text == "-0.000" else text


def fmt_value(value: object) -> str:
    """Floats (and NumPy scalars) get 3 decimals; ints and text are shown as they are."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        return fmt_number(float(value))
    return str(value)


def fmt_vector(values: Iterable[float]) -> str:
    return "[" + ", ".join(fmt_number(v) for v in values) + "]"


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def render(lang: str, key: str, **values: object) -> str:
    """The template `key` in `lang` with `values` filled in. A missing value is a ValueError."""
    template = TEMPLATES[check_lang(lang)][key]
    missing = sorted(placeholders(template) - set(values))
    if missing:
        raise ValueError(f"narration {key!r}: missing value for {missing[0]!r}")
    return template.format(**{k: fmt_value(v) for k, v in values.items()})
