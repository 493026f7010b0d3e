"""One animated epoch: frame order, backward sums == bptt, final weights == one engine update."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest

from srn_tui.engine import (
    PARAM_NAMES,
    DataSequence,
    Model,
    TrainConfig,
    Trainer,
    bptt,
    forward,
    make_optimizer,
)
from srn_tui.lessons import get_scenario
from srn_tui.live import BackwardFrame, ForwardFrame, Frame, UpdateFrame, epoch_frames, frame_count


def seed_lesson() -> tuple[Model, DataSequence, TrainConfig]:
    lesson = get_scenario("seed")
    return lesson.model(), lesson.sequences()[0], lesson.training


def random_softmax(seed: int = 3, T: int = 7) -> tuple[Model, DataSequence]:
    """A 3-5-2 softmax network with targets at some ticks."""
    rng = np.random.default_rng(seed)
    params = {
        "W_xh": rng.normal(0, 0.8, (5, 3)),
        "W_hh": rng.normal(0, 0.6, (5, 5)),
        "b_h": rng.normal(0, 0.2, 5),
        "W_hy": rng.normal(0, 0.8, (2, 5)),
        "b_y": rng.normal(0, 0.2, 2),
        "h0": rng.normal(0, 0.2, 5),
    }
    model = Model(params, "tanh", "softmax")
    targets = [np.eye(2)[t % 2] if t % 3 != 1 else None for t in range(T)]
    return model, DataSequence.from_lists(rng.normal(size=(T, 3)), targets)


def engine_epochs(model: Model, seq: DataSequence, config: TrainConfig, n: int = 1) -> dict[str, np.ndarray]:
    trainer = Trainer(model, [seq], config)
    for _ in range(n):
        trainer.run_epoch()
    return trainer.model.params


def finish_epoch(frames: Iterator[Frame]) -> UpdateFrame | None:
    """The rest of the epoch at once: its last update frame, if any."""
    last = None
    for frame in frames:
        if isinstance(frame, UpdateFrame):
            last = frame
    return last


def assert_params_identical(actual, expected) -> None:
    for name in PARAM_NAMES:
        assert np.array_equal(actual[name], expected[name]), name


def test_frame_order_and_count_on_seed():
    model, seq, config = seed_lesson()
    frames = list(epoch_frames(model, seq, config))
    assert len(frames) == frame_count(seq, config) == 11
    assert [type(f) for f in frames] == [ForwardFrame] * 5 + [BackwardFrame] * 5 + [UpdateFrame]
    assert [f.t for f in frames[:5]] == [1, 2, 3, 4, 5]
    assert [f.t for f in frames[5:10]] == [5, 4, 3, 2, 1]
    reference = forward(model, seq)
    for frame, rec in zip(frames[:5], reference.steps, strict=True):
        assert np.array_equal(frame.record.h, rec.h)
    assert frames[4].loss_so_far == pytest.approx(reference.loss)


def test_seed_w_hy_only_equals_one_engine_sgd_step():
    model, seq, config = seed_lesson()
    update = finish_epoch(epoch_frames(model, seq, config))
    assert update is not None and update.divergence is None
    assert update.trainable == ("W_hy",)
    assert_params_identical(update.after, engine_epochs(model, seq, config))
    # By hand: W_hy <- W_hy - lr * dL/dW_hy with dL/dW_hy = (y(5) - 6) h(5); nothing else moves.
    h5 = forward(model, seq).steps[-1].h[0]
    assert update.after["W_hy"][0, 0] == pytest.approx(1.0 - 0.1 * (1.0 * h5 - 6.0) * h5, rel=1e-15)
    for name in PARAM_NAMES:
        if name != "W_hy":
            assert np.array_equal(update.after[name], model.params[name]), name
            assert not update.delta[name].any()
    assert update.delta["W_hy"][0, 0] == update.after["W_hy"][0, 0] - update.before["W_hy"][0, 0]


def test_seed_all_unfrozen_equals_engine_step_and_sgd_by_hand():
    model, seq, _ = seed_lesson()
    config = TrainConfig(lr=0.1)  # h0 stays frozen unless train_h0
    update = finish_epoch(epoch_frames(model, seq, config))
    assert_params_identical(update.after, engine_epochs(model, seq, config))
    grads = bptt(forward(model, seq)).grads
    for name in PARAM_NAMES:
        expected = model.params[name] if name == "h0" else model.params[name] - 0.1 * grads[name]
        np.testing.assert_allclose(update.after[name], expected, rtol=1e-14, atol=1e-16)


@pytest.mark.parametrize(
    "config",
    [
        TrainConfig(lr=0.05, optimizer="momentum"),
        TrainConfig(lr=0.01, optimizer="adam", train_h0=True),
        TrainConfig(lr=0.1, optimizer="adagrad", freeze=frozenset({"W_hh"})),
        TrainConfig(lr=0.5, optimizer="sgd", clip=0.3),
        TrainConfig(lr=0.05, optimizer="adam", truncate=3, clip=1.0),
    ],
    ids=["momentum", "adam-h0", "adagrad-frozen", "clip", "truncate3-adam-clip"],
)
def test_two_animated_epochs_equal_two_engine_epochs(config):
    model, seq = random_softmax()
    optimizer = make_optimizer(config.optimizer, config.lr)  # shared, so momentum/Adam state carries over
    first = finish_epoch(epoch_frames(model, seq, config, optimizer))
    second = finish_epoch(epoch_frames(model.with_params(dict(first.after)), seq, config, optimizer))
    assert_params_identical(first.after, engine_epochs(model, seq, config, 1))
    assert_params_identical(second.after, engine_epochs(model, seq, config, 2))


def test_clipping_is_reported():
    model, seq = random_softmax()
    update = finish_epoch(epoch_frames(model, seq, TrainConfig(lr=0.5, clip=0.3)))
    assert update.grad_norm > 0.3 and update.clipped
    trainable_norm = np.sqrt(sum(np.sum(update.grads[n] ** 2) for n in update.trainable))
    assert trainable_norm == pytest.approx(0.3)


@pytest.mark.parametrize("lesson", ["seed", "random"])
def test_running_sums_after_last_backward_frame_equal_bptt(lesson):
    model, seq = seed_lesson()[:2] if lesson == "seed" else random_softmax()
    frames = list(epoch_frames(model, seq, TrainConfig(lr=0.1)))
    backward = [f for f in frames if isinstance(f, BackwardFrame)]
    expected = bptt(forward(model, seq)).grads
    for name in PARAM_NAMES:
        assert np.array_equal(backward[-1].running[name], expected[name]), name
        # The running sum is the sum of the per-tick terms shown so far.
        np.testing.assert_allclose(
            sum(f.contributions[name] for f in backward), expected[name], rtol=1e-13, atol=1e-300
        )
        # The update used the engine's vectorized gradient: the same numbers up to rounding.
        np.testing.assert_allclose(frames[-1].grads[name], expected[name], rtol=1e-12, atol=1e-15)
    reference = bptt(forward(model, seq)).steps
    for frame in backward:
        step = reference[frame.t - 1]
        assert np.array_equal(frame.delta_h, step.delta_h) and np.array_equal(frame.delta_a, step.delta_a)
        np.testing.assert_allclose(frame.from_output + frame.from_future, frame.delta_h, rtol=1e-14, atol=1e-300)
    # Per-tick terms, checked against their definitions.
    last = backward[0]
    rec = forward(model, seq).steps[last.t - 1]
    assert np.array_equal(last.contributions["W_hh"], np.outer(last.delta_a, rec.h_prev))
    assert np.array_equal(last.contributions["W_hy"], np.outer(last.delta_o, rec.h))
    assert not last.from_future.any()


def test_seed_backward_sweep_shrinks_through_w_hh():
    model, seq, config = seed_lesson()
    backward = [f for f in epoch_frames(model, seq, config) if isinstance(f, BackwardFrame)]
    h = [float(r.h[0]) for r in forward(model, seq).steps]
    # By hand: delta_h(5) = W_hy (y(5) - 6) = h(5) - 6; delta_h(t) = W_hh (1 - h(t+1)^2) delta_h(t+1).
    expected = {5: h[4] - 6.0}
    for t in (4, 3, 2, 1):
        expected[t] = 0.1 * (1 - h[t] ** 2) * expected[t + 1]
    assert [f.t for f in backward] == [5, 4, 3, 2, 1]
    for f in backward:
        assert f.delta_h[0] == pytest.approx(expected[f.t], rel=1e-12)
    norms = [f.delta_h_norm for f in backward]
    assert all(later < earlier for earlier, later in zip(norms, norms[1:], strict=False))
    assert backward[0].delta_h_ratio is None
    assert all(f.delta_h_ratio < 0.1 for f in backward[1:])  # W_hh = 0.1 times tanh' < 1
    assert [f.has_target for f in backward] == [True, False, False, False, False]


def test_truncated_epoch_runs_as_chunks_and_equals_engine():
    model, seq, _ = seed_lesson()
    config = TrainConfig(lr=0.1, truncate=2)
    frames = list(epoch_frames(model, seq, config))
    assert len(frames) == frame_count(seq, config) == 5 + 5 + 3
    updates = [f for f in frames if isinstance(f, UpdateFrame)]
    assert [(u.chunk, u.chunks) for u in updates] == [(1, 3), (2, 3), (3, 3)]
    ticks = [getattr(f, "t", None) if not isinstance(f, UpdateFrame) else None for f in frames]
    assert ticks == [1, 2, 2, 1, None, 3, 4, 4, 3, None, 5, 5, None]
    # Each chunk starts from the previous chunk's last h, and runs on the weights its update left.
    chunk2_first = frames[5]
    assert np.array_equal(chunk2_first.record.h_prev, frames[1].record.h)
    assert np.array_equal(updates[1].before["W_hy"], updates[0].after["W_hy"])
    assert_params_identical(updates[-1].after, engine_epochs(model, seq, config))
    # The carried-in state is a constant: no h0 gradient from later chunks.
    assert not [f for f in frames if isinstance(f, BackwardFrame) and f.t == 3][0].contributions["h0"].any()


def test_frames_are_read_only_copies():
    model, seq, config = seed_lesson()
    frames = list(epoch_frames(model, seq, config))
    first_back = frames[5]
    saved = first_back.running["W_hy"].copy()
    model.params["W_hy"][...] = 99.0  # the caller's model changing later must not reach the frames
    assert np.array_equal(first_back.running["W_hy"], saved)
    assert frames[-1].before["W_hy"][0, 0] == 1.0
    with pytest.raises(ValueError):
        first_back.delta_h[0] = 1.0
    with pytest.raises(ValueError):
        frames[-1].after["W_hy"][0, 0] = 1.0
    with pytest.raises(TypeError):
        frames[-1].after["W_hy"] = np.zeros((1, 1))  # type: ignore[index]
    # The running sum at t = 5 is this tick's term only, not the final sum.
    assert np.array_equal(first_back.running["W_hy"], first_back.contributions["W_hy"])


def test_generator_is_lazy_and_leaves_the_model_alone():
    model, seq, config = seed_lesson()
    before = {n: v.copy() for n, v in model.params.items()}
    frames = epoch_frames(model, seq, config)
    first = next(frames)
    assert isinstance(first, ForwardFrame) and first.t == 1
    finish_epoch(frames)
    assert_params_identical(model.params, before)


def test_divergent_update_is_refused_and_ends_the_epoch():
    model, seq, _ = seed_lesson()
    config = TrainConfig(lr=1e308)  # lr * grad overflows to Inf
    frames = list(epoch_frames(model, seq, config))
    update = frames[-1]
    assert isinstance(update, UpdateFrame) and update.divergence is not None
    assert "Inf" in update.divergence
    for name in PARAM_NAMES:
        assert np.array_equal(update.after[name], model.params[name])
        assert np.all(np.isfinite(update.after[name]))


@pytest.mark.parametrize(
    ("lesson_name", "changes"),
    [
        ("letters", {}),  # one batch of all 16 sequences
        ("temporal-xor", {"batch_size": 8}),  # four batches
        ("temporal-xor", {"batch_size": 8, "truncate": 10}),  # four batches of four chunks
        ("echo", {"batch_size": 5, "optimizer": "momentum", "lr": 0.05}),  # a last, smaller batch
    ],
)
def test_a_multi_sequence_epoch_is_the_engines_whole_epoch(lesson_name: str, changes: dict) -> None:
    """t on a lesson with a training set: the weights after the frames are bit-identical to one
    Trainer epoch over every sequence, and the updates' losses add up to the engine's epoch loss."""
    from dataclasses import replace

    lesson = get_scenario(lesson_name)
    model, seqs, config = lesson.model(), lesson.sequences(), replace(lesson.training, **changes)
    assert len(seqs) > 1
    frames = list(epoch_frames(model, seqs, config))
    assert len(frames) == frame_count(seqs, config)
    updates = [f for f in frames if isinstance(f, UpdateFrame)]
    trainer = Trainer(model, seqs, config)
    result = trainer.run_epoch()
    assert_params_identical(updates[-1].after, trainer.model.params)
    assert sum(u.loss for u in updates) == pytest.approx(result.loss, rel=1e-12)
    # only the first sequence is animated, and its batch's updates come right after its sweeps
    chunks = len(range(0, seqs[0].length, config.truncate or seqs[0].length))
    shown = [f for f in frames if not isinstance(f, UpdateFrame)]
    assert len(shown) == 2 * seqs[0].length and {f.length for f in shown} == {seqs[0].length}
    assert [u.animated for u in updates] == [True] * chunks + [False] * (len(updates) - chunks)
    first_batch = min(config.batch_size, len(seqs))
    assert updates[0].sequences == first_batch and sum(u.sequences for u in updates) == len(seqs) * chunks
