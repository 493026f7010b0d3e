"""The training loop, the seed lesson's numbers, divergence, determinism and validation."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from srn_tui.engine import (
    PARAM_NAMES,
    DataSequence,
    Model,
    ModelError,
    TrainConfig,
    Trainer,
    bptt,
    clip_by_global_norm,
    forward,
    global_norm,
    init_model,
    train,
)
from srn_tui.lessons import get_scenario

SEED_H = [0.462, 0.780, 0.918, 0.970, 0.989]
SEED_A = [0.500, 1.046, 1.578, 2.092, 2.597]


# ---------- the seed lesson ----------


def test_seed_lesson_forward_numbers():
    lesson = get_scenario("seed")
    trace = forward(lesson.model(), lesson.sequences()[0])
    assert [s.t for s in trace.steps] == [1, 2, 3, 4, 5]
    assert [round(float(s.h[0]), 3) for s in trace.steps] == SEED_H
    assert [round(float(s.a[0]), 3) for s in trace.steps] == SEED_A
    # By hand: a(t) = 0.5 x(t) + 0.1 h(t-1), h = tanh(a).
    h = 0.0
    for s, x in zip(trace.steps, [1, 2, 3, 4, 5], strict=True):
        assert s.a[0] == pytest.approx(0.5 * x + 0.1 * h, abs=1e-15)
        h = np.tanh(0.5 * x + 0.1 * h)
        assert s.h[0] == pytest.approx(h, abs=1e-15)
    assert [s.loss is None for s in trace.steps] == [True, True, True, True, False]
    assert trace.loss == pytest.approx(0.5 * (h - 6.0) ** 2)


def test_seed_lesson_training_learns_w_hy():
    lesson = get_scenario("seed")
    config = lesson.training
    assert (config.epochs, config.lr, config.optimizer) == (400, 0.1, "sgd")
    assert config.freeze == {"W_xh", "W_hh", "b_h", "b_y"}
    model = lesson.model()
    h5 = forward(model, lesson.sequences()[0]).steps[-1].h[0]
    result = train(model, lesson.sequences(), config)
    assert result.divergence is None and not result.stopped
    assert len(result.history) == 400
    w_hy = result.model.params["W_hy"][0, 0]
    assert w_hy == pytest.approx(6.067, abs=5e-4)
    assert w_hy == pytest.approx(6.0 / h5, rel=1e-6)  # the exact minimiser: W_hy h(5) = 6
    for name in ("W_xh", "W_hh", "b_h", "b_y", "h0"):
        np.testing.assert_array_equal(result.model.params[name], model.params[name], err_msg=name)
    np.testing.assert_array_equal(model.params["W_hy"], [[1.0]])  # the caller's model is untouched
    assert result.history[-1].loss < 1e-6 < result.history[0].loss


# ---------- one epoch against the gradients ----------


def _random_model(seed: int = 0, hidden: str = "tanh", output: str = "softmax") -> Model:
    model = init_model(3, 4, 2, "xavier", seed, hidden_activation=hidden, output_activation=output)
    rng = np.random.default_rng(seed + 100)
    params = {n: v + rng.normal(scale=0.1, size=v.shape) for n, v in model.params.items()}
    return model.with_params(params)


def _random_sequence(seed: int, T: int = 7, I: int = 3, O: int = 2) -> DataSequence:
    rng = np.random.default_rng(seed)
    targets = [np.eye(O)[rng.integers(O)] if rng.random() < 0.7 else None for _ in range(T)]
    return DataSequence.from_lists(rng.normal(size=(T, I)), targets, output_size=O)


@pytest.mark.parametrize("train_h0", [False, True])
def test_one_sgd_epoch_moves_by_minus_lr_times_gradient(train_h0):
    model, seq = _random_model(1), _random_sequence(2)
    lr = 0.3
    config = TrainConfig(epochs=1, lr=lr, optimizer="sgd", freeze={"b_y"}, train_h0=train_h0)
    trace = forward(model, seq)
    grads = bptt(trace).grads
    result = train(model, [seq], config)
    moved = {"W_xh", "W_hh", "b_h", "W_hy"} | ({"h0"} if train_h0 else set())
    for name in PARAM_NAMES:
        expected = model.params[name] - lr * grads[name] if name in moved else model.params[name]
        np.testing.assert_allclose(result.model.params[name], expected, rtol=1e-12, atol=1e-15, err_msg=name)
    assert np.any(grads["h0"]) and np.any(grads["b_y"])  # so "unchanged" above means "frozen"
    (epoch,) = result.history
    assert epoch.epoch == 1
    assert epoch.loss == pytest.approx(trace.loss, rel=1e-12)
    assert epoch.grad_norm == pytest.approx(global_norm(grads, sorted(moved)), rel=1e-12)


def test_one_epoch_with_clipping_moves_by_the_clipped_gradient():
    model, seq = _random_model(3), _random_sequence(4)
    grads = bptt(forward(model, seq)).grads
    trainable = ["W_xh", "W_hh", "b_h", "W_hy", "b_y"]
    clip = global_norm(grads, trainable) / 4
    clipped, _ = clip_by_global_norm(grads, clip, trainable)
    result = train(model, [seq], TrainConfig(epochs=1, lr=0.5, clip=clip))
    for name in trainable:
        np.testing.assert_allclose(
            result.model.params[name], model.params[name] - 0.5 * clipped[name], rtol=1e-12, err_msg=name
        )


def test_batches_update_once_per_batch_and_sequences_one_after_another():
    model = _random_model(5)
    seqs = [_random_sequence(s) for s in (6, 7)]
    lr = 0.2
    # batch_size 2: one update with the summed gradient
    summed = {n: sum(bptt(forward(model, s)).grads[n] for s in seqs) for n in PARAM_NAMES}
    batched = train(model, seqs, TrainConfig(epochs=1, lr=lr, batch_size=2)).model
    # batch_size 1: two updates, the second from the parameters the first left
    g1 = bptt(forward(model, seqs[0])).grads
    mid = model.with_params({n: v - (lr * g1[n] if n != "h0" else 0) for n, v in model.params.items()})
    g2 = bptt(forward(mid, seqs[1])).grads
    after = {n: v - (lr * g2[n] if n != "h0" else 0) for n, v in mid.params.items()}
    one_by_one = train(model, seqs, TrainConfig(epochs=1, lr=lr, batch_size=1)).model
    for name in PARAM_NAMES:
        step = 0 if name == "h0" else lr * summed[name]
        np.testing.assert_allclose(batched.params[name], model.params[name] - step, rtol=1e-12, err_msg=name)
        np.testing.assert_allclose(one_by_one.params[name], after[name], rtol=1e-12, err_msg=name)


# ---------- truncated training ----------


def _hand_truncated_epoch(model: Model, seq: DataSequence, k: int, lr: float, train_h0: bool, carry: bool = True):
    """min-char-rnn's loop: every k ticks, BPTT over the chunk from the carried h, then an SGD step."""
    params = {n: v.copy() for n, v in model.params.items()}
    h = params["h0"]
    for start in range(0, seq.length, k):
        chunk = DataSequence(seq.inputs[start : start + k], seq.targets[start : start + k], seq.mask[start : start + k])
        trace = forward(model.with_params(params), chunk, h0=h if carry else params["h0"])
        grads = bptt(trace).grads
        for name in PARAM_NAMES:
            if name != "h0" or (train_h0 and start == 0):
                params[name] = params[name] - lr * grads[name]
        h = trace.steps[-1].h
    return params


@pytest.mark.parametrize(("k", "updates"), [(1, 7), (3, 3), (7, 1), (10, 1)])
@pytest.mark.parametrize("train_h0", [False, True])
def test_truncated_training_updates_every_k_ticks_and_carries_h(k, updates, train_h0):
    model = _random_model(8, hidden="sigmoid", output="identity")
    rng = np.random.default_rng(9)
    targets = [None if t == 2 else rng.uniform(0, 1, size=2) for t in range(7)]  # no target at t = 3
    seq = DataSequence.from_lists(rng.normal(size=(7, 3)), targets)
    lr = 0.4
    trainer = Trainer(model, [seq], TrainConfig(epochs=1, lr=lr, truncate=k, train_h0=train_h0))
    calls = []
    real_step = trainer.optimizer.step
    trainer.optimizer.step = lambda *args, **kw: (calls.append(1), real_step(*args, **kw))
    trainer.run_epoch()
    assert len(calls) == updates
    expected = _hand_truncated_epoch(model, seq, k, lr, train_h0)
    for name in PARAM_NAMES:
        np.testing.assert_allclose(trainer.model.params[name], expected[name], rtol=1e-12, atol=1e-15, err_msg=name)
    if updates > 1:  # restarting every chunk from h0 instead would give other numbers
        reset = _hand_truncated_epoch(model, seq, k, lr, train_h0, carry=False)
        assert np.max(np.abs(trainer.model.params["W_hh"] - reset["W_hh"])) > 1e-6


def test_a_trainer_given_an_optimizer_and_start_epoch_goes_on_where_another_stopped():
    model = _random_model(5, hidden="tanh", output="identity")
    rng = np.random.default_rng(5)
    seq = DataSequence.from_lists(rng.normal(size=(6, 3)), list(rng.uniform(0, 1, size=(6, 2))))
    config = TrainConfig(epochs=1, lr=0.05, optimizer="adam")
    straight = Trainer(model, [seq], config)
    straight.run_epoch()
    straight.run_epoch()
    first = Trainer(model, [seq], config)
    first.run_epoch()
    second = Trainer(first.model, [seq], config, optimizer=first.optimizer, start_epoch=first.epoch)
    assert second.optimizer is first.optimizer and second.run_epoch().epoch == 2
    for name in PARAM_NAMES:
        np.testing.assert_array_equal(second.model.params[name], straight.model.params[name], err_msg=name)
    fresh = Trainer(first.model, [seq], config)  # Adam's moments start over: other numbers
    assert fresh.run_epoch().epoch == 1
    assert np.max(np.abs(fresh.model.params["W_hh"] - straight.model.params["W_hh"])) > 1e-9


# ---------- divergence ----------


def _same_params(a: Model, b: Model) -> None:
    for name in PARAM_NAMES:
        np.testing.assert_array_equal(a.params[name], b.params[name], err_msg=name)


def test_huge_learning_rate_stops_with_last_finite_parameters():
    lesson = get_scenario("seed")
    config = dataclasses.replace(lesson.training, lr=1e6, freeze=frozenset())
    result = train(lesson.model(), lesson.sequences(), config)
    div = result.divergence
    assert div is not None and div.epoch > 1
    assert "Inf" in div.cause or "NaN" in div.cause
    assert f"epoch {div.epoch}" in div.message()
    assert len(result.history) == div.epoch - 1
    for name in PARAM_NAMES:
        assert np.all(np.isfinite(result.model.params[name])), name
    # The last finite parameters are those the previous epoch ended with.
    before = train(lesson.model(), lesson.sequences(), dataclasses.replace(config, epochs=div.epoch - 1))
    assert before.divergence is None
    _same_params(result.model, before.model)


def test_huge_weight_diverges_in_the_first_epoch_leaving_the_model():
    model = Model(
        {"W_xh": [[1.0]], "W_hh": [[1e200]], "b_h": [0.0], "W_hy": [[1.0]], "b_y": [0.0]}, "identity", "identity"
    )
    seq = DataSequence.from_lists([1.0, 1.0, 1.0], [None, None, [1.0]])
    result = train(model, [seq], TrainConfig(epochs=5))
    assert result.divergence is not None and result.divergence.epoch == 1
    assert result.history == []
    _same_params(result.model, model)


def test_an_update_that_overflows_is_undone():
    lesson = get_scenario("seed")
    model = lesson.model()
    result = train(model, lesson.sequences(), dataclasses.replace(lesson.training, lr=1e308))
    div = result.divergence
    assert div is not None and div.epoch == 1
    assert "W_hy" in div.cause and "Inf" in div.cause
    assert "made W_hy became" not in div.cause  # a readable sentence for the CLI's message
    _same_params(result.model, model)


# ---------- determinism, stopping ----------


def test_same_seed_same_results():
    def run(seed: int):
        model = init_model(3, 5, 2, "orthogonal", seed, output_activation="softmax")
        seqs = [_random_sequence(s) for s in (20, 21, 22)]
        return train(model, seqs, TrainConfig(epochs=15, lr=0.05, optimizer="adam", truncate=3, clip=1.0))

    a, b, c = run(1), run(1), run(2)
    _same_params(a.model, b.model)
    assert a.history == b.history
    assert not np.array_equal(a.model.params["W_hh"], c.model.params["W_hh"])


def test_on_epoch_and_should_stop():
    lesson = get_scenario("seed")
    seen = []
    result = train(
        lesson.model(), lesson.sequences(), lesson.training, on_epoch=seen.append, should_stop=lambda: len(seen) >= 3
    )
    assert result.stopped and result.divergence is None
    assert [e.epoch for e in seen] == [1, 2, 3] and result.history == seen


# ---------- validation ----------


@pytest.mark.parametrize(
    ("kwargs", "pattern"),
    [
        ({"epochs": -1}, r"epochs must be 0 or more, found -1"),
        ({"optimizer": "rmsprop"}, r"unknown optimizer 'rmsprop'"),
        ({"freeze": {"W_zz"}}, r"unknown parameter 'W_zz'"),
        ({"truncate": 0}, r"truncate must be at least 1, found 0"),
        ({"clip": 0.0}, r"clip must be a positive number"),
        ({"clip": -2.0}, r"clip must be a positive number"),
        ({"lr": -0.1}, r"learning rate"),
        ({"batch_size": 0}, r"batch size"),
    ],
)
def test_bad_config_raises_a_clear_value_error(kwargs, pattern):
    with pytest.raises(ValueError, match=pattern) as info:
        TrainConfig(**kwargs)
    assert "\n" not in str(info.value)


GOOD = {"W_xh": [[1.0, 2.0]], "W_hh": [[0.5]], "b_h": [0.0], "W_hy": [[1.0]], "b_y": [0.0]}


@pytest.mark.parametrize(
    ("changes", "pattern"),
    [
        ({"b_h": [0.0, 1.0]}, r"^b_h: shape 2, expected 1"),
        ({"W_hy": [[1.0, 2.0]]}, r"^W_hy: shape 1x2, expected 1x1"),
        ({"W_hh": [0.5]}, r"^W_hh: expected a matrix"),
        ({"W_xh": [[1.0, float("nan")]]}, r"^W_xh: contains NaN or Inf"),
        ({"b_y": [float("inf")]}, r"^b_y: contains NaN or Inf"),
        ({"hidden_activation": "softplus"}, r"^hidden_activation: unknown 'softplus'"),
        ({"output_activation": "tanh"}, r"^output_activation: unknown 'tanh'"),
        ({"loss": "hinge"}, r"^loss: unknown 'hinge'"),
    ],
)
def test_model_validation_names_the_key(changes, pattern):
    params = {**GOOD, **{k: v for k, v in changes.items() if k in GOOD}}
    settings = {k: v for k, v in changes.items() if k not in GOOD}
    with pytest.raises(ModelError, match=pattern) as info:
        Model(params, **settings)
    assert "\n" not in str(info.value)


def test_model_missing_key_and_cross_entropy_with_identity():
    params = {k: v for k, v in GOOD.items() if k != "b_y"}
    with pytest.raises(ModelError, match=r"^b_y: missing"):
        Model(params)
    with pytest.raises(ModelError, match=r"^loss: cross_entropy needs"):
        Model(GOOD, output_activation="identity", loss="cross_entropy")


# ---------- a long run keeps a bounded history ----------


@pytest.mark.parametrize("epochs", [1, 7, 8, 9, 50, 203])
def test_history_keeps_every_epoch_up_to_the_limit_then_an_even_sample_and_the_last(monkeypatch, epochs):
    from srn_tui.engine import training

    monkeypatch.setattr(training, "HISTORY_LIMIT", 8)
    lesson = get_scenario("seed")
    seen = []
    result = train(lesson.model(), lesson.sequences(), dataclasses.replace(lesson.training, epochs=epochs), seen.append)
    assert len(seen) == result.completed == epochs
    kept = [e.epoch for e in result.history]
    every = result.every
    grid = list(range(1, epochs + 1, every))
    assert kept == grid + ([epochs] if grid[-1] != epochs else [])
    assert len(grid) <= 8
    if every > 1:  # the finest power-of-two grid that fits
        assert len(range(1, epochs + 1, every // 2)) > 8
    assert all(result.history[i] == seen[e - 1] for i, e in enumerate(kept))  # the epochs' own records


def test_history_after_a_divergence_ends_at_the_last_finished_epoch(monkeypatch):
    from srn_tui.engine import training

    monkeypatch.setattr(training, "HISTORY_LIMIT", 4)
    lesson = get_scenario("seed")
    result = train(lesson.model(), lesson.sequences(), dataclasses.replace(lesson.training, lr=1e6, freeze=frozenset()))
    div = result.divergence
    assert div is not None and result.completed == div.epoch - 1 > 4
    assert result.history[-1].epoch == div.epoch - 1 and len(result.history) <= 4 + 1
