"""The weights as plain numbers, for the projector's focal panel: large type carries across a room
better than colour, and a tour step about W_hy must show W_hy's value, not a colour.

The spotlighted matrix first, then the others in the weights panel's order; each says whether it
trains or is frozen in words (never by colour alone). Lines never wrap: a matrix wider than the
panel is cut at the right with `...` (ASCII: aligned grids stay ASCII), and the panel cuts the rest.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from rich.text import Text

from ...text import numbers
from ...text.screens import screen_label

ORDER = ("W_xh", "W_hh", "b_h", "W_hy", "b_y", "h0")
MAX_COLUMNS = 12  # past this many columns a row says how many more there are


def matrix_lines(name: str, values: np.ndarray, state: str, name_width: int = 0) -> list[Text]:
    """`W_hy = +6.067   trains` for one number (the name padded to `name_width`, so the `=` align);
    else a header `W_hh  3x3  trains` and one row per unit (`  0  +0.123 -0.456 ...`)."""
    array = np.asarray(values, dtype=np.float64)
    grid = array.reshape(-1, 1) if array.ndim == 1 else array
    if grid.size == 1:
        number = numbers.cell(float(grid[0, 0]))
        return [Text.assemble((f"{name:<{name_width}} = {number}", "bold"), f"   {state}")]
    rows, cols = grid.shape
    lines = [Text.assemble((name, "bold"), f"  {rows}x{cols}  {state}")]
    shown = min(cols, MAX_COLUMNS)
    for j in range(rows):
        cells = " ".join(numbers.cell(float(v)) for v in grid[j, :shown])
        more = f" ... +{cols - shown}" if cols > shown else ""
        lines.append(Text(f"{j:>3} {cells}{more}"))
    return lines


def weights_text(params: Mapping[str, np.ndarray], trainable: Sequence[str], first: str | None, lang: str) -> Text:
    """Every parameter of `params` (the spotlighted `first` at the top), with trains/frozen in `lang`."""
    names = [name for name in ORDER if name in params]
    if first in names:
        names.remove(first)
        names.insert(0, first)
    lines: list[Text] = []
    width = max((len(name) for name in names), default=0)
    for name in names:
        state = screen_label(lang, "projector_trains" if name in trainable else "projector_frozen")
        lines += matrix_lines(name, params[name], state, width)
    text = Text("\n").join(lines)
    text.no_wrap = True
    text.overflow = "ellipsis"
    return text
