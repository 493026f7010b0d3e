"""Every size shows what matters (issue 13 §3): read on the rendered screen at 80x24, 100x30, 200x60."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from shared import app_for, screen_text, seed_app, session_for

from srn_tui.engine import forward
from srn_tui.lessons import text_lesson
from srn_tui.ui.app import SrnApp
from srn_tui.ui.widgets.heatmap import Heatmap


def heatmap(app, name: str) -> Heatmap:
    return app.main.query_one(f"#heatmap-{name}", Heatmap)


def visible(app, widget, rows: int) -> bool:
    """At least `rows` rows of `widget` are on screen above the footer."""
    region = widget.region
    footer_top = app.size.height - 1
    return region.height >= rows and region.y + rows <= footer_top


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_80x24_seed_shows_w_hy_and_a_more_cue_on_the_cut_narration(lang: str) -> None:
    app = seed_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right", "right", "right")
        await pilot.pause()
        w_hy = heatmap(app, "W_hy")
        assert visible(app, w_hy, 3)  # title rule, header, the one row: +1.000
        text = screen_text(app)
        rows = text.splitlines()
        assert "+1.000" in rows[w_hy.region.y + 2][w_hy.region.x : w_hy.region.right]
        cue = "(n: more)" if lang == "en" else "按 n 看全文"
        assert cue in text


async def test_80x24_training_view_keeps_w_hy_the_flow_and_status_and_w_shows_the_weights() -> None:
    app = seed_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right", "right", "right", "v")
        await pilot.pause()
        text = screen_text(app)
        assert "h(3) = tanh(1.578) = 0.918" in text  # the equation, in the timeline's title
        assert "L(5)" in text and "epochs trained so far: 0" in text and "loss per epoch" in text
        assert visible(app, heatmap(app, "W_hy"), 3)
        await pilot.press("w")
        await pilot.pause()
        text = screen_text(app)
        assert "L(5)" not in text and "epochs trained" not in text
        assert visible(app, heatmap(app, "b_y"), 3)  # the weights have the whole body


@pytest.mark.parametrize("name", ["echo", "sine", "letters"])
async def test_100x30_w_hh_is_on_screen_beside_w_xh_and_no_cell_is_cut(name: str) -> None:
    app = app_for(name)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("right")
        await pilot.pause()
        w_xh, w_hh = heatmap(app, "W_xh"), heatmap(app, "W_hh")
        assert visible(app, w_hh, 3)  # on screen, not below the fold
        if name != "letters":  # letters' W_hh is 12 columns, 96 cells: it takes a line of its own
            assert w_hh.region.y == w_xh.region.y and w_hh.region.x >= w_xh.region.right
        rows = screen_text(app).splitlines()[w_xh.region.y : w_xh.region.bottom]
        cells = "\n".join(row[w_xh.region.x : w_xh.region.right] for row in rows)
        assert re.search(r"[+-]\d\.\d{3}", cells)  # whole numbers, none cut to "+0."
        assert not re.search(r"[+-]\d\.(?!\d)", cells)


async def test_100x30_training_view_closes_its_borders_and_shows_the_equation() -> None:
    app = seed_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("right", "right", "right", "v")
        await pilot.pause()
        rows = screen_text(app).splitlines()
        for selector in ("#timeline", "#flow", "#train-status", "#loss"):
            region = app.main.query_one(selector).region
            assert rows[region.bottom - 1][region.x] == "╰", selector  # a closed bottom border
        timeline = app.main.query_one("#timeline").region
        assert "h(3) = tanh(1.578) = 0.918" in rows[timeline.bottom - 1]
        await pilot.press("v")
        await pilot.pause()
        assert "h(3) = tanh" not in screen_text(app).splitlines()[timeline.bottom - 1]


async def test_200x60_puts_every_weight_side_by_side() -> None:
    app = app_for("echo")
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.press("right")
        await pilot.pause()
        tops = {heatmap(app, name).region.y for name in ("W_xh", "W_hh", "b_h", "W_hy", "b_y")}
        assert len(tops) == 1
        assert all(visible(app, heatmap(app, name), 4) for name in ("W_xh", "W_hh", "b_h", "W_hy", "b_y"))
        text = screen_text(app)
        # the spare room writes the whole sum of a_0(1) (all 10 terms) and the whole narration
        rec, model = app.session.current, app.session.model
        assert f"= {model.params['W_hh'][0, 7]:.3f}*" in text and "smaller terms" not in text
        assert "(n: more)" not in text
        assert f"a_0(1) = {rec.a[0]:.3f}, the sum of 10 terms" in text


async def test_playing_shows_in_the_header_until_it_stops() -> None:
    app = seed_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space")
        await pilot.pause()
        assert "playing" in screen_text(app).splitlines()[0]
        await pilot.press("space")
        await pilot.pause()
        assert "playing" not in screen_text(app).splitlines()[0]


def test_show_sequence_steps_through_another_sequence_and_keeps_training() -> None:
    session = session_for("echo")
    session.record_epoch(1, 0.5, 0.1)  # as an epoch trained over every sequence records it
    epoch, model = session.epoch, session.model
    assert epoch == 1
    session.go_to(3)
    session.show_sequence(2)
    seq = session.lesson.sequences[2]
    assert session.sequence is seq and session.sequence_index == 2 and session.cursor == 0
    assert session.epoch == epoch and session.model is model  # training untouched
    expected = forward(model, seq)  # the shown trace is this sequence's, computed independently
    session.go_to(5)
    np.testing.assert_allclose(session.current.h, expected.steps[4].h)
    session.show_sequence(-1)  # wraps to the last
    assert session.sequence_index == len(session.lesson.sequences) - 1


async def test_o_steps_a_long_text_beyond_its_first_32_characters(tmp_path: Path) -> None:
    text = tmp_path / "long.txt"
    text.write_text("The cat sat on the mat. The dog sat on the log!!", encoding="utf-8")  # 48 characters
    app = SrnApp(text_lesson(str(text)), "en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "seq 1/2" in screen_text(app).splitlines()[0] and app.session.length == 32
        await pilot.press("o", "end")
        await pilot.pause()
        header = screen_text(app).splitlines()[0]
        # 48 characters make 47 ticks (each predicts the next character): 32, then these 15
        assert "seq 2/2" in header and "t = 15 / 15" in header
        await pilot.press("O")
        await pilot.pause()
        assert "seq 1/2" in screen_text(app).splitlines()[0]


async def test_the_footer_says_what_the_arrows_do_when_a_heatmap_has_focus() -> None:
    app = seed_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("right")
        footer = screen_text(app).splitlines()[-1]
        assert "Next" in footer and "Move cell" not in footer
        heatmap(app, "W_hh").focus()
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "Move cell" in footer and "Next" not in footer
        await pilot.press("l", "right")  # the cell moves; the tick stays
        assert app.session.cursor == 1
        await pilot.press("escape", "right")
        assert app.session.cursor == 2


async def test_the_settings_dialog_marks_trained_and_frozen_not_by_colour_alone() -> None:
    app = seed_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        line = next(row for row in screen_text(app).splitlines() if "▌ W_hy" in row)
        assert "▐X▌ W_hy" in line  # seed trains W_hy only
        for frozen in ("W_xh", "W_hh", "b_h", "b_y", "h0"):
            assert f"▐ ▌ {frozen}" in line
