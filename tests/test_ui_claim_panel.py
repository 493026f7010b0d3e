"""The lesson's claim after a run: told by the training status panel, the verdict first in words,
with the numbers measured on the weights just trained (checked here against an independent
computation, on weights the lesson does not start from), for as long as those weights are shown,
at 80x24, 100x30 and 200x60, in English and Chinese; cut with a cue where the panel is too small,
and whole on the n page."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from shared import app_for

from srn_tui.lessons import get_scenario
from srn_tui.ui.screens.narration_view import NarrationScreen
from srn_tui.ui.widgets.training_status import TrainingStatus

SIZES = [(80, 24), (100, 30), (200, 60)]
HEAD = {
    "en": {True: "The lesson's claim holds: ", False: "The lesson's claim does not hold here"},
    "zh": {True: "本课的结论成立：", False: "对这组权重，本课的结论不成立"},
}
CUE = {"en": "(n: more)", "zh": "按 n 看全文"}


def flat(text: str) -> str:
    """Without the line breaks the panel wraps at (and any other white space)."""
    return "".join(text.split())


def status_of(app) -> str:
    return app.main.query_one(TrainingStatus).render().plain  # type: ignore[union-attr]


async def run_to_the_end(app, pilot) -> None:
    await pilot.press("T")
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert not app.main.running and app.session.epoch > 0


def seed_claim_by_hand(params: dict[str, np.ndarray]) -> tuple[float, float]:
    """W_hy and the article's scale 6 / h(5), h(t) = tanh(W_xh x(t) + W_hh h(t-1) + b_h) for x = 1..5."""
    w_xh, w_hh, b_h = (float(params[n].ravel()[0]) for n in ("W_xh", "W_hh", "b_h"))
    h = float(params["h0"].ravel()[0])
    for x in (1.0, 2.0, 3.0, 4.0, 5.0):
        h = np.tanh(w_xh * x + w_hh * h + b_h)
    return float(params["W_hy"].ravel()[0]), 6.0 / h


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
async def test_the_claim_is_told_in_the_status_panel_with_the_trained_numbers(size, lang, toasts) -> None:
    app = app_for("seed", lang)
    async with app.run_test(size=size) as pilot:
        app.session.reinitialize("xavier", 11)  # not the article's weights: another h(5), another scale
        await run_to_the_end(app, pilot)
        w_hy, scale = seed_claim_by_hand(app.session.model.params)
        assert abs(scale - 6.067) > 0.05  # the claim is measured on these weights, not quoted
        holds = abs(w_hy - scale) <= 0.01
        status = flat(status_of(app))
        assert flat(HEAD[lang][holds]) in status
        assert f"W_hy={w_hy:.3f}" in status and f"6/h(5)={scale:.3f}" in status
        assert CUE[lang].replace(" ", "") not in status  # the seed's claim fits whole at every size
        assert not any(f"{w_hy:.3f}" in m for m in toasts.messages)  # no toast over the weights


async def test_the_claim_stays_while_its_weights_are_shown_and_goes_with_them(toasts) -> None:
    app = app_for("seed")
    async with app.run_test(size=(100, 30)) as pilot:
        await run_to_the_end(app, pilot)
        told = "The lesson's claim holds: W_hy = 6.067"
        assert told in " ".join(status_of(app).split())
        await pilot.press("right", "right", "v", "v")  # stepping and the views leave the weights alone
        assert app.main.training_view and told in " ".join(status_of(app).split())
        await pilot.press("n")  # the n page tells it too, whole, under the epoch it was measured at
        assert isinstance(app.screen, NarrationScreen)
        page = " ".join(str(app.screen.query_one("Static").render()).split())
        assert f"After training, epoch {app.session.epoch}: {told}" in page
        await pilot.press("escape")
        app.set_lang("zh")  # re-told in the other language, not measured again
        await pilot.pause()
        assert "本课的结论成立：W_hy=6.067" in flat(status_of(app))
        app.set_lang("en")
        await pilot.press("u")  # the weights before the run: the claim was not about them
        await pilot.pause()
        assert "claim" not in status_of(app) and app.main.standing_claim() is None
        app.session.set_training(replace(app.session.training, epochs=10**9))
        app.main.stop_on_plateau = False
        await pilot.press("T")  # a new run: nothing is claimed while it runs, then its own claim
        await pilot.pause(0.2)
        assert app.main.running and "claim" not in status_of(app)
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Training stopped at epoch" in status_of(app) and "The lesson's claim" in status_of(app)
        assert not any("6.067" in m for m in toasts.messages)


async def test_a_claim_that_does_not_hold_says_so_first_and_points_to_the_rest(toasts) -> None:
    """temporal-xor re-drawn with another seed and trained 20 epochs: its claim fails, the panel at
    80x24 says so before the numbers, cuts the rest with a cue, and n shows it whole."""
    app = app_for("temporal-xor")
    async with app.run_test(size=(80, 24)) as pilot:
        s = app.session
        s.reinitialize(None, 7)
        s.set_training(replace(s.training, epochs=20))
        await run_to_the_end(app, pilot)
        claim = get_scenario("temporal-xor").check_claim(s.model)  # measured here again, on the same weights
        assert claim.holds is False and not claim.values["pred"] < 0.5 * (claim.values["a"] + claim.values["b"])
        lines = status_of(app).splitlines()
        assert len(lines) <= app.main.query_one(TrainingStatus).content_size.height
        status = " ".join(" ".join(lines).split())
        assert "Training finished after 20 epochs" in status
        assert status.index(HEAD["en"][False]) < status.index(f"{claim.values['pred']:.3f}")
        assert lines[-1].endswith(CUE["en"])
        await pilot.press("n")
        page = " ".join(str(app.screen.query_one("Static").render()).split())
        for value in ("pred", "a", "b", "chance"):
            assert f"{claim.values[value]:.3f}" in page, value
        assert HEAD["en"][False] in page
        assert not toasts.messages
