"""The state-space screen (p / d): what it draws is the analysis of the shown network, it follows the
cursor and the weights (at a bounded rate, in a worker), and it reads in English and Chinese at 80x24
and 100x30."""

from __future__ import annotations

import asyncio
import time

import numpy as np
import pytest
from shared import app_for

from srn_tui.analysis import analyze, symbol_decoder
from srn_tui.engine import Model
from srn_tui.lessons import get_scenario
from srn_tui.text.state_space import explained_line, word
from srn_tui.ui.screens import state_space
from srn_tui.ui.screens.state_space import StateSpaceScreen
from srn_tui.ui.widgets.state_space import DendrogramView, TrajectoryView


async def until(pilot, condition, seconds: float = 20.0) -> None:
    """Let the app run until `condition()` holds (the worker runs in a thread)."""
    end = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < end, "timed out"
        await pilot.pause(0.05)


def plain(widget) -> list[str]:
    return widget.render().plain.splitlines()


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_trajectory_is_the_shown_networks_projection(size, lang):
    app = app_for("letters", lang)
    async with app.run_test(size=size) as pilot:
        for _ in range(5):
            await pilot.press("right")
        await pilot.press("p")
        screen = app.screen
        assert isinstance(screen, StateSpaceScreen)
        await until(pilot, lambda: screen.result is not None)
        await pilot.pause()
        s = app.session
        expected = analyze(s.model, s.training_sequences, symbol_decoder(s.lesson))
        lines = plain(screen.query_one(TrajectoryView))
        assert lines[0] == explained_line(expected, lang)
        rows = [line for line in lines if line.startswith("|")]
        assert len(rows) >= 10  # the plot fits
        letter = get_scenario("letters").symbols.input(s.record(5).x)
        assert lines[-1].startswith(f"t = 5：{letter}" if lang == "zh" else f"t = 5: {letter}")
        assert screen.query_one("#ss-trajectory").border_title == word(lang, "title_trajectory")
        # every label is in the legend, in letters mode each cloud cell is one of the labels
        legend = {line.rstrip()[-1] for line in rows if line.rstrip()[-1] in "abdgiu"}
        assert legend == set("abdgiu")
        assert len(lines) <= screen.query_one(TrajectoryView).size.height


async def test_stepping_here_moves_the_mark_and_the_main_screen_follows():
    app = app_for("letters")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        screen = app.screen
        await until(pilot, lambda: screen.result is not None)
        await pilot.pause()
        assert plain(screen.query_one(TrajectoryView))[-1] == word("en", "no_tick")
        await pilot.press("right", "right")
        line = plain(screen.query_one(TrajectoryView))[-1]
        rec = app.session.record(2)
        assert line.startswith(f"t = 2: {get_scenario('letters').symbols.input(rec.x)}")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.main and app.session.cursor == 2
        assert "t = 2 / " in app.sub_title  # the main screen synced on return


async def test_dendrogram_lists_every_label_and_marks_the_current_one():
    app = app_for("letters", "zh")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("right", "d")
        screen = app.screen
        await until(pilot, lambda: screen.result is not None)
        await pilot.pause()
        view = screen.query_one(DendrogramView)
        lines = plain(view)
        assert sorted(line[0] for line in lines[:6]) == list("abdgiu")
        assert lines[6].startswith(word("zh", "distance"))
        content = view.render()
        marked = [content.plain[sp.start : sp.end].strip() for sp in content.spans if getattr(sp.style, "reverse", 0)]
        assert marked == [get_scenario("letters").symbols.input(app.session.record(1).x)]


async def test_one_label_and_h1_are_said_not_drawn_wrong():
    app = app_for("seed")  # H = 1, labels 1..5
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        screen = app.screen
        await until(pilot, lambda: screen.result is not None)
        await pilot.pause()
        assert plain(screen.query_one(TrajectoryView))[0].startswith("H = 1: one hidden unit")


async def test_weights_changing_recompute_at_a_bounded_rate(monkeypatch):
    monkeypatch.setattr(state_space, "MIN_INTERVAL", 0.6)
    app = app_for("letters")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        screen = app.screen
        await until(pilot, lambda: screen.result is not None)
        starts = []
        original = screen._start
        monkeypatch.setattr(screen, "_start", lambda v: (starts.append(time.monotonic()), original(v)))
        first = screen.result
        s = app.session
        for k in range(12):  # a weight changes every 0.1 s for 1.2 s, as training would
            s.set_weight("W_hh", 0, 0, 0.1 * k)
            await asyncio.sleep(0.1)
        await until(pilot, lambda: screen._computed_for == s.model_version)
        assert screen.result is not first
        assert 1 <= len(starts) <= 3  # not 12: at most one per 0.6 s
        assert all(b - a >= 0.6 for a, b in zip(starts, starts[1:], strict=False))
        await pilot.pause()
        expected = analyze(s.model, s.training_sequences, symbol_decoder(s.lesson))
        assert plain(screen.query_one(TrajectoryView))[0] == explained_line(expected, "en")


async def test_palette_offers_both_views():
    app = app_for("hello")
    async with app.run_test(size=(100, 30)):
        from srn_tui.ui.commands import LessonCommands

        names = [name for name, _, _ in LessonCommands(app.screen).commands()]
        assert any(name.startswith("State space: trajectory") for name in names)
        assert any(name.startswith("State space: dendrogram") for name in names)


async def test_an_overflowing_network_is_said_in_one_line():
    """identity units with huge weights: h(1) = 1e200 * x, h(2) = 1e150 * 1e200 = inf."""
    app = app_for("letters")
    async with app.run_test(size=(80, 24)) as pilot:
        s = app.session
        m = s.model
        wild = Model(
            {
                "W_xh": np.full_like(m.params["W_xh"], 1e200),
                "W_hh": np.full_like(m.params["W_hh"], 1e150),
                "b_h": m.params["b_h"],
                "W_hy": m.params["W_hy"],
                "b_y": m.params["b_y"],
            },
            hidden_activation="identity",
            output_activation=m.output_activation,
        )
        s.replace_model(wild, "wild.json")
        await pilot.press("p")
        screen = app.screen
        await until(pilot, lambda: screen._computed_for == s.model_version)
        await pilot.pause()
        text = screen.query_one(TrajectoryView).render().plain
        assert text == "a hidden state is not finite (sequence 0, t = 2): nothing to project"
        assert screen.result is None


async def test_m_switches_letters_and_braille_even_before_the_first_result():
    app = app_for("letters")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p", "m")  # the worker may not have answered yet: nothing to toggle from but the default
        screen = app.screen
        await until(pilot, lambda: screen.result is not None)
        await pilot.pause()

        def cloud() -> set[str]:
            rows = [line[1:-14] for line in plain(screen.query_one(TrajectoryView)) if line.startswith("|")]
            return {c for row in rows for c in row} - {" "}

        assert all(0x2800 <= ord(c) <= 0x28FF for c in cloud())  # braille dots after one m
        await pilot.press("m")
        assert set("abdgiu") <= cloud()  # letters again
