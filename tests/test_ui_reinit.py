"""The settings dialog's re-initialise: the lesson's own draw for a seed by default (as `srn-tui train
--seed` does), an engine initializer on request; the dialog and the toast say which seed was used."""

from __future__ import annotations

import numpy as np
from shared import Toasts, app_for
from textual.widgets import Select

from srn_tui.engine import PARAM_NAMES, Model, reinitialize
from srn_tui.lessons import temporal_xor as txor
from srn_tui.ui.app import SrnApp
from srn_tui.ui.screens.training_settings import LESSON_OWN, TrainingSettingsScreen

SIZE = (100, 30)


def weights_are(app: SrnApp, model: Model) -> bool:
    return all(np.array_equal(app.session.model.params[n], model.params[n]) for n in PARAM_NAMES)


async def open_settings(app: SrnApp, pilot) -> TrainingSettingsScreen:
    await pilot.press("s")
    screen = app.screen
    assert isinstance(screen, TrainingSettingsScreen)
    return screen


async def reinit(app: SrnApp, pilot, initializer: str, seed: str) -> None:
    screen = await open_settings(app, pilot)
    screen.query_one("#initializer", Select).value = initializer
    screen.query_one("#seed").value = seed
    screen.query_one("#reinit").press()
    await pilot.pause()
    assert app.screen is app.main, str(screen.query_one("#settings-error").render())


async def test_reinitialise_redraws_the_lessons_own_weights_for_the_seed_and_says_which(toasts: Toasts) -> None:
    app = app_for("temporal-xor")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_settings(app, pilot)
        assert screen.query_one("#initializer", Select).value == LESSON_OWN  # the lesson's own by default
        assert screen.query_one("#seed").value == "0"
        assert "the lesson's own draw, seed 0" in str(screen.query_one("#settings-drawn").render())
        await pilot.press("escape")

        await reinit(app, pilot, LESSON_OWN, "5")
        assert weights_are(app, txor.build_model(seed=5))
        assert not weights_are(app, txor.build_model(seed=0))
        assert "the lesson's own initializer, seed 5" in toasts.text
        screen = await open_settings(app, pilot)  # the dialog shows the seed the weights were drawn with
        assert screen.query_one("#seed").value == "5"
        assert "the lesson's own draw, seed 5" in str(screen.query_one("#settings-drawn").render())
        await pilot.press("escape")

        await reinit(app, pilot, LESSON_OWN, "5")  # the same seed again: the same weights
        assert weights_are(app, txor.build_model(seed=5))
        await pilot.press("u")
        await pilot.press("u")
        assert weights_are(app, txor.build_model(seed=0)) and app.session.drawn_with == (None, 0)


async def test_reinitialise_with_an_engine_initializer_keeps_working(toasts: Toasts) -> None:
    app = app_for("temporal-xor-paper")
    async with app.run_test(size=SIZE) as pilot:
        await reinit(app, pilot, LESSON_OWN, "4")
        own = txor.build_paper_model(seed=4)
        assert weights_are(app, own)
        np.testing.assert_array_equal(app.session.model.params["h0"], [0.5, 0.5])  # the lesson's context
        await reinit(app, pilot, "orthogonal", "3")
        assert weights_are(app, reinitialize(own, "orthogonal", 3))
        assert "orthogonal, seed 3" in toasts.text
        screen = await open_settings(app, pilot)
        assert screen.query_one("#initializer", Select).value == "orthogonal"
        assert "orthogonal, seed 3" in str(screen.query_one("#settings-drawn").render())


async def test_the_seed_lesson_offers_no_own_draw_and_says_its_weights_are_given() -> None:
    app = app_for("seed")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_settings(app, pilot)
        select = screen.query_one("#initializer", Select)
        assert select.value == "xavier"
        assert LESSON_OWN not in [value for _, value in select._options]
        assert "not a random draw" in str(screen.query_one("#settings-drawn").render())
        screen.query_one("#seed").value = "x"
        screen.query_one("#reinit").press()
        await pilot.pause()
        assert app.screen is screen and "seed" in str(screen.query_one("#settings-error").render())
