"""Undo for training: exact snapshots, bounded depth."""

from __future__ import annotations

import numpy as np
import pytest

from srn_tui.engine import PARAM_NAMES, TrainConfig, init_model
from srn_tui.lessons import get_scenario
from srn_tui.live import ContinuousTrainer, UndoStack


def identical(a, b) -> bool:
    return all(np.array_equal(a[n], b[n]) and a[n].dtype == b[n].dtype for n in PARAM_NAMES)


def test_undo_restores_weights_from_before_training_bit_for_bit():
    lesson = get_scenario("seed")
    model = init_model(1, 4, 1, seed=7)  # irrational-looking floats, so a rounded copy would show
    stack = UndoStack()
    stack.push(model.params)
    original = {n: v.copy() for n, v in model.params.items()}
    trained = ContinuousTrainer(model, lesson.sequences(), TrainConfig(lr=0.05, epochs=20), plateau=None).run()
    assert not identical(trained.params, original)
    restored = stack.undo()
    assert identical(restored, original)
    restored["W_hh"][0, 0] = 123.0  # a fresh writable copy


def test_snapshots_are_copies():
    params = {n: np.arange(3, dtype=np.float64) + i for i, n in enumerate(PARAM_NAMES)}
    stack = UndoStack()
    stack.push(params)
    params["W_xh"][0] = -1.0
    assert stack.undo()["W_xh"][0] == 0.0


def test_depth_is_bounded_and_oldest_dropped():
    stack = UndoStack(depth=20)
    for i in range(25):
        stack.push({"W_hy": np.array([float(i)])})
    assert len(stack) == 20
    popped = [float(stack.undo()["W_hy"][0]) for _ in range(20)]
    assert popped == [float(i) for i in range(24, 4, -1)]
    assert stack.undo() is None and not stack.can_undo


def test_depth_must_be_positive():
    with pytest.raises(ValueError, match="at least 1"):
        UndoStack(depth=0)
