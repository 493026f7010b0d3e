"""The loss per epoch as a small area chart of block characters, on a log scale.

Drawn by hand from cleaned data: NaN and Inf are dropped before plotting (and counted in the
title), so a diverging run never crashes the chart. Long histories are squeezed into the width
by keeping the last finite loss of each column's span of epochs.
"""

from __future__ import annotations

import numpy as np
from rich.text import Text
from textual.widget import Widget

from ...live.snapshots import fmt_number
from ..labels import label

BLOCKS = " ▁▂▃▄▅▆▇█"
AXIS_WIDTH = 9  # "1.234e-05" fits
FLOOR = 1e-300  # log10 of a zero loss is clamped here (the seed lesson's loss can reach 0)


def clean_points(epochs: np.ndarray, losses: np.ndarray) -> tuple[np.ndarray, np.ndarray, int]:
    """The finite (epoch, loss) pairs and how many were not finite."""
    epochs = np.asarray(epochs, dtype=np.float64)
    losses = np.asarray(losses, dtype=np.float64)
    finite = np.isfinite(losses) & np.isfinite(epochs)
    return epochs[finite], losses[finite], int(np.count_nonzero(~finite))


def column_values(losses: np.ndarray, width: int) -> np.ndarray:
    """One value per column: the last loss of each column's share of the points (all columns used
    only when there are at least `width` points)."""
    n = len(losses)
    if n <= width:
        return losses.copy()
    ends = np.ceil(np.arange(1, width + 1) * n / width).astype(int) - 1
    return losses[ends]


def bar_heights(values: np.ndarray, rows: int) -> tuple[np.ndarray, float, float]:
    """Heights in eighths of a row (1..rows*8) on a log scale, and the (low, high) losses they span."""
    logs = np.log10(np.maximum(values, FLOOR))
    low, high = float(logs.min()), float(logs.max())
    if high - low < 1e-12:
        heights = np.full(len(values), rows * 4)
    else:
        heights = 1 + np.round((logs - low) / (high - low) * (rows * 8 - 1)).astype(int)
    return heights, 10**low, 10**high


def _frozen(a: np.ndarray) -> np.ndarray:
    """`a` itself when it is read-only (nobody can change it under us), else a read-only copy."""
    if not a.flags.writeable:
        return a
    a = a.copy()
    a.setflags(write=False)
    return a


class LossCurve(Widget):
    """Call `show(epochs, losses)` with the history arrays; it redraws only when they changed."""

    DEFAULT_CSS = """
    LossCurve {
        height: 1fr;
        min-height: 3;
    }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._lang = "en"
        self.epochs = np.zeros(0)
        self.losses = np.zeros(0)
        self._clean = clean_points(self.epochs, self.losses)
        self.border_title = self.title()

    def show(self, epochs: np.ndarray, losses: np.ndarray) -> None:
        """Called at every training report: the comparison is cheap when the history grew (the usual
        case), and the cleaned points are computed once here for both the title and the drawing."""
        epochs, losses = np.asarray(epochs, dtype=np.float64), np.asarray(losses, dtype=np.float64)
        if (
            len(epochs) == len(self.epochs)
            and np.array_equal(epochs, self.epochs)
            and np.array_equal(losses, self.losses, equal_nan=True)
        ):
            return
        # Our own read-only copies: history snapshots are read-only already and are kept as they are.
        self.epochs, self.losses = _frozen(epochs), _frozen(losses)
        self._clean = clean_points(self.epochs, self.losses)
        self.border_title = self.title()
        self.refresh()

    @property
    def lang(self) -> str:
        return self._lang

    @lang.setter
    def lang(self, lang: str) -> None:
        if lang != self._lang:
            self._lang = lang
            self.border_title = self.title()
            self.refresh()

    def title(self) -> str:
        epochs, losses, bad = self._clean
        if len(self.losses) == 0:
            return label(self.lang, "loss_none")
        now = float(self.losses[-1])
        parts = [label(self.lang, "loss_now", loss=fmt_number(now))]
        if len(losses):
            best = int(np.argmin(losses))
            parts.append(label(self.lang, "loss_best_at", loss=fmt_number(losses[best]), epoch=int(epochs[best])))
        if bad:
            parts.append(label(self.lang, "loss_not_finite", n=bad))
        return ", ".join(parts)

    def render(self) -> Text:
        width, rows = self.size.width, self.size.height
        _, losses, bad = self._clean
        plot_width = width - AXIS_WIDTH - 1
        if plot_width < 4 or rows < 1:
            return Text(self.title(), no_wrap=True)
        if len(losses) == 0:
            note = label(self.lang, "loss_diverged" if bad else "loss_empty")
            return Text(note, style="dim italic", no_wrap=True)
        values = column_values(losses, plot_width)
        heights, low, high = bar_heights(values, rows)
        lines = []
        for row in range(rows):  # top row first
            base = (rows - 1 - row) * 8
            cells = "".join(BLOCKS[int(min(max(h - base, 0), 8))] for h in heights)
            axis = fmt_number(high) if row == 0 else (fmt_number(low) if row == rows - 1 else "")
            line = Text(axis.rjust(AXIS_WIDTH) + " ", style="dim")
            line.append(cells, style="bold")
            lines.append(line)
        text = Text("\n").join(lines)
        text.no_wrap = True
        return text
