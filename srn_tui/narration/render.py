"""Filling a message template with numbers: floats as text.numbers.sentence writes them (3 decimals)."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from ..text.lang import check_lang, placeholders
from ..text.numbers import sentence as fmt_number
from .templates import TEMPLATES


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


def render(lang: str, key: str, **values: object) -> str:
    """The template `key` in `lang` with `values` filled in. A missing value is a ValueError."""
    template = TEMPLATES[check_lang(lang)][key]
    missing = sorted(placeholders(template) - set(values))
    if missing:
        raise ValueError(f"narration {key!r}: missing value for {missing[0]!r}")
    return template.format(**{k: fmt_value(v) for k, v in values.items()})
