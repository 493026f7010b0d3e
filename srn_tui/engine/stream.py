"""A forward pass and its BPTT over a long sequence without every tick's record in memory at once.

BPTT runs backward, so dL/dh(1) is known only after every later tick has been seen; printing tick 1
with its deltas first would need the whole trace. Instead, checkpoints (recompute, don't store):
the forward pass keeps only the state fed into each block of B ticks (at least sqrt(T)); the backward pass
recomputes one block at a time from its checkpoint, runs the reversed loop over it and keeps only
what flows back into the block's last tick. `steps()` then recomputes each block, forward and
backward, from those two checkpoints. Memory: one block of records (about BLOCK_BYTES) instead of
all T. Time: a trace of one block is computed once; a longer one takes about three forward and two
backward passes per read of every tick (the second without weight gradients) instead of one of each.
The numbers are exactly those of forward() + bptt(): the same operations in the same order.

Overflow is a fact here, not a warning: NumPy's RuntimeWarnings are silenced and the first tick
where a value stopped being finite is returned as `overflow`.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from .bptt import Backward, BackwardStep, backward_tick
from .forward import TickRecord, Trace, run_ticks
from .model import PARAM_NAMES, Model
from .sequence import DataSequence


@dataclass(frozen=True)
class Overflow:
    """Where a value first stopped being finite (Inf or NaN): the quantity ("a", "o", "loss",
    "delta_o", "delta_h", "delta_a", or a parameter name for a gradient) and its tick t, counted
    from 1 (None for a gradient, which sums over every tick)."""

    quantity: str
    t: int | None


# Ticks per block: at least sqrt(T), and as many as fit in about this many bytes of records, so that
# a trace of a few thousand ticks is one block, computed once and never recomputed.
BLOCK_BYTES = 16_000_000
_TICK_BYTES = 1_600  # the Python objects of one record and its backward step, besides their numbers


def block_ticks(model: Model, length: int) -> int:
    numbers = model.input_size + 2 * model.context_size + 4 * model.hidden_size + 4 * model.output_size
    budget = BLOCK_BYTES // (_TICK_BYTES + 8 * numbers)
    return max(1, min(length, max(budget, math.isqrt(max(length - 1, 0)) + 1)))


class StreamedTrace:
    """forward(model, sequence) and bptt() of it, held as checkpoints: `loss`, `grads` and
    `overflow` at once, the per-tick records and deltas from `steps()` (callable many times)."""

    def __init__(self, model: Model, sequence: DataSequence, block: int | None = None) -> None:
        sequence.check_fits(model.input_size, model.output_size)
        self.model = model.copy()
        self.sequence = sequence
        self.block = block or block_ticks(model, sequence.length)
        self._starts = range(0, sequence.length, self.block)
        # The block computed last: each pass starts where the one before ended, so one block is reused.
        self._cache: tuple[int, list[TickRecord], list[BackwardStep] | None] = (-1, [], None)
        with np.errstate(all="ignore"):
            self._states, self.loss, overflow = self._forward_pass()
            self.grads, self._carries, back_overflow = self._backward_pass()
        self.overflow = overflow or back_overflow

    def __len__(self) -> int:
        return self.sequence.length

    def steps(self) -> Iterator[tuple[TickRecord, BackwardStep]]:
        """Each tick's record with what flowed back into it, in tick order, one block in memory."""
        for b in range(len(self._starts)):
            yield from zip(*self._block(b), strict=True)

    def records_back(self, t: int) -> Iterator[TickRecord]:
        """The records of ticks t, t-1, ..., 1 in that order, one block recomputed at a time."""
        for b in range((t - 1) // self.block, -1, -1):
            yield from (rec for rec in reversed(self._records(b)) if rec.t <= t)

    def _records(self, b: int, state: np.ndarray | None = None) -> list[TickRecord]:
        """Block b, recomputed from its checkpoint (or from `state`, while the checkpoints are made)."""
        if self._cache[0] == b:
            return self._cache[1]
        start = self._starts[b]
        stop = min(start + self.block, self.sequence.length)
        records = list(run_ticks(self.model, self.sequence, start, stop, self._states[b] if state is None else state))
        self._cache = (b, records, None)
        return records

    def _block(self, b: int) -> tuple[list[TickRecord], list[BackwardStep]]:
        records = self._records(b)
        backs = self._cache[2]
        if backs is None:
            with np.errstate(all="ignore"):
                d_next, backs = self._carries[b], []
                for rec in reversed(records):
                    back, d_next = backward_tick(self.model, rec, d_next)
                    backs.append(back)
                backs.reverse()
            self._cache = (b, records, backs)
        return records, backs

    def _forward_pass(self) -> tuple[list[np.ndarray], float, Overflow | None]:
        states, total, overflow = [], 0.0, None
        h = self.model.params["h0"]
        for b in range(len(self._starts)):
            states.append(h)
            records = self._records(b, h)
            for rec in records:
                if rec.loss is not None:
                    total += rec.loss  # in tick order, as Trace.loss adds them
            if overflow is None and not (math.isfinite(total) and _all_finite(records, ("a", "o"))):
                overflow = next(filter(None, map(_record_overflow, records)), None)
            h = records[-1].y if self.model.is_jordan else records[-1].h
        return states, total, overflow

    def _backward_pass(self) -> tuple[dict[str, np.ndarray], list[np.ndarray], Overflow | None]:
        model = self.model
        grads = {name: np.zeros_like(model.params[name]) for name in PARAM_NAMES}
        carries: list[np.ndarray] = [np.zeros(0)] * len(self._starts)
        d_next, overflow = np.zeros(model.context_size), None
        for b in reversed(range(len(self._starts))):
            carries[b] = d_next  # what flows into this block's last tick from the tick after it
            records, backs = self._records(b), []
            for rec in reversed(records):
                back, d_next = backward_tick(model, rec, d_next, grads)
                backs.append(back)
                if rec.t == 1:
                    grads["h0"] += d_next
            backs.reverse()
            self._cache = (b, records, backs)  # the deltas steps() would compute: the same operations
            if overflow is None and not _all_finite(backs, ("delta_o", "delta_h", "delta_a")):
                overflow = next(filter(None, map(_backward_overflow, reversed(backs))), None)
        for name, g in grads.items():
            if overflow is None and not np.isfinite(g).all():
                overflow = Overflow(name, None)
            g.setflags(write=False)
        return grads, carries, overflow


def trace_overflow(trace: Trace, backward: Backward) -> Overflow | None:
    """The same fact for a trace held whole in memory (the app's)."""
    for rec in trace.steps:
        found = _record_overflow(rec)
        if found:
            return found
    for back in reversed(backward.steps):
        found = _backward_overflow(back)
        if found:
            return found
    return next((Overflow(n, None) for n in PARAM_NAMES if not np.isfinite(backward.grads[n]).all()), None)


def _all_finite(items: list, names: tuple[str, ...]) -> bool:
    """One check for a whole block: far cheaper than one per array."""
    return bool(np.isfinite(np.concatenate([getattr(item, n) for item in items for n in names])).all())


def _record_overflow(rec: TickRecord) -> Overflow | None:
    # a and o suffice: every f and g maps finite numbers to finite numbers, and h(t-1) is a finite h.
    for name in ("a", "o"):
        if not np.isfinite(getattr(rec, name)).all():
            return Overflow(name, rec.t)
    if rec.loss is not None and not math.isfinite(rec.loss):
        return Overflow("loss", rec.t)
    return None


def _backward_overflow(back: BackwardStep) -> Overflow | None:
    for name in ("delta_o", "delta_h", "delta_a"):
        if not np.isfinite(getattr(back, name)).all():
            return Overflow(name, back.t)
    return None


class StoredTrace:
    """A trace held whole in memory (the app's, or one the narration reads), read like a StreamedTrace."""

    def __init__(self, trace: Trace, backward: Backward) -> None:
        self.trace, self.backward = trace, backward
        self.model, self.sequence, self.loss, self.grads = trace.model, trace.sequence, trace.loss, backward.grads
        self.overflow = trace_overflow(trace, backward)

    def __len__(self) -> int:
        return len(self.trace)

    def steps(self) -> Iterator[tuple[TickRecord, BackwardStep]]:
        return zip(self.trace.steps, self.backward.steps, strict=True)

    def records_back(self, t: int) -> Iterator[TickRecord]:
        """The records of ticks t, t-1, ..., 1 in that order."""
        return reversed(self.trace.steps[:t])
