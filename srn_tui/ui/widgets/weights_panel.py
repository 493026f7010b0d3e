"""The five parameter heatmaps (W_xh, W_hh, b_h, W_hy, b_y) under one shared colour scale.

One scale for the whole panel, so colours compare across matrices (a legend line at the top says
so); the gradient mode has its own shared scale. Layout follows the width: the heatmaps flow left
to right in the order W_xh, W_hh, b_h, W_hy, b_y and wrap to a new line when the next one does not
fit (so W_hh sits beside W_xh, not below it beside empty columns); one wider than the panel takes
the whole width and scrolls inside itself.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
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
from .cell_style import Palette, default_scale, legend_segments
from .heatmap import Heatmap


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

    def show(self, model: Model, selected_unit: int | None, version: int) -> None:
        """Show `model`'s weights with the unit's cells highlighted.

        `version` is the session's model_version, which a tick step leaves alone: no work when it and
        the unit are unchanged; with a new version, only heatmaps whose values changed are redrawn
        (an edit or a load may leave some matrices as they were).
        """
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
        self.query_one(HeatmapLegend).set_scale(scale, label(self.lang, "legend_gradients"))
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
        self.query_one(HeatmapLegend).set_scale(self.weights_scale, label(self.lang, "legend_weights"))
        self._choose_layout()

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

    def _natural_size(self, heatmap: Heatmap, max_height: int) -> tuple[int, int]:
        gutter = heatmap.styles.gutter  # the border: all round, or only the top rule when compact
        width = heatmap.get_content_width(self.size, self.size) + gutter.width
        height = heatmap.virtual_size.height + gutter.height
        if height > max_height:
            width += 1  # the vertical scrollbar
        return width, min(height, max_height)

    def _choose_layout(self) -> None:
        scroll = self.query_one("#weights-scroll", VerticalScroll)
        width, height = scroll.scrollable_content_region.size
        if width <= 0 or height <= 0:
            return
        max_height = max(height, 4)  # a heatmap fits in view; longer ones scroll inside
        lines, sizes = self._pack(width, max_height)
        if len(lines) > 1:  # several lines share the height, so the last line is not below the fold
            max_height = max(height // len(lines), 4)
            lines, sizes = self._pack(width, max_height)
        y = 0
        for line in lines:
            x = 0
            for index in line:
                heatmap = self.heatmap(MATRICES[index].name)
                if heatmap.styles.offset.resolve(self.size, self.size) != Offset(x, y):
                    heatmap.styles.offset = (x, y)
                x += min(sizes[index][0], width)
            y += max(sizes[index][1] for index in line)
        groups = self.query_one("#weights-groups")
        if groups.styles.height != Scalar.from_number(y):
            groups.styles.height = y
        self.set_class(len(lines) == 2, "-medium")
        self.set_class(len(lines) > 2 or max(w for w, _ in sizes) > width, "-narrow")

    def _pack(self, width: int, max_height: int) -> tuple[list[list[int]], list[tuple[int, int]]]:
        """The heatmaps (by index into MATRICES) in lines that fit `width`, in order; and their sizes."""
        sizes = []
        for spec in MATRICES:
            heatmap = self.heatmap(spec.name)
            if heatmap.styles.max_height != Scalar.from_number(max_height):  # a style write re-lays out
                heatmap.styles.max_height = max_height
            sizes.append(self._natural_size(heatmap, max_height))
        lines: list[list[int]] = [[]]
        x = 0
        for index, (w, _) in enumerate(sizes):
            w = min(w, width)
            if lines[-1] and x + w > width:  # wrap: this one starts the next line
                lines.append([])
                x = 0
            lines[-1].append(index)
            x += w
        return lines, sizes

    # ---- messages from the heatmaps ---------------------------------------------------------

    def on_heatmap_cell_selected(self, event: Heatmap.CellSelected) -> None:
        event.stop()
        self.post_message(self.CellSelected(event.name, event.row, event.col))

    def on_heatmap_cell_edited(self, event: Heatmap.CellEdited) -> None:
        event.stop()
        self.post_message(self.CellEdited(event.name, event.row, event.col, event.value))
