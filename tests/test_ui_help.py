"""The help screen fits the terminal, and n shows the whole narration of this tick."""

from __future__ import annotations

import unicodedata

import pytest
from shared import seed_app

from srn_tui.ui.app import SrnApp
from srn_tui.ui.screens.help import SECTIONS, SECTIONS_ZH, HelpScreen, help_text
from srn_tui.ui.screens.narration_view import NarrationScreen


def cells(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


@pytest.mark.parametrize("width", [40, 74, 90])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_help_lines_fit_and_every_key_is_listed(width, lang):
    text = help_text(width, lang)
    assert max(cells(line) for line in text.splitlines()) <= width
    for _, entries in SECTIONS_ZH if lang == "zh" else SECTIONS:
        for key, _ in entries:
            assert any(line.startswith(f"  {key} ") for line in text.splitlines()), key


def test_the_chinese_help_lists_the_same_keys_and_panels_as_the_english() -> None:
    """The same sections with the same number of lines; the keys' column names the same keys
    ("Right or l" is "Right 或 l"), the panels' column is translated."""
    assert [len(entries) for _, entries in SECTIONS_ZH] == [len(entries) for _, entries in SECTIONS]
    keys_en, keys_zh = SECTIONS[0][1], SECTIONS_ZH[0][1]
    assert [key.replace(" or ", " 或 ") for key, _ in keys_en] == [key for key, _ in keys_zh]


def footer_words(app: SrnApp) -> set[str]:
    """The descriptions the footer shows now."""
    return {key.description for key in app.main.query("FooterKey")}


async def test_help_and_the_footer_follow_the_language() -> None:
    app = seed_app("zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert {"下一步", "上一步", "播放", "训练", "退出", "帮助", "命令面板"} <= footer_words(app)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        page = str(app.screen.query_one("#help-text").render())
        assert "按键" in page and "梯度检查" in page
        await pilot.press("escape")
        app.set_lang("en")
        await pilot.pause()
        assert {"Next", "Prev", "Play", "Train", "Quit", "Help", "palette"} <= footer_words(app)
        app.set_lang("en")  # twice in a row changes nothing
        await pilot.pause()
        assert {"Next", "Quit"} <= footer_words(app)


@pytest.mark.parametrize("lang, word", [("en", "tanh"), ("zh", "隐藏层")])
async def test_n_shows_the_whole_narration_and_the_lesson(lang, word):
    app = seed_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(5):
            await pilot.press("right")
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NarrationScreen)
        page = "\n".join(str(w.render()) for w in app.screen.query("Static"))
        assert "t = 5 / 5" in page and "6.067" in page and word in page
        assert ("About this lesson:" if lang == "en" else "关于这一课：") in page
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.main and app.session.cursor == 5
