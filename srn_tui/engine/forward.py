"""The forward pass, one tick at a time, kept as immutable records a UI can travel through.

This is the readable reference implementation; `batched.py` computes the same
numbers vectorized for training speed, and the tests hold the two together.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from . import activations
from .losses import loss_and_delta_o
from .model import Model
from .sequence import DataSequence


def _frozen(a: np.ndarray) -> np.ndarray:
    """`a` as a read-only float64 array. One that is read-only already (the previous record's h,
    a row of the read-only sequence) is shared, not copied; a long trace makes millions of these."""
    if isinstance(a, np.ndarray) and a.dtype == np.float64 and not a.flags.writeable:
        return a
    a = np.array(a, dtype=np.float64)
    a.setflags(write=False)
    return a


def _sealed(a: np.ndarray) -> np.ndarray:
    """An array step() has just computed (no one else holds it), made read-only in place."""
    a.setflags(write=False)
    return a


@dataclass(frozen=True)
class TickRecord:
    """Everything computed at tick t (counting from 1, as in the article).

    a = W_xh x + W_hh h_prev + b_h,  h = f(a),  o = W_hy h + b_y,  y = g(o).
    `h_prev` is the state fed back from the tick before: h(t-1), or y(t-1) in a Jordan network.
    `target` and `loss` are None at ticks without a target.
    """

    t: int
    x: np.ndarray
    h_prev: np.ndarray
    a: np.ndarray
    h: np.ndarray
    o: np.ndarray
    y: np.ndarray
    target: np.ndarray | None
    loss: float | None


@dataclass(frozen=True)
class Trace:
    """A forward pass: the model it ran with (a private copy) and one record per tick."""

    model: Model
    sequence: DataSequence
    steps: tuple[TickRecord, ...]

    @property
    def loss(self) -> float:
        """Total loss over the ticks that have a target (0.0 when none do)."""
        return float(sum(s.loss for s in self.steps if s.loss is not None))

    def __len__(self) -> int:
        return len(self.steps)


def step(model: Model, t: int, x: np.ndarray, h_prev: np.ndarray, target: np.ndarray | None = None) -> TickRecord:
    """Compute one tick from x(t) and h(t-1) with the model's shared weights."""
    p = model.params
    a = p["W_xh"] @ x + p["W_hh"] @ h_prev + p["b_h"]
    h = activations.hidden(model.hidden_activation, a)
    o = p["W_hy"] @ h + p["b_y"]
    y = activations.output(model.output_activation, o)
    loss = None
    if target is not None:
        value, _ = loss_and_delta_o(model.loss, model.output_activation, o, y, target)
        loss = float(value)
    return TickRecord(
        t,
        _frozen(x),
        _frozen(h_prev),
        _sealed(a),
        _sealed(h),
        _sealed(o),
        _sealed(y),
        None if target is None else _frozen(target),
        loss,
    )


def forward(model: Model, sequence: DataSequence, h0: np.ndarray | None = None) -> Trace:
    """Run the whole sequence from h0 (the model's own h0 unless given)."""
    sequence.check_fits(model.input_size, model.output_size)
    snapshot = model.copy()
    h = snapshot.params["h0"] if h0 is None else np.asarray(h0, dtype=np.float64)
    return Trace(snapshot, sequence, tuple(run_ticks(snapshot, sequence, 0, sequence.length, h)))


def run_ticks(model: Model, sequence: DataSequence, start: int, stop: int, h: np.ndarray) -> Iterator[TickRecord]:
    """The records of ticks start+1 .. stop (0-based indices start .. stop-1), from the state `h`
    fed into tick start+1, one at a time."""
    for i in range(start, stop):
        record = step(model, i + 1, sequence.inputs[i], h, sequence.target_at(i))
        yield record
        h = record.y if model.is_jordan else record.h  # what the next tick is fed back
