"""How a number becomes a heatmap cell: its text in a fixed width and its colour.

Pure functions and a palette, no widget: the Heatmap draws with them, the weights panel's legend
too, and they are tested on their own. The text keeps its sign and stays ASCII, so a cell reads
the same with colour stripped (NO_COLOR) and in CJK terminals.

A compact cell (where a matrix's numbers do not fit the width) is three characters: a space, the
sign and the colour step 1-8 the colour shows (|value| / scale, rounded up to eighths), so "+8" is a
strongest positive weight and the cell still reads without colour; the exact value is the
heatmap's border subtitle at the cursor.
"""

from __future__ import annotations

import numpy as np
from rich.segment import Segment
from rich.style import Style
from textual.color import Color

from ...text import numbers

VALUE_WIDTH = numbers.CELL
CELL_WIDTH = VALUE_WIDTH + 1  # one space in front of every value
COMPACT_WIDTH = 3  # a compact cell: " +8"
LEVELS = 8  # colour steps per sign (one digit: a compact cell writes its step)
MAX_BLEND = 0.85  # how far the strongest level moves from the background to the pure hue
NEGATIVE_HUE = Color(40, 100, 230)  # blue, readable with white text on dark and black text on light themes
POSITIVE_HUE = Color(225, 55, 40)  # red
PLAIN_LABEL = Style(dim=True)
HIGHLIGHT_LABEL = Style(bold=True, reverse=True)


def default_scale(*arrays: np.ndarray) -> float:
    """Largest finite |value| over the arrays, 1.0 when all are zero or non-finite."""
    largest = 0.0
    for array in arrays:
        finite = np.abs(array[np.isfinite(array)])
        if finite.size:
            largest = max(largest, float(finite.max()))
    return largest if largest > 0 else 1.0


def levels(values: np.ndarray, scale: float) -> tuple[np.ndarray, np.ndarray]:
    """Each value's sign (-1, 0, +1; 0 for NaN) and colour step 0..LEVELS (|value| / scale rounded up
    to eighths, capped at LEVELS; 0 only for exact zeros and NaN)."""
    with np.errstate(invalid="ignore"):
        signs = np.nan_to_num(np.sign(values)).astype(np.int8)
        intensity = np.nan_to_num(np.abs(values) / scale, nan=0.0, posinf=1.0)
    return signs, np.ceil(np.clip(intensity, 0.0, 1.0) * LEVELS).astype(np.int8)


def compact_text(value: float, sign: int, level: int) -> str:
    """A compact cell's two characters after its space: "+8", "-3", " 0"; "+!"/"-!" for an infinite
    value and " ?" for NaN (their colour step would say nothing true)."""
    if np.isnan(value):
        return " ?"
    if np.isinf(value):
        return "+!" if value > 0 else "-!"
    if sign == 0:
        return " 0"
    return f"{'+' if sign > 0 else '-'}{level}"


class Palette:
    """Rich styles for each (sign, level) blended over the widget's own background.

    Built from the live background, so the same code reads well on dark and light themes.
    """

    def __init__(self, base: Color) -> None:
        self.base = base
        self._cache: dict[tuple[int, int, bool, bool], Style] = {}

    def background(self, sign: int, level: int) -> Color:
        if sign == 0 or level == 0:
            return self.base
        hue = POSITIVE_HUE if sign > 0 else NEGATIVE_HUE
        return self.base.blend(hue, MAX_BLEND * level / LEVELS)

    def style(self, sign: int, level: int, highlight: bool = False, cursor: bool = False) -> Style:
        key = (sign, level, highlight, cursor)
        style = self._cache.get(key)
        if style is None:
            background = self.background(sign, level)
            foreground = background + background.get_contrast_text(0.92)
            style = Style(
                color=foreground.rich_color,
                bgcolor=background.rich_color,
                bold=highlight or cursor,
                underline=highlight,
                reverse=cursor,
            )
            self._cache[key] = style
        return style


def legend_segments(palette: Palette, scale: float, note: str = "") -> list[Segment]:
    """ "-1 ----0++++ +1  note": a colour ramp whose characters still read without colour."""
    label = numbers.three(scale)
    steps = range(LEVELS, 0, -2)  # every other level keeps the legend short
    segments = [Segment(f"-{label} ")]
    segments += [Segment("-", palette.style(-1, level)) for level in steps]
    segments.append(Segment("0", palette.style(0, 0)))
    segments += [Segment("+", palette.style(1, level)) for level in reversed(steps)]
    segments.append(Segment(f" +{label}"))
    if note:
        segments.append(Segment(f"  {note}"))
    return segments
