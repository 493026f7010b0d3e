"""A matrix drawn as a heatmap of numbers with Textual's line API.

Why the line API: a Rich Table of 20x20 costs ~50-90 ms per update (64x64 ~0.5-0.8 s); drawing our
own lines costs ~1 ms (benchmarks/bench_ui.py) because only the cells in view are built, lazily per
row, and kept until the matrix, the highlight or the cursor changes: 128x128 costs about 3 ms.

Layout of the virtual canvas (fixed parts do not scroll with the cells):
    y = 0            legend (optional)       "-1 ----0++++ +1  shared scale"
    y = header - 1   column indices          fixed vertically
    y >= header      one row per matrix row  a fixed label column on the left, then cell_width per cell
Every cell holds its value with sign in VALUE_WIDTH characters, so the numbers stay readable when
colour is stripped (NO_COLOR); a compact heatmap (`set_compact`, for a matrix whose numbers do not
fit the width) writes the sign and colour step instead (cell_style.py). The grid is pure ASCII (CJK
terminals widen many symbols).
"""

from __future__ import annotations

import math

import numpy as np
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Region, Size, Spacing
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...text import numbers
from ...text.keys import keys_of
from ..key_labels import bindings
from .cell_style import (
    CELL_WIDTH,
    COMPACT_WIDTH,
    HIGHLIGHT_LABEL,
    PLAIN_LABEL,
    Palette,
    compact_text,
    default_scale,
    legend_segments,
    levels,
)
from .heatmap_rows import CellMessage, LazyRow, column_label, cut_line


class Heatmap(ScrollView, can_focus=True, inherit_bindings=False):
    """A focusable, scrollable heatmap of one parameter matrix (a vector is shown as one column).

    Arrows move a cell cursor, Enter or e asks to edit the cell (posts EditRequested; CellEdited when
    the owner's dialog returns a value), a click selects a cell.
    The owner calls `set_matrix` with new values; the widget never changes its own data.
    """

    DEFAULT_CSS = """
    Heatmap {
        width: auto;
        height: auto;
        max-width: 100%;
        max-height: 100%;
        border: round $foreground 30%;
        border-title-color: $foreground;
        border-subtitle-color: $foreground 80%;
        scrollbar-size: 1 1;
    }
    Heatmap:focus {
        border: round $accent;
    }
    """

    BINDINGS = [
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        *bindings(keys_of("heatmap")),  # the arrows and Enter: the key table, with their help line
    ]

    class CellSelected(CellMessage):
        """The cursor moved to (row, col) of matrix `name` (col is 0 for a vector)."""

    class EditRequested(CellMessage):
        """Enter or e on an editable cell: the user wants to change (row, col), now `value`.

        The screen holding the heatmap asks for the new value (screens/edit_value.py's EditsCells)
        and hands it back with `post_edited`."""

        @property
        def label(self) -> str:
            return self.heatmap.cell_label(self.row, self.col)

    class CellEdited(CellMessage):
        """The user entered a new finite value for (row, col); the owner decides what to do with it."""

    def __init__(
        self,
        name: str,
        *,
        title: str | None = None,
        row_axis: str = "",
        col_axis: str = "",
        show_legend: bool = True,
        legend_note: str = "",
        editable: bool = True,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.matrix_name = name
        self.row_axis = row_axis
        self.col_axis = col_axis
        self.show_legend = show_legend
        self.legend_note = legend_note
        self.editable = editable
        self.compact = False  # sign and colour step per cell instead of the number (set_compact)
        # Plain attributes, not reactives: NumPy arrays in reactives raise "truth value is ambiguous".
        self.values = np.zeros((0, 1))
        self.is_vector = False
        self.version = 0
        self.scale = 1.0
        self.highlight_row: int | None = None
        self.highlight_col: int | None = None
        self.cursor = (0, 0)
        self._signs = np.zeros((0, 1), dtype=np.int8)
        self._levels = np.zeros((0, 1), dtype=np.int8)
        self._palette: Palette | None = None
        self._base_style = Style()
        self._row_cache: dict[int, LazyRow] = {}
        self._header_cache: list[Segment] | None = None
        if title is not None:
            self.border_title = Content(title)

    # ---- data -------------------------------------------------------------------------------

    @property
    def rows(self) -> int:
        return self.values.shape[0]

    @property
    def cols(self) -> int:
        return self.values.shape[1]

    @property
    def cell_width(self) -> int:
        return COMPACT_WIDTH if self.compact else CELL_WIDTH

    @property
    def header_height(self) -> int:
        return 2 if self.show_legend else 1

    @property
    def label_width(self) -> int:
        digits = len(str(max(self.rows - 1, 0)))
        return max(digits, len(self._corner)) + 2  # marker + label + space

    @property
    def _corner(self) -> str:
        if self.is_vector:
            return self.row_axis
        return f"{self.row_axis}\\{self.col_axis}" if self.row_axis or self.col_axis else ""

    def set_matrix(
        self,
        values: np.ndarray,
        highlight_row: int | None = None,
        highlight_col: int | None = None,
        scale: float | None = None,
    ) -> None:
        """Show a copy of `values` (2-D, or 1-D as a column) and refresh in place."""
        array = np.array(values, dtype=np.float64, copy=True)
        self.is_vector = array.ndim == 1
        if self.is_vector:
            array = array.reshape(-1, 1)
        if array.ndim != 2:
            raise ValueError(f"{self.matrix_name}: expected a vector or a matrix, found {array.ndim} dimensions")
        self.values = array
        self.scale = float(scale) if scale is not None and math.isfinite(scale) and scale > 0 else default_scale(array)
        self._signs, self._levels = levels(array, self.scale)
        self.highlight_row = highlight_row
        self.highlight_col = highlight_col
        self.version += 1
        row, col = self.cursor
        self.cursor = (min(row, max(self.rows - 1, 0)), min(col, max(self.cols - 1, 0)))
        self._invalidate()
        self._resize_canvas()
        self._update_subtitle()

    def set_compact(self, compact: bool) -> None:
        """Draw each cell as its sign and colour step (True) or as its number (False)."""
        if compact != self.compact:
            self.compact = compact
            self._invalidate()
            self._resize_canvas()
            self._scroll_to_cursor()

    def _resize_canvas(self) -> None:
        self.virtual_size = Size(self.label_width + self.cols * self.cell_width, self.header_height + self.rows)

    def is_showing(self, values: np.ndarray, scale: float) -> bool:
        """True when a `set_matrix(values, scale=scale)` would draw exactly what is on screen now."""
        array = np.asarray(values, dtype=np.float64)
        shaped = array.reshape(-1, 1) if array.ndim == 1 else array
        return (
            scale == self.scale
            and (array.ndim == 1) == self.is_vector
            and shaped.shape == self.values.shape
            and np.array_equal(shaped, self.values, equal_nan=True)
        )

    def set_highlight(self, highlight_row: int | None = None, highlight_col: int | None = None) -> None:
        """Move the highlight (the selected unit's cells) without copying the data again."""
        if (highlight_row, highlight_col) != (self.highlight_row, self.highlight_col):
            self.highlight_row = highlight_row
            self.highlight_col = highlight_col
            self._invalidate()

    def value_at(self, row: int, col: int) -> float:
        return float(self.values[row, col])

    def cell_label(self, row: int, col: int) -> str:
        return f"{self.matrix_name}[{row}]" if self.is_vector else f"{self.matrix_name}[{row},{col}]"

    # ---- cursor and editing -----------------------------------------------------------------

    def move_cursor(self, row: int, col: int, *, post: bool = True) -> None:
        """Put the cursor on (row, col) (clamped), scroll it into view, post CellSelected."""
        if self.rows == 0:
            return
        row = min(max(row, 0), self.rows - 1)
        col = min(max(col, 0), self.cols - 1)
        old_row = self.cursor[0]
        self.cursor = (row, col)
        self._row_cache.pop(old_row, None)
        self._row_cache.pop(row, None)
        self._header_cache = None
        self._scroll_to_cursor()
        self._update_subtitle()
        self.refresh()
        if post:
            self.post_message(self.CellSelected(self, self.matrix_name, row, col, self.value_at(row, col)))

    def action_move(self, d_row: int, d_col: int) -> None:
        self.move_cursor(self.cursor[0] + d_row, self.cursor[1] + d_col)

    def action_page(self, direction: int) -> None:
        page = max(self.scrollable_content_region.height - self.header_height, 1)
        self.move_cursor(self.cursor[0] + direction * page, self.cursor[1])

    def action_edit(self) -> None:
        if not self.editable or self.rows == 0:
            return
        row, col = self.cursor
        # A widget does not push screens: the screen that holds it answers with the edit dialog.
        self.post_message(self.EditRequested(self, self.matrix_name, row, col, self.value_at(row, col)))

    def post_edited(self, row: int, col: int, value: float) -> None:
        """The user entered `value` for (row, col) (whoever asked them): post CellEdited from here."""
        self.post_message(self.CellEdited(self, self.matrix_name, row, col, value))

    def cell_at(self, x: int, y: int) -> tuple[int, int] | None:
        """The (row, col) under content offset (x, y), None on labels, headers or empty space."""
        if y < self.header_height or x < self.label_width:
            return None
        scroll_x, scroll_y = self.scroll_offset
        row = scroll_y + y - self.header_height
        col = (scroll_x + x - self.label_width) // self.cell_width
        if 0 <= row < self.rows and 0 <= col < self.cols:
            return row, col
        return None

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        cell = None if offset is None else self.cell_at(offset.x, offset.y)
        if cell is None:
            return
        event.stop()
        self.move_cursor(*cell)
        if event.chain >= 2:
            self.action_edit()

    def _scroll_to_cursor(self) -> None:
        row, col = self.cursor
        width = self.cell_width
        region = Region(self.label_width + col * width, self.header_height + row, width, 1)
        spacing = Spacing(self.header_height, 0, 0, self.label_width)
        self.scroll_to_region(region, spacing=spacing, animate=False, force=True, immediate=True)

    def _update_subtitle(self) -> None:
        if self.rows == 0:
            self.border_subtitle = None
            return
        row, col = self.cursor
        value = numbers.exact(self.value_at(row, col))
        full = f"{self.cell_label(row, col)} = {value}"
        short = f"[{row}]={value}" if self.is_vector else f"[{row},{col}]={value}"
        fits = self.size.width == 0 or len(full) + 4 <= self.size.width
        self.border_subtitle = Content(full if fits else short)

    # ---- rendering --------------------------------------------------------------------------

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return self.content_width(self.compact)

    def content_width(self, compact: bool) -> int:
        """The width this heatmap wants with compact cells or numbers: its cells, and wide enough for
        the title and the short subtitle too, so a 1x1 matrix does not cut them (no subtitle where
        the style leaves no bottom border to write it on)."""
        cells = self.label_width + self.cols * (COMPACT_WIDTH if compact else CELL_WIDTH)
        title = len(self.border_title or "") + 4
        subtitle = 0
        if self.styles.border_bottom[0] not in ("", "none", "hidden"):
            cell = f"[{self.rows - 1}]=" if self.is_vector else f"[{self.rows - 1},{self.cols - 1}]="
            subtitle = len(cell) + len("-0.123456") + 4
        legend = (
            Strip(legend_segments(self.palette, self.scale, self.legend_note)).cell_length if self.show_legend else 0
        )
        return max(cells, title, subtitle, legend)

    def on_resize(self) -> None:
        self._update_subtitle()

    def on_focus(self) -> None:
        self._row_cache.pop(self.cursor[0], None)
        self.refresh()

    def on_blur(self) -> None:
        self._row_cache.pop(self.cursor[0], None)
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._palette = None  # theme or background changed: rebuild colours
        self._invalidate()

    def _invalidate(self) -> None:
        self._row_cache.clear()
        self._header_cache = None
        self.refresh()

    @property
    def palette(self) -> Palette:
        if self._palette is None:
            _, background = self.background_colors
            self._palette = Palette(background)
            self._base_style = self.rich_style  # costly to compute: once per theme/style change
        return self._palette

    def render_line(self, y: int) -> Strip:
        palette = self.palette
        base = self._base_style
        width = self.scrollable_content_region.width
        if self.show_legend and y == 0:
            segments = legend_segments(palette, self.scale, self.legend_note)
            return Strip(segments).adjust_cell_length(width, base).apply_style(base)
        scroll_x, scroll_y = self.scroll_offset
        if y == self.header_height - 1:
            label = self._label_segment(self._corner, False)
            cells = self._header_cells()
        else:
            row = scroll_y + y - self.header_height
            if not 0 <= row < self.rows:
                return Strip.blank(width, base)
            label = self._label_segment(str(row), row == self.highlight_row)
            cells = self._row_cells(row)
        return cut_line(label, cells, scroll_x, width, self.cell_width, base)

    def _label_segment(self, text: str, highlighted: bool) -> Segment:
        marker = ">" if highlighted else " "
        label = f"{marker}{text.rjust(self.label_width - 2)} "
        return Segment(label, self._base_style + (HIGHLIGHT_LABEL if highlighted else PLAIN_LABEL))

    def _header_cells(self) -> list[Segment]:
        if self._header_cache is None:
            plain = self._base_style + PLAIN_LABEL
            highlighted = self._base_style + HIGHLIGHT_LABEL
            self._header_cache = [
                Segment(
                    column_label(col, self.is_vector, self.compact, self.highlight_col).rjust(self.cell_width),
                    highlighted if col == self.highlight_col else plain,
                )
                for col in range(self.cols)
            ]
        return self._header_cache

    def _row_cells(self, row: int) -> LazyRow:
        cells = self._row_cache.get(row)
        if cells is None:
            cells = self._row_cache[row] = LazyRow(self, row)
        return cells

    def _cell_segment(self, row: int, col: int) -> Segment:
        value = float(self.values[row, col])
        style = self.palette.style(
            int(self._signs[row, col]),
            int(self._levels[row, col]),
            highlight=row == self.highlight_row or col == self.highlight_col,
            cursor=(row, col) == self.cursor and self.has_focus,
        )
        if self.compact:
            return Segment(" " + compact_text(value, int(self._signs[row, col]), int(self._levels[row, col])), style)
        return Segment(" " + numbers.cell(value), style)
