"""Activation functions f (hidden) and g (output), with the derivatives BPTT needs.

Every function works on arrays whose last axis is the unit axis, so the same code
serves one tick, one sequence (T x H) and a batch (B x T x H).
"""

from __future__ import annotations

import numpy as np

HIDDEN_ACTIVATIONS = ("tanh", "relu", "sigmoid", "identity")
OUTPUT_ACTIVATIONS = ("identity", "sigmoid", "softmax")


def sigmoid(a: np.ndarray) -> np.ndarray:
    # 0.5 * (1 + tanh(a/2)) equals 1 / (1 + e^-a) and never overflows.
    return 0.5 * (1.0 + np.tanh(0.5 * a))


def softmax(o: np.ndarray) -> np.ndarray:
    shifted = o - np.max(o, axis=-1, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=-1, keepdims=True)


def hidden(name: str, a: np.ndarray) -> np.ndarray:
    """h = f(a)."""
    if name == "tanh":
        return np.tanh(a)
    if name == "relu":
        return np.maximum(a, 0.0)
    if name == "sigmoid":
        return sigmoid(a)
    if name == "identity":
        return np.array(a, dtype=float, copy=True)
    raise ValueError(f"unknown hidden activation {name!r}; expected one of {', '.join(HIDDEN_ACTIVATIONS)}")


def hidden_derivative(name: str, a: np.ndarray, h: np.ndarray) -> np.ndarray:
    """dh/da, elementwise. Uses h where that is cheaper (tanh, sigmoid)."""
    if name == "tanh":
        return 1.0 - h * h
    if name == "relu":
        return (a > 0).astype(float)
    if name == "sigmoid":
        return h * (1.0 - h)
    if name == "identity":
        return np.ones_like(a, dtype=float)
    raise ValueError(f"unknown hidden activation {name!r}; expected one of {', '.join(HIDDEN_ACTIVATIONS)}")


def output(name: str, o: np.ndarray) -> np.ndarray:
    """y = g(o)."""
    if name == "identity":
        return np.array(o, dtype=float, copy=True)
    if name == "sigmoid":
        return sigmoid(o)
    if name == "softmax":
        return softmax(o)
    raise ValueError(f"unknown output activation {name!r}; expected one of {', '.join(OUTPUT_ACTIVATIONS)}")


def output_backward(name: str, y: np.ndarray, dy: np.ndarray) -> np.ndarray:
    """dL/do from dL/dy: the transpose of g's Jacobian applied to dy."""
    if name == "identity":
        return dy
    if name == "sigmoid":
        return dy * y * (1.0 - y)
    if name == "softmax":
        # J = diag(y) - y y^T, so J^T dy = y * (dy - <dy, y>).
        return y * (dy - np.sum(dy * y, axis=-1, keepdims=True))
    raise ValueError(f"unknown output activation {name!r}; expected one of {', '.join(OUTPUT_ACTIVATIONS)}")
