"""The help screen fits the terminal, and n shows the whole narration of this tick."""

from __future__ import annotations

import unicodedata

import pytest

from srn_tui.lesson import Lesson
from srn_tui.scenarios import get_scenario
from srn_tui.ui.app import SrnApp
from srn_tui.ui.screens.help import SECTIONS, help_text
from srn_tui.ui.screens.narration_view import NarrationScreen


def cells(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


@pytest.mark.parametrize("width", [40, 74, 90])
def test_help_lines_fit_and_every_key_is_listed(width):
    text = help_text(width)
    assert max(cells(line) for line in text.splitlines()) <= width
    for _, entries in SECTIONS:
        for key, _ in entries:
            assert any(line.startswith(f"  {key} ") for line in text.splitlines()), key


@pytest.mark.parametrize("lang, word", [("en", "tanh"), ("zh", "隐藏层")])
async def test_n_shows_the_whole_narration_and_the_lesson(lang, word):
    app = SrnApp(Lesson.from_scenario(get_scenario("seed")), lang)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(5):
            await pilot.press("right")
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NarrationScreen)
        page = "\n".join(str(w.render()) for w in app.screen.query("Static"))
        assert "t = 5 / 5" in page and "6.067" in page and word in page
        assert "About this lesson" in page
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.main and app.session.cursor == 5
