"""The state-space views: the trajectory (the hidden states on their two principal components, in
braille dots, each cell coloured by its most frequent label, the shown sequence's path up to the
cursor drawn over them and the current tick marked) and the dendrogram of the mean state per label.

Both draw from an `Analysis` the screen's worker computed (kept as a plain attribute, never in a
reactive) and the cursor; they redraw in place (`update`) when either or their size changes.
Grids stay ASCII or braille (one cell wide in CJK terminals too); labels come from lessons and
files, so they are Text, never markup.
"""

from __future__ import annotations

import numpy as np
from rich.text import Text
from textual.widgets import Static

from ...analysis import MAX_CLUSTER_LABELS, Analysis
from ...analysis.dendrogram import fit_label, tree_rows
from ...analysis.raster import BRAILLE, Bounds, braille_grid, markers
from ...narration.wrap import wrap_cells
from ...text.state_space import axes_line, explained_line, word

# Label colours, cycled past twelve labels (the legend says which is which).
PALETTE = (
    "red",
    "green",
    "yellow",
    "blue",
    "magenta",
    "cyan",
    "bright_red",
    "bright_green",
    "bright_yellow",
    "bright_blue",
    "bright_magenta",
    "bright_cyan",
)
PATH_STYLE = "bold"  # the theme's own foreground: readable on dark and light themes
CURRENT_STYLE = "bold reverse"
LEGEND_CELLS = 12


def label_colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def _fmt(v: float) -> str:
    return f"{v:.3g}"


class Cursor:
    """Where the cursor is in an analysis: the rows of the shown sequence (sequence 0) and the row of
    tick t (None at t = 0)."""

    def __init__(self, result: Analysis, t: int) -> None:
        rows = result.states.rows_of(0)
        self.t = max(0, min(t, len(rows)))
        self.path = rows[: self.t]
        self.row = int(rows[self.t - 1]) if self.t else None


class AnalysisView(Static):
    """A view drawn from an analysis, the cursor and the language; `draw` fits it to the widget's size."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.result: Analysis | None = None
        self.t = 0
        self.lang = "en"
        self.note = ""  # said under the view: computing, being recomputed, an overflow

    def show(self, result: Analysis | None, t: int, lang: str, note: str = "") -> None:
        self.result, self.t, self.lang, self.note = result, t, lang, note
        self.update(self.draw(self.size.width, self.size.height))

    def on_resize(self) -> None:
        self.update(self.draw(self.size.width, self.size.height))

    def draw(self, width: int, height: int) -> Text:
        raise NotImplementedError


class TrajectoryView(AnalysisView):
    """The projection as a scatter with a legend column on the right. Each cell with points shows its
    dominant label's marker (`letters`, the default while every label has a marker of its own) or its
    braille dots (eight per cell, for dense clouds); the path is braille either way."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.letters: bool | None = None  # None: letters while the labels' markers are all distinct
        self._as_letters = True  # what the last drawing used (m toggles from it)

    def toggle_markers(self) -> None:
        """Letters <-> braille dots for the points, from what is shown now."""
        self.letters = not self._as_letters
        self._as_letters = self.letters

    def draw(self, width: int, height: int) -> Text:
        result = self.result
        if result is None or width < 20 or height < 6:
            return Text(self.note)
        p = result.projection
        names = tuple(dict.fromkeys(result.states.labels))
        index = {name: i for i, name in enumerate(names)}
        label_index = np.fromiter((index[label] for label in result.states.labels), np.int64, len(result.states))
        cursor = Cursor(result, self.t)
        legend = min(LEGEND_CELLS + 2, width // 4)
        # The explained line wraps (it is long in English at 80 columns); every other line is cut to fit.
        head = [Text(line) for line in wrap_cells(explained_line(result, self.lang), width)]
        cols, rows = width - 1 - legend, max(1, height - len(head) - 3)
        bounds = Bounds.around(p.points)
        grid = braille_grid(p.points, label_index, len(names), cols, rows, cursor.path, cursor.row, bounds)
        marks = markers(names)
        self._as_letters = self.letters if self.letters is not None else len(names) <= 62
        lines = head
        legend_rows = self._legend(names, marks, rows)
        for r in range(rows):
            line = Text("|")
            for c in range(cols):
                line.append_text(self._cell(grid, r, c, names, marks, cursor))
            line.append_text(legend_rows[r] if r < len(legend_rows) else Text())
            lines.append(line)
        lines.append(Text("+" + "-" * cols))
        lines.append(Text(axes_line(bounds.x0, bounds.x1, bounds.y0, bounds.y1, self.lang)))
        lines.append(self._status(result, cursor))
        for line in lines[-2:]:
            line.truncate(width, overflow="ellipsis")
        return Text("\n").join(lines)

    def _cell(self, grid, r: int, c: int, names, marks, cursor: Cursor) -> Text:
        if grid.current == (r, c) and cursor.row is not None:
            return Text(marks[self.result.states.labels[cursor.row]], style=CURRENT_STYLE)
        bits, trail = int(grid.bits[r, c]), int(grid.path[r, c])
        if not bits and not trail:
            return Text(" ")
        owner = int(grid.owner[r, c])
        if bits and self._as_letters:  # a point's letter wins over the path passing through its cell
            return Text(
                marks[names[owner]], style=f"{PATH_STYLE} {label_colour(owner)}" if trail else label_colour(owner)
            )
        char = chr(BRAILLE + (bits | trail))
        return Text(char, style=PATH_STYLE if trail else label_colour(owner))

    def _legend(self, names: tuple[str, ...], marks: dict[str, str], rows: int) -> list[Text]:
        """One row per label (its marker and name in its colour); the last row says how many more."""
        shown = names if len(names) <= rows else names[: rows - 1]
        out = [
            Text(" " + fit_label(n if marks[n] == n else f"{marks[n]} {n}", LEGEND_CELLS), style=label_colour(i))
            for i, n in enumerate(shown)
        ]
        if len(shown) < len(names):
            out.append(Text(f" +{len(names) - len(shown)}"))
        return out

    def _status(self, result: Analysis, cursor: Cursor) -> Text:
        if cursor.row is None:
            text = Text(word(self.lang, "no_tick"))
        else:
            x, y = result.projection.points[cursor.row]
            label = result.states.labels[cursor.row]
            text = Text(word(self.lang, "current", t=cursor.t, label=label, x=_fmt(x), y=_fmt(y)))
        if self.note:
            text.append(" " + self.note, style="italic")
        return text


class DendrogramView(AnalysisView):
    """The labelled text dendrogram (its height grows with the labels: it scrolls); the current tick's
    label is marked."""

    def draw(self, width: int, height: int) -> Text:
        result = self.result
        if result is None or width < 24:
            return Text(self.note)
        c = result.clusters
        if c is None:
            return Text(word(self.lang, "too_many", count=result.too_many, most=MAX_CLUSTER_LABELS))
        if len(c.labels) < 2:
            return Text(word(self.lang, "one_label", label=c.labels[0] if c.labels else ""))
        cursor = Cursor(result, self.t)
        current = None if cursor.row is None else result.states.labels[cursor.row]
        tree = width - LEGEND_CELLS - 2
        order, rows = tree_rows(c.linkage, len(c.labels), tree)
        lines = []
        for i, row in zip(order, rows, strict=True):
            name = c.labels[i]
            style = CURRENT_STYLE if name == current else label_colour(i)
            lines.append(Text.assemble((fit_label(name), style), " ", row))
        top = _fmt(float(c.linkage[-1, 2]))
        lines.append(Text(f"{fit_label(word(self.lang, 'distance'))} 0{' ' * max(1, tree - 1 - len(top))}{top}"))
        if self.note:
            lines.append(Text(self.note, style="italic"))
        return Text("\n").join(lines)
