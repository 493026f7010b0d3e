"""The loss per epoch as a small area chart of block characters, on a log scale.

Drawn by hand from cleaned data: NaN and Inf are dropped before plotting (and counted in the
title), so a diverging run never crashes the chart. Long histories are squeezed into the width
by keeping the last finite loss of each column's span of epochs. The title gives the loss beside
its mean per target tick (bits per character for character lessons); where the lesson has a
baseline (chance, repeating the current value, ...) its loss on the same data is a dashed row,
named on the axis and valued inside the row where the bars leave room.
"""

from __future__ import annotations

import numpy as np
from rich.cells import cell_len
from rich.text import Text
from textual.widget import Widget

from ...loss_scale import LossScale
from ...text import numbers
from ...text.labels import baseline_name, label, per_target_paren

BASELINE_STYLE = "yellow"

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


def bar_heights(values: np.ndarray, rows: int, also: float | None = None) -> tuple[np.ndarray, float, float]:
    """Heights in eighths of a row (1..rows*8) on a log scale, and the (low, high) losses they span.
    `also` (the baseline) widens the span so that its level is on the chart too."""
    logs = np.log10(np.maximum(values, FLOOR))
    span = logs if also is None else np.append(logs, np.log10(max(also, FLOOR)))
    low, high = float(span.min()), float(span.max())
    if high - low < 1e-12:
        heights = np.full(len(values), rows * 4)
    else:
        heights = 1 + np.round((logs - low) / (high - low) * (rows * 8 - 1)).astype(int)
    return heights, 10**low, 10**high


def level_row(value: float, low: float, high: float, rows: int) -> int:
    """The row (0 = top) holding the level of `value` on the chart's log scale."""
    if high <= low:
        return rows // 2
    frac = (np.log10(max(value, FLOOR)) - np.log10(low)) / (np.log10(high) - np.log10(low))
    eighths = 1 + int(round(min(max(frac, 0.0), 1.0) * (rows * 8 - 1)))
    return rows - 1 - (eighths - 1) // 8


def label_start(free: list[bool], width: int) -> int | None:
    """Where a label of `width` cells fits in the row's free (bar-less) cells: as far right as
    possible, so it sits over the latest epochs when they are below the line; None if nowhere."""
    run = 0
    best = None
    for i, is_free in enumerate(free):
        run = run + 1 if is_free else 0
        if run >= width:
            best = i - width + 1
    return best


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
        self.scale: LossScale | None = None
        self.border_title = self.title()

    def set_scale(self, scale: LossScale | None) -> None:
        """What the losses sum (target ticks, bits) and the lesson's baseline; redraws if it changed."""
        if scale != self.scale:
            self.scale = scale
            self.border_title = self.title()
            self.refresh()

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
        parts = [label(self.lang, "loss_now", loss=numbers.short(now)) + per_target_paren(self.scale, now, self.lang)]
        if len(losses):
            best = int(np.argmin(losses))
            parts.append(label(self.lang, "loss_best_at", loss=numbers.short(losses[best]), epoch=int(epochs[best])))
        if bad:
            parts.append(label(self.lang, "loss_not_finite", n=bad))
        return label(self.lang, "list_sep").join(parts)

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
        baseline = self._baseline() if rows >= 2 else None
        heights, low, high = bar_heights(values, rows, baseline)
        line_row = None if baseline is None else level_row(baseline, low, high, rows)
        lines = []
        for row in range(rows):  # top row first
            base = (rows - 1 - row) * 8
            cells = "".join(BLOCKS[int(min(max(h - base, 0), 8))] for h in heights)
            axis = numbers.short(high) if row == 0 else (numbers.short(low) if row == rows - 1 else "")
            if row == line_row:  # across the whole plot, even where no epoch is drawn yet
                lines.append(self._baseline_line(cells.ljust(plot_width), baseline))
                continue
            line = Text(axis.rjust(AXIS_WIDTH) + " ", style="dim")
            line.append(cells, style="bold")
            lines.append(line)
        text = Text("\n").join(lines)
        text.no_wrap = True
        return text

    def _baseline(self) -> float | None:
        scale = self.scale
        if scale is None or scale.baseline is None or not np.isfinite(scale.baseline) or scale.baseline <= 0:
            return None
        return float(scale.baseline)

    def _baseline_line(self, cells: str, baseline: float) -> Text:
        """The baseline's row: its name on the axis, dashes where no bar reaches, the bars that do
        in the line's colour, and its value where a run of free cells holds it (else at the left,
        over the oldest epochs, whose bars fill that row anyway)."""
        assert self.scale is not None and self.scale.baseline_kind is not None
        name = baseline_name(self.scale.baseline_kind, self.lang)
        pad = max(AXIS_WIDTH - cell_len(name), 0)
        line = Text(" " * pad + name + " ", style=f"bold {BASELINE_STYLE}")
        free = [c == " " for c in cells]
        value = f" {numbers.short(baseline)}{per_target_paren(self.scale, baseline, self.lang)} "
        start = label_start(free, cell_len(value))
        drawn = "".join("-" if is_free else c for c, is_free in zip(cells, free, strict=True))
        if start is None:  # bars fill the row: the value goes over the oldest epochs' cells
            if cell_len(value) > len(cells):
                line.append(drawn, style=BASELINE_STYLE)
                return line
            start = 0
        line.append(drawn[:start], style=BASELINE_STYLE)
        line.append(value, style=f"bold {BASELINE_STYLE}")
        line.append(drawn[start + cell_len(value) :], style=BASELINE_STYLE)
        return line
