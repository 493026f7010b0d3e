"""Gradient flow under the timeline: one target's gradient flowing back, tick by tick, on log bars.

Rows (labels are formulas, ASCII in every language), for the target tick tau:
  L(tau)   ||dL(tau)/dh(t)||, the loss at tau alone, from tau back to where it stops
  log bar  the same on a log scale
  h(tau)   ||dh(tau)/dh(t)||_2, the spectral norm of the Jacobian
  L(>=t)   ||dL/dh(t)|| of the whole loss: the sum of what every target at t or later sends back
  and a one-line reading. With four lines the reading moves into the title; with fewer, the
  Jacobian row goes (the whole-loss row stays while the animated epoch sweeps it).

Its columns line up with the Timeline's (same label and column widths, same window around the
cursor), so the bar under tick t is the gradient that reached h(t). Values come through
`live.flow_bars`, which turns NaN/Inf into flagged finite bars, so nothing here can crash on them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.widget import Widget

from ...engine import TargetFlow
from ...live import flow_bars, read_flow
from ...narration.wrap import wrap_cells
from ...text import numbers
from ...text.labels import flow_text, flow_title, label
from .timeline import COLUMN_WIDTH, LABEL_WIDTH

EIGHTHS = " ▏▎▍▌▋▊▉█"
BAR_CELLS = COLUMN_WIDTH - 1
NOW = Style(reverse=True, bold=True)
DIM = Style(dim=True)
BAD = Style(color="red")
VERDICT_STYLES = {"vanishing": "bold yellow", "exploding": "bold red", "not finite": "bold red"}
READING_ROWS = 5  # from this many lines the reading has its own line


def norm_label(value: float) -> str:
    """At most 7 characters: '0.0123', '4.1e-07', 'nan', 'inf'."""
    return numbers.norm(value)


def bar_text(height: float) -> str:
    """A horizontal bar of `height` (0..1) over BAR_CELLS cells, in eighths of a cell."""
    eighths = int(round(max(0.0, min(1.0, height)) * BAR_CELLS * 8))
    full, rest = divmod(eighths, 8)
    return ("█" * full + (EIGHTHS[rest] if rest else "")).ljust(BAR_CELLS)


@dataclass(frozen=True)
class FlowPicture:
    """What the panel draws. `grad` and `jacobian` hold ticks first..target (None: not computed);
    `whole` ticks 1..length, of which those before `known_from` are not reached yet."""

    length: int
    cursor: int
    target: int | None
    first: int
    grad: tuple[float, ...]
    jacobian: tuple[float | None, ...]
    whole: tuple[float, ...]
    title: str
    reading: str
    verdict: str = ""
    known_from: int = 1
    animating: bool = False
    keys: str = ""  # the keys that move the target, after the title
    bar_label: str = "log bar"  # the bars row's label, and the truncation mark, in the picture's language
    cut_label: str = "cut |"


EMPTY = FlowPicture(0, 0, None, 1, (), (), (), "", "")


def flow_picture(
    flow: TargetFlow | None,
    length: int,
    cursor: int,
    whole: Sequence[float] | np.ndarray,
    lang: str,
    known_from: int = 1,
    sweep: str | None = None,
) -> FlowPicture:
    """The picture of one target's flow (None: no tick has a target) beside the whole loss's
    |dL/dh(t)| (`whole`, known from tick `known_from`). `sweep` replaces the reading while the
    animated epoch sweeps the whole loss."""
    reading = read_flow(flow)
    return FlowPicture(
        length=length,
        cursor=cursor,
        target=None if flow is None else flow.target,
        first=1 if flow is None else flow.first,
        grad=() if flow is None else tuple(float(v) for v in flow.grad_norms),
        jacobian=() if flow is None else tuple(step.jacobian_norm for step in flow.steps),
        whole=tuple(float(v) for v in whole),
        title=flow_title(None if flow is None else flow.target, lang),
        reading=flow_text(reading, lang) if sweep is None else sweep,
        verdict=reading.verdict if sweep is None else "",
        known_from=known_from,
        animating=sweep is not None,
        keys=label(lang, "flow_keys"),
        bar_label=label(lang, "flow_bar"),
        cut_label=label(lang, "flow_cut"),
    )


class GradientFlow(Widget):
    """Call `show(picture)` after every change; it redraws in place."""

    DEFAULT_CSS = """
    GradientFlow {
        height: 6;
    }
    """

    def __init__(self, wrap_reading: bool = False, **kwargs) -> None:
        """`wrap_reading` (the projector, 60 cells wide): the reading wraps instead of being cut, and
        rows give way to it (the whole loss's first, then the log bars, then the Jacobian's)."""
        super().__init__(**kwargs)
        self.wrap_reading = wrap_reading
        self.picture = EMPTY
        self.title_text = Text()  # the border title as drawn

    # kept as properties: tests and the controller read what is shown
    @property
    def reading(self) -> str:
        return self.picture.reading

    @property
    def verdict(self) -> str:
        return self.picture.verdict

    @property
    def known_from(self) -> int:
        return self.picture.known_from

    def show(self, picture: FlowPicture) -> None:
        if picture == self.picture:
            return
        self.picture = picture
        self._retitle()
        self.refresh()

    def on_resize(self) -> None:
        self._retitle()

    def _retitle(self) -> None:
        """The title, or (when the reading has no line of its own) the reading in its colours."""
        p = self.picture
        title = Text()
        if self.size.height >= READING_ROWS:
            title.append(p.title)
        else:
            title.append(p.reading, VERDICT_STYLES.get(p.verdict, ""))
        if p.keys and p.target is not None:
            title.append("   " + p.keys)
        if title != self.title_text:
            self.title_text = title
            self.border_title = title  # a Text: never parsed as markup ("[ ]")

    def _window(self) -> range:
        """The Timeline's window: ticks 0..T around the cursor that fit the width."""
        length = self.picture.length
        count = max(1, (self.size.width - LABEL_WIDTH) // COLUMN_WIDTH)
        first = max(0, min(self.picture.cursor - count // 2, length + 1 - count))
        return range(first, min(length, first + count - 1) + 1)

    def rows(self) -> list[str]:
        """The rows that fit the height, top to bottom (`reading` once per line it takes)."""
        height = self.size.height
        data = ["grad", "bars", "jacobian", "whole"]
        if self.wrap_reading:
            reading = len(self._reading_lines())
            for name in ("whole", "bars", "jacobian"):
                if len(data) + reading > height and len(data) > 1:
                    data.remove(name)
            return data + ["reading"] * min(reading, max(0, height - len(data)))
        if height < 4 and self.picture.animating:
            data.remove("jacobian")  # the sweep being animated is the whole loss's
        rows = data[: max(0, height)]
        return rows + ["reading"] if height >= READING_ROWS else rows

    def _reading_lines(self) -> list[str]:
        reading = self.picture.reading
        return wrap_cells(reading, max(1, self.size.width)) if self.wrap_reading else [reading]

    def render(self) -> Text:
        p = self.picture
        target = p.target
        window = self._window()
        lines = {
            "grad": self._values_row(f"L({target})" if target else "L(tau)", window, p.grad, p.cursor, cut_marker=True),
            "bars": self._bars_row(window),
            "jacobian": self._values_row(f"h({target})" if target else "h(tau)", window, p.jacobian, -1),
            "whole": self._whole_row(window),
        }
        reading = iter(self._reading_lines())
        style = VERDICT_STYLES.get(p.verdict, "italic")
        rows = [lines[name] if name != "reading" else Text(next(reading), style=style) for name in self.rows()]
        text = Text("\n").join(rows)
        text.no_wrap = True
        return text

    def _values_row(
        self, name: str, window: range, values: tuple[float | None, ...], cursor: int, cut_marker: bool = False
    ) -> Text:
        p = self.picture
        row = Text(name[: LABEL_WIDTH - 1].ljust(LABEL_WIDTH))
        for t in window:
            if p.target is not None and p.first <= t <= p.target:
                value = values[t - p.first]
                if value is None:
                    row.append("-".rjust(BAR_CELLS) + " ", DIM)
                    continue
                style = NOW if t == cursor else (BAD if not np.isfinite(value) else Style(bold=t == p.target))
                row.append(norm_label(value).rjust(BAR_CELLS) + " ", style)
            elif cut_marker and p.target is not None and t == p.first - 1 >= 1:
                # truncated BPTT: the target's gradient stops at its chunk's start
                cut = p.cut_label
                row.append(" " * (BAR_CELLS - cell_len(cut)) + cut + " ", NOW if t == cursor else DIM)
            else:
                row.append(" " * COLUMN_WIDTH, NOW if t == cursor and t > 0 else None)
        return row

    def _bars_row(self, window: range) -> Text:
        p = self.picture
        bars = {bar.t + p.first - 1: bar for bar in flow_bars(p.grad)}
        row = Text(p.bar_label + " " * (LABEL_WIDTH - cell_len(p.bar_label)))  # cells, not characters
        for t in window:
            bar = bars.get(t)
            if bar is None:
                row.append(" " * COLUMN_WIDTH)
            else:
                row.append(bar_text(bar.height) + " ", BAD if bar.flag != "ok" else Style(color="cyan"))
        return row

    def _whole_row(self, window: range) -> Text:
        p = self.picture
        row = Text("L(>=t)".ljust(LABEL_WIDTH))
        for t in window:
            if t == 0:
                row.append(" " * COLUMN_WIDTH)
            elif t < p.known_from or t > len(p.whole):
                row.append("-".rjust(BAR_CELLS) + " ", DIM)
            else:
                value = p.whole[t - 1]
                row.append(norm_label(value).rjust(BAR_CELLS) + " ", BAD if not np.isfinite(value) else None)
        return row
