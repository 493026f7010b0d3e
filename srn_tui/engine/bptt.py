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


def tick_delta_o(model: Model, rec: TickRecord) -> np.ndarray:
    """dL(t)/do(t): what the loss at tick t alone sends into o(t) (zeros where t has no target)."""
    if rec.target is None:
        return np.zeros(model.output_size)
    _, delta_o = loss_and_delta_o(model.loss, model.output_activation, rec.o, rec.y, rec.target)
    return delta_o


def backward_step(model: Model, rec: TickRecord, delta_o_loss: np.ndarray, d_next: np.ndarray) -> BackwardStep:
    """One tick of the reversed loop: `delta_o_loss` is what the loss sends into o(t) at this tick,
    `d_next` what tick t+1 sends back into the state it was fed (dL/dh(t) for Elman, dL/dy(t) for
    Jordan). What this tick sends on to t-1 is W_hh^T delta_a."""
    p = model.params
    if model.is_jordan:
        # y(t) also feeds tick t+1, so that gradient reaches o(t) through g too.
        delta_o = delta_o_loss + activations.output_backward(model.output_activation, rec.y, d_next)
        delta_h = p["W_hy"].T @ delta_o
    else:
        delta_o = delta_o_loss
        delta_h = p["W_hy"].T @ delta_o + d_next
    delta_a = delta_h * activations.hidden_derivative(model.hidden_activation, rec.a, rec.h)
    return BackwardStep(rec.t, delta_o, delta_h, delta_a)


def chunk_start(t: int, truncate: int | None) -> int:
    """The first tick of the chunk holding tick t: where truncated BPTT stops the flow from t (1 without truncation)."""
    return 1 if truncate is None else ((t - 1) // truncate) * truncate + 1


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
        elif chunk_start(rec.t, truncate) == rec.t:
            d_next = np.zeros_like(d_next)  # chunk start: the carried-in state is a constant
    for g in grads.values():
        g.setflags(write=False)
    return Backward(tuple(reversed(steps)), grads, truncate)


def backward_tick(
    model: Model,
    rec: TickRecord,
    d_next: np.ndarray,
    grads: Params | None = None,
    delta_o_loss: np.ndarray | None = None,
) -> tuple[BackwardStep, np.ndarray]:
    """`backward_step` and what flows on: given d_next from t+1, what flows into tick t and what
    flows on to t-1 (dL/dh(t-1), or dL/dy(t-1) for Jordan). The loss at t is tick t's own unless
    `delta_o_loss` is given (engine/flow.py gives one target's only). Adds tick t's share to `grads`
    when given. bptt, engine/stream.py and engine/flow.py run their reversed loops with it."""
    if delta_o_loss is None:
        delta_o_loss = tick_delta_o(model, rec)
    step = backward_step(model, rec, delta_o_loss, d_next)
    if grads is not None:
        for name, term in tick_terms(rec, step).items():
            grads[name] += term
    return step, sent_back(model, step)


def tick_terms(rec: TickRecord, step: BackwardStep) -> dict[str, np.ndarray]:
    """Tick t's term of each weight's gradient: what `bptt` adds into the sums at this tick.
    (h0's term is `sent_back` at t = 1 only, where the chunk starts from the parameter h0.)"""
    return {
        "W_xh": np.outer(step.delta_a, rec.x),
        "W_hh": np.outer(step.delta_a, rec.h_prev),
        "b_h": step.delta_a,
        "W_hy": np.outer(step.delta_o, rec.h),
        "b_y": step.delta_o,
    }


def sent_back(model: Model, step: BackwardStep) -> np.ndarray:
    """What tick t sends back into the state it was fed: W_hh^T delta_a(t), which is dL/dh(t-1)
    for Elman, dL/dy(t-1) for Jordan (and dL/dh0 at t = 1)."""
    return model.params["W_hh"].T @ step.delta_a
