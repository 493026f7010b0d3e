"""Pilot tests of live training in the app: t, T, Escape, u, g, divergence, quitting, the widgets."""

from __future__ import annotations

import contextlib
import os
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from shared import Toasts, app_for, seed_app
from textual.app import App, ComposeResult
from textual.widgets import Input
from textual.worker import Worker, WorkerCancelled

from srn_tui.engine import Trainer
from srn_tui.lessons import get_scenario
from srn_tui.live import BackwardFrame, history_csv
from srn_tui.live.one_core import allowed_cpus
from srn_tui.ui.app import SrnApp
from srn_tui.ui.screens.file_dialog import FileDialog
from srn_tui.ui.screens.grad_check import GradCheckScreen
from srn_tui.ui.screens.training_settings import TrainingSettingsScreen, build_config
from srn_tui.ui.training_files import write_loss_history
from srn_tui.ui.widgets.gradient_flow import FlowPicture, GradientFlow
from srn_tui.ui.widgets.loss_curve import LossCurve
from srn_tui.ui.widgets.training_status import TrainingStatus

SIZE = (100, 30)


def params_of(app: SrnApp) -> dict[str, np.ndarray]:
    return {k: v.copy() for k, v in app.session.model.params.items()}


def long_run(app: SrnApp, **changes) -> None:
    """Settings for a run that only stops when asked (or diverges)."""
    app.session.set_training(replace(app.session.training, epochs=10**9, **changes))
    app.main.stop_on_plateau = False


async def finished(worker: Worker) -> None:
    """Wait for a worker to end; a cancelled one (the stop request) ends too."""
    with contextlib.suppress(WorkerCancelled):
        await worker.wait()


async def stop_and_settle(app: SrnApp, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_t_runs_one_epoch_equal_to_one_engine_sgd_step() -> None:
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        s = app.session
        expected = Trainer(s.model.copy(), [s.sequence], s.training)
        expected.run_epoch()
        await pilot.press("t")
        assert app.main.animating and app.main.training_view
        await pilot.press("x")  # any key finishes the epoch
        assert not app.main.animating
        for name, value in expected.model.params.items():
            np.testing.assert_array_equal(s.model.params[name], value, err_msg=name)
        assert s.model.params["W_hy"][0, 0] != 1.0
        assert s.epoch == 1 and len(s.history) == 1
        assert s.history.snapshot().losses[0] == pytest.approx(0.5 * (6 - np.tanh(2.5 + 0.1 * 0.97045)) ** 2, rel=1e-3)


async def test_t_on_a_lesson_with_many_sequences_trains_one_whole_epoch_like_T() -> None:
    """letters: t animates the first of its 16 sequences, and the epoch it records is the engine's
    epoch over all 16 (same weights, same loss), so the loss curve does not jump between t and T."""
    app = app_for("letters")
    async with app.run_test(size=SIZE) as pilot:
        s = app.session
        s.set_training(replace(s.training, epochs=1))  # so that T below trains one epoch
        app.main.stop_on_plateau = False
        expected = Trainer(s.model.copy(), s.training_sequences, s.training)
        result = expected.run_epoch()
        await pilot.press("t")
        await pilot.press("x")
        for name, value in expected.model.params.items():
            np.testing.assert_array_equal(s.model.params[name], value, err_msg=name)
        assert s.epoch == 1 and s.history.snapshot().losses[0] == pytest.approx(result.loss, rel=1e-12)
        result = expected.run_epoch()  # T carries on from there with the same Adam state
        await pilot.press("T")
        await stop_and_settle(app, pilot)
        for name, value in expected.model.params.items():
            np.testing.assert_array_equal(s.model.params[name], value, err_msg=name)
        assert list(s.history.snapshot().losses) == pytest.approx([s.history.snapshot().losses[0], result.loss])


async def test_t_sweeps_backward_from_the_last_tick_to_the_first() -> None:
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        view = app.main.training  # the training view draws each frame the animated epoch plays
        shown: list[tuple[str, int]] = []
        original = view.show_frame

        def spy(frame) -> None:
            shown.append((frame.phase, getattr(frame, "t", 0)))
            original(frame)
            if isinstance(frame, BackwardFrame):  # the flow strip shows the ticks reached so far
                flow = app.main.query_one(GradientFlow)
                assert flow.known_from == frame.t and app.session.cursor == frame.t

        view.show_frame = spy
        app.main.speed = 5  # the fastest play speed: 75 ms a frame
        await pilot.press("t")
        while app.main.animating:
            await pilot.pause(0.05)
        assert shown == [("forward", t) for t in range(1, 6)] + [("backward", t) for t in range(5, 0, -1)] + [
            ("update", 0)
        ]
        assert app.session.epoch == 1


async def test_T_starts_and_stops_and_the_session_shows_the_trained_model() -> None:
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        before = params_of(app)
        long_run(app)
        await pilot.press("T")
        assert app.main.running
        await pilot.pause(0.2)
        await pilot.press("right")  # stepping works while training runs
        assert app.session.cursor == 1
        await pilot.press("T")
        await stop_and_settle(app, pilot)
        controller = app.main  # the screen holds the run and its last report
        assert not controller.running
        report = controller.last_report
        assert report is not None and report.done and report.reason.value == "user"
        assert app.session.epoch == report.epoch > 0
        np.testing.assert_array_equal(app.session.model.params["W_hy"], report.params["W_hy"])
        assert app.session.model.params["W_hy"][0, 0] != before["W_hy"][0, 0]
        np.testing.assert_array_equal(app.session.model.params["W_hh"], before["W_hh"])  # frozen in the lesson


async def test_T_on_the_seed_lesson_brings_y5_to_6() -> None:
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("T")
        await stop_and_settle(app, pilot)
        assert app.session.trace.steps[-1].y[0] == pytest.approx(6.0, abs=0.01)
        assert app.session.model.params["W_hy"][0, 0] == pytest.approx(6.067, abs=0.01)


async def test_escape_stops_training_within_a_bounded_time() -> None:
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        long_run(app)
        await pilot.press("T")
        await pilot.pause(0.1)
        worker = app.main.continuous.worker
        assert worker is not None and worker.is_running
        started = time.monotonic()
        await pilot.press("escape")
        await finished(worker)
        elapsed = time.monotonic() - started
        await pilot.pause()
        assert not app.main.running
        assert elapsed < 1.0, f"stopping took {elapsed:.3f} s"


@pytest.mark.skipif(
    not hasattr(os, "sched_setaffinity") or len(allowed_cpus()) < 2, reason="needs CPU affinity and two CPUs"
)
async def test_while_T_trains_the_ui_thread_shares_one_cpu_with_it_and_gets_all_back_after() -> None:
    app = seed_app()
    cpus = set(allowed_cpus())
    async with app.run_test(size=SIZE) as pilot:  # the app runs in this thread
        assert os.sched_getaffinity(0) == cpus
        long_run(app)
        await pilot.press("T")
        await pilot.pause(0.1)
        pinned = os.sched_getaffinity(0)
        assert len(pinned) == 1 and pinned <= cpus
        await pilot.press("escape")
        await stop_and_settle(app, pilot)
        assert os.sched_getaffinity(0) == cpus


async def test_u_restores_the_exact_weights_several_levels_deep() -> None:
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        original = params_of(app)
        await pilot.press("t", "x")
        after_epoch = params_of(app)
        long_run(app)
        await pilot.press("T")
        await pilot.pause(0.1)
        await pilot.press("T")
        await stop_and_settle(app, pilot)
        assert not np.array_equal(app.session.model.params["W_hy"], after_epoch["W_hy"])
        await pilot.press("u")
        for name, value in after_epoch.items():
            np.testing.assert_array_equal(app.session.model.params[name], value, err_msg=name)
        assert app.session.epoch == 1
        curve = app.main.query_one("#loss", LossCurve)
        assert list(curve.epochs) == [1] and curve.border_title.startswith("loss now")  # the run's epochs are gone
        await pilot.press("u")
        for name, value in original.items():
            np.testing.assert_array_equal(app.session.model.params[name], value, err_msg=name)
        assert app.session.epoch == 0
        assert len(curve.epochs) == 0 and curve.border_title == "loss per epoch: none yet"
        await pilot.press("u")  # nothing left: the weights stay
        for name, value in original.items():
            np.testing.assert_array_equal(app.session.model.params[name], value, err_msg=name)


async def test_a_huge_learning_rate_diverges_with_a_message_and_finite_weights(toasts: Toasts) -> None:
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        long_run(app, lr=1e6)
        await pilot.press("T")
        await stop_and_settle(app, pilot)
        assert not app.main.running
        assert app.main.last_report.reason.value == "diverged"
        for name, value in app.session.model.params.items():
            assert np.all(np.isfinite(value)), name
        # the status panel tells it whole (wrapped), with what to try; no toast over the loss curve
        status = " ".join(app.main.query_one(TrainingStatus).render().plain.split())  # type: ignore[union-attr]
        assert "diverged" in status and "learning rate" in status and "diverged" not in toasts.text


async def test_the_end_of_a_run_is_told_in_the_status_panel_not_in_a_toast_over_the_loss_curve(toasts: Toasts) -> None:
    app = seed_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("T")
        await stop_and_settle(app, pilot)
        status = app.main.query_one(TrainingStatus).render().plain  # type: ignore[union-attr]
        assert "Converged at epoch" in status and "Converged" not in toasts.text
        assert "The lesson's claim holds: W_hy = 6.067" in " ".join(status.split()) and not toasts.messages
        long_run(app)  # the same with the training view switched off: then a toast says it
        await pilot.press("T")
        await pilot.pause(0.1)
        await pilot.press("v")
        await pilot.press("T")
        await stop_and_settle(app, pilot)
        assert not app.main.training_view and "Training stopped at epoch" in toasts.text


async def test_a_run_that_stalls_above_its_best_loss_is_not_called_converged(toasts: Toasts) -> None:
    """Adam with lr 1e5 saturates temporal-xor's units: the loss jumps up and stays there."""
    app = app_for("temporal-xor")
    async with app.run_test(size=SIZE) as pilot:
        app.session.set_training(replace(app.session.training, lr=1e5, epochs=1000))
        await pilot.press("T")
        await stop_and_settle(app, pilot)
        # the status panel tells it whole, with what to try, and keeps it (no toast over the loss curve)
        text = " ".join(app.main.query_one(TrainingStatus).render().plain.split())  # type: ignore[union-attr]
        assert "Stopped at epoch" in text and "not improved for 50 epochs" in text and "lower learning rate" in text
        assert "Converged" not in text + toasts.text and "Stopped" not in toasts.text
        flow = app.main.query_one(GradientFlow)  # no gradient reaches the last tick: the reading says why
        assert flow.verdict == "none" and "saturated" in flow.reading


async def test_a_huge_learning_rate_in_an_animated_epoch_is_refused(toasts: Toasts) -> None:
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        s = app.session
        s.set_training(replace(s.training, lr=1e300))
        s.set_weight("W_hy", 0, 0, 1e300)
        await pilot.press("t", "x")
        await pilot.pause()
        # the idle status panel says it above the keys while these weights stay, and no toast hides the loss
        status = app.main.query_one(TrainingStatus)
        assert "diverged" in status.render().plain and "diverged" not in toasts.text  # type: ignore[union-attr]
        for name, value in s.model.params.items():
            assert np.all(np.isfinite(value)), name
        await pilot.press("u")  # back to the weights before: the panel no longer tells it
        assert "diverged" not in status.render().plain  # type: ignore[union-attr]


async def test_g_reports_a_tiny_max_relative_error_on_the_seed() -> None:
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, GradCheckScreen)
        assert screen.check.max_rel_error < 1e-6
        assert {p.name for p in screen.check.params} >= {"W_xh", "W_hh", "W_hy", "b_h", "b_y"}
        text = str(screen.query_one("#gradcheck-text").render())
        assert "agree" in text and "W_hh" in text
        await pilot.press("escape")
        assert not isinstance(app.screen, GradCheckScreen)


async def test_quitting_while_training_exits_promptly() -> None:
    app = seed_app()
    started = None
    async with app.run_test(size=SIZE) as pilot:
        long_run(app)
        await pilot.press("T")
        await pilot.pause(0.1)
        worker = app.main.continuous.worker
        trainer = app.main.continuous.trainer
        started = time.monotonic()
        await pilot.press("q")
    await finished(worker)
    assert time.monotonic() - started < 2.0
    assert not worker.is_running and trainer._stop.is_set()


async def test_settings_dialog_validates_and_applies() -> None:
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        screen = app.screen
        assert isinstance(screen, TrainingSettingsScreen)
        screen.query_one("#lr").value = "-1"
        await pilot.click("#apply")
        assert "learning rate" in str(screen.query_one("#settings-error").render())
        assert app.screen is screen
        screen.query_one("#lr").value = "0.05"
        screen.query_one("#truncate").value = "2"
        screen.query_one("#train-W_hh").value = True
        screen.query_one("#apply").press()  # a click within 0.2 s of the last one is ignored by Button
        await pilot.pause()
        assert app.screen is app.main, str(screen.query_one("#settings-error").render())
        cfg = app.session.training
        assert (cfg.lr, cfg.truncate) == (0.05, 2) and "W_hh" in cfg.trainable and "W_xh" not in cfg.trainable


async def test_settings_reinitialise_is_seeded_and_undoable() -> None:
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        original = params_of(app)
        await pilot.press("s")
        app.screen.query_one("#seed").value = "3"
        await pilot.click("#reinit")
        first = params_of(app)
        assert not np.array_equal(first["W_hh"], original["W_hh"])
        await pilot.press("u")
        np.testing.assert_array_equal(app.session.model.params["W_hh"], original["W_hh"])


def test_build_config_names_the_bad_field() -> None:
    base = get_scenario("seed").training
    good = build_config(base, "adam", "0.01", "20", "", "3", {"W_hy", "h0"})
    assert (good.optimizer, good.lr, good.epochs, good.clip, good.truncate) == ("adam", 0.01, 20, None, 3)
    assert good.trainable == ("W_hy", "h0")
    for fields, word in [
        (("sgd", "abc", "5", "", ""), "learning rate"),
        (("sgd", "0.1", "2.5", "", ""), "epochs"),
        (("sgd", "0.1", "5", "0", ""), "clip"),
        (("sgd", "0.1", "5", "", "0"), "truncate"),
        (("sgd", "inf", "5", "", ""), "learning rate"),
    ]:
        with pytest.raises(ValueError, match=word):
            build_config(base, *fields, {"W_hy"})


async def test_export_loss_history_writes_the_csv(tmp_path: Path) -> None:
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t", "x", "t", "x")
        path = write_loss_history(app.main.loss_history(), tmp_path / "loss.csv")
    lines = path.read_text().splitlines()
    assert lines[0] == "epoch,loss,grad_norm" and [line.split(",")[0] for line in lines[1:]] == ["1", "2"]
    assert float(lines[2].split(",")[1]) < float(lines[1].split(",")[1])


async def test_the_palette_exports_the_loss_history_to_the_chosen_path(tmp_path: Path) -> None:
    app = seed_app()
    target = tmp_path / "chosen.csv"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t", "x", "t", "x", "t", "x")
        await pilot.press("ctrl+p", *"Export loss history as CSV", "enter")
        await pilot.pause()
        assert isinstance(app.screen, FileDialog)
        app.screen.query_one("#dialog-path", Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        expected = history_csv(app.main.loss_history())
    assert target.read_text() == expected and expected.count("\n") == 4  # header + 3 epochs


class WidgetApp(App):
    def compose(self) -> ComposeResult:
        yield LossCurve(id="loss")
        yield GradientFlow(id="flow")


async def test_loss_curve_and_flow_bars_survive_nan_and_inf() -> None:
    app = WidgetApp()
    async with app.run_test(size=(80, 12)) as pilot:
        curve = app.query_one(LossCurve)
        curve.show(np.arange(1, 7), np.array([5.0, np.nan, 1.0, np.inf, 0.0, -np.inf]))
        flow = app.query_one(GradientFlow)
        values = (np.nan, np.inf, 0.0, 1e-3, 2.0)
        flow.show(FlowPicture(5, 2, 5, 1, values, values, values, "title", "not finite", "not finite"))
        await pilot.pause()
        text = curve.render().plain
        assert "nan" not in text.lower() and "inf" not in text.lower()
        assert "█" in text and "3 not finite" in curve.border_title
        flow_text = flow.render().plain
        assert "nan" in flow_text and "inf" in flow_text and "█" in flow_text
        curve.show(np.arange(1, 4), np.array([np.nan, np.nan, np.inf]))  # nothing finite at all
        await pilot.pause()
        assert "diverged" in curve.render().plain


async def test_a_divergence_during_continuous_training_is_told_in_chinese() -> None:
    app = seed_app("zh")
    async with app.run_test(size=SIZE) as pilot:
        long_run(app, lr=1e6)
        await pilot.press("T")
        await stop_and_settle(app, pilot)
        report = app.main.last_report
        assert report.reason.value == "diverged" and report.cause
        told = app.main.narration_text
        assert "training diverged" not in told  # the English sentence is not what a zh user reads
        assert any("\u4e00" <= ch <= "\u9fff" for ch in told) and f"{report.epoch}" in told
