"""Optimizers that update a parameter dict in place, keeping their state under the same keys.

The update rules follow PyTorch's definitions, so a torch twin can check them.
"""

from __future__ import annotations

from collections.abc import Collection

import numpy as np

from .model import Params

OPTIMIZERS = ("sgd", "momentum", "adagrad", "adam")


class Optimizer:
    name = "base"

    def __init__(self, lr: float) -> None:
        if not np.isfinite(lr) or lr <= 0:
            raise ValueError(f"learning rate must be a positive number, found {lr}")
        self.lr = lr
        self.state: dict[str, dict[str, np.ndarray]] = {}

    def step(self, params: Params, grads: Params, frozen: Collection[str] = ()) -> None:
        """Move every parameter not in `frozen` one step against its gradient."""
        for name, g in grads.items():
            if name not in frozen:
                params[name] -= self._delta(name, g)

    def _delta(self, name: str, g: np.ndarray) -> np.ndarray:
        raise NotImplementedError


class SGD(Optimizer):
    """p <- p - lr * g"""

    name = "sgd"

    def _delta(self, name: str, g: np.ndarray) -> np.ndarray:
        return self.lr * g


class Momentum(Optimizer):
    """v <- mu * v + g;  p <- p - lr * v"""

    name = "momentum"

    def __init__(self, lr: float, mu: float = 0.9) -> None:
        super().__init__(lr)
        self.mu = mu

    def _delta(self, name: str, g: np.ndarray) -> np.ndarray:
        s = self.state.setdefault(name, {"velocity": np.zeros_like(g)})
        s["velocity"] = self.mu * s["velocity"] + g
        return self.lr * s["velocity"]


class Adagrad(Optimizer):
    """G <- G + g^2;  p <- p - lr * g / (sqrt(G) + eps)"""

    name = "adagrad"

    def __init__(self, lr: float, eps: float = 1e-10) -> None:
        super().__init__(lr)
        self.eps = eps

    def _delta(self, name: str, g: np.ndarray) -> np.ndarray:
        s = self.state.setdefault(name, {"sum_sq": np.zeros_like(g)})
        s["sum_sq"] = s["sum_sq"] + g * g
        return self.lr * g / (np.sqrt(s["sum_sq"]) + self.eps)


class Adam(Optimizer):
    """Adam with bias correction: m, v moving averages of g and g^2."""

    name = "adam"

    def __init__(self, lr: float, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8) -> None:
        super().__init__(lr)
        self.beta1, self.beta2, self.eps = beta1, beta2, eps

    def _delta(self, name: str, g: np.ndarray) -> np.ndarray:
        s = self.state.setdefault(name, {"m": np.zeros_like(g), "v": np.zeros_like(g), "step": np.zeros(())})
        s["step"] = s["step"] + 1
        s["m"] = self.beta1 * s["m"] + (1 - self.beta1) * g
        s["v"] = self.beta2 * s["v"] + (1 - self.beta2) * g * g
        m_hat = s["m"] / (1 - self.beta1 ** s["step"])
        v_hat = s["v"] / (1 - self.beta2 ** s["step"])
        return self.lr * m_hat / (np.sqrt(v_hat) + self.eps)


def make_optimizer(name: str, lr: float) -> Optimizer:
    classes = {cls.name: cls for cls in (SGD, Momentum, Adagrad, Adam)}
    if name not in classes:
        raise ValueError(f"unknown optimizer {name!r}; expected one of {', '.join(OPTIMIZERS)}")
    return classes[name](lr)


def global_norm(grads: Params, names: Collection[str] | None = None) -> float:
    """sqrt of the sum of every squared gradient entry (over `names`, default all)."""
    keys = grads.keys() if names is None else names
    return float(np.sqrt(sum(float(np.sum(grads[k] * grads[k])) for k in keys)))


def clip_by_global_norm(grads: Params, max_norm: float, names: Collection[str] | None = None) -> tuple[Params, float]:
    """Scale the gradients (all, or `names`) so their global norm is at most max_norm.

    Returns new arrays and the norm before clipping. Called after backward, never
    inside it, so the gradient check always sees the true gradient.
    """
    norm = global_norm(grads, names)
    scale = max_norm / norm if norm > max_norm and np.isfinite(norm) else 1.0
    keys = set(grads) if names is None else set(names)
    return {k: (g * scale if k in keys else g.copy()) for k, g in grads.items()}, norm
