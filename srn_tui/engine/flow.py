"""One target's gradient flowing back through time, tick by tick (the view of RNNbow, Cashman et al. 2018).

For a target tick tau, L(tau) is the loss at tau alone. For t = tau, tau-1, ..., first:

- grad_norm(t) = ||dL(tau)/dh(t)||_2: the itemized BPTT, the reversed loop of bptt.py (its
  `backward_step`) with the loss at tau only;
- jacobian_norm(t) = ||dh(tau)/dh(t)||_2, the spectral norm (the largest singular value) of the
  H x H Jacobian: the most that a change of length 1 in h(t) can change h(tau). It is 1 at t = tau
  and does not depend on the output error.

In a Jordan network (feedback="output") the state carried from tick to tick is the output y(t-1);
the Jacobian is still of the hidden layer, h(tau) with respect to h(t), and the change travels
h(t) -> o(t) -> y(t) -> h(t+1). In both networks everything L(tau) gets from h(t) passes through
h(tau), so dL(tau)/dh(t) = J(tau, t)^T dL(tau)/dh(tau) and grad_norm(t) <= jacobian_norm(t) * grad_norm(tau).

`first` is 1, or with truncated BPTT (k) the first tick of tau's chunk, where the flow stops. Summed
over every target tau >= t, dL(tau)/dh(t) is bptt's delta_h(t) of the whole loss (tested).

Cost: the gradient is one matrix-vector product per tick; the Jacobian one H x H matrix product and
one singular value decomposition per tick, O((tau - first) * H^3).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np

from . import activations
from .bptt import backward_tick, chunk_start, tick_delta_o
from .errors import ModelError
from .forward import TickRecord, Trace
from .model import Model
from .sequence import DataSequence


class FlowTargetError(ModelError):
    """A tick that cannot be a flow target. reason: "out of range" (not in 1..length), "no target"
    (the tick has none), "no targets" (no tick of the sequence has one)."""

    def __init__(self, target: int | None, reason: str, length: int) -> None:
        self.target, self.reason, self.length = target, reason, length
        super().__init__("flow_target", target=target, reason=reason, length=length)


@dataclass(frozen=True)
class FlowStep:
    """Tick t of one target's flow: delta_h = dL(tau)/dh(t) and the two norms (jacobian_norm None
    where it was not asked for: see `target_flow`'s jacobian_depth)."""

    t: int
    delta_h: np.ndarray
    grad_norm: float
    jacobian_norm: float | None


@dataclass(frozen=True)
class TargetFlow:
    """The flow from the loss at `target` back to `first`; `steps` run t = first..target."""

    target: int
    first: int
    truncate: int | None
    steps: tuple[FlowStep, ...]

    def at(self, t: int) -> FlowStep | None:
        """Tick t's step, or None where the flow does not reach (before `first`, after `target`)."""
        return self.steps[t - self.first] if self.first <= t <= self.target else None

    @property
    def grad_norms(self) -> np.ndarray:
        """grad_norm for t = first..target."""
        return np.array([s.grad_norm for s in self.steps])

    @property
    def jacobian_norms(self) -> np.ndarray:
        """jacobian_norm for t = first..target, NaN where it was not computed."""
        return np.array([np.nan if s.jacobian_norm is None else s.jacobian_norm for s in self.steps])


def target_ticks(sequence: DataSequence) -> tuple[int, ...]:
    """The ticks (from 1) that have a target."""
    return tuple(int(i) + 1 for i in np.flatnonzero(sequence.mask))


def check_target(sequence: DataSequence, target: int) -> None:
    """Raise FlowTargetError unless tick `target` exists and has a target."""
    length = sequence.length
    if not target_ticks(sequence):
        raise FlowTargetError(target, "no targets", length)
    if not 1 <= target <= length:
        raise FlowTargetError(target, "out of range", length)
    if not sequence.mask[target - 1]:
        raise FlowTargetError(target, "no target", length)


def spectral_norms(stack: np.ndarray) -> np.ndarray:
    """The largest singular value of each matrix in `stack` (n, H, H); NaN or Inf (never an
    exception) for a matrix with an entry that is not finite.

    sqrt of the largest eigenvalue of B^T B, B = m / max|m|, for all matrices at once: several times
    faster than an SVD each, accurate to rounding relative to the result (Weyl), and the scaling
    keeps a vanishing 1e-200 from underflowing when squared."""
    out = np.zeros(len(stack))
    finite = np.all(np.isfinite(stack), axis=(1, 2))
    for i in np.flatnonzero(~finite):
        out[i] = np.nan if np.isnan(stack[i]).any() else np.inf
    scale = np.max(np.abs(stack[finite]), axis=(1, 2), initial=0.0)
    live = scale > 0.0  # an all-zero matrix has norm 0
    if live.any():
        b = stack[finite][live] / scale[live, None, None]
        top = np.linalg.eigvalsh(np.swapaxes(b, 1, 2) @ b)[:, -1]
        values = np.zeros(len(scale))
        values[live] = np.sqrt(np.maximum(top, 0.0)) * scale[live]
        out[finite] = values
    return out


def spectral_norm(m: np.ndarray) -> float:
    """The largest singular value of one matrix (see spectral_norms)."""
    return float(spectral_norms(np.asarray(m, dtype=np.float64)[None])[0])


def state_jacobian(model: Model, rec: TickRecord, prev: TickRecord) -> np.ndarray:
    """dh(t)/dh(t-1) for tick t = rec.t, prev the tick before: diag(f'(a(t))) W_hh for Elman;
    for Jordan the path runs through the fed-back output, diag(f'(a(t))) W_hh G(t-1) W_hy with
    G = dy/do. G is symmetric for every output activation, so G W_hy = (G^T applied to W_hy's columns)^T."""
    p = model.params
    d_hh = activations.hidden_derivative(model.hidden_activation, rec.a, rec.h)[:, None] * p["W_hh"]
    if not model.is_jordan:
        return d_hh
    g_why = activations.output_backward(model.output_activation, prev.y, p["W_hy"].T).T  # (O, H)
    return d_hh @ g_why


# The Jacobians whose norms are taken in one batched eigvalsh are held at once, and copied a few times
# while scaled and multiplied: at most about this many bytes of them (488 at H = 32: a lesson's flow is
# one batch; a long trace through a wide layer is many, so its memory stays flat).
NORM_BATCH_BYTES = 4_000_000


def jacobian_depth(hidden: int, span: int, budget: float) -> int | None:
    """How many ticks back from the target dh(tau)/dh(t) fits `budget` H^3 multiply-adds (one per
    tick): None for all `span` of them, else at least 1."""
    per_tick = float(hidden) ** 3
    if span * per_tick <= budget:
        return None
    return max(1, int(budget // per_tick))


def _walk(
    model: Model, records: Iterable[TickRecord], target: int, first: int, depth: int
) -> Iterator[tuple[int, np.ndarray, np.ndarray | None]]:
    """t, dL(target)/dh(t) and dh(target)/dh(t) (None beyond `depth`) for t = target down to first;
    `records` gives ticks target, target - 1, ... in that order (only down to `first` is read)."""
    d_next = np.zeros(model.context_size)
    jacobian = np.eye(model.hidden_size)
    later: TickRecord | None = None  # tick t + 1, read just before
    for rec in records:
        t = rec.t
        delta_o = tick_delta_o(model, rec) if t == target else np.zeros(model.output_size)
        step, d_next = backward_tick(model, rec, d_next, delta_o_loss=delta_o)
        near = target - t <= depth
        if later is not None and near:
            jacobian = jacobian @ state_jacobian(model, later, rec)
        yield t, step.delta_h, jacobian if near else None
        if t == first:
            return
        later = rec


def _normed(
    walk: Iterator[tuple[int, np.ndarray, np.ndarray | None]], hidden: int
) -> Iterator[tuple[int, np.ndarray, float | None]]:
    """The walk with each Jacobian replaced by its spectral norm, computed in batches (spectral_norms
    treats each matrix on its own, so the batch size does not change a number)."""
    batch = max(1, NORM_BATCH_BYTES // (8 * hidden * hidden))
    pending: list[tuple[int, np.ndarray, np.ndarray | None]] = []

    def flush() -> Iterator[tuple[int, np.ndarray, float | None]]:
        mats = [j for _, _, j in pending if j is not None]
        norms = iter(spectral_norms(np.stack(mats)) if mats else ())
        for t, delta_h, j in pending:
            yield t, delta_h, None if j is None else float(next(norms))
        pending.clear()

    for item in walk:
        pending.append(item)
        if len(pending) >= batch:
            yield from flush()
    yield from flush()


def _flow_span(
    sequence: DataSequence, target: int, truncate: int | None, jacobian_depth: int | None
) -> tuple[int, int]:
    """Checks the arguments; the flow's first tick and how many ticks back the Jacobian goes."""
    if truncate is not None and truncate < 1:
        raise ValueError("truncate must be at least 1")
    if jacobian_depth is not None and jacobian_depth < 0:
        raise ValueError("jacobian_depth must be 0 or more")
    check_target(sequence, target)
    first = chunk_start(target, truncate)
    return first, target - first if jacobian_depth is None else min(jacobian_depth, target - first)


def target_flow(
    trace: Trace, target: int, truncate: int | None = None, jacobian_depth: int | None = None
) -> TargetFlow:
    """The gradient of the loss at tick `target` alone, and dh(target)/dh(t), for t = target down to
    the start of the flow. With `jacobian_depth` n the Jacobian is computed for t = target .. target - n
    only (jacobian_norm None before that): a live view bounds its O(n H^3) cost so. FlowTargetError
    when the tick has no target; call inside np.errstate(all="ignore") to get NaN/Inf instead of
    warnings on diverged weights."""
    first, depth = _flow_span(trace.sequence, target, truncate, jacobian_depth)
    model = trace.model
    records = (trace.steps[t - 1] for t in range(target, first - 1, -1))
    steps = []
    for t, delta_h, norm in _normed(_walk(model, records, target, first, depth), model.hidden_size):
        delta_h = np.array(delta_h)
        delta_h.setflags(write=False)
        steps.append(FlowStep(t, delta_h, float(np.linalg.norm(delta_h)), norm))
    return TargetFlow(target, first, truncate, tuple(reversed(steps)))


@dataclass(frozen=True, slots=True)
class FlowNorm:
    """Tick t of one target's flow, its two norms only (see FlowStep)."""

    t: int
    grad_norm: float
    jacobian_norm: float | None


@dataclass(frozen=True)
class FlowNorms:
    """The norms of a TargetFlow without its vectors, for a trace too long to hold them: `steps`
    run t = first..target; `jacobian_depth` is how many ticks back from the target jacobian_norm
    was computed (None: all of them)."""

    target: int
    first: int
    truncate: int | None
    steps: tuple[FlowNorm, ...]
    jacobian_depth: int | None = None


def flow_norms(
    model: Model,
    sequence: DataSequence,
    records: Iterable[TickRecord],
    target: int,
    truncate: int | None = None,
    jacobian_depth: int | None = None,
) -> FlowNorms:
    """target_flow's norms, reading the ticks from `records` (target, target - 1, ... in that order,
    e.g. recomputed block by block) and keeping no vector: the same numbers as target_flow."""
    first, depth = _flow_span(sequence, target, truncate, jacobian_depth)
    walk = _normed(_walk(model, records, target, first, depth), model.hidden_size)
    steps = [FlowNorm(t, float(np.linalg.norm(delta_h)), norm) for t, delta_h, norm in walk]
    cut = None if depth == target - first else depth
    return FlowNorms(target, first, truncate, tuple(reversed(steps)), cut)
