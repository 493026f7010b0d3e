"""Backpropagation through time over a Trace: a reversed loop carrying dL/dh back one tick.

Full BPTT lets every target's error flow back to t = 1. Truncated BPTT with k cuts
the sequence into chunks of k ticks (1..k, k+1..2k, ...) and stops the flow at each
chunk's start, treating the carried-in state as a constant, as min-char-rnn does;
k = 1 is Elman's original rule of propagating error back one tick only.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import activations
from .forward import TickRecord, Trace
from .losses import loss_and_delta_o
from .model import PARAM_NAMES, Model, Params


@dataclass(frozen=True)
class BackwardStep:
    """What flowed back into tick t.

    delta_o = dL/do(t) (only the loss at t for Elman; for Jordan also what y(t) sends to t+1),
    delta_h = dL/dh(t) including what came back from t+1, delta_a = dL/da(t) = delta_h * f'(a(t)).
    """

    t: int
    delta_o: np.ndarray
    delta_h: np.ndarray
    delta_a: np.ndarray


@dataclass(frozen=True)
class Backward:
    steps: tuple[BackwardStep, ...]
    grads: Params
    truncate: int | None = None


def bptt(trace: Trace, truncate: int | None = None) -> Backward:
    """Gradients of trace.loss with respect to every parameter, h0 included."""
    if truncate is not None and truncate < 1:
        raise ValueError("truncate must be at least 1")
    model = trace.model
    grads = {name: np.zeros_like(model.params[name]) for name in PARAM_NAMES}
    # dL/d(the state fed back from this tick), arriving from tick t+1: dL/dh(t) for Elman, dL/dy(t) for Jordan.
    d_next = np.zeros(model.context_size)
    steps: list[BackwardStep] = []
    for rec in reversed(trace.steps):
        back, d_next = backward_tick(model, rec, d_next, grads)
        steps.append(back)
        if rec.t == 1:
            grads["h0"] += d_next  # the first chunk's starting state is the parameter h0
        elif truncate is not None and (rec.t - 1) % truncate == 0:
            d_next = np.zeros_like(d_next)  # chunk start: the carried-in state is a constant
    for g in grads.values():
        g.setflags(write=False)
    return Backward(tuple(reversed(steps)), grads, truncate)


def backward_tick(
    model: Model, rec: TickRecord, d_next: np.ndarray, grads: Params | None = None
) -> tuple[BackwardStep, np.ndarray]:
    """One tick of the reversed loop: what flows into tick t given d_next from t+1, and what flows
    on to t-1 (dL/dh(t-1), or dL/dy(t-1) for Jordan). Adds tick t's share to `grads` when given."""
    p = model.params
    if rec.target is not None:
        _, delta_o = loss_and_delta_o(model.loss, model.output_activation, rec.o, rec.y, rec.target)
    else:
        delta_o = np.zeros(model.output_size)
    if model.is_jordan:
        # y(t) also feeds tick t+1, so that gradient reaches o(t) through g too.
        delta_o = delta_o + activations.output_backward(model.output_activation, rec.y, d_next)
        delta_h = p["W_hy"].T @ delta_o
    else:
        delta_h = p["W_hy"].T @ delta_o + d_next
    delta_a = delta_h * activations.hidden_derivative(model.hidden_activation, rec.a, rec.h)
    if grads is not None:
        grads["W_hy"] += np.outer(delta_o, rec.h)
        grads["b_y"] += delta_o
        grads["W_xh"] += np.outer(delta_a, rec.x)
        grads["W_hh"] += np.outer(delta_a, rec.h_prev)
        grads["b_h"] += delta_a
    return BackwardStep(rec.t, delta_o, delta_h, delta_a), p["W_hh"].T @ delta_a
