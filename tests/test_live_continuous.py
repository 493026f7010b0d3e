"""Continuous training: budgets, plateau, divergence, user stop, bounded reporting, flat memory."""

from __future__ import annotations

import dataclasses
import itertools

import numpy as np
import pytest

from srn_tui.engine import PARAM_NAMES, WEIGHT_NAMES, DataSequence, Model, TrainConfig, forward, train
from srn_tui.lessons import get_scenario
from srn_tui.live import ContinuousTrainer, PlateauRule, ProgressReport, StopReason


def seed_parts(**changes):
    lesson = get_scenario("seed")
    return lesson.model(), lesson.sequences(), dataclasses.replace(lesson.training, **changes)


def test_budget_run_equals_engine_train_and_learns_six():
    model, seqs, config = seed_parts()
    live = ContinuousTrainer(model, seqs, config, plateau=None)
    final = live.run()
    assert final.done and final.reason is StopReason.BUDGET and final.epochs_this_run == 400
    reference = train(model, seqs, config).model.params
    for name in PARAM_NAMES:
        assert np.array_equal(final.params[name], reference[name]), name
    assert final.params["W_hy"][0, 0] == pytest.approx(6.067, abs=5e-4)
    assert forward(live.model, seqs[0]).steps[-1].y[0] == pytest.approx(6.0, abs=1e-6)
    assert model.params["W_hy"][0, 0] == 1.0  # the caller's model is untouched


def test_run_continues_where_it_stopped():
    model, seqs, config = seed_parts()
    live = ContinuousTrainer(model, seqs, config, plateau=None)
    live.run(epochs=150)
    final = live.run(epochs=250)
    assert final.epoch == 400 and final.epochs_this_run == 250
    assert np.array_equal(final.params["W_hy"], train(model, seqs, config).model.params["W_hy"])


def test_plateau_stops_when_the_loss_stops_falling():
    model, seqs, config = seed_parts(freeze=frozenset(WEIGHT_NAMES))  # nothing can change: flat loss
    final = ContinuousTrainer(model, seqs, config, plateau=PlateauRule(patience=7)).run(epochs=1000)
    assert final.reason is StopReason.PLATEAU and final.epochs_this_run == 8  # 1 sets the best, 7 without gain
    assert "stopped falling" in final.message and final.best_epoch == 1
    assert not final.stalled  # flat at its best: converged, in a manner of speaking


def test_seed_plateau_ends_a_long_run_near_six():
    model, seqs, config = seed_parts()
    final = ContinuousTrainer(model, seqs, config).run(epochs=100_000)
    assert final.reason is StopReason.PLATEAU and final.epochs_this_run < 1000
    assert final.best_loss < 1e-11 and not final.stalled
    assert final.params["W_hy"][0, 0] == pytest.approx(6.067, abs=5e-4)


def test_a_plateau_far_above_the_best_loss_is_stalled_not_converged():
    """Adam with lr 1e5 on temporal-xor: the first step saturates every unit, the loss jumps up and
    then cannot move (no gradient gets through), so the plateau rule stops well above the best."""
    lesson = get_scenario("temporal-xor")
    config = dataclasses.replace(lesson.training, lr=1e5)
    final = ContinuousTrainer(lesson.model(), lesson.sequences(), config).run(epochs=1000)
    assert final.reason is StopReason.PLATEAU and final.best_epoch == 1
    assert final.loss > 1.5 * final.best_loss and final.stalled
    assert all(np.all(np.isfinite(v)) for v in final.params.values())


def test_plateau_rule():
    rule = PlateauRule(patience=3, rel_tol=1e-6, abs_tol=1e-12)
    assert rule.improves(0.999998, 1.0) and not rule.improves(0.9999995, 1.0)
    assert rule.improves(1.0, float("inf"))
    assert not rule.improves(5e-13, 1e-12)  # a tiny absolute gain is no gain


def test_divergence_keeps_the_last_finite_weights():
    model, seqs, config = seed_parts(lr=1e6)
    final = ContinuousTrainer(model, seqs, config).run(epochs=1000)
    # By hand: W <- W - lr (W h - 6) h, until the loss 0.5 (W h - 6)^2 overflows.
    h = float(forward(model, seqs[0]).steps[-1].h[0])
    w, epoch = 1.0, 1
    with np.errstate(over="ignore"):
        while np.isfinite(0.5 * np.float64(w * h - 6.0) ** 2):
            w, epoch = w - 1e6 * (w * h - 6.0) * h, epoch + 1
    assert final.reason is StopReason.DIVERGED and final.epoch == epoch
    assert all(np.all(np.isfinite(final.params[n])) for n in PARAM_NAMES)
    assert final.params["W_hy"][0, 0] == pytest.approx(w, rel=1e-9)
    assert final.message.startswith(f"training diverged at epoch {epoch}: the loss became Inf")
    assert final.cause == "the loss became Inf"  # for re-telling it in another language
    assert "lower learning rate" in final.message and "clipping" in final.message
    assert len(final.history) == epoch - 1 and np.all(np.isfinite(final.history.losses))


def test_should_stop_after_n_calls_stops_within_n_epochs():
    model, seqs, config = seed_parts()
    calls = itertools.count(1)
    final = ContinuousTrainer(model, seqs, config).run(epochs=10_000, should_stop=lambda: next(calls) >= 5)
    assert final.reason is StopReason.USER and final.epochs_this_run <= 5
    assert final.epochs_this_run == 4  # checked before every epoch


def test_request_stop_from_the_progress_callback():
    model, seqs, config = seed_parts()
    holder: list[ContinuousTrainer] = []
    reports: list[ProgressReport] = []

    def on_progress(report: ProgressReport) -> None:
        reports.append(report)
        if report.epoch >= 3:
            holder[0].request_stop()

    holder.append(ContinuousTrainer(model, seqs, config, on_progress=on_progress, report_interval=0.0))
    final = holder[0].run(epochs=10_000)
    assert final.reason is StopReason.USER and final.epochs_this_run == 3
    assert [r.epoch for r in reports] == [1, 2, 3, 3] and reports[-1] is final


def test_reports_are_rate_limited_and_the_final_one_always_arrives():
    model, seqs, config = seed_parts()
    ticks = itertools.count()
    reports: list[ProgressReport] = []
    live = ContinuousTrainer(
        model, seqs, config, on_progress=reports.append, clock=lambda: next(ticks) * 0.01, plateau=None
    )
    final = live.run(epochs=300)  # the fake clock moves 10 ms per reading: about 3 s in all
    assert reports[-1] is final and final.done and not any(r.done for r in reports[:-1])
    intermediate = reports[:-1]
    assert 30 <= len(intermediate) <= 3.02 / (1 / 15) + 1
    times_between = np.diff([r.epoch for r in intermediate])
    assert np.all(times_between >= 6)  # >= 1/15 s apart at 10 ms per epoch
    assert intermediate[0].epoch == 1


def test_report_params_are_frozen_snapshots():
    model, seqs, config = seed_parts()
    reports: list[ProgressReport] = []
    live = ContinuousTrainer(model, seqs, config, on_progress=reports.append, report_interval=0.0, plateau=None)
    live.run(epochs=5)
    first = reports[0].params["W_hy"].copy()
    live.run(epochs=5)
    assert np.array_equal(reports[0].params["W_hy"], first) and reports[0].params["W_hy"][0, 0] != 1.0
    assert reports[0].params["W_hy"][0, 0] != reports[-1].params["W_hy"][0, 0]
    with pytest.raises(ValueError):
        reports[0].params["W_hy"][0, 0] = 0.0
    assert len(reports[0].history) == 1 and len(reports[-1].history) == 10


def test_history_memory_stays_flat_over_20000_epochs():
    model = Model({"W_xh": [[0.1]], "W_hh": [[0.0]], "b_h": [0.0], "W_hy": [[0.5]], "b_y": [0.0]})
    seqs = [DataSequence.from_lists([1.0], [[1.0]])]
    live = ContinuousTrainer(model, seqs, TrainConfig(lr=1e-6, epochs=20_000), plateau=None)
    final = live.run()
    history = final.history
    assert final.epoch == 20_000
    assert len(history) <= 2000 + 1000 and len(live.history) == len(history)
    assert history.epochs[0] == 1 and history.epochs[-1] == 20_000
    assert list(history.epochs[-2000:]) == list(range(18_001, 20_001))  # recent epochs kept exactly
    assert np.all(np.diff(history.epochs) > 0)
