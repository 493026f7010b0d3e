"""A guided tour in projector mode (Pilot at 60x20, what a projector's zoom leaves): the caption in
its own panel, the large digits, the timeline and one focal panel following each step's spotlight;
the clicker keys step the tour; F5 carries a tour into the projector and back; `--projector` reaches
the app from the command line. Numbers are checked against the article's recurrence computed here."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import numpy as np
import pytest
from shared import run
from textual.widgets import Digits

from srn_tui.narration.wrap import wrap_cells
from srn_tui.text import numbers
from srn_tui.text.labels import label
from srn_tui.text.screens import screen_label
from srn_tui.tours import builtin_tour
from srn_tui.tours.format import open_lesson
from srn_tui.ui.app import SrnApp
from srn_tui.ui.screens.main import MainScreen
from srn_tui.ui.screens.projector import FOCAL, ProjectorScreen
from srn_tui.ui.widgets.tour_caption import WORDS, TourCaption
from srn_tui.ui.widgets.weights_text import weights_text

SIZE = (60, 20)
CLICKER = ("pagedown", "space", "right", "down")  # what presentation clickers send for "next"


def article_h() -> list[float]:
    """h(0..5) of the article's example, computed here: h(t) = tanh(0.5 x(t) + 0.1 h(t-1))."""
    h = [0.0]
    for x in (1, 2, 3, 4, 5):
        h.append(float(np.tanh(0.5 * x + 0.1 * h[-1])))
    return h


def tour_app(name: str, lang: str = "en", projector: bool = True) -> SrnApp:
    tour = builtin_tour(name)
    return SrnApp(open_lesson(tour.steps[0].lesson), lang, tour=tour, projector=projector)


def lines_of(app: SrnApp) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


def caption_region(app: SrnApp):
    return app.screen.query_one("#pj-caption", TourCaption).region


def outside_caption(app: SrnApp) -> str:
    """The projector's screen without its caption panel (a caption quoting a number must not pass
    its own expect line)."""
    lines, region = lines_of(app), caption_region(app)
    return "\n".join(lines[: region.y] + lines[region.y + region.height :])


async def settle(app: SrnApp, pilot) -> None:
    await pilot.pause()
    await app.tour.settled()
    await pilot.pause()
    await pilot.pause()  # the focal panel refits after the caption's layout


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_the_seed_tour_reads_in_projector_mode_at_60x20(lang: str) -> None:
    tour = builtin_tour("seed")
    app = tour_app("seed", lang)
    h = article_h()
    async with app.run_test(size=SIZE) as pilot:
        for index, step in enumerate(tour.steps):
            if index:
                await pilot.press(CLICKER[index % len(CLICKER)])
            await settle(app, pilot)
            screen = app.screen
            assert isinstance(screen, ProjectorScreen) and screen.touring, index + 1
            assert app.tour.index == index
            shown = outside_caption(app)
            for line in app.tour.expect_lines():
                assert line in shown, f"step {index + 1} ({lang}): {line!r} not on the projector"
            # the whole caption is in its panel (nothing cut), the step count in its border
            region = caption_region(app)
            assert region.y + region.height <= SIZE[1]
            panel = "\n".join(lines_of(app)[region.y : region.y + region.height])
            assert WORDS[lang]["step"].format(i=index + 1, n=len(tour.steps)) in panel
            for line in wrap_cells(app.tour.caption_text(), region.width - 2):
                assert line.strip() in panel, f"step {index + 1} ({lang}): caption line {line!r} cut"
            # the focal panel follows the spotlight; the large digits are this tick's h(t)
            assert screen.focal == FOCAL[step.spotlight]
            t = app.session.cursor
            assert screen.query_one("#pj-h", Digits).value == (f"{h[t]:.3f}" if t else "-")
        # step 7 spotlighted W_hy: it heads the weights panel with its value, trained, in words
        # (6 / h(5): the output weight that makes y(5) hit the target)
        w_hy = 6 / h[5]
        assert app.session.model.params["W_hy"][0, 0] == pytest.approx(w_hy, abs=1e-3)


async def test_the_training_and_weights_steps_show_their_numbers_in_the_focal_panel() -> None:
    app = tour_app("seed")
    h = article_h()
    async with app.run_test(size=SIZE) as pilot:
        app.tour.go(5)  # step 6: train only W_hy, the training status in the focal panel
        await settle(app, pilot)
        focal = app.screen.query_one("#pj-focal")
        assert focal.border_title == label("en", "title_training")
        status = app.main.training.status.content.plain  # the main screen's status panel, one owner
        text = outside_caption(app)
        assert f"epoch {app.session.epoch}" in status and status.splitlines()[1].strip() in text
        heading = str(app.screen.query_one("#pj-timeline").border_title)  # the epoch, as the main header says it
        assert heading.startswith("projector   seed   epoch ") and heading.endswith("t = 5 / 5")
        assert label("en", "header_epoch", epoch=app.session.epoch) in heading
        await pilot.press("pagedown")  # step 7: the weights, W_hy first
        await settle(app, pilot)
        assert focal.border_title == label("en", "title_weights")
        rows = [line.strip() for line in lines_of(app)[focal.region.y + 1 : focal.region.y + focal.region.height]]
        assert rows[0] == f"W_hy = {6 / h[5]:+.3f}   {screen_label('en', 'projector_trains')}"
        assert rows[1] == f"W_xh = +0.500   {screen_label('en', 'projector_frozen')}"
        assert "tour-spot" in focal.classes  # the spotlighted panel, as on the main screen


async def test_on_a_taller_screen_the_training_step_shows_the_loss_curve_too() -> None:
    for size, shown in ((SIZE, False), ((100, 30), True)):
        app = tour_app("seed")
        async with app.run_test(size=size) as pilot:
            app.tour.go(5)
            await settle(app, pilot)
            curve = app.screen.query_one("#pj-loss")
            assert curve.display is shown, size
            if shown:  # the main screen's curve, the same history: its title says the same loss
                assert curve.border_title == app.main.training.loss.border_title
                assert curve.region.y + curve.region.height <= caption_region(app).y
                np.testing.assert_array_equal(curve.losses, app.main.training.loss.losses)


async def test_a_training_step_shows_the_run_going_on_the_projector(monkeypatch) -> None:
    """temporal-xor's step 4 trains 300 epochs of Adam (a few tenths of a second at least): the
    projector's training panel is redrawn while the run goes, not only when it has ended."""
    monkeypatch.setattr("srn_tui.ui.tour_player.PROJECTOR_EVERY", 1)
    seen: list[str] = []
    app = tour_app("temporal-xor")
    async with app.run_test(size=SIZE) as pilot:
        app.tour.go(2)
        await settle(app, pilot)
        screen = app.screen
        original = screen.show

        def show() -> None:
            original()
            seen.append(screen.query_one("#pj-focal").content.plain)

        monkeypatch.setattr(screen, "show", show)
        await pilot.press("pagedown")
        await settle(app, pilot)
        # ended: the run's end sentence (the lesson's claim follows it in the status, in place of its epoch line)
        assert app.session.epoch == 300 and "after 300 epochs" in seen[-1]
        ran = [int(m.group(1)) for text in seen for m in re.finditer(r"this run (\d+) / 300", text)]
        assert any(0 < n < 300 for n in ran), ran  # drawn mid-run


async def test_f5_carries_a_tour_into_the_projector_and_escape_leaves_the_tour_there() -> None:
    app = tour_app("seed", projector=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("pagedown", "pagedown")  # step 3, tick 3, on the main screen
        await settle(app, pilot)
        await pilot.press("f5")
        await settle(app, pilot)
        assert isinstance(app.screen, ProjectorScreen) and app.screen.touring
        assert "h(3) = tanh(1.578) = 0.918" in outside_caption(app)
        assert WORDS["en"]["step"].format(i=3, n=8) in "\n".join(lines_of(app))
        await pilot.press("pagedown")  # the clicker steps the tour here, not the tick
        await settle(app, pilot)
        assert app.tour.index == 3 and app.session.cursor == 3
        assert "0.100*0.780" in outside_caption(app)
        await pilot.press("f5")  # back to the main screen: the tour goes on there
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and app.main.query(TourCaption)
        await pilot.press("pagedown")
        await settle(app, pilot)
        assert app.tour.index == 4 and app.session.cursor == 5
        await pilot.press("f5", "escape")  # Escape in the projector leaves the tour, not the projector
        await pilot.pause()
        assert isinstance(app.screen, ProjectorScreen) and not app.screen.touring and not app.tour.active
        assert screen_label("en", "projector_keys") in "\n".join(lines_of(app))
        await pilot.press("pageup")  # now PgUp steps the tick again
        await pilot.pause()
        assert app.session.cursor == 4 and app.screen.query_one("#pj-h", Digits).value == f"{article_h()[4]:.3f}"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and not app.main.query(TourCaption)


async def test_a_language_switch_reaches_the_projectors_caption_and_panels() -> None:
    app = tour_app("seed")
    async with app.run_test(size=SIZE) as pilot:
        app.tour.go(6)  # step 7: the weights
        await settle(app, pilot)
        app.set_lang("zh")
        await settle(app, pilot)
        text = "\n".join(lines_of(app))
        assert WORDS["zh"]["step"].format(i=7, n=8) in text and label("zh", "title_weights") in text
        assert f"W_hy = {6 / article_h()[5]:+.3f}   {screen_label('zh', 'projector_trains')}" in text
        assert screen_label("zh", "projector_title") in text  # the heading, in the timeline's border
        assert app.tour.caption_text("zh").split("：")[0] in text


async def test_the_flow_steps_wrap_the_reading_so_the_verdict_stays_on_a_60_column_projector() -> None:
    app = tour_app("vanishing")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("pagedown")
        await settle(app, pilot)
        assert app.screen.focal == "flow" and app.screen.query_one("#pj-flow").display
        shown = outside_caption(app)
        for line in app.tour.expect_lines():  # "vanishing" (the verdict) and h(5)'s 0.0022
            assert line in shown
        reading = app.main.training.flow.reading  # the main screen's flow panel says the same
        assert reading.endswith("vanishing") and reading.split()[-1] in shown


def test_weights_text_puts_the_spotlight_first_and_says_trains_or_frozen_in_words() -> None:
    params = {
        "W_xh": np.array([[0.5]]),
        "W_hh": np.array([[0.1, -2.25], [np.nan, np.inf]]),
        "b_h": np.zeros(2),
        "W_hy": np.arange(20.0).reshape(1, 20) / 7,
        "b_y": np.array([-0.0004]),
    }
    for lang in ("en", "zh"):
        lines = weights_text(params, ("W_hy",), "W_hy", lang).plain.splitlines()
        trains, frozen = screen_label(lang, "projector_trains"), screen_label(lang, "projector_frozen")
        assert lines[0] == f"W_hy  1x20  {trains}"
        cells = lines[1].split()
        assert cells[0] == "0" and cells[-2:] == ["...", "+8"]  # 12 columns shown, 8 more said
        np.testing.assert_allclose([float(c) for c in cells[1:-2]], params["W_hy"][0, :12], atol=5e-4)
        assert lines[2] == f"W_xh = +0.500   {frozen}"
        assert lines[3] == f"W_hh  2x2  {frozen}"
        assert lines[4].split() == ["0", "+0.100", "-2.250"] and lines[5].split() == ["1", "nan", "+inf"]
        assert lines[-1] == f"b_y  = {numbers.cell(-0.0004)}   {frozen}"


@pytest.mark.parametrize("position", ["before", "after"])
def test_projector_flag_reaches_the_tour_in_the_app(capsys, monkeypatch, position: str) -> None:
    seen = {}

    def fake_run_app(lesson, lang, startup, tour, projector=False):
        seen.update(lesson=lesson.name, tour=tour.name, projector=projector)
        return 0

    monkeypatch.setattr("srn_tui.ui.run_app", fake_run_app)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    argv = ["--projector", "tour", "seed"] if position == "before" else ["tour", "seed", "--projector"]
    code, _, err = run(capsys, *argv)
    assert code == 0, err
    assert seen == {"lesson": "seed", "tour": "seed", "projector": True}
    run(capsys, "tour", "seed")
    assert seen["projector"] is False


def test_record_in_projector_mode_writes_60x20_svgs_with_the_trained_weight(capsys, tmp_path: Path) -> None:
    folder = tmp_path / "projector"
    code, out, err = run(capsys, "tour", "seed", "--record", str(folder), "--projector")
    assert code == 0, err
    files = sorted(folder.glob("*.svg"))
    assert len(files) == len(builtin_tour("seed").steps)
    step7 = files[6].read_text()
    assert "6.067" in step7 and "trains" in step7 and "projector" in step7
