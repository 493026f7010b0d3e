"""Weight initializers, deterministic for a given seed."""

from __future__ import annotations

import numpy as np

from .model import Model

INITIALIZERS = ("small_uniform", "xavier", "orthogonal")


def _xavier(rng: np.random.Generator, rows: int, cols: int) -> np.ndarray:
    limit = np.sqrt(6.0 / (rows + cols))
    return rng.uniform(-limit, limit, size=(rows, cols))


def _orthogonal(rng: np.random.Generator, rows: int, cols: int) -> np.ndarray:
    """Orthonormal columns (or rows, when wide); exactly orthogonal when square."""
    q, r = np.linalg.qr(rng.standard_normal((max(rows, cols), min(rows, cols))))
    q = q * np.sign(np.diag(r))  # sign fix makes the draw uniform over orthogonal matrices
    return q if rows >= cols else q.T


def init_params(
    input_size: int,
    hidden_size: int,
    output_size: int,
    method: str = "xavier",
    seed: int = 0,
    context_size: int | None = None,
) -> dict:
    """W_xh, W_hh, W_hy drawn by `method`; biases and h0 zero. W_hh is H x context_size
    (default H; a Jordan network feeds back its O outputs)."""
    if method not in INITIALIZERS:
        raise ValueError(f"unknown initializer {method!r}; expected one of {', '.join(INITIALIZERS)}")
    rng = np.random.default_rng(seed)
    I, H, O = input_size, hidden_size, output_size
    C = H if context_size is None else context_size
    if method == "small_uniform":
        W_xh, W_hh, W_hy = (rng.uniform(-0.1, 0.1, size=s) for s in ((H, I), (H, C), (O, H)))
    else:
        W_xh = _xavier(rng, H, I)
        W_hh = _orthogonal(rng, H, C) if method == "orthogonal" else _xavier(rng, H, C)
        W_hy = _xavier(rng, O, H)
    return {"W_xh": W_xh, "W_hh": W_hh, "b_h": np.zeros(H), "W_hy": W_hy, "b_y": np.zeros(O), "h0": np.zeros(C)}


def init_model(
    input_size: int,
    hidden_size: int,
    output_size: int,
    method: str = "xavier",
    seed: int = 0,
    hidden_activation: str = "tanh",
    output_activation: str = "identity",
    loss: str = "",
    feedback: str = "hidden",
) -> Model:
    context = output_size if feedback == "output" else hidden_size
    params = init_params(input_size, hidden_size, output_size, method, seed, context)
    return Model(params, hidden_activation, output_activation, loss, feedback)


def reinitialize(model: Model, method: str = "xavier", seed: int = 0) -> Model:
    """A fresh draw of the same sizes and activations, keeping h0."""
    params = init_params(model.input_size, model.hidden_size, model.output_size, method, seed, model.context_size)
    params["h0"] = model.params["h0"].copy()
    return model.with_params(params)
