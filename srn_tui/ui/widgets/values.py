"""Numbers as styled text: always a sign and 3 decimals, colour by sign and magnitude.

The sign and the digits carry the meaning, so the text stays readable under NO_COLOR or
on a washed-out projector; colour only makes large values stand out faster.
"""

from __future__ import annotations

import math

from rich.style import Style
from rich.text import Text

from ...text import numbers

# The heatmaps' convention (heatmap.POSITIVE_HUE red, NEGATIVE_HUE blue), so a colour means
# the same sign in every panel. Small, medium, large |v|:
POSITIVE = ("#d68a7a", "#e0604a", "#e8341f")
NEGATIVE = ("#7aa6d6", "#4a8fe0", "#1f6fe8")


def signed(v: float, width: int = 0) -> str:
    """`+0.462`, `-1.250`; wide values drop decimals rather than overflow `width`."""
    return numbers.signed_fit(v, width)


def value_style(v: float) -> Style:
    if not math.isfinite(v) or v == 0:
        return Style()
    level = 0 if abs(v) < 0.5 else (1 if abs(v) < 1.0 else 2)
    palette = POSITIVE if v > 0 else NEGATIVE
    return Style(color=palette[level], bold=level == 2)


def styled(v: float, width: int = 0) -> Text:
    return Text(signed(v, width), style=value_style(v))
