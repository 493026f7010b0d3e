"""Gradient flow under the timeline: ||dL/dh(t)|| per tick, a log-scale bar, and a one-line reading.

Its columns line up with the Timeline's (same label and column widths, same window around the
cursor), so the bar under tick t is the gradient that reached h(t). Values come through
`live.flow_bars`, which turns NaN/Inf into flagged finite bars, so nothing here can crash on them.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from rich.style import Style
from rich.text import Text
from textual.widget import Widget

from ...live import flow_bars
from .timeline import COLUMN_WIDTH, LABEL_WIDTH

EIGHTHS = " ▏▎▍▌▋▊▉█"
BAR_CELLS = COLUMN_WIDTH - 1
NOW = Style(reverse=True, bold=True)
VERDICT_STYLES = {"vanishing": "bold yellow", "exploding": "bold red", "not finite": "bold red"}


def norm_label(value: float) -> str:
    """At most 7 characters: '0.0123', '4.1e-07', 'nan', 'inf'."""
    if not np.isfinite(value):
        return "nan" if np.isnan(value) else "inf"
    if value == 0.0:
        return "0"
    if 1e-3 <= value < 1e3:
        return f"{value:.3g}"
    return f"{value:.1e}"


def bar_text(height: float) -> str:
    """A horizontal bar of `height` (0..1) over BAR_CELLS cells, in eighths of a cell."""
    eighths = int(round(max(0.0, min(1.0, height)) * BAR_CELLS * 8))
    full, rest = divmod(eighths, 8)
    return ("█" * full + (EIGHTHS[rest] if rest else "")).ljust(BAR_CELLS)


class GradientFlow(Widget):
    """Call `show(...)` after every change; it redraws in place."""

    DEFAULT_CSS = """
    GradientFlow {
        height: 3;
    }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.norms: np.ndarray = np.zeros(0)
        self.known_from = 1
        self.cursor = 0
        self.reading = ""
        self.verdict = ""

    def show(
        self, norms: Sequence[float] | np.ndarray, cursor: int, reading: str, verdict: str = "", known_from: int = 1
    ) -> None:
        """`norms` for ticks 1..T; ticks before `known_from` are not reached yet (the backward sweep is on its way)."""
        norms = np.asarray(norms, dtype=np.float64)
        state = (cursor, reading, verdict, known_from)
        if state == (self.cursor, self.reading, self.verdict, self.known_from) and np.array_equal(
            norms, self.norms, equal_nan=True
        ):
            return
        self.norms, self.cursor, self.reading, self.verdict, self.known_from = norms, *state
        self.refresh()

    def _window(self) -> range:
        """The Timeline's window: ticks 0..T around the cursor that fit the width."""
        length = len(self.norms)
        count = max(1, (self.size.width - LABEL_WIDTH) // COLUMN_WIDTH)
        first = max(0, min(self.cursor - count // 2, length + 1 - count))
        return range(first, min(length, first + count - 1) + 1)

    def render(self) -> Text:
        known = self.norms[self.known_from - 1 :] if self.known_from >= 1 else self.norms
        bars = {bar.t + self.known_from - 1: bar for bar in flow_bars(known)}
        values = Text("|dL/dh|".ljust(LABEL_WIDTH))
        heights = Text("log bar".ljust(LABEL_WIDTH))
        for t in self._window():
            now = t == self.cursor
            bar = bars.get(t)
            if t == 0:
                values.append(" " * COLUMN_WIDTH)
                heights.append(" " * COLUMN_WIDTH)
                continue
            if bar is None:
                values.append("-".rjust(BAR_CELLS) + " ", NOW if now else Style(dim=True))
                heights.append(" " * COLUMN_WIDTH)
                continue
            style = NOW if now else Style(color="red" if bar.flag in ("nan", "inf") else None)
            values.append(norm_label(bar.norm).rjust(BAR_CELLS) + " ", style)
            heights.append(bar_text(bar.height) + " ", Style(color="red") if bar.flag != "ok" else Style(color="cyan"))
        reading = Text(self.reading, style=VERDICT_STYLES.get(self.verdict, "italic"))
        text = Text("\n").join([values, heights, reading])
        text.no_wrap = True
        return text
