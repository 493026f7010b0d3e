"""Loss functions, summed over output units, and their gradient with respect to o(t).

Gradients are taken with respect to the output pre-activation o, folding in g,
because the stable forms (softmax + cross-entropy) only exist there.
"""

from __future__ import annotations

import numpy as np

from . import activations

LOSSES = ("mse", "cross_entropy")


def default_loss(output_activation: str) -> str:
    return "cross_entropy" if output_activation == "softmax" else "mse"


def loss_and_delta_o(
    loss: str, output_activation: str, o: np.ndarray, y: np.ndarray, target: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Per-tick loss (sum over the last axis) and dL/do, for arrays of shape (..., O)."""
    if loss == "mse":
        diff = y - target
        value = 0.5 * np.sum(diff * diff, axis=-1)
        return value, activations.output_backward(output_activation, y, diff)
    if loss == "cross_entropy":
        if output_activation == "softmax":
            shifted = o - np.max(o, axis=-1, keepdims=True)
            log_y = shifted - np.log(np.sum(np.exp(shifted), axis=-1, keepdims=True))
            value = -np.sum(target * log_y, axis=-1)
            return value, y * np.sum(target, axis=-1, keepdims=True) - target
        if output_activation == "sigmoid":
            # -log sigmoid(o) = log(1 + e^-o), computed without overflow.
            value = np.sum(target * np.logaddexp(0.0, -o), axis=-1)
            return value, -target * (1.0 - y)
        raise ValueError("cross_entropy needs a softmax or sigmoid output (log y must be defined)")
    raise ValueError(f"unknown loss {loss!r}; expected one of {', '.join(LOSSES)}")
