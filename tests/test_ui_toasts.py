"""Where the app's toasts land (Textual's, bottom right): never over the loss chart, the training
status (where a run's end and the lesson's claim are told) or the narration, at 80x24, 100x30 and
200x60, in the step view and the training view, in English and Chinese; none over a dialog's verdict.

The toasts are the app's own: raised by its keys where that is cheap (speed, nothing to undo, a
file that cannot be loaded, the language switch) and otherwise the app's own sentences with the
longest values they take (a lesson's title, a path under pytest's tmp_path, a divergence's advice),
shown through the app's notify as its code shows them."""

from __future__ import annotations

import pytest
from loads import finish_loading
from shared import app_for
from textual.geometry import Region
from textual.widgets._toast import Toast

from srn_tui.lessons import SCENARIOS, get_scenario
from srn_tui.narration import narrate_training
from srn_tui.text.divergence import divergence_message
from srn_tui.text.labels import label
from srn_tui.text.messages import message as words
from srn_tui.ui.loading import model_request
from srn_tui.ui.screens.grad_check import GradCheckScreen

PROTECTED = ("#loss", "#train-status", "#narration")


def longest_title(lang: str) -> tuple[str, str]:
    lessons = [get_scenario(name) for name in SCENARIOS]
    about = max(((s.name, s.about(lang).title) for s in lessons), key=lambda pair: len(pair[0] + pair[1]))
    return about


def sentences(lang: str, tmp: str) -> list[tuple[str, str, str]]:
    """(message, title, view) of every toast the app words itself; view: where it can appear
    ("steps": only with the training view off, "any")."""
    name, title = longest_title(lang)
    path = f"{tmp}/srn-tui-{name}-trace.markdown"
    sep = " " if lang == "en" else ""
    stalled = narrate_training("stalled", lang, epoch=1000, loss="140.6", patience=50, best="90.12", best_epoch=7)
    diverged = divergence_message(137, "nan_loss", lang, 1e5, None)
    finished = narrate_training("finished", lang, epoch=1000, loss="90.38")
    return [
        (words(lang, "running_first"), "", "any"),
        (words(lang, "stop_first", press="u"), "", "any"),
        (narrate_training("undo", lang, epoch=1000), "", "any"),
        (words(lang, "reinitialised", how=words(lang, "lesson_initializer"), seed=123456), "", "any"),
        (words(lang, "checking"), "", "any"),
        (words(lang, "loaded_lesson", name=name, title=title), "", "any"),
        (words(lang, "exported_trace", path=path), "", "any"),
        (words(lang, "exported_loss", n=100000, path=path), "", "any"),
        (words(lang, "training_failed", error="MemoryError: out of memory"), "", "any"),
        (label(lang, "load_cancelled", what=path, lesson=name), "", "any"),
        (stalled + sep + words(lang, "claim_in_view"), "", "steps"),
        (finished + sep + words(lang, "claim_in_view"), "", "steps"),
        (diverged, words(lang, "diverged_title"), "steps"),
    ]


def covered(app) -> list[tuple[str, str, Region]]:
    """(toast text, protected widget, its region) for every toast over a protected widget shown."""
    shown = {}
    for selector in PROTECTED:
        widget = app.main.query_one(selector)
        region = widget.region
        if region.area and all(node.display for node in widget.ancestors_with_self if hasattr(node, "display")):
            shown[selector] = region
    return [
        (str(toast.render()), selector, region)
        for toast in app.screen.query(Toast)
        for selector, region in shown.items()
        if toast.region.overlaps(region)
    ]


async def shown_alone(app, pilot, text: str, title: str = "", severity: str = "information") -> list:
    app.clear_notifications()
    await pilot.pause()
    app.notify(text, title=title, severity=severity, timeout=30)  # type: ignore[arg-type]
    await pilot.pause(0.05)
    assert app.screen.query(Toast), text  # it is on the screen
    return covered(app)


# 80x24 (the tightest: five rows of weights under the training view) in both languages by default;
# the roomier sizes (each ~6 s on a busy 2-core machine) with `pytest -m slow`.
CASES = [
    pytest.param((80, 24), "en", id="80x24-en"),
    pytest.param((80, 24), "zh", id="80x24-zh"),
    pytest.param((100, 30), "en", id="100x30-en"),
    pytest.param((100, 30), "zh", id="100x30-zh", marks=pytest.mark.slow),
    pytest.param((200, 60), "en", id="200x60-en", marks=pytest.mark.slow),
    pytest.param((200, 60), "zh", id="200x60-zh", marks=pytest.mark.slow),
]


@pytest.mark.parametrize(("size", "lang"), CASES)
async def test_no_toast_covers_the_loss_chart_the_training_status_or_the_narration(size, lang, tmp_path) -> None:
    bad = tmp_path / "a model a student wrote by hand.json"
    bad.write_text('{"W_xh": [[0.5]], "W_hh": "not a matrix"}', encoding="utf-8")
    app = app_for("temporal-xor", lang)
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.pause()
        for view in ("steps", "training"):
            if view == "training":
                await pilot.press("v")
                assert app.main.training_view
            # the app's own keys and loads
            app.clear_notifications()
            await pilot.press("plus")  # the speed, not playing
            await pilot.pause(0.05)
            assert app.screen.query(Toast) and not covered(app), (view, "speed")
            app.clear_notifications()
            await pilot.press("u")  # nothing to undo yet
            await pilot.pause(0.05)
            assert app.screen.query(Toast) and not covered(app), (view, "undo")
            app.clear_notifications()
            app.loader.start(model_request(str(bad)))
            await finish_loading(app, pilot)
            await pilot.pause(0.05)
            toasts = [str(toast.render()) for toast in app.screen.query(Toast)]
            assert any(bad.name in " ".join(t.split()) for t in toasts), toasts  # the one-line error
            assert not covered(app), (view, "load error")
            for text, title, where in sentences(lang, str(tmp_path)):
                if where == "any" or where == view:
                    assert not await shown_alone(app, pilot, text, title), (view, text)
        app.clear_notifications()
        app.action_switch_lang()
        await pilot.pause(0.05)
        assert app.screen.query(Toast) and not covered(app)


async def test_the_gradient_check_dialog_opens_without_the_checking_toast_over_its_verdict() -> None:
    app = app_for("seed")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("g")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause(0.05)
        assert isinstance(app.screen, GradCheckScreen)
        verdict = app.screen.query_one("#gradcheck-text").region
        assert not [t for t in app.screen.query(Toast) if t.region.overlaps(verdict)]
        assert not app.screen.query(Toast)  # "checking ..." went when the answer came
