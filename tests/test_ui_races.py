"""Keys typed faster than a screen closes must never crash the app or pop the main screen."""

from __future__ import annotations

import pytest
from keys import send_keys
from loads import finish_loading
from shared import app_for, seed_app
from textual.app import App
from textual.widgets import OptionList, Select

from srn_tui.ui.screens.main import MainScreen


@pytest.mark.parametrize(
    "keys",
    [
        ["s", "tab", "enter", "escape"],  # settings: Apply, then Escape before it closed
        ["question_mark", "escape", "escape", "escape"],  # help closed twice
        ["ctrl+p", "x", "y", "z", "pagedown", "pageup"],  # palette paged before its list was laid out
        ["ctrl+p", "enter", "enter"],  # palette: a double Enter
        ["g", "escape", "enter", "escape"],  # gradient check closed twice
    ],
)
async def test_fast_key_bursts_keep_the_main_screen(keys: list[str]) -> None:
    app = seed_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        send_keys(app, keys)  # all at once, as a fast typist or a key repeat would
        await pilot.pause(0.5)
        for _ in range(3):  # close whatever dialog the burst left open
            if app.screen is app.main or len(app.screen_stack) < 2:
                break
            await pilot.press("escape")
            await pilot.pause(0.1)
        assert app._exception is None
        assert isinstance(app.screen_stack[1], MainScreen)
        await pilot.press("right")
        await pilot.pause()
        assert app.session.cursor == 1


async def test_an_animated_epoch_is_dropped_when_the_lesson_changes_under_it() -> None:
    """t on letters (6 inputs), then a lesson switch from the palette, then any key: the old
    epoch's weights must not be applied to the new lesson (they have other shapes)."""
    app = app_for("letters")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        assert app.main.animating
        app.open_lesson("seed")
        await finish_loading(app, pilot)
        assert not app.main.animating  # the switch dropped the epoch
        seed_weights = {k: v.copy() for k, v in app.session.model.params.items()}
        await pilot.press("x")  # "any key finishes the epoch"
        await pilot.pause(0.3)
        assert app._exception is None
        assert not app.main.animating
        for name, value in seed_weights.items():
            assert (app.session.model.params[name] == value).all(), name


async def test_paging_an_option_list_before_it_is_drawn_is_ignored() -> None:
    """Textual 8.2.8 raises KeyError here (a Select drop-down or the palette paged in the same burst
    of keys that opened it); srn_tui.ui.textual_fixes makes the key do nothing instead."""
    import srn_tui.ui.app  # noqa: F401  (applies the guards)

    class Lists(App):
        def compose(self):
            hidden = OptionList("a", "b", "c")
            hidden.display = False  # never drawn, like a list opened and paged in one burst
            yield hidden

    app = Lists()
    async with app.run_test() as pilot:
        option_list = app.query_one(OptionList)
        option_list.action_page_down()
        option_list.action_page_up()
        await pilot.pause()
        assert app._exception is None


async def test_settings_drop_down_paged_in_a_burst_keeps_the_app_alive() -> None:
    app = app_for("letters")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        select = app.screen.query_one(Select)
        select.focus()
        await pilot.pause()
        send_keys(app, ["enter", "pageup", "pagedown", "pageup", "escape", "escape"])
        await pilot.pause(0.5)
        assert app._exception is None
