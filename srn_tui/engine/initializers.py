"""Weight initializers, deterministic for a given seed."""

from __future__ import annotations

import numpy as np

from .model import Model

INITIALIZERS = ("small_uniform", "xavier", "orthogonal")


def _xavier(rng: np.random.Generator, rows: int, cols: int) -> np.ndarray:
    limit = np.sqrt(6.0 / (rows + cols))
    return rng.uniform(-limit, limit, size=(rows, cols))


def _orthogonal(rng: np.random.Generator, n: int) -> np.ndarray:
    q, r = np.linalg.qr(rng.standard_normal((n, n)))
    return q * np.sign(np.diag(r))  # sign fix makes the draw uniform over orthogonal matrices


def init_params(input_size: int, hidden_size: int, output_size: int, method: str = "xavier", seed: int = 0) -> dict:
    """W_xh, W_hh, W_hy drawn by `method`; biases and h0 zero."""
    if method not in INITIALIZERS:
        raise ValueError(f"unknown initializer {method!r}; expected one of {', '.join(INITIALIZERS)}")
    rng = np.random.default_rng(seed)
    I, H, O = input_size, hidden_size, output_size
    if method == "small_uniform":
        W_xh, W_hh, W_hy = (rng.uniform(-0.1, 0.1, size=s) for s in ((H, I), (H, H), (O, H)))
    else:
        W_xh = _xavier(rng, H, I)
        W_hh = _orthogonal(rng, H) if method == "orthogonal" else _xavier(rng, H, H)
        W_hy = _xavier(rng, O, H)
    return {"W_xh": W_xh, "W_hh": W_hh, "b_h": np.zeros(H), "W_hy": W_hy, "b_y": np.zeros(O), "h0": np.zeros(H)}


def init_model(
    input_size: int,
    hidden_size: int,
    output_size: int,
    method: str = "xavier",
    seed: int = 0,
    hidden_activation: str = "tanh",
    output_activation: str = "identity",
    loss: str = "",
) -> Model:
    params = init_params(input_size, hidden_size, output_size, method, seed)
    return Model(params, hidden_activation, output_activation, loss)


def reinitialize(model: Model, method: str = "xavier", seed: int = 0) -> Model:
    """A fresh draw of the same sizes and activations, keeping h0."""
    params = init_params(model.input_size, model.hidden_size, model.output_size, method, seed)
    params["h0"] = model.params["h0"].copy()
    return model.with_params(params)
