"""Gradient check: BPTT against central finite differences."""

from __future__ import annotations

import numpy as np
import pytest

import srn_tui.live.gradcheck as gradcheck_module
from srn_tui.engine import PARAM_NAMES, Backward, DataSequence, Model, bptt, forward, init_model
from srn_tui.lessons import get_scenario
from srn_tui.live import gradient_check
from srn_tui.ui.screens.grad_check import check_text


def random_softmax(seed: int) -> tuple[Model, DataSequence]:
    rng = np.random.default_rng(seed)
    model = init_model(3, 5, 2, method="xavier", seed=seed, output_activation="softmax")
    params = dict(model.params)
    params["h0"] = rng.normal(0, 0.3, 5)
    params["b_h"] = rng.normal(0, 0.3, 5)
    targets = [np.eye(2)[rng.integers(2)] if rng.random() < 0.6 else None for _ in range(11)] + [[1.0, 0.0]]
    return model.with_params(params), DataSequence.from_lists(rng.normal(size=(12, 3)), targets)


def test_seed_lesson_passes_below_1e_6():
    lesson = get_scenario("seed")
    result = gradient_check(lesson.model(), lesson.sequences()[0])
    assert result.max_rel_error < 1e-6 and result.passed()
    assert [p.name for p in result.params] == list(PARAM_NAMES)
    by_name = {p.name: p for p in result.params}
    # W_hy's gradient is -4.96 and far above the finite-difference floor: a truly relative check.
    assert by_name["W_hy"].below_floor == 0 and by_name["W_hy"].analytic == pytest.approx(-4.9557, abs=1e-4)
    # h0's gradient (3e-9) is below what central differences resolve: excluded and counted, not compared.
    assert by_name["h0"].below_floor == 1 and by_name["h0"].worst_index is None and by_name["h0"].compared == 0
    assert by_name["h0"].tiny_max_abs_error < 1e-6 * result.floor
    assert result.loss == pytest.approx(12.555, abs=1e-3)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_random_3_5_2_softmax_passes(seed):
    model, seq = random_softmax(seed)
    result = gradient_check(model, seq)
    assert result.max_rel_error < 1e-6
    assert all(p.checked == p.total for p in result.params)  # small enough to check every entry


def test_a_wrong_gradient_is_caught(monkeypatch):
    real_bptt = gradcheck_module.bptt

    def off_by_a_thousandth(trace, truncate=None):
        b = real_bptt(trace, truncate)
        return Backward(b.steps, {n: g * 1.001 for n, g in b.grads.items()}, b.truncate)

    monkeypatch.setattr(gradcheck_module, "bptt", off_by_a_thousandth)
    model, seq = random_softmax(0)
    result = gradient_check(model, seq)
    assert not result.passed()
    assert result.max_rel_error == pytest.approx(1e-3, rel=0.05)


def test_large_parameters_are_sampled_with_a_seed():
    rng = np.random.default_rng(5)
    model = init_model(6, 20, 6, seed=5, output_activation="softmax")
    seq = DataSequence.from_lists(np.eye(6)[rng.integers(6, size=30)], list(np.eye(6)[rng.integers(6, size=30)]))
    first = gradient_check(model, seq, max_entries=10, seed=3)
    again = gradient_check(model, seq, max_entries=10, seed=3)
    w_hh = {p.name: p for p in first.params}["W_hh"]
    assert (w_hh.checked, w_hh.total) == (10, 400)
    assert first == again
    assert first.max_rel_error < 1e-6
    assert {p.name: p.checked for p in first.params}["b_y"] == 6


def test_the_model_is_left_unchanged():
    model, seq = random_softmax(1)
    before = {n: v.copy() for n, v in model.params.items()}
    gradient_check(model, seq)
    assert all(np.array_equal(model.params[n], before[n]) for n in PARAM_NAMES)


def central_differences(model: Model, seq: DataSequence, eps: float = 1e-6) -> dict[str, np.ndarray]:
    """The numeric gradient of every parameter, computed here from forward passes only."""
    grads = {}
    for name in PARAM_NAMES:
        grads[name] = np.zeros_like(model.params[name])
        for index in np.ndindex(model.params[name].shape):
            losses = []
            for step in (eps, -eps):
                params = {n: v.copy() for n, v in model.params.items()}
                params[name][index] += step
                losses.append(forward(model.with_params(params), seq).loss)
            grads[name][index] = (losses[0] - losses[1]) / (2 * eps)
    return grads


def test_the_worst_entry_shown_is_the_worst_compared_one_never_an_excluded_tiny_one():
    lesson = get_scenario("seed")
    model, seq = lesson.model(), lesson.sequences()[0]
    result = gradient_check(model, seq)
    numeric = central_differences(model, seq)
    analytic = bptt(forward(model, seq)).grads
    compared, tiny = {}, {}
    for name in PARAM_NAMES:
        for index in np.ndindex(model.params[name].shape):
            a, n = float(analytic[name][index]), float(numeric[name][index])
            if max(abs(a), abs(n)) < result.floor:
                tiny[name, index] = abs(a - n)
            else:
                compared[name, index] = abs(a - n) / max(abs(a), abs(n))
    assert list(tiny) == [("h0", (0,))]
    # measured relative to the floor, the tiny h0 entry would be the worst of all: it must not be shown
    assert tiny["h0", (0,)] / result.floor > max(compared.values())
    worst_name, worst_index = max(compared, key=compared.get)
    assert result.max_rel_error == pytest.approx(compared[worst_name, worst_index], rel=1e-3)
    shown = {p.name: p for p in result.params}[worst_name]
    assert shown.worst_index == worst_index and shown.max_rel_error == result.max_rel_error
    assert result.below_floor == 1 and result.tiny_max_abs_error == pytest.approx(tiny["h0", (0,)], rel=1e-3)
    text = check_text(result).plain
    h0_row = next(line for line in text.splitlines() if line.startswith("h0 "))
    assert "e-" not in h0_row and "(+1 tiny)" in h0_row  # dashes: no compared entry to show
    assert f"max relative error {result.max_rel_error:.2e} over 5 compared: gradients agree" in text
    assert "1 tiny entry not compared" in text and "under the limit" in text


def _bptt_with(change):
    real_bptt = gradcheck_module.bptt

    def changed(trace, truncate=None):
        b = real_bptt(trace, truncate)
        grads = {n: g.copy() for n, g in b.grads.items()}
        change(grads)
        return Backward(b.steps, grads, b.truncate)

    return changed


@pytest.mark.parametrize("where", [("W_hy", (0, 0)), ("h0", (0,)), ("W_xh", (1, 2))])
def test_a_nan_anywhere_fails_the_check(monkeypatch, where):
    name, index = where

    def put_nan(grads):
        grads[name][index] = np.nan

    monkeypatch.setattr(gradcheck_module, "bptt", _bptt_with(put_nan))
    model, seq = random_softmax(0)
    result = gradient_check(model, seq)
    assert not result.passed() and np.isnan(result.max_rel_error)
    bad = {p.name: p for p in result.params}[name]
    assert np.isnan(bad.max_rel_error) and bad.worst_index == index
    assert sum(np.isnan(p.max_rel_error) for p in result.params) == 1  # the other parameters are fine
    text = check_text(result).plain
    assert "DISAGREE" in text and "agree (" not in text and "nan" in text


def test_a_nan_in_a_tiny_gradient_is_not_excluded(monkeypatch):
    def put_nan(grads):
        grads["h0"][0] = np.nan  # the seed lesson's h0 gradient is 3e-9, below the floor

    monkeypatch.setattr(gradcheck_module, "bptt", _bptt_with(put_nan))
    lesson = get_scenario("seed")
    result = gradient_check(lesson.model(), lesson.sequences()[0])
    assert not result.passed() and {p.name: p for p in result.params}["h0"].below_floor == 0


def test_a_wrong_tiny_gradient_still_fails_in_absolute_terms(monkeypatch):
    def shift(grads):
        grads["h0"][0] += 1e-3  # still far below the seed lesson's floor (0.028), but wrong by 1e-3

    monkeypatch.setattr(gradcheck_module, "bptt", _bptt_with(shift))
    lesson = get_scenario("seed")
    result = gradient_check(lesson.model(), lesson.sequences()[0])
    assert result.below_floor == 1 and result.max_rel_error < 1e-6  # every compared entry agrees
    assert not result.passed() and result.tiny_max_abs_error == pytest.approx(1e-3, rel=1e-3)
    text = check_text(result).plain
    assert "DISAGREE" in text and "OVER the limit" in text
