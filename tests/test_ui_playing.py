"""Play shows that it is playing, on the smallest screen too: with a long header (a trained lesson
of many sequences at 80x24) the sequence and the epoch give way while it plays, never the play."""

from __future__ import annotations

from dataclasses import replace

import pytest
from shared import app_for, screen_text

PLAYING = {"en": "> playing 0.8 s/tick", "zh": "> 播放中 0.8 秒/步"}


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_playing_shows_on_the_header_line_at_80x24_with_a_long_header(lang) -> None:
    app = app_for("temporal-xor", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        app.session.set_training(replace(app.session.training, epochs=3))
        await pilot.press("T")
        await app.workers.wait_for_complete()
        await pilot.press("o", "o")  # sequence 3 of 32
        await pilot.pause()
        before = screen_text(app).splitlines()[0]
        assert "3/32" in before and "3" in before and "t = 0 / 35" in before
        await pilot.press("space")
        await pilot.pause()
        line = screen_text(app).splitlines()[0]
        assert PLAYING[lang] in line and "t = 0 / 35" in line and "temporal-xor" in line
        await pilot.press("space")  # paused: the sequence and the epoch are back
        await pilot.pause()
        line = screen_text(app).splitlines()[0]
        assert "playing" not in line and "播放中" not in line and "3/32" in line


async def test_a_short_header_keeps_everything_while_playing() -> None:
    app = app_for("seed")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t", "x", "space")  # one epoch (finished at once), then play
        await pilot.pause()
        line = screen_text(app).splitlines()[0]
        assert "seed   epoch 1   t = " in line and PLAYING["en"] in line
