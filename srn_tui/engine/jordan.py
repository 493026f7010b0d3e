"""Vectorized forward + BPTT for a Jordan network (the output y(t-1) is fed back, not h(t-1)).

The output must be computed inside the per-tick loop, because the next tick reads it; the
weight gradients are still products summed after the backward recurrence. The numbers
equal forward.py + bptt.py for feedback="output" (tested).
"""

from __future__ import annotations

import numpy as np

from . import activations
from .batch import Batch
from .losses import loss_and_delta_o
from .model import Model, Params
from .weight_grads import weight_grads


def jordan_loss_and_grads(
    model: Model, batch: Batch, h_init: np.ndarray | None = None, truncate: int | None = None
) -> tuple[float, Params, np.ndarray]:
    """Like batched.loss_and_grads; `h_init` and the returned state are the fed-back y (B, O)."""
    p = model.params
    X = batch.inputs
    B, T, _ = X.shape
    H, O = model.hidden_size, model.output_size
    f, g = model.hidden_activation, model.output_activation
    W_hh, W_hy = p["W_hh"], p["W_hy"]

    A = X @ p["W_xh"].T + p["b_h"]
    C = np.empty((B, T + 1, O))  # C[:, t] is the context fed into tick t+1: y(t), with C[:, 0] = h0
    C[:, 0] = p["h0"] if h_init is None else h_init
    Hs = np.empty((B, T, H))
    Os = np.empty((B, T, O))
    for t in range(T):
        A[:, t] += C[:, t] @ W_hh.T
        Hs[:, t] = activations.hidden(f, A[:, t])
        Os[:, t] = Hs[:, t] @ W_hy.T + p["b_y"]
        C[:, t + 1] = activations.output(g, Os[:, t])
    Y = C[:, 1:]
    losses, dO_loss = loss_and_delta_o(model.loss, g, Os, Y, batch.targets)
    loss = float(losses[batch.mask].sum())
    dO_loss *= batch.mask[..., None]

    fprime = activations.hidden_derivative(f, A, Hs)
    dO = np.empty_like(Os)
    dA = np.empty_like(A)
    d_next = np.zeros((B, O))  # dL/dy(t) arriving from tick t+1
    for t in range(T - 1, -1, -1):
        do = dO[:, t] = dO_loss[:, t] + activations.output_backward(g, Y[:, t], d_next)
        da = dA[:, t] = (do @ W_hy) * fprime[:, t]
        d_next = da @ W_hh
        if truncate is not None and t % truncate == 0 and t > 0:
            d_next = np.zeros((B, O))
    grads = weight_grads(X, C[:, :-1], Hs, dA, dO, d_next if h_init is None else None)
    return loss, grads, C[:, -1].copy()
