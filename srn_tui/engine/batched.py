"""Forward and BPTT over B sequences at once (B x T x I), for training speed.

Only the recurrence stays in the per-tick loop: input projections for all ticks are
one matrix product before it, and the weight gradients are matrix products summed
after the backward recurrence. The numbers equal forward.py + bptt.py (tested).
"""

from __future__ import annotations

import numpy as np

from . import activations
from .batch import Batch  # also re-exported from here, where training.py imports it
from .jordan import jordan_loss_and_grads
from .losses import loss_and_delta_o, softmax_cross_entropy
from .model import Model, Params
from .weight_grads import weight_grads


def loss_and_grads(
    model: Model,
    batch: Batch,
    h_init: np.ndarray | None = None,
    truncate: int | None = None,
) -> tuple[float, Params, np.ndarray]:
    """Total loss over the batch, the gradient of every parameter, and the final h (B, H).

    h_init (B, H) starts the sequences from a carried state instead of the parameter h0;
    then no gradient reaches h0, because that state is a constant for this chunk.
    """
    if model.is_jordan:
        return jordan_loss_and_grads(model, batch, h_init, truncate)
    p = model.params
    X = batch.inputs
    B, T, _ = X.shape
    H = model.hidden_size
    f = model.hidden_activation
    W_hh = p["W_hh"]
    W_hh_T = W_hh.T

    # Forward: all input projections at once, then the recurrence. The per-tick loops walk
    # lists of (B, H) views and write in place: at small sizes Python call overhead, not
    # arithmetic, is the cost, and np.dot is the cheapest product call (same BLAS result).
    A = X @ p["W_xh"].T + p["b_h"]
    Hs = np.empty((B, T + 1, H))
    Hs[:, 0] = p["h0"] if h_init is None else h_init
    a_ticks = list(A.swapaxes(0, 1))
    h_ticks = list(Hs.swapaxes(0, 1))
    h = h_ticks[0]
    for a, h_next in zip(a_ticks, h_ticks[1:], strict=True):
        a += np.dot(h, W_hh_T)
        h = np.tanh(a, out=h_next) if f == "tanh" else _store(activations.hidden(f, a), h_next)
    H_out = Hs[:, 1:]
    O = H_out @ p["W_hy"].T + p["b_y"]
    if model.output_activation == "softmax" and model.loss == "cross_entropy":
        _, losses, dO = softmax_cross_entropy(O, batch.targets)  # computes the exponentials once
    else:
        Y = activations.output(model.output_activation, O)
        losses, dO = loss_and_delta_o(model.loss, model.output_activation, O, Y, batch.targets)
    mask = batch.mask
    if mask.all():  # the common case: a target on every tick, nothing to mask
        loss = float(losses.sum())
    else:
        loss = float(losses[mask].sum())
        dO *= mask[..., None]

    # Backward: the recurrence, then every weight gradient as one product.
    dH = dO @ p["W_hy"]
    fprime = activations.hidden_derivative(f, A, H_out)
    dA = np.empty_like(A)
    da_ticks, dh_ticks, fprime_ticks = list(dA.swapaxes(0, 1)), list(dH.swapaxes(0, 1)), list(fprime.swapaxes(0, 1))
    dh_next = np.zeros((B, H))
    for t in range(T - 1, -1, -1):
        da = np.add(dh_ticks[t], dh_next, out=da_ticks[t])
        da *= fprime_ticks[t]
        dh_next = np.dot(da, W_hh)
        if truncate is not None and t % truncate == 0 and t > 0:
            dh_next = np.zeros((B, H))
    grads = weight_grads(X, Hs[:, :-1], H_out, dA, dO, dh_next if h_init is None else None)
    return loss, grads, Hs[:, -1].copy()


def _store(value: np.ndarray, out: np.ndarray) -> np.ndarray:
    out[...] = value
    return out
