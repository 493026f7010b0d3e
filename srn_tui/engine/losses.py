"""Loss functions, summed over output units, and their gradient with respect to o(t).

    mse:            L = 1/2 * sum_k (y_k - target_k)^2                        dL/do = g'(o)^T (y - target)
    cross_entropy:  softmax  L = -sum_k target_k ln y_k                       dL/do = y - target
                    sigmoid  L = -sum_k [t_k ln y_k + (1 - t_k) ln(1 - y_k)]  dL/do = y - target

The 1/2 in mse is the convention of the article's gradient (dL/dy = y - target, no factor 2);
every number the app shows as a loss is this one. Gradients are taken with respect to the output
pre-activation o, folding in g, because the stable forms of cross-entropy only exist there.
Cross-entropy wants targets that are probabilities: `target_problem` finds those that are not.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import activations

LOSSES = ("mse", "cross_entropy")
# How far a softmax target's sum may stray from 1 (rounding in files written with few decimals).
DISTRIBUTION_TOLERANCE = 1e-6


def default_loss(output_activation: str) -> str:
    return "cross_entropy" if output_activation == "softmax" else "mse"


def softmax_cross_entropy(o: np.ndarray, target: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """y = softmax(o), the loss -sum target * ln y and dL/do, computing the exponentials once
    (the batched engine calls this too, so every path has one formula)."""
    shifted = o - np.max(o, axis=-1, keepdims=True)
    e = np.exp(shifted)
    total = np.sum(e, axis=-1, keepdims=True)
    y = e / total
    value = -np.sum(target * (shifted - np.log(total)), axis=-1)
    # y * sum(target) - target is y - target for a distribution; kept general for the gradient check.
    return y, value, y * np.sum(target, axis=-1, keepdims=True) - target


def sigmoid_cross_entropy(o: np.ndarray, target: np.ndarray) -> np.ndarray:
    """Binary cross-entropy from the logits o: t*softplus(-o) + (1-t)*softplus(o), since
    -ln sigmoid(o) = softplus(-o) and -ln(1 - sigmoid(o)) = softplus(o). logaddexp(0, .) never
    overflows, and neither term is a difference of large numbers, so a tiny loss stays exact."""
    return np.sum(target * np.logaddexp(0.0, -o) + (1.0 - target) * np.logaddexp(0.0, o), axis=-1)


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
            _, value, delta = softmax_cross_entropy(o, target)
            return value, delta
        if output_activation == "sigmoid":
            return sigmoid_cross_entropy(o, target), y - target
        raise ValueError("cross_entropy needs a softmax or sigmoid output (log y must be defined)")
    raise ValueError(f"unknown loss {loss!r}; expected one of {', '.join(LOSSES)}")


def loss_of_outputs(loss: str, output_activation: str, y: np.ndarray, target: np.ndarray) -> np.ndarray:
    """The per-tick loss of outputs y given directly (a baseline's guess, not the network's), in
    the same convention: o is recovered from y (ln y for softmax, the logit for sigmoid), then the
    loss is loss_and_delta_o's. y must lie inside g's range (0 < y < 1 for cross-entropy)."""
    y = np.asarray(y, dtype=np.float64)
    target = np.asarray(target, dtype=np.float64)
    if loss == "cross_entropy" and output_activation == "softmax":
        o = np.log(y)
    elif loss == "cross_entropy" and output_activation == "sigmoid":
        o = np.log(y) - np.log1p(-y)
    else:
        o = y  # mse reads only y
    value, _ = loss_and_delta_o(loss, output_activation, o, y, target)
    return value


@dataclass(frozen=True)
class TargetProblem:
    """A target that the loss cannot take, as facts (the files layer words it).

    kind: "outside_0_1" (sigmoid cross-entropy: value not in [0, 1]), "negative" (softmax
    cross-entropy: a negative entry), "not_distribution" (softmax cross-entropy: the row sums to
    `value`, not 1). `tick` counts from 1; `unit` from 1, or None for a whole row."""

    kind: str
    tick: int
    unit: int | None
    value: float


def target_problem(loss: str, output_activation: str, targets: np.ndarray, mask: np.ndarray) -> TargetProblem | None:
    """The first target (in tick order) that cross-entropy with this output cannot take, or None.
    mse takes any finite target."""
    if loss != "cross_entropy":
        return None
    for i in np.flatnonzero(mask):
        row = targets[i]
        if output_activation == "sigmoid":
            bad = np.flatnonzero((row < 0.0) | (row > 1.0))
            if bad.size:
                return TargetProblem("outside_0_1", int(i) + 1, int(bad[0]) + 1, float(row[bad[0]]))
        else:  # softmax: a probability distribution
            bad = np.flatnonzero(row < 0.0)
            if bad.size:
                return TargetProblem("negative", int(i) + 1, int(bad[0]) + 1, float(row[bad[0]]))
            total = float(np.sum(row))
            if abs(total - 1.0) > DISTRIBUTION_TOLERANCE:
                return TargetProblem("not_distribution", int(i) + 1, None, total)
    return None
