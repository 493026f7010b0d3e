"""Projector mode at 60x20: large digits of this tick's numbers, clicker keys, a high-contrast theme."""

from __future__ import annotations

import pytest
from shared import screen_text
from textual.widgets import Digits

from srn_tui.lessons import Lesson, get_scenario
from srn_tui.ui.app import SrnApp
from srn_tui.ui.screens.main import MainScreen
from srn_tui.ui.screens.projector import PROJECTOR_THEME, ProjectorScreen


def digits(app, name: str) -> str:
    return app.screen.query_one(f"#pj-{name}", Digits).value


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_projector_steps_with_clicker_keys_and_shows_the_numbers_large(lang: str) -> None:
    app = SrnApp(Lesson.from_scenario(get_scenario("seed")), lang, projector=True)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ProjectorScreen) and app.theme == PROJECTOR_THEME.name
        await pilot.press("pagedown", "space", "right")
        await pilot.pause()
        # the article's tick 3: a(3) = 0.5*3 + 0.1*0.780 = 1.578, h(3) = tanh(1.578) = 0.918, y = h
        assert (digits(app, "a"), digits(app, "h"), digits(app, "y")) == ("1.578", "0.918", "0.918")
        text = screen_text(app)
        assert "t = 3 / 5" in text and "h(3) = tanh(1.578) = 0.918" in text
        assert "╭─╮" in text  # Digits draws with box characters: the numbers are large
        await pilot.press("pageup")
        await pilot.pause()
        assert app.session.cursor == 2 and digits(app, "h") == "0.780"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and app.theme != PROJECTOR_THEME.name
        assert "t = 2 / 5" in screen_text(app)  # the main screen stands where the projector left it


async def test_f5_opens_the_projector_from_the_main_screen() -> None:
    app = SrnApp(Lesson.from_scenario(get_scenario("seed")), "en")
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, ProjectorScreen)
        assert digits(app, "h") == "-"  # t = 0: nothing computed
