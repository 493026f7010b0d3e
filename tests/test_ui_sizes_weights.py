"""The lesson's weight, every tick and every unit at 80x24, 100x30 and 200x60 (issue 13 §3), read on
the rendered screen; and the layout arithmetic behind the weights panel on its own.

The lesson's weight is W_hh (echo, sine, letters) or, where training freezes W_hh, the weight it
trains (W_hy on seed). A compact cell is checked against the sign and colour step computed here
from the model's own parameters, not from the widget.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shared import app_for, screen_text

from srn_tui.tours import builtin_tour
from srn_tui.tours.format import open_lesson
from srn_tui.ui.app import SrnApp
from srn_tui.ui.widgets.cell_style import compact_text, levels
from srn_tui.ui.widgets.heatmap import Heatmap
from srn_tui.ui.widgets.tick_panel import TickPanel
from srn_tui.ui.widgets.weights_layout import Box, choose
from srn_tui.ui.widgets.weights_panel import lesson_weight

SIZES = [(80, 24), (100, 30), (200, 60)]
PARAMS = ("W_xh", "W_hh", "b_h", "W_hy", "b_y")


def heatmap(app: SrnApp, name: str) -> Heatmap:
    return app.main.query_one(f"#heatmap-{name}", Heatmap)


def grid(app: SrnApp, name: str) -> tuple[list[str], dict[int, list[str]]]:
    """What the screen shows of heatmap `name`: its header's column labels and its data rows by row
    index (the cells as written), read from the composed screen inside the widget's region and
    above the footer."""
    widget = heatmap(app, name)
    region = widget.region
    lines = screen_text(app).splitlines()[: app.size.height - 1]
    inside = [line[region.x : region.right] for line in lines[region.y : region.bottom]]
    inside = [re.sub(r"[^\x20-\x7e]", " ", line) for line in inside]  # borders and scrollbars go
    header = inside[1].split()[1:]  # after the corner "j\k"
    rows: dict[int, list[str]] = {}
    for line in inside[2:]:
        tokens = line.replace(">", " ").split()
        if tokens and tokens[0].isdigit():
            rows[int(tokens[0])] = tokens[1:]
    return header, rows


def expected_compact(app: SrnApp, name: str) -> np.ndarray:
    """Each cell of `name` as a compact cell writes it, computed from the parameters: the sign and
    |w| / (largest |w| of all five) in eighths, rounded up."""
    params = app.session.model.params
    scale = max(float(np.abs(params[p]).max()) for p in PARAMS)
    values = np.atleast_2d(params[name])
    out = np.empty(values.shape, dtype=object)
    for (i, j), w in np.ndenumerate(values):
        step = math.ceil(abs(w) / scale * 8)
        out[i, j] = "0" if w == 0 else f"{'+' if w > 0 else '-'}{step}"
    return out


def assert_shows(app: SrnApp, name: str, *, least_rows: int) -> None:
    """`name` is on screen with all its columns and at least `least_rows` rows, each cell as the
    model's value says (its number to 3 decimals, or its compact cell)."""
    widget = heatmap(app, name)
    values = np.atleast_2d(app.session.model.params[name])
    assert widget.region.y + 3 <= app.size.height - 1, f"{name} is below the fold"
    header, rows = grid(app, name)
    assert header == [str(c) for c in range(values.shape[1])], header
    assert len(rows) >= min(least_rows, values.shape[0]), (name, sorted(rows))
    compact = expected_compact(app, name)
    for row, cells in rows.items():
        if widget.compact:
            assert cells == list(compact[row]), (name, row)
        else:
            assert cells == [f"{w:+.3f}" if w != 0 else "0.000" for w in values[row]], (name, row)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("name", ["echo", "sine", "letters"])
async def test_w_hh_is_on_screen_with_every_column_in_the_main_screen_and_in_w(
    name: str, size: tuple[int, int]
) -> None:
    app = app_for(name)
    async with app.run_test(size=size) as pilot:
        await pilot.press("right")
        await pilot.pause()
        await pilot.pause()
        rows = app.session.model.hidden_size
        # the main screen: the rows the height leaves (80x24 keeps ~4 rows for the whole panel)
        assert_shows(app, "W_hh", least_rows={24: 3, 30: 4, 60: 8}[size[1]] if rows <= 8 else 3)
        await pilot.press("w")
        await pilot.pause()
        await pilot.pause()
        # w: the whole matrix where the height allows; letters' 20 rows share 80x24 and 100x30 with
        # a line of W_xh and one of W_hy (12 and 14 rows in view, the rest by scrolling)
        assert_shows(app, "W_hh", least_rows=rows if rows <= 8 else {24: 12, 30: 14, 60: 20}[size[1]])


async def test_letters_at_100x30_draws_w_hh_compact_and_says_so() -> None:
    app = app_for("letters")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("right")
        await pilot.pause()
        await pilot.pause()
        assert heatmap(app, "W_hh").compact  # 20 numbers (147 cells) do not fit 96
        assert "+8 = sign, 8ths of the scale" in screen_text(app)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_seed_shows_w_hy_the_weight_it_trains(size: tuple[int, int]) -> None:
    app = app_for("seed")
    async with app.run_test(size=size) as pilot:
        await pilot.press("right", "right", "right")
        await pilot.pause()
        assert_shows(app, "W_hy", least_rows=1)
        assert grid(app, "W_hy")[1] == {0: ["+1.000"]}


@pytest.mark.parametrize(("size", "lang"), [((80, 24), "en"), ((80, 24), "zh"), ((100, 30), "en")])
async def test_the_seed_tour_shows_w_hy_on_the_steps_that_name_it(size: tuple[int, int], lang: str) -> None:
    tour = builtin_tour("seed")
    app = SrnApp(open_lesson(tour.steps[0].lesson), lang, tour=tour)
    async with app.run_test(size=size) as pilot:
        for index in range(len(tour.steps)):
            if index:
                await pilot.press("pagedown")
            await pilot.pause()
            await app.tour.settled()
            await pilot.pause()
            caption = app.tour.caption_text()
            if "W_hy" not in caption:
                continue
            w_hy = float(app.session.model.params["W_hy"][0, 0])
            assert grid(app, "W_hy")[1] == {0: [f"{w_hy:+.3f}"]}, f"step {index + 1}"
            caption_top = app.main.query_one("#tour-caption").region.y
            assert heatmap(app, "W_hy").region.y + 2 < caption_top  # its value's row is not under the caption


async def test_200x60_shows_every_tick_of_echo_and_every_hidden_unit() -> None:
    app = app_for("echo")
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.press("right")
        await pilot.pause()
        lines = screen_text(app).splitlines()
        t_row = next(line for line in lines if line.startswith("│ t "))
        assert t_row.strip("│ ").split()[1:] == ["0", "[1]", *map(str, range(2, 25))]  # t = 0 .. 24, all 25
        tick = app.main.query_one(TickPanel).region
        h_row = next(line[tick.x : tick.right] for line in lines[tick.y : tick.bottom] if "h(1) " in line)
        expected = [f"{v:+.3f}" for v in app.session.current.h]
        assert h_row.strip("│ ").split()[1:] == expected  # all 8 units, no "+n more"
        await pilot.press("v")  # the training view: the flow panel's columns stay the timeline's (8 cells)
        await pilot.pause()
        lines = screen_text(app).splitlines()
        t_row = next(line for line in lines if line.startswith("│ t "))
        assert "24" not in t_row.split() and "[1]" in t_row


# ---- the layout arithmetic ---------------------------------------------------------------------


def box(name: str, rows: int, cols: int, *, vector: bool = False) -> Box:
    """A heatmap with the app's sizes: a 4-cell label, 7-cell numbers, 3-cell compact cells, a
    round border (2 x 2) and one header row; wide enough for its title."""
    return Box(
        name=name,
        full_width=max(4 + 7 * cols, 18),
        compact_width=max(4 + 3 * cols, 18),
        rows=rows,
        cols=cols,
        label_width=4,
        cell_width=7,
        compact_cell_width=3,
        header=1,
        gutter_width=2,
        gutter_height=2,
        can_compact=not vector,
    )


def network(i: int, h: int, o: int) -> list[Box]:
    return [box("W_xh", h, i), box("W_hh", h, h), box("b_h", h, 1, vector=True), box("W_hy", o, h)] + [
        box("b_y", o, 1, vector=True)
    ]


def test_everything_fits_at_its_natural_size_with_numbers() -> None:
    layout = choose(network(1, 1, 1), "W_hy", 100, 20)
    assert not any(layout.compact.values())
    assert layout.lines == [[0, 1, 2, 3, 4]] and layout.heights == [4]
    assert layout.focus_cells == 1


def test_a_matrix_too_wide_for_numbers_draws_compact_and_the_focus_gets_the_height() -> None:
    # letters at 100x30: 96 x 7 of panel; W_hh's numbers need 4 + 140 + 2 = 146 cells
    layout = choose(network(6, 20, 6), "W_hh", 96, 7)
    assert layout.compact["W_hh"] and not layout.compact["b_h"]
    line = next(n for n, line in enumerate(layout.lines) if 1 in line)
    assert layout.heights[line] == 7  # the panel scrolls anyway: W_hh's line fills the view
    assert layout.focus_cells == 4 * 20  # 7 - border 2 - header 1 = 4 rows, all 20 columns


def test_the_focus_line_is_served_before_the_others_share_the_rest() -> None:
    # echo at 96 wide: three lines; W_hh's wants 11, b_h's (with W_hy) 11, b_y's 4; 19 rows: the
    # others keep their least (4 each) and W_hh's line its natural 11
    boxes = network(1, 8, 1)
    layout = choose(boxes, "W_hh", 96, 19)
    assert len(layout.lines) == 3
    first = next(n for n, line in enumerate(layout.lines) if 1 in line)
    others = sum(h for n, h in enumerate(layout.heights) if n != first)
    assert layout.heights[first] == 11  # its natural height: all 8 rows
    assert sum(layout.heights) <= 19 and others == 8


def test_compact_everywhere_only_when_it_shows_clearly_more_of_the_focus() -> None:
    # letters at 200x60: numbers fit the width (4 + 140 + 2) but not the 20 rows
    numbers = choose(network(6, 20, 6), "W_hh", 198, 40)
    assert not numbers.compact["W_hh"]  # everything fits its natural height: numbers
    assert numbers.focus_cells == 400


@settings(max_examples=60, deadline=None)
@given(
    i=st.integers(1, 30),
    h=st.integers(1, 160),
    o=st.integers(1, 30),
    width=st.integers(20, 240),
    height=st.integers(3, 60),
    focus=st.sampled_from(["W_hh", "W_hy", "W_xh"]),
)
def test_any_network_lays_out_within_the_width_with_the_focus_served_first(
    i: int, h: int, o: int, width: int, height: int, focus: str
) -> None:
    boxes = network(i, h, o)
    layout = choose(boxes, focus, width, height)
    assert sorted(index for line in layout.lines for index in line) == list(range(5))  # in order, once each
    assert [index for line in layout.lines for index in line] == list(range(5))
    for line in layout.lines:
        assert sum(layout.widths[index] for index in line) <= width or len(line) == 1
    least = [max(boxes[index].least_height() for index in line) for line in layout.lines]
    assert all(got >= need for got, need in zip(layout.heights, least, strict=True))
    if sum(least) <= height:
        assert sum(layout.heights) <= height  # no line below the fold when the least heights fit
    first = next(n for n, line in enumerate(layout.lines) if any(boxes[k].name == focus for k in line))
    natural = max(boxes[k].natural_height() for k in layout.lines[first])
    others = sum(least) - least[first]
    assert layout.heights[first] >= min(natural, max(height - others, least[first]))


# ---- compact cells -----------------------------------------------------------------------------


def test_a_compact_cell_is_the_sign_and_the_colour_step_in_eighths_rounded_up() -> None:
    values = np.array([[0.5, -0.1, 0.0, 1.0], [-1.0, 0.126, np.nan, np.inf]])
    signs, steps = levels(values, scale=1.0)
    cells = [
        compact_text(float(v), int(s), int(k)) for v, s, k in zip(values.flat, signs.flat, steps.flat, strict=True)
    ]
    # 0.5 -> 4/8; 0.1 -> 0.8 eighths, up to 1; 0.126 -> 1.008 eighths, up to 2; inf and nan are not steps
    assert cells == ["+4", "-1", " 0", "+8", "-8", "+2", " ?", "+!"]


def test_the_lesson_weight_is_w_hh_unless_training_freezes_it() -> None:
    assert lesson_weight(frozenset()) == "W_hh"
    assert lesson_weight(frozenset({"W_xh", "W_hh", "b_h", "b_y"})) == "W_hy"  # seed
    assert lesson_weight(frozenset(PARAMS)) == "W_hh"  # nothing trains: the memory still


async def test_a_focused_heatmap_comes_into_view_from_its_title_down() -> None:
    app = app_for("letters")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("right")
        await pilot.pause()
        heatmap(app, "W_xh").focus()  # the panel scrolls up to W_xh's line ...
        await pilot.pause()
        await pilot.pause()
        assert grid(app, "W_xh")[1].keys() == {0}
        heatmap(app, "W_hh").focus()  # ... and back down to W_hh's, not just to its first row
        await pilot.pause()
        await pilot.pause()
        assert_shows(app, "W_hh", least_rows=4)
