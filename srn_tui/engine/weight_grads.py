"""Parameter gradients from the per-tick deltas, summed over every tick of a batch at once."""

from __future__ import annotations

import numpy as np

from .model import Params


def weight_grads(
    X: np.ndarray, context: np.ndarray, H_out: np.ndarray, dA: np.ndarray, dO: np.ndarray, d_start: np.ndarray | None
) -> Params:
    """Every parameter's gradient as matrix products over all (B x T) ticks at once.

    context (B, T, C) is what each tick was fed back; d_start (B, C) is dL/d(starting state),
    or None when the start was a carried constant rather than the parameter h0.
    """
    flat_dA = dA.reshape(-1, dA.shape[-1])
    flat_dO = dO.reshape(-1, dO.shape[-1])
    C = context.shape[-1]
    return {
        "W_xh": flat_dA.T @ X.reshape(-1, X.shape[-1]),
        "W_hh": flat_dA.T @ context.reshape(-1, C),
        "b_h": flat_dA.sum(axis=0),
        "W_hy": flat_dO.T @ H_out.reshape(-1, H_out.shape[-1]),
        "b_y": flat_dO.sum(axis=0),
        "h0": np.zeros(C) if d_start is None else d_start.sum(axis=0),
    }
