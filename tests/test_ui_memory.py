"""Symbols on the timeline and the tick panel; the memory view (m): h(t) and y(t) over the ticks."""

from __future__ import annotations

import numpy as np
import pytest
from shared import app_for

from srn_tui.lessons import get_scenario
from srn_tui.ui.widgets.memory import TickHeatmap, hidden_matrix, output_matrix
from srn_tui.ui.widgets.tick_panel import TickPanel
from srn_tui.ui.widgets.timeline import Timeline, input_summary


def row(lines: list[str], name: str) -> list[str]:
    """The cells of the timeline row `name` (8-cell label, 8-cell columns)."""
    line = next(line for line in lines if line[:8].strip() == name)
    return [line[i : i + 8].strip() for i in range(8, len(line), 8)]


def test_a_one_hot_input_counts_from_zero_as_the_equation() -> None:
    assert input_summary(np.array([0.0, 0.0, 1.0, 0.0])) == "#2"  # x_2 in the equation, column 2 of W_xh


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_hello_reads_as_letters_on_the_timeline(size) -> None:
    app = app_for("hello")
    async with app.run_test(size=size) as pilot:
        await pilot.press("right", "right", "right", "right")
        await pilot.pause()
        lines = app.main.query_one(Timeline).render().plain.splitlines()
        s = app.session
        assert row(lines, "x(t)")[1:5] == list("hell")
        assert row(lines, "target")[1:5] == list("ello")
        for t, cell in enumerate(row(lines, "y(t)")[1:5], start=1):
            y = s.record(t).y
            assert cell == f"{'helo'[int(np.argmax(y))]} {float(np.max(y)):.2f}"
        timeline = app.main.query_one(Timeline)
        assert timeline.region.height >= len(lines) - 1  # the target row is on screen (compact: the note goes)
        panel = app.main.query_one(TickPanel).render().plain.splitlines()
        assert panel[0].startswith('x(4)      "l"') and panel[6].startswith('target(4) "o"')


async def test_letters_timeline_names_letters_not_norms() -> None:
    app = app_for("letters")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*["right"] * 6)
        await pilot.pause()
        lines = app.main.query_one(Timeline).render().plain.splitlines()
        seq = app.session.sequence
        letters = get_scenario("letters").symbols
        ticks = [int(c.strip("[]")) for c in row(lines, "t")]
        shown = {t: cell for t, cell in zip(ticks, row(lines, "x(t)"), strict=True) if 1 <= t <= 6}
        assert shown == {t: letters.input(seq.inputs[t - 1]) for t in shown} and len(shown) >= 3
        assert not any("2.000" in cell for cell in row(lines, "x(t)"))


async def test_seed_keeps_its_numbers_and_no_target_row() -> None:
    app = app_for("seed")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right", "right")
        await pilot.pause()
        lines = app.main.query_one(Timeline).render().plain.splitlines()
        assert row(lines, "x(t)")[1:3] == ["+1.000", "+2.000"]
        assert not any(line.startswith("target") for line in lines)


def heatmap_text(heatmap: TickHeatmap) -> list[str]:
    return [heatmap.render_line(y).text for y in range(heatmap.scrollable_content_region.height)]


@pytest.mark.parametrize(("size", "lang"), [((80, 24), "en"), ((100, 30), "zh"), ((200, 60), "en")])
async def test_the_memory_view_shows_h_and_y_by_tick(size, lang) -> None:
    app = app_for("hello", lang)
    async with app.run_test(size=size) as pilot:
        await pilot.press("right", "right", "m")
        await pilot.pause()
        hidden = app.main.query_one("#memory-h", TickHeatmap)
        outputs = app.main.query_one("#memory-y", TickHeatmap)
        assert hidden.display and outputs.display and not app.main.weights_panel.display
        s = app.session
        assert np.array_equal(hidden.values, np.array([r.h for r in s.trace.steps]).T)
        lines = heatmap_text(hidden)
        assert lines[1].split()[:4] == ["t", "1", "[2]", "3"]  # the current tick marked
        assert lines[2].split()[:3] == ["x", "h", "e"]  # the input symbol over each tick reached
        h0 = lines[3].split()
        assert h0[0] == "h0" and h0[1:3] == [f"{s.record(1).h[0]:+.3f}", f"{s.record(2).h[0]:+.3f}"]
        assert len(h0) == 3  # ticks 3 and 4 are not reached yet: blank
        y = heatmap_text(outputs)
        target_row = next(line for line in y if line.split()[:2] == ["tgt1", "e"]).split()
        assert target_row[2] == "+1.000"  # the target of tick 1 is "e", unit 1
        assert hidden.region.bottom <= outputs.region.y and outputs.region.height >= 4
        await pilot.press("right")
        await pilot.pause()
        assert hidden.highlight_col == 2 and len(heatmap_text(hidden)[3].split()) == 4
        await pilot.press("m")
        await pilot.pause()
        assert not app.main.memory_view.display and app.main.weights_panel.display


async def test_the_memory_view_follows_the_cursor_over_a_long_sequence() -> None:
    app = app_for("echo-20")  # 60 ticks, 8 units
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m", "end")
        await pilot.pause()
        hidden = app.main.query_one("#memory-h", TickHeatmap)
        T = app.session.length
        assert hidden.values.shape == (8, T)
        assert f"[{T}]" in heatmap_text(hidden)[1]  # scrolled to the last tick
        await pilot.press("home", "right")
        await pilot.pause()
        assert "[1]" in heatmap_text(hidden)[1]


def test_the_matrices_are_the_trace_by_unit_and_tick() -> None:
    from srn_tui.engine import forward

    scenario = get_scenario("seed")
    trace = forward(scenario.model(), scenario.sequences()[0])
    assert hidden_matrix(trace).round(3).tolist() == [[0.462, 0.78, 0.918, 0.97, 0.989]]
    values, missing = output_matrix(trace)
    assert values[1].tolist() == [0, 0, 0, 0, 6.0] and missing[1].tolist() == [True] * 4 + [False]
    assert not missing[0].any()


async def test_stepping_back_and_forth_redraws_exactly_what_a_fresh_draw_shows() -> None:
    """A step forgets only the cells it changes: after any walk the lines equal a full redraw's."""
    app = app_for("letters")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("m", *["right"] * 5, "left", "left", "right", *["right"] * 3, "left")
        await pilot.pause()
        hidden = app.main.query_one("#memory-h", TickHeatmap)
        walked = heatmap_text(hidden)
        hidden._invalidate()
        assert heatmap_text(hidden) == walked
        assert hidden.revealed == 7 and hidden.highlight_col == 5


async def test_the_memory_view_follows_training() -> None:
    app = app_for("hello")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("m", "right", "right", "t")
        for _ in range(100):
            await pilot.pause(0.05)
            if app.session.epoch >= 1:
                break
        await pilot.pause(0.4)  # the bounded refresh catches up
        hidden = app.main.query_one("#memory-h", TickHeatmap)
        assert app.session.epoch >= 1
        assert np.array_equal(hidden.values, np.array([r.h for r in app.session.trace.steps]).T)
