"""Heatmap, WeightsPanel and EditValueScreen driven through a tiny app with Textual's pilot."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from shared import screen_text
from textual.app import App, ComposeResult
from textual.color import Color
from textual.widgets import Input, Static

from srn_tui.engine import init_model
from srn_tui.lessons import get_scenario
from srn_tui.text.numbers import cell as format_value
from srn_tui.ui.screens.edit_value import EditsCells, EditValueScreen, parse_finite_float
from srn_tui.ui.widgets.cell_style import CELL_WIDTH, LEVELS, VALUE_WIDTH, Palette
from srn_tui.ui.widgets.heatmap import Heatmap
from srn_tui.ui.widgets.weights_panel import WeightsPanel

W_HH = np.array([[0.1, -0.5, 0.25], [0.75, 0.0, -1.0]])


class HeatmapApp(EditsCells, App):
    """One heatmap (or a weights panel) and a log of the messages it posts; it answers a cell's
    EditRequested with the edit dialog, as MainScreen does."""

    def __init__(self, matrix: np.ndarray | None = None, panel: bool = False) -> None:
        super().__init__()
        self.matrix = W_HH if matrix is None else matrix
        self.panel = panel
        self.messages: list = []

    def compose(self) -> ComposeResult:
        yield WeightsPanel() if self.panel else Heatmap("W_hh", title="W_hh (H x H)", row_axis="j", col_axis="k")

    def on_mount(self) -> None:
        if not self.panel:
            self.query_one(Heatmap).set_matrix(self.matrix)

    def on_heatmap_cell_selected(self, event: Heatmap.CellSelected) -> None:
        self.messages.append(event)

    def on_heatmap_cell_edited(self, event: Heatmap.CellEdited) -> None:
        self.messages.append(event)

    def on_weights_panel_cell_selected(self, event: WeightsPanel.CellSelected) -> None:
        self.messages.append(event)

    def on_weights_panel_cell_edited(self, event: WeightsPanel.CellEdited) -> None:
        self.messages.append(event)


def line_text(heatmap: Heatmap, y: int) -> str:
    return "".join(segment.text for segment in heatmap.render_line(y))


def cell_style(heatmap: Heatmap, y: int, col: int):
    """The style of the value of column `col` on screen line y (the label column is skipped)."""
    x = heatmap.label_width + col * CELL_WIDTH + CELL_WIDTH - 1
    return list(heatmap.render_line(y).crop(x, x + 1))[0].style


# ---- formatting and colours (no app) ---------------------------------------------------------


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_every_value_fits_the_cell_and_keeps_its_sign(value: float) -> None:
    text = format_value(value)
    assert len(text) == VALUE_WIDTH
    assert text.isascii()
    if math.isnan(value):
        assert text.strip() == "nan"
    elif value > 0:
        assert "+" in text
    elif value < 0:
        assert "-" in text.lstrip()[:1]


@given(st.floats(min_value=-99_999, max_value=99_999, allow_nan=False))
def test_formatted_value_reads_back_within_its_rounding(value: float) -> None:
    text = format_value(value).strip()
    decimals = len(text.split(".")[1]) if "." in text else 0
    assert abs(float(text) - value) <= 0.5 * 10**-decimals + 1e-12


def test_format_examples() -> None:
    assert format_value(0.5) == "+0.500"
    assert format_value(0.0) == " 0.000"
    assert format_value(-12.345) in ("-12.35", "-12.34")  # binary rounding of 12.345
    assert format_value(math.inf) == "  +inf"
    assert format_value(-math.inf) == "  -inf"
    assert format_value(3e12) == " +3e12"


def test_palette_is_blue_for_negative_red_for_positive_and_neutral_at_zero() -> None:
    for base in (Color(30, 30, 30), Color(250, 250, 250)):  # dark and light themes
        palette = Palette(base)
        assert palette.background(0, 0) == base
        blue, red = palette.background(-1, LEVELS), palette.background(1, LEVELS)
        assert blue.b > blue.r and red.r > red.b
        weak = palette.background(1, 1)
        assert abs(weak.r - base.r) < abs(red.r - base.r) or abs(weak.b - base.b) < abs(red.b - base.b)
        for sign in (-1, 1):  # text colour contrasts with its background at every level
            for level in range(LEVELS + 1):
                style = palette.style(sign, level)
                assert style.color != style.bgcolor


def test_parse_finite_float() -> None:
    assert parse_finite_float(" -0.25 ") == -0.25
    assert parse_finite_float("1e-3") == 0.001
    for bad, words in (("abc", "not a number"), ("nan", "finite"), ("inf", "finite"), ("-Infinity", "finite")):
        with pytest.raises(ValueError, match=words):
            parse_finite_float(bad)
    with pytest.raises(ValueError, match="type a number"):
        parse_finite_float("  ")


# ---- the Heatmap widget ----------------------------------------------------------------------


async def test_rendered_lines_show_formatted_values_and_labels() -> None:
    app = HeatmapApp()
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.pause()
        heatmap = app.query_one(Heatmap)
        top = heatmap.header_height
        assert "+1" in line_text(heatmap, 0) and "----0++++" in line_text(heatmap, 0)
        header = line_text(heatmap, top - 1)
        assert header.split() == ["j\\k", "0", "1", "2"]
        assert line_text(heatmap, top).split() == ["0", "+0.100", "-0.500", "+0.250"]
        assert line_text(heatmap, top + 1).split() == ["1", "+0.750", "0.000", "-1.000"]
        assert "W_hh (H x H)" in screen_text(app)
        assert "W_hh[0,0] = 0.100000" in screen_text(app)


async def test_highlighted_row_and_column_change_the_style() -> None:
    app = HeatmapApp()
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.pause()
        heatmap = app.query_one(Heatmap)
        top = heatmap.header_height
        plain = cell_style(heatmap, top + 1, 0)
        heatmap.set_matrix(W_HH, highlight_row=1)
        highlighted = cell_style(heatmap, top + 1, 0)
        assert not plain.underline and highlighted.underline and highlighted.bold
        assert not cell_style(heatmap, top, 0).underline  # other rows unchanged
        assert line_text(heatmap, top + 1).startswith(">")
        heatmap.set_highlight(None, 2)
        assert cell_style(heatmap, top, 2).underline and not cell_style(heatmap, top, 1).underline
        assert "v2" in line_text(heatmap, top - 1)


async def test_colour_follows_sign_and_magnitude() -> None:
    app = HeatmapApp()
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.pause()
        heatmap = app.query_one(Heatmap)
        top = heatmap.header_height
        strong_negative = cell_style(heatmap, top + 1, 2).bgcolor.triplet  # -1.0
        weak_positive = cell_style(heatmap, top, 0).bgcolor.triplet  # +0.1
        strong_positive = cell_style(heatmap, top + 1, 0).bgcolor.triplet  # +0.75
        zero = cell_style(heatmap, top + 1, 1).bgcolor.triplet
        assert strong_negative.blue > strong_negative.red
        assert strong_positive.red > strong_positive.blue
        assert zero == heatmap.palette.base.rich_color.triplet
        distance = [sum(abs(a - b) for a, b in zip(c, zero, strict=True)) for c in (weak_positive, strong_positive)]
        assert distance[0] < distance[1]


async def test_arrows_move_the_cursor_and_post_cell_selected() -> None:
    app = HeatmapApp()
    async with app.run_test(size=(60, 12)) as pilot:
        heatmap = app.query_one(Heatmap)
        heatmap.focus()
        await pilot.press("right", "right", "down", "right", "up", "left")
        await pilot.pause()
        assert heatmap.cursor == (0, 1)
        moves = [(m.row, m.col, m.value) for m in app.messages if isinstance(m, Heatmap.CellSelected)]
        assert moves == [(0, 1, -0.5), (0, 2, 0.25), (1, 2, -1.0), (1, 2, -1.0), (0, 2, 0.25), (0, 1, -0.5)]
        assert all(m.name == "W_hh" for m in app.messages)
        assert "W_hh[0,1] = -0.500000" in screen_text(app)
        assert cell_style(heatmap, heatmap.header_height, 1).reverse  # the cursor cell


async def test_click_selects_a_cell() -> None:
    app = HeatmapApp()
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.pause()
        heatmap = app.query_one(Heatmap)
        border = 1
        x = border + heatmap.label_width + 2 * CELL_WIDTH + 3
        y = border + heatmap.header_height + 1
        await pilot.click(Heatmap, offset=(x, y))
        await pilot.pause()
        assert heatmap.cursor == (1, 2)
        assert [(m.row, m.col) for m in app.messages] == [(1, 2)]


async def test_enter_typing_enter_posts_cell_edited() -> None:
    app = HeatmapApp()
    async with app.run_test(size=(70, 16)) as pilot:
        app.query_one(Heatmap).focus()
        await pilot.press("down", "right", "enter")
        await pilot.pause()
        assert isinstance(app.screen, EditValueScreen)
        assert "New value for W_hh[1,1] (now 0.000000)" in screen_text(app)
        await pilot.press(*"-0.125", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, EditValueScreen)
        edits = [m for m in app.messages if isinstance(m, Heatmap.CellEdited)]
        assert [(m.name, m.row, m.col, m.value) for m in edits] == [("W_hh", 1, 1, -0.125)]
        # The owner decides: the widget's own data is untouched until set_matrix.
        assert app.query_one(Heatmap).value_at(1, 1) == 0.0


@pytest.mark.parametrize("bad", ["abc", "nan", "inf"])
async def test_invalid_input_shows_the_error_and_posts_nothing(bad: str) -> None:
    app = HeatmapApp()
    async with app.run_test(size=(70, 16)) as pilot:
        app.query_one(Heatmap).focus()
        await pilot.press("e")
        await pilot.pause()
        await pilot.press(*bad, "enter")
        await pilot.pause()
        assert isinstance(app.screen, EditValueScreen)
        error = str(app.screen.query_one("#edit-error", Static).render())
        assert bad in error and ("not a number" in error or "finite" in error)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, EditValueScreen)
        assert not [m for m in app.messages if isinstance(m, Heatmap.CellEdited)]


async def test_escape_cancels_the_edit() -> None:
    app = HeatmapApp()
    async with app.run_test(size=(70, 16)) as pilot:
        app.query_one(Heatmap).focus()
        await pilot.press("enter", "1", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, EditValueScreen)
        assert not [m for m in app.messages if isinstance(m, Heatmap.CellEdited)]


async def test_nan_and_inf_render() -> None:
    matrix = np.array([[np.nan, np.inf], [-np.inf, 1e300]])
    app = HeatmapApp(matrix)
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.pause()
        heatmap = app.query_one(Heatmap)
        top = heatmap.header_height
        assert line_text(heatmap, top).split() == ["0", "nan", "+inf"]
        assert line_text(heatmap, top + 1).split() == ["1", "-inf", "+1e300"]
        heatmap.focus()
        await pilot.press("right", "down")
        await pilot.pause()
        assert "[1,1]=1.000000e+300" in screen_text(app)  # the short subtitle: the widget is narrow


async def test_128_by_128_renders_and_scrolls_to_keep_the_cursor_visible() -> None:
    matrix = np.arange(128 * 128, dtype=float).reshape(128, 128) / 1000.0
    app = HeatmapApp(matrix)
    async with app.run_test(size=(80, 24)) as pilot:
        heatmap = app.query_one(Heatmap)
        heatmap.focus()
        await pilot.pause()
        assert heatmap.virtual_size.height == 128 + heatmap.header_height
        await pilot.press(*["pagedown"] * 10, *["right"] * 127)
        await pilot.pause()
        assert heatmap.cursor == (127, 127)
        assert heatmap.scroll_offset.x > 0 and heatmap.scroll_offset.y > 0
        text = screen_text(app)
        assert "W_hh[127,127] = 16.383000" in text
        assert " 127 " in text and "+16.38" in text  # last row label and last cell on screen
        assert " 0 " not in line_text(heatmap, heatmap.header_height)[:5]  # row 0 scrolled away


async def test_set_matrix_copies_its_input() -> None:
    source = W_HH.copy()
    app = HeatmapApp(source)
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.pause()
        heatmap = app.query_one(Heatmap)
        version = heatmap.version
        source[0, 0] = 99.0
        await pilot.pause()
        assert heatmap.value_at(0, 0) == 0.1
        assert "+0.100" in line_text(heatmap, heatmap.header_height)
        heatmap.set_matrix(source)
        assert heatmap.version == version + 1 and heatmap.value_at(0, 0) == 99.0


async def test_vector_is_one_column() -> None:
    app = HeatmapApp(np.array([0.5, -0.25, 0.0]))
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.pause()
        heatmap = app.query_one(Heatmap)
        assert (heatmap.rows, heatmap.cols, heatmap.is_vector) == (3, 1, True)
        assert line_text(heatmap, heatmap.header_height + 1).split() == ["1", "-0.250"]
        assert "[0]=0.500000" in screen_text(app)  # short subtitle: a one-column widget is narrow


async def test_no_color_keeps_numbers_signs_highlight_and_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = HeatmapApp()
    async with app.run_test(size=(60, 12)) as pilot:
        heatmap = app.query_one(Heatmap)
        heatmap.set_matrix(W_HH, highlight_row=1)
        heatmap.focus()
        await pilot.pause()
        assert app.no_color and app._filters  # Textual's own colour stripping is active
        top = heatmap.header_height
        for y, expected, underline in (
            (top, "0 +0.100 -0.500 +0.250", False),
            (top + 1, "1 +0.750 0.000 -1.000", True),
        ):
            segments = list(heatmap.render_line(y))
            for line_filter in app._filters:
                segments = line_filter.apply(segments, Color(0, 0, 0))
            text = "".join(segment.text for segment in segments)
            assert " ".join(text.lstrip(">").split()) == expected
            value_styles = [segment.style for segment in segments if segment.text.strip().startswith(("+", "-"))]
            assert all(bool(style.underline) == underline for style in value_styles)
        cursor = [seg.style for seg in heatmap.render_line(top) if seg.text.strip() == "+0.100"][0]
        assert cursor.reverse  # the cursor stays visible without colour


# ---- the WeightsPanel ------------------------------------------------------------------------


async def test_panel_shows_every_parameter_with_one_scale_and_highlights_the_unit() -> None:
    model = get_scenario("seed").model()
    app = HeatmapApp(panel=True)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = app.query_one(WeightsPanel)
        panel.show(model, 0, version=1)
        await pilot.pause()
        text = screen_text(app)
        for title in ("W_xh (H x I)", "W_hh (H x H)", "b_h (H)", "W_hy (O x H)", "b_y (O)"):
            assert title in text
        for value in ("+0.500", "+0.100", "+1.000"):
            assert value in text
        assert "weights: one shared scale" in text and "-1 ----0++++ +1" in text
        assert {panel.heatmap(n).scale for n in ("W_xh", "W_hh", "b_h", "W_hy", "b_y")} == {1.0}
        assert panel.heatmap("W_hh").highlight_row == 0 and panel.heatmap("W_hy").highlight_col == 0
        assert not panel.has_class("-medium") and not panel.has_class("-narrow")  # one row at 120 columns


async def test_panel_skips_work_when_the_version_is_unchanged() -> None:
    model = init_model(2, 3, 2, seed=1)
    app = HeatmapApp(panel=True)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = app.query_one(WeightsPanel)
        panel.show(model, 1, version=7)
        await pilot.pause()
        w_hh = panel.heatmap("W_hh")
        drawn = w_hh.version
        panel.show(model, 1, version=7)
        assert w_hh.version == drawn
        panel.show(model, 2, version=7)  # only the selection moved: highlight without a redraw
        assert w_hh.version == drawn and w_hh.highlight_row == 2 and panel.heatmap("W_hy").highlight_col == 2
        edited = model.copy()
        edited.params["W_hh"][0, 0] = 0.75
        panel.show(edited, 2, version=8)
        assert w_hh.version == drawn + 1 and w_hh.value_at(0, 0) == 0.75
        w_xh = panel.heatmap("W_xh")
        assert w_xh.version == drawn  # same values under the same scale: not redrawn
        panel.show(edited, 2, version=9)  # a version bump that changed no weight (a tick step)
        assert (w_hh.version, w_xh.version) == (drawn + 1, drawn)


async def test_panel_reposts_selection_and_edits() -> None:
    model = init_model(2, 3, 2, seed=1)
    app = HeatmapApp(panel=True)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = app.query_one(WeightsPanel)
        panel.show(model, 0, version=1)
        panel.heatmap("W_hh").focus()
        await pilot.press("right", "enter", *"2.5", "enter")
        await pilot.pause()
        assert [(type(m).__name__, m.name, m.row, m.col) for m in app.messages] == [
            ("CellSelected", "W_hh", 0, 1),
            ("CellEdited", "W_hh", 0, 1),
        ]
        assert isinstance(app.messages[0], WeightsPanel.CellSelected) and app.messages[1].value == 2.5


@pytest.mark.parametrize(("size", "hidden"), [((80, 24), 1), ((80, 24), 32), ((120, 40), 128), ((40, 12), 4)])
async def test_panel_fits_narrow_and_large(size: tuple[int, int], hidden: int) -> None:
    model = get_scenario("seed").model() if hidden == 1 else init_model(6, hidden, 6, seed=0)
    app = HeatmapApp(panel=True)
    async with app.run_test(size=size) as pilot:
        panel = app.query_one(WeightsPanel)
        panel.show(model, hidden - 1, version=1)
        await pilot.pause()
        await pilot.pause()
        for name in ("W_xh", "W_hh", "b_h", "W_hy", "b_y"):
            heatmap = panel.heatmap(name)
            assert heatmap.region.right <= size[0]  # never wider than the panel: scrolls instead
        if hidden >= 32:
            assert panel.has_class("-narrow")
        text = screen_text(app)
        assert text.startswith("-") and "----0++++" in text.splitlines()[0]  # the legend stays on top


async def test_gradient_mode_has_its_own_scale_and_toggles_back() -> None:
    model = get_scenario("seed").model()
    grads = {"W_xh": np.array([[-0.02]]), "W_hh": np.array([[-0.01]]), "b_h": np.array([0.004])}
    grads |= {"W_hy": np.array([[-0.04]]), "b_y": np.array([-0.05]), "h0": np.array([0.0])}
    app = HeatmapApp(panel=True)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = app.query_one(WeightsPanel)
        panel.show(model, 0, version=1)
        panel.show_gradients(grads)
        await pilot.pause()
        text = screen_text(app)
        assert "dL/dW_hh" in text and "gradients: one shared scale" in text and "-0.05 ----0++++ +0.05" in text
        assert "-0.040" in text and panel.heatmap("W_hy").scale == 0.05
        panel.heatmap("W_hy").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, EditValueScreen)  # gradients are not editable
        panel.show_gradients(None)
        await pilot.pause()
        text = screen_text(app)
        assert "dL/d" not in text and "+0.500" in text and "weights: one shared scale" in text


async def test_edit_screen_input_is_focused_and_label_is_not_markup() -> None:
    class EditApp(App):
        result: float | None = None

        def on_mount(self) -> None:
            self.push_screen(EditValueScreen("W_hh[0,0]", 0.1), self.done)

        def done(self, value: float | None) -> None:
            self.result = value

    app = EditApp()
    async with app.run_test(size=(70, 16)) as pilot:
        await pilot.pause()
        assert isinstance(app.focused, Input)
        assert "New value for W_hh[0,0] (now 0.100000)" in screen_text(app)
        await pilot.press("3", "enter")
        await pilot.pause()
        assert app.result == 3.0
