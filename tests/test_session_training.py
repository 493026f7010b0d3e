"""Session training state without any UI: settings, undo, showing trained weights, history."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from shared import seed_session, session_for

from srn_tui.engine import Trainer, bptt, forward, init_params
from srn_tui.lessons import Lesson, get_scenario
from srn_tui.session import UNDO_DEPTH, Session


def copy_params(s: Session) -> dict[str, np.ndarray]:
    return {k: v.copy() for k, v in s.model.params.items()}


def test_training_settings_default_to_the_lesson_and_truncation_changes_the_bptt_shown() -> None:
    s = seed_session()
    assert s.training == get_scenario("seed").training
    s.set_training(replace(s.training, truncate=2))
    expected = bptt(forward(s.model, s.sequence), truncate=2)
    np.testing.assert_array_equal(s.backward.grads["W_hh"], expected.grads["W_hh"])
    assert s.backward.steps[2].delta_h[0] == 0.0  # t = 3 gets nothing back across the chunk boundary at t = 4


def test_show_trained_keeps_the_cursor_and_recomputes_the_trace() -> None:
    s = seed_session()
    s.go_to(3)
    trainer = Trainer(s.model, [s.sequence], s.training)
    for _ in range(5):
        trainer.run_epoch()
    s.show_trained(trainer.model.params)
    assert (s.cursor, s.revealed) == (3, 3)
    assert s.trace.steps[-1].y[0] == pytest.approx(
        float(trainer.model.params["W_hy"][0, 0]) * np.tanh(2.5 + 0.1 * 0.97045), rel=1e-3
    )


def test_undo_restores_exact_weights_several_levels_and_the_epoch_count() -> None:
    s = seed_session()
    snapshots = []
    for run in range(3):
        snapshots.append((copy_params(s), s.epoch))
        s.begin_training()
        trainer = Trainer(s.model, [s.sequence], s.training)
        for _ in range(run + 1):
            result = trainer.run_epoch()
            s.record_epoch(s.epoch + 1, result.loss, result.grad_norm)
        s.show_trained(trainer.model.params)
    assert s.epoch == 6 and s.undo_levels == 3
    assert list(s.history.snapshot().epochs) == [1, 2, 3, 4, 5, 6]
    for params, epoch in reversed(snapshots):
        assert s.undo_training() == epoch
        for name, value in params.items():
            np.testing.assert_array_equal(s.model.params[name], value, err_msg=name)
        # the loss curve and its CSV end where the weights now are
        assert list(s.history.snapshot().epochs) == list(range(1, epoch + 1))
    assert s.undo_training() is None


def test_a_run_records_its_end_epoch_and_history_and_leaves_the_session_alone_until_then() -> None:
    s = seed_session()
    s.record_epoch(1, 0.5, 0.1)
    run = s.run_history()
    for epoch in (2, 3, 4):
        run.append(epoch, 0.5 / epoch, 0.1)
    assert s.epoch == 1 and list(s.history.snapshot().epochs) == [1]  # a run does not write the session's own
    s.record_run(4, run)
    assert s.epoch == 4 and list(s.history.snapshot().epochs) == [1, 2, 3, 4]
    with pytest.raises(AttributeError):
        s.epoch = 9  # only the session's recording methods move the epoch count


def test_new_settings_keep_the_optimizers_state_unless_the_optimizer_changes() -> None:
    s = session_for("letters")  # Adam
    adam = s.epoch_optimizer()
    trainer = Trainer(s.model, s.training_sequences, s.training)
    trainer.optimizer = adam
    trainer.run_epoch()
    moments = {k: {n: v.copy() for n, v in state.items()} for k, state in adam.state.items()}
    s.set_training(replace(s.training, epochs=5000, lr=0.003, clip=1.0, truncate=5))
    assert s.epoch_optimizer() is adam and adam.lr == 0.003
    assert all(np.array_equal(adam.state[k][n], v) for k, state in moments.items() for n, v in state.items())
    s.set_training(replace(s.training, optimizer="sgd"))
    fresh = s.epoch_optimizer()
    assert fresh is not adam and fresh.name == "sgd" and fresh.lr == 0.003


def test_undo_keeps_at_most_the_configured_depth() -> None:
    s = seed_session()
    for i in range(UNDO_DEPTH + 5):
        s.begin_training()
        s.set_weight("W_hy", 0, 0, float(i + 2))
    assert s.undo_levels == UNDO_DEPTH
    while s.undo_training() is not None:
        pass
    assert s.model.params["W_hy"][0, 0] == 6.0  # the oldest kept: pushed before value 6 (i = 4) was set


def test_reinitialize_is_seeded_keeps_h0_and_is_undoable() -> None:
    s = seed_session()
    original = copy_params(s)
    s.reinitialize("xavier", 7)
    expected = init_params(1, 1, 1, "xavier", 7)
    np.testing.assert_array_equal(s.model.params["W_hh"], expected["W_hh"])
    np.testing.assert_array_equal(s.model.params["h0"], original["h0"])
    s.undo_training()
    np.testing.assert_array_equal(s.model.params["W_hh"], original["W_hh"])
    with pytest.raises(ValueError, match="initializer"):
        s.reinitialize("bogus", 0)


def test_history_and_optimizer_reset_with_a_new_lesson_and_generation_tells_replacements_apart() -> None:
    s = seed_session()
    s.record_epoch(1, 2.0, 0.5)
    opt = s.epoch_optimizer()
    assert s.epoch_optimizer() is opt
    g = s.generation
    s.show_trained(s.model.params)
    assert s.generation == g  # training does not count as a replacement
    s.set_weight("W_hy", 0, 0, 2.0)
    assert s.generation == g + 1
    s.load_lesson(Lesson.from_scenario(get_scenario("seed")))
    assert (s.epoch, len(s.history), s.undo_levels) == (0, 0, 0)
    assert s.epoch_optimizer() is not opt
