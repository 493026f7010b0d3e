"""The memory over time: h(t) as a units x ticks heatmap, and y(t) against the targets.

Rows are hidden units (h) or outputs (y_k above its target tgt_k), columns are ticks t = 1..T, the
current tick's column marked; ticks the user has not reached yet stay blank, as in the timeline.
Cells are drawn by the weight heatmaps' own code (heatmap.py, cell_style.py), so a value and its
sign read the same in every panel. Stepping moves the marked column and scrolls it into view
without copying any data; a new trace (an edit, training) is copied in at most every REFRESH
seconds, so a training run cannot flood the UI thread.
"""

from __future__ import annotations

import time

import numpy as np
from rich.segment import Segment
from rich.style import Style
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.strip import Strip

from ...engine import Trace
from ...lessons.symbols import Decoding
from ...session import Session
from ...text.labels import label
from .cell_style import CELL_WIDTH, HIGHLIGHT_LABEL, PLAIN_LABEL, default_scale
from .heatmap import Heatmap
from .heatmap_rows import cut_line

REFRESH = 0.25  # seconds between two copies of a changing trace (training); a step copies nothing
Y_ROWS = 2  # the fewest rows of y(t) worth a place beside a cut h(t) (one output and its target)
H_SHARE = 3 / 5  # h(t)'s part of the view's height beside y(t) (#memory-h 3fr, #memory-y 2fr)
BOUNDED = ("tanh", "sigmoid")  # activations whose values lie in [-1, 1]: a fixed scale, no flicker


class TickHeatmap(Heatmap):
    """A read-only heatmap whose columns are ticks (labelled from 1) and whose rows carry their own
    labels; columns after `revealed` are blank; an optional second header row names each tick's
    input symbol."""

    def __init__(self, name: str, **kwargs) -> None:
        super().__init__(name, editable=False, **kwargs)
        self.row_labels: list[str] = []
        self.col_symbols: list[str] | None = None
        self.blank: list[bool] = []  # per row: no value (a tick without a target) where True
        self.missing = np.zeros((0, 0), dtype=bool)
        self.revealed = 0
        self._label_width = 3
        self._resized = False  # set_ticks changed the shape: follow the cursor after the next layout
        self._marks: dict[bool, Style] = {}  # the plain and the marked label style, per theme

    @property
    def header_height(self) -> int:
        return (2 if self.show_legend else 1) + (self.col_symbols is not None)

    @property
    def label_width(self) -> int:
        return self._label_width  # read for every line drawn: computed once per set_ticks

    def set_ticks(
        self, values: np.ndarray, labels: list[str], missing: np.ndarray, scale: float | None, symbols: list[str] | None
    ) -> None:
        """Rows x ticks `values` (finite; `missing` marks cells with nothing to show) and the row labels."""
        self.row_labels = labels
        self._label_width = max((len(s) for s in labels), default=1) + 2
        self.col_symbols = symbols
        self.missing = missing
        self._resized = values.shape != self.values.shape
        self.set_matrix(values, self.highlight_row, self.highlight_col, scale)

    def set_revealed(self, revealed: int, current: int, row: int | None = None) -> None:
        """Ticks up to `revealed` show their values; the column of tick `current` (0: none) and `row`
        (the selected hidden unit) are marked."""
        col = current - 1 if current >= 1 else None
        if row != self.highlight_row or abs(revealed - self.revealed) > 1:
            self.revealed = revealed
            self.highlight_row, self.highlight_col = row, col
            self._invalidate()
        elif (revealed, col) != (self.revealed, self.highlight_col):
            # A step changes at most the old and the new marked column and one newly reached tick:
            # forget only those cells, so the rest of every row's cells are reused.
            changed = {c for c in (self.highlight_col, col, self.revealed - 1, revealed - 1) if c is not None}
            self.revealed, self.highlight_col = revealed, col
            for cells in self._row_cache.values():
                for c in changed:
                    if 0 <= c < len(cells.cells):
                        cells.cells[c] = None
            self.refresh()
        if col is not None and self._resized:  # a new matrix's width is known after the next layout
            self._resized = False
            self.call_after_refresh(self._follow, col)
        elif col is not None:
            self._follow(col)

    def _follow(self, col: int) -> None:
        """Scroll sideways just enough that tick column `col` is in view."""
        room = max(self.scrollable_content_region.width - self.label_width, CELL_WIDTH)
        left = col * CELL_WIDTH
        x = self.scroll_offset.x
        if left < x:
            x = left
        elif left + CELL_WIDTH > x + room:
            x = -(-(left + CELL_WIDTH - room) // CELL_WIDTH) * CELL_WIDTH  # whole cells: none cut at the left
        if x != self.scroll_offset.x:
            self.scroll_to(x=x, animate=False, immediate=True)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._marks = {}

    def cell_label(self, row: int, col: int) -> str:
        name = self.row_labels[row] if row < len(self.row_labels) else str(row)
        return f"{name}({col + 1})"

    def render_line(self, y: int) -> Strip:
        first = 1 if self.show_legend else 0  # the tick numbers' row; the symbols' row under it
        if self.col_symbols is None or y < first:
            return super().render_line(y)
        if y == first:
            label, cells = self._label_segment("t", False), _Header(self, None)
        elif y == first + 1:
            label, cells = self._label_segment("x", False), _Header(self, self.col_symbols)
        else:
            return super().render_line(y)
        width = self.scrollable_content_region.width
        return cut_line(label, cells, self.scroll_offset.x, width, CELL_WIDTH, self._base_style)

    def _label_segment(self, text: str, highlighted: bool) -> Segment:
        if text.isdigit() and int(text) < len(self.row_labels):
            text = self.row_labels[int(text)]
        return super()._label_segment(text, highlighted)

    def _header_cells(self) -> _Header:  # type: ignore[override]
        return _Header(self, None)

    def _cell_segment(self, row: int, col: int) -> Segment:
        if col >= self.revealed or self.missing[row, col]:
            marked = col == self.highlight_col
            return Segment(("-" if col < self.revealed else "").rjust(CELL_WIDTH), _style(self, marked))
        return super()._cell_segment(row, col)


def _style(heatmap: TickHeatmap, marked: bool) -> Style:
    style = heatmap._marks.get(marked)
    if style is None:
        style = heatmap._marks[marked] = heatmap._base_style + (HIGHLIGHT_LABEL if marked else PLAIN_LABEL)
    return style


class _Header:
    """Column headers built on demand (T may be thousands): tick numbers from 1, the current one
    marked `[t]`; or, with `symbols`, each tick's input symbol."""

    __slots__ = ("heatmap", "symbols")

    def __init__(self, heatmap: TickHeatmap, symbols: list[str] | None) -> None:
        self.heatmap = heatmap
        self.symbols = symbols

    def __len__(self) -> int:
        return self.heatmap.cols

    def __getitem__(self, col: int) -> Segment:
        marked = col == self.heatmap.highlight_col
        if self.symbols is not None:
            text = self.symbols[col] if col < self.heatmap.revealed else ""
        else:
            text = f"[{col + 1}]" if marked else str(col + 1)
        return Segment(text[: CELL_WIDTH - 1].rjust(CELL_WIDTH), _style(self.heatmap, marked))


def hidden_matrix(trace: Trace) -> np.ndarray:
    """h(t) for t = 1..T as units x ticks."""
    return np.array([rec.h for rec in trace.steps], dtype=np.float64).reshape(len(trace.steps), -1).T


def output_matrix(trace: Trace) -> tuple[np.ndarray, np.ndarray]:
    """y_k(t) and target_k(t) interleaved as rows (y_0, tgt_0, y_1, tgt_1, ...) x ticks, and where a
    target row has no value (a tick without a target)."""
    steps = trace.steps
    size = trace.model.output_size
    values = np.zeros((2 * size, len(steps)))
    missing = np.zeros_like(values, dtype=bool)
    for t, rec in enumerate(steps):
        values[0::2, t] = rec.y
        if rec.target is None:
            missing[1::2, t] = True
        else:
            values[1::2, t] = rec.target
    return values, missing


def _finite(values: np.ndarray, missing: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """An overflowed trace's Inf/NaN become blank cells: no NaN reaches a chart."""
    bad = ~np.isfinite(values)
    return np.where(bad, 0.0, values), missing | bad


def _overhead(heatmap: TickHeatmap) -> int:
    """Rows a heatmap spends on other than its data: border and padding, a horizontal scrollbar, its header."""
    return heatmap.styles.gutter.height + 1 + heatmap.header_height


class MemoryView(Vertical):
    """The two tick heatmaps. Call `show(session)` after every change; it works only while shown."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.lang = "en"
        self._model_version = -1
        self._copied_at = 0.0
        self._pending = False
        self._session: Session | None = None

    def compose(self) -> ComposeResult:
        yield TickHeatmap("h(t)", id="memory-h", legend_note="")
        yield TickHeatmap("y(t)", id="memory-y", legend_note="")

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        """So short that h(t)'s share of the height (3fr of 5, styles/main.tcss) would show no unit's row
        at all, or when it cuts units off while y(t)'s share would show under Y_ROWS rows (80x24 under a
        tour's caption), h(t) takes the whole view and y(t) is hidden: the hidden units are what the view is
        named for. Otherwise the two share it as before."""
        hidden = self.query_one("#memory-h", TickHeatmap)
        outputs = self.query_one("#memory-y", TickHeatmap)
        units = len(hidden.row_labels)
        h_rows = self.size.height * H_SHARE - _overhead(hidden)  # data rows in h(t)'s share
        y_rows = self.size.height * (1 - H_SHARE) - _overhead(outputs)
        # Every unit fits in h(t)'s share: h(t) takes exactly its rows and y(t) the rest, instead of empty
        # rows under the last unit while y(t) is cut.
        fits = h_rows >= units
        hidden.styles.height = _overhead(hidden) + units if fits else None
        # Units cut off while y(t)'s share is a sliver (under Y_ROWS rows; reber's 3 under a tour caption
        # at 80x24 showed h0 alone), or no unit's row at all: every hidden unit is worth more.
        h_first = self.size.height > 0 and not fits and (h_rows < 1 or y_rows < Y_ROWS)
        self.set_class(h_first, "h-first")

    def show(self, session: Session) -> None:
        self._session = session
        if not self.display:
            return
        if session.model_version != self._model_version:
            wait = REFRESH - (time.monotonic() - self._copied_at)
            if wait > 0 and self._model_version >= 0:
                if not self._pending:  # one copy later, of whatever the trace is then
                    self._pending = True
                    self.set_timer(wait, self._catch_up)
            else:
                self._copy(session)
        self.query_one("#memory-h", TickHeatmap).set_revealed(session.revealed, session.cursor, session.selected_unit)
        self.query_one("#memory-y", TickHeatmap).set_revealed(session.revealed, session.cursor)

    def _catch_up(self) -> None:
        self._pending = False
        if self._session is not None:
            self._model_version = -2  # force the copy
            self._copied_at = 0.0
            self.show(self._session)

    def _copy(self, session: Session) -> None:
        self._model_version = session.model_version
        self._copied_at = time.monotonic()
        model, trace = session.model, session.trace
        symbols = _input_symbols(session.lesson.decoding(model), trace)
        h, h_missing = _finite(hidden_matrix(trace), np.zeros((model.hidden_size, len(trace.steps)), dtype=bool))
        scale = 1.0 if model.hidden_activation in BOUNDED else None
        hidden = self.query_one("#memory-h", TickHeatmap)
        hidden.set_ticks(h, [f"h{j}" for j in range(model.hidden_size)], h_missing, scale, symbols)
        y, y_missing = _finite(*output_matrix(trace))
        bounded = model.output_activation in ("sigmoid", "softmax")
        decoding = session.lesson.decoding(model)
        names = decoding.outputs.symbols if decoding is not None else ("",) * model.output_size
        labels = [f"{name}{k} {names[k]}".rstrip() for k in range(model.output_size) for name in ("y", "tgt")]
        outputs = self.query_one("#memory-y", TickHeatmap)
        outputs.show_legend = not (bounded and scale == 1.0)  # the h legend above says it when both are [-1, 1]
        outputs.set_ticks(y, labels, y_missing, 1.0 if bounded else default_scale(y), None)
        self.apply_lang()
        self._fit()
        # The view's height settles only after this refresh's layout (a caption or the `touring` layout
        # may take rows in the same frame), and a view shown from display: none gets no Resize: fit again.
        self.call_after_refresh(self._fit)

    def apply_lang(self) -> None:
        for selector, key in (("#memory-h", "title_memory_h"), ("#memory-y", "title_memory_y")):
            heatmap = self.query_one(selector, TickHeatmap)
            heatmap.border_title = label(self.lang, key)
            heatmap.legend_note = label(self.lang, "memory_legend")


def _input_symbols(decoding: Decoding | None, trace: Trace) -> list[str] | None:
    if decoding is None:
        return None
    return [decoding.input(rec.x) or "" for rec in trace.steps]
