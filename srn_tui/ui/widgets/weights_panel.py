"""The five parameter heatmaps (W_xh, W_hh, b_h, W_hy, b_y) under one shared colour scale.

One scale for the whole panel, so colours compare across matrices (a legend line at the top says
so); the gradient mode has its own shared scale. Layout follows the width: the heatmaps flow left
to right in the order W_xh, W_hh, b_h, W_hy, b_y and wrap to a new line when the next one does not
fit (so W_hh sits beside W_xh, not below it beside empty columns); one wider than the panel takes
the whole width and scrolls inside itself. A matrix whose numbers do not fit draws compact cells
(sign and colour step), and the lesson's weight gets the height first (weights_layout.py).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from textual import events
from textual.app import ComposeResult
from textual.containers import Container, Vertical, VerticalScroll
from textual.content import Content
from textual.css.scalar import Scalar
from textual.geometry import Offset
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from ...engine import Model
from ...text.labels import label
from .cell_style import CELL_WIDTH, COMPACT_WIDTH, Palette, default_scale, legend_segments
from .heatmap import Heatmap
from .weights_layout import Box, choose


def lesson_weight(frozen: frozenset[str]) -> str:
    """The weight a lesson is about: W_hh (the memory) unless training freezes it, then the first
    one trained (W_hy on seed, which trains only W_hy)."""
    for name in ("W_hh", "W_hy", "W_xh", "b_h", "b_y"):
        if name not in frozen:
            return name
    return "W_hh"


class MatrixSpec(NamedTuple):
    name: str
    shape: str
    row_axis: str
    col_axis: str
    group: str


MATRICES = (
    MatrixSpec("W_xh", "H x I", "j", "i", "hidden"),
    MatrixSpec("W_hh", "H x H", "j", "k", "hidden"),
    MatrixSpec("b_h", "H", "j", "", "hidden"),
    MatrixSpec("W_hy", "O x H", "o", "j", "output"),
    MatrixSpec("b_y", "O", "o", "", "output"),
)
BORDER = 2


def set_title(heatmap: Heatmap, title: str) -> None:
    if heatmap.border_title != title:  # setting a title repaints the widget: only when it changes
        heatmap.border_title = Content(title)


class HeatmapLegend(Widget):
    """One line: the colour ramp, the scale and a note ("-1 ----0++++ +1  weights: one shared scale")."""

    DEFAULT_CSS = """
    HeatmapLegend {
        height: 1;
        width: 100%;
    }
    """

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.scale = 1.0
        self.note = ""
        self._palette: Palette | None = None

    def set_scale(self, scale: float, note: str) -> None:
        if (scale, note) != (self.scale, self.note):
            self.scale = scale
            self.note = note
            self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._palette = None

    def render_line(self, y: int) -> Strip:
        if self._palette is None:
            self._palette = Palette(self.background_colors[1])
        line = Strip(legend_segments(self._palette, self.scale, self.note)) if y == 0 else Strip([])
        return line.adjust_cell_length(self.size.width).apply_style(self.rich_style)


class WeightsPanel(Vertical):
    """Heatmaps of the model's parameters; the owner calls `show` after every change (cheap when unchanged)."""

    DEFAULT_CSS = """
    WeightsPanel {
        height: 1fr;
    }
    WeightsPanel > #weights-scroll {
        height: 1fr;
        overflow-x: hidden;
    }
    WeightsPanel #weights-groups {
        width: 100%;
        height: auto;
    }
    /* placed by _choose_layout: a flow that wraps, which Textual's layouts do not do */
    WeightsPanel #weights-groups > Heatmap {
        position: absolute;
    }
    """

    class CellSelected(Message):
        """The cursor of heatmap `name` moved to (row, col)."""

        def __init__(self, name: str, row: int, col: int) -> None:
            super().__init__()
            self.name = name
            self.row = row
            self.col = col

    class CellEdited(Message):
        """The user typed a new finite value for `name`[row, col] (col is 0 for b_h, b_y)."""

        def __init__(self, name: str, row: int, col: int, value: float) -> None:
            super().__init__()
            self.name = name
            self.row = row
            self.col = col
            self.value = value

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.model: Model | None = None
        self.selected_unit: int | None = None
        self.version: int | None = None
        self.gradients: dict[str, np.ndarray] | None = None
        self.weights_scale = 1.0
        self.lang = "en"  # MainScreen sets it; the legend's note is drawn in it
        self.focus = "W_hh"  # the lesson's weight, which the layout keeps in view (lesson_weight)
        self._layout: tuple | None = None

    def set_lang(self, lang: str) -> None:
        """Draw the legend's note in `lang` from now on."""
        if lang != self.lang:
            self.lang = lang
            self.show_gradients(self.gradients)

    def compose(self) -> ComposeResult:
        yield HeatmapLegend(id="weights-legend")
        with VerticalScroll(id="weights-scroll", can_focus=False), Container(id="weights-groups"):
            for spec in MATRICES:
                yield Heatmap(
                    spec.name,
                    title=f"{spec.name} ({spec.shape})",
                    row_axis=spec.row_axis,
                    col_axis=spec.col_axis,
                    show_legend=False,
                    id=f"heatmap-{spec.name}",
                )

    def _shape(self, spec: MatrixSpec) -> str:
        """A Jordan net's W_hh multiplies the fed-back output y(t-1): H x O."""
        jordan = self.model is not None and self.model.is_jordan
        return "H x O" if jordan and spec.name == "W_hh" else spec.shape

    def heatmap(self, name: str) -> Heatmap:
        return self.query_one(f"#heatmap-{name}", Heatmap)

    def heatmaps(self) -> list[Heatmap]:
        return list(self.query(Heatmap))

    @property
    def showing_gradients(self) -> bool:
        return self.gradients is not None

    # ---- updates ----------------------------------------------------------------------------

    def show(self, model: Model, selected_unit: int | None, version: int, focus: str = "W_hh") -> None:
        """Show `model`'s weights with the unit's cells highlighted, keeping `focus` in view.

        `version` is the session's model_version, which a tick step leaves alone: no work when it and
        the unit are unchanged; with a new version, only heatmaps whose values changed are redrawn
        (an edit or a load may leave some matrices as they were).
        """
        if focus != self.focus:
            self.focus = focus
            self.call_after_refresh(self._choose_layout)
        changed = version != self.version
        self.model = model
        self.version = version
        if changed:
            self.selected_unit = selected_unit
            if not self.showing_gradients:
                self._draw_weights()
        elif selected_unit != self.selected_unit:
            self.selected_unit = selected_unit
            for spec in MATRICES:
                self.heatmap(spec.name).set_highlight(*self._highlight(spec.name))

    def show_gradients(self, grads: dict[str, np.ndarray] | None) -> None:
        """Gradient mode with its own shared scale (`grads` keyed like the parameters); None returns to weights."""
        self.gradients = None if grads is None else {spec.name: np.asarray(grads[spec.name]) for spec in MATRICES}
        if self.gradients is None:
            self._draw_weights()
            return
        scale = default_scale(*self.gradients.values())
        for spec in MATRICES:
            heatmap = self.heatmap(spec.name)
            heatmap.editable = False
            set_title(heatmap, f"dL/d{spec.name} ({self._shape(spec)})")
            heatmap.set_matrix(self.gradients[spec.name], *self._highlight(spec.name), scale=scale)
        self.query_one(HeatmapLegend).set_scale(scale, self._legend_note())
        self._choose_layout()

    def _draw_weights(self) -> None:
        if self.model is None:
            return
        params = self.model.params
        self.weights_scale = default_scale(*(params[spec.name] for spec in MATRICES))
        for spec in MATRICES:
            heatmap = self.heatmap(spec.name)
            heatmap.editable = True
            set_title(heatmap, f"{spec.name} ({self._shape(spec)})")
            if heatmap.is_showing(params[spec.name], self.weights_scale):
                # An edit changes one matrix, training may leave frozen ones: keep the drawn cells (and their cache).
                heatmap.set_highlight(*self._highlight(spec.name))
            else:
                heatmap.set_matrix(params[spec.name], *self._highlight(spec.name), scale=self.weights_scale)
        self.query_one(HeatmapLegend).set_scale(self.weights_scale, self._legend_note())
        self._choose_layout()

    def _legend_note(self) -> str:
        """What the colours stand for, and how a compact cell reads when one is drawn."""
        note = label(self.lang, "legend_gradients" if self.showing_gradients else "legend_weights")
        if any(heatmap.compact for heatmap in self.heatmaps()):
            note = label(self.lang, "legend_compact", note=note)
        return note

    def _highlight(self, name: str) -> tuple[int | None, int | None]:
        """The cells unit j uses: row j of W_xh, W_hh, b_h; column j of W_hy."""
        j = self.selected_unit
        if j is None:
            return None, None
        if name in ("W_xh", "W_hh", "b_h"):
            return j, None
        if name == "W_hy":
            return None, j
        return None, None

    # ---- layout -----------------------------------------------------------------------------

    def on_resize(self) -> None:
        self.call_after_refresh(self._choose_layout)

    def _box(self, heatmap: Heatmap) -> Box:
        gutter = heatmap.styles.gutter  # the border: all round, or only the top rule when compact
        return Box(
            name=heatmap.matrix_name,
            full_width=heatmap.content_width(False),
            compact_width=heatmap.content_width(True),
            rows=heatmap.rows,
            cols=heatmap.cols,
            label_width=heatmap.label_width,
            cell_width=CELL_WIDTH,
            compact_cell_width=COMPACT_WIDTH,
            header=heatmap.header_height,
            gutter_width=gutter.width,
            gutter_height=gutter.height,
            can_compact=not heatmap.is_vector,
        )

    def _choose_layout(self) -> None:
        scroll = self.query_one("#weights-scroll", VerticalScroll)
        width, height = scroll.scrollable_content_region.size
        if width <= 0 or height <= 0:
            return
        heatmaps = [self.heatmap(spec.name) for spec in MATRICES]
        boxes = [self._box(heatmap) for heatmap in heatmaps]
        layout = choose(boxes, self.focus, width, height)
        for heatmap in heatmaps:
            heatmap.set_compact(layout.compact[heatmap.matrix_name])
        legend = self.query_one(HeatmapLegend)
        legend.set_scale(legend.scale, self._legend_note())
        focus_top = focus_height = 0
        for line, top, line_height in zip(layout.lines, layout.tops, layout.heights, strict=True):
            x = 0
            for index in line:
                heatmap = heatmaps[index]
                if heatmap.styles.max_height != Scalar.from_number(line_height):  # a style write re-lays out
                    heatmap.styles.max_height = line_height
                if heatmap.styles.offset.resolve(self.size, self.size) != Offset(x, top):
                    heatmap.styles.offset = (x, top)
                if heatmap.matrix_name == self.focus:
                    focus_top, focus_height = top, line_height
                x += layout.widths[index]
        groups = self.query_one("#weights-groups")
        total = sum(layout.heights)
        if groups.styles.height != Scalar.from_number(total):
            groups.styles.height = total
        self.set_class(len(layout.lines) == 2, "-medium")
        too_wide = any(box.width(layout.compact[box.name], False) > width for box in boxes)
        self.set_class(len(layout.lines) > 2 or too_wide, "-narrow")
        key = (tuple(map(tuple, layout.lines)), tuple(layout.heights), self.focus, width, height)
        if key != self._layout:  # a new layout brings the lesson's weight into view (the user may scroll after)
            self._layout = key
            if focus_top + focus_height > scroll.scroll_y + height or focus_top < scroll.scroll_y:
                scroll.call_after_refresh(scroll.scroll_to, y=focus_top, animate=False)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """A heatmap focused (Tab, a click) comes into view from its title down. Textual's own
        scroll on focus does not see the offsets the layout places them at (it scrolls to the top)."""
        if isinstance(event.widget, Heatmap):
            scroll = self.query_one("#weights-scroll", VerticalScroll)
            top = event.widget.styles.offset.resolve(self.size, self.size).y
            scroll.call_after_refresh(scroll.scroll_to, y=top, animate=False)

    # ---- messages from the heatmaps ---------------------------------------------------------

    def on_heatmap_cell_selected(self, event: Heatmap.CellSelected) -> None:
        event.stop()
        self.post_message(self.CellSelected(event.name, event.row, event.col))

    def on_heatmap_cell_edited(self, event: Heatmap.CellEdited) -> None:
        event.stop()
        self.post_message(self.CellEdited(event.name, event.row, event.col, event.value))
