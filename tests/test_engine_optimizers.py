"""Optimizer updates against hand-worked values, gradient clipping and the initializers."""

from __future__ import annotations

import math

import numpy as np
import pytest
from torch_twin import require_torch

from srn_tui.engine import (
    INITIALIZERS,
    PARAM_NAMES,
    Model,
    clip_by_global_norm,
    global_norm,
    init_model,
    init_params,
    make_optimizer,
    reinitialize,
)

# Three steps of gradients for a two-parameter dict: "w" (a 1x2 matrix) and "b" (a scalar vector).
GRADS = [
    {"w": np.array([[0.5, -1.0]]), "b": np.array([2.0])},
    {"w": np.array([[0.25, 3.0]]), "b": np.array([-1.0])},
    {"w": np.array([[-0.5, 0.0]]), "b": np.array([4.0])},
]
START = {"w": [[1.0, -2.0]], "b": [0.5]}


def _run(name: str, lr: float, frozen=()) -> list[dict[str, np.ndarray]]:
    """Parameters after each of the three steps."""
    opt = make_optimizer(name, lr)
    params = {k: np.array(v, dtype=float) for k, v in START.items()}
    history = []
    for g in GRADS:
        opt.step(params, g, frozen)
        history.append({k: v.copy() for k, v in params.items()})
    return history


def _scalar_path(update) -> list[list[float]]:
    """Apply a scalar update rule to every entry, element by element, in plain Python floats.
    update(p, g, state, step) -> (p, state)."""
    flat_start = [1.0, -2.0, 0.5]
    flat_grads = [[g["w"][0, 0], g["w"][0, 1], g["b"][0]] for g in GRADS]
    out, states, ps = [], [None] * 3, list(flat_start)
    for step, gs in enumerate(flat_grads, start=1):
        for i, g in enumerate(gs):
            ps[i], states[i] = update(ps[i], float(g), states[i], step)
        out.append(list(ps))
    return out


def _flat(params: dict[str, np.ndarray]) -> list[float]:
    return [params["w"][0, 0], params["w"][0, 1], params["b"][0]]


def test_sgd_by_hand():
    history = _run("sgd", 0.1)
    # w00: 1 - 0.1*0.5 = 0.95, then - 0.025 = 0.925, then + 0.05 = 0.975
    assert _flat(history[0]) == pytest.approx([0.95, -1.9, 0.3])
    assert _flat(history[1]) == pytest.approx([0.925, -2.2, 0.4])
    assert _flat(history[2]) == pytest.approx([0.975, -2.2, 0.0])


def test_momentum_by_hand():
    history = _run("momentum", 0.1)
    # b: v = 2 -> p = 0.5 - 0.2 = 0.3; v = 0.9*2 - 1 = 0.8 -> 0.22; v = 0.72 + 4 = 4.72 -> -0.252
    assert history[0]["b"][0] == pytest.approx(0.3)
    assert history[1]["b"][0] == pytest.approx(0.22)
    assert history[2]["b"][0] == pytest.approx(-0.252)

    def rule(p, g, v, _step):
        v = 0.9 * (v or 0.0) + g
        return p - 0.1 * v, v

    for got, want in zip(history, _scalar_path(rule), strict=True):
        assert _flat(got) == pytest.approx(want, rel=1e-12)


def test_adagrad_by_hand():
    history = _run("adagrad", 0.5)
    # b: G = 4 -> 0.5 - 0.5*2/2 = 0; G = 5 -> 0 + 0.5/sqrt(5); G = 21 -> ... - 0.5*4/sqrt(21)
    assert history[0]["b"][0] == pytest.approx(0.0, abs=1e-9)
    assert history[1]["b"][0] == pytest.approx(0.5 / math.sqrt(5))
    assert history[2]["b"][0] == pytest.approx(0.5 / math.sqrt(5) - 2.0 / math.sqrt(21))

    def rule(p, g, G, _step):
        G = (G or 0.0) + g * g
        return p - 0.5 * g / (math.sqrt(G) + 1e-10), G

    for got, want in zip(history, _scalar_path(rule), strict=True):
        assert _flat(got) == pytest.approx(want, rel=1e-12, abs=1e-12)


def test_adam_by_hand():
    lr, b1, b2, eps = 0.01, 0.9, 0.999, 1e-8
    history = _run("adam", lr)
    # The first Adam step moves every entry by lr * sign(g) (m_hat = g, v_hat = g^2).
    assert _flat(history[0]) == pytest.approx([1.0 - lr, -2.0 + lr, 0.5 - lr], rel=1e-7)

    def rule(p, g, state, step):
        m, v = state or (0.0, 0.0)
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        m_hat, v_hat = m / (1 - b1**step), v / (1 - b2**step)
        return p - lr * m_hat / (math.sqrt(v_hat) + eps), (m, v)

    for got, want in zip(history, _scalar_path(rule), strict=True):
        assert _flat(got) == pytest.approx(want, rel=1e-12)


@pytest.mark.parametrize("name", ["sgd", "momentum", "adagrad", "adam"])
def test_optimizer_matches_torch(name):
    torch = require_torch()
    lr = 0.05
    ours = _run(name, lr)
    tensors = {
        k: torch.tensor(np.array(v, dtype=float), dtype=torch.float64, requires_grad=True) for k, v in START.items()
    }
    make = {
        "sgd": lambda ps: torch.optim.SGD(ps, lr=lr),
        "momentum": lambda ps: torch.optim.SGD(ps, lr=lr, momentum=0.9),
        "adagrad": lambda ps: torch.optim.Adagrad(ps, lr=lr, eps=1e-10),
        "adam": lambda ps: torch.optim.Adam(ps, lr=lr),
    }[name]
    opt = make(list(tensors.values()))
    for step, g in enumerate(GRADS):
        for k, t in tensors.items():
            t.grad = torch.tensor(g[k], dtype=torch.float64)
        opt.step()
        for k, t in tensors.items():
            np.testing.assert_allclose(ours[step][k], t.detach().numpy(), rtol=1e-12, atol=1e-15, err_msg=k)


@pytest.mark.parametrize("name", ["sgd", "momentum", "adagrad", "adam"])
def test_frozen_names_are_untouched(name):
    history = _run(name, 0.1, frozen={"b"})
    free = _run(name, 0.1)
    for got, want in zip(history, free, strict=True):
        assert got["b"][0] == 0.5
        np.testing.assert_array_equal(got["w"], want["w"])


@pytest.mark.parametrize("lr", [0.0, -0.1, float("nan"), float("inf")])
def test_bad_learning_rate(lr):
    with pytest.raises(ValueError, match="learning rate"):
        make_optimizer("sgd", lr)


def test_unknown_optimizer_names_the_choices():
    with pytest.raises(ValueError, match=r"unknown optimizer 'rmsprop'.*sgd, momentum, adagrad, adam"):
        make_optimizer("rmsprop", 0.1)


# ---------- clipping ----------


def _grads() -> dict[str, np.ndarray]:
    return {"a": np.array([[3.0, 0.0]]), "b": np.array([4.0]), "c": np.array([12.0])}


def test_global_norm():
    assert global_norm(_grads()) == pytest.approx(13.0)
    assert global_norm(_grads(), ["a", "b"]) == pytest.approx(5.0)


def test_clip_above_max_rescales_preserving_direction():
    grads = _grads()
    clipped, norm = clip_by_global_norm(grads, 6.5)
    assert norm == pytest.approx(13.0)  # the norm before clipping
    assert global_norm(clipped) == pytest.approx(6.5)
    for k in grads:
        np.testing.assert_allclose(clipped[k], grads[k] * 0.5)
    np.testing.assert_array_equal(grads["c"], [12.0])  # inputs are not modified


def test_clip_below_max_is_a_no_op():
    grads = _grads()
    clipped, norm = clip_by_global_norm(grads, 100.0)
    assert norm == pytest.approx(13.0)
    for k in grads:
        np.testing.assert_array_equal(clipped[k], grads[k])


def test_clip_over_named_subset_leaves_the_others():
    grads = _grads()
    clipped, norm = clip_by_global_norm(grads, 1.0, ["a", "b"])
    assert norm == pytest.approx(5.0)
    assert global_norm(clipped, ["a", "b"]) == pytest.approx(1.0)
    np.testing.assert_array_equal(clipped["c"], grads["c"])


# ---------- initializers ----------


@pytest.mark.parametrize("method", INITIALIZERS)
def test_init_deterministic_shapes_and_zero_biases(method):
    I, H, O = 3, 5, 2
    a = init_params(I, H, O, method, seed=11)
    b = init_params(I, H, O, method, seed=11)
    c = init_params(I, H, O, method, seed=12)
    shapes = {"W_xh": (H, I), "W_hh": (H, H), "b_h": (H,), "W_hy": (O, H), "b_y": (O,), "h0": (H,)}
    assert set(a) == set(PARAM_NAMES)
    for name, shape in shapes.items():
        assert a[name].shape == shape, name
        assert a[name].dtype == np.float64
        np.testing.assert_array_equal(a[name], b[name])
    for name in ("b_h", "b_y", "h0"):
        assert not np.any(a[name])
    for name in ("W_xh", "W_hh", "W_hy"):
        assert not np.array_equal(a[name], c[name]), name
        assert np.all(np.isfinite(a[name])) and np.any(a[name])


def test_orthogonal_w_hh():
    W = init_params(2, 6, 2, "orthogonal", seed=4)["W_hh"]
    np.testing.assert_allclose(W @ W.T, np.eye(6), atol=1e-12)


def test_xavier_and_small_uniform_ranges():
    x = init_params(4, 8, 2, "xavier", seed=0)
    assert np.max(np.abs(x["W_hy"])) <= math.sqrt(6 / (2 + 8))
    s = init_params(4, 8, 2, "small_uniform", seed=0)
    assert max(np.max(np.abs(s[n])) for n in ("W_xh", "W_hh", "W_hy")) <= 0.1


def test_unknown_initializer():
    with pytest.raises(ValueError, match="unknown initializer 'he'"):
        init_params(1, 1, 1, "he")


def test_init_model_and_reinitialize():
    model = init_model(2, 3, 4, "orthogonal", seed=5, hidden_activation="relu", output_activation="softmax")
    assert isinstance(model, Model)
    assert (model.input_size, model.hidden_size, model.output_size) == (2, 3, 4)
    assert model.loss == "cross_entropy"
    model.params["h0"][:] = [0.1, 0.2, 0.3]
    again = reinitialize(model, "xavier", seed=9)
    assert again.hidden_activation == "relu" and again.output_activation == "softmax"
    np.testing.assert_array_equal(again.params["h0"], [0.1, 0.2, 0.3])  # the starting state is kept
    np.testing.assert_array_equal(again.params["W_hh"], init_params(2, 3, 4, "xavier", 9)["W_hh"])
