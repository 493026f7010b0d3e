"""How much gradient reaches each tick: log-scale bars, the reading of one target's flow, and
which target tick the flow view follows.

The reading is of one target's loss (engine.target_flow): ||dL(tau)/dh(t)|| from tau back to the
earliest tick it reaches. The whole loss's ||dL/dh(t)|| (`delta_h_norms`) sums the error sent back by
every target at t and later, so on a lesson with a target at every tick it stays level even where
each target's own gradient vanishes; it is shown beside, never read as the vanishing gradient.
Charts never see NaN or Inf: every bar carries a finite value plus a flag saying what it stands for.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..engine import Backward, TargetFlow

# Bars: log10 of the norm, clamped to this finite range. Zero and NaN sit on the floor, +Inf on the ceiling.
LOG_FLOOR = -16.0
LOG_CEILING = 16.0

# The reading compares the norm at the earliest tick the target's gradient reaches with the norm at
# the target itself. ratio = early / late.
VANISHING_BELOW = 0.1  # under x0.1: "vanishing"
STABLE_LOW, STABLE_HIGH = 0.5, 2.0  # within x0.5-x2: "stable"; between the bands: "shrinking"/"growing"
EXPLODING_ABOVE = 10.0  # over x10: "exploding"


def delta_h_norms(backward: Backward) -> np.ndarray:
    """||dL/dh(t)|| of the whole loss for t = 1..T (index t-1); may hold NaN/Inf when training diverged."""
    with np.errstate(all="ignore"):
        return np.array([float(np.linalg.norm(step.delta_h)) for step in backward.steps])


@dataclass(frozen=True)
class FlowBar:
    """One tick's bar. `log10` is always finite; `height` in [0, 1] spans the finite bars' range.
    flag: "ok", "zero" (no gradient reached the tick), "nan", "inf"."""

    t: int
    norm: float
    log10: float
    height: float
    flag: str


def flow_bars(norms: Sequence[float] | np.ndarray) -> tuple[FlowBar, ...]:
    """The log-scale bar model for norms of ticks 1..T."""
    values = np.asarray(norms, dtype=np.float64)
    flags, logs = [], []
    for v in values:
        if np.isnan(v):
            flags.append("nan")
            logs.append(LOG_FLOOR)
        elif np.isinf(v):
            flags.append("inf")
            logs.append(LOG_CEILING)
        elif v <= 0.0:
            flags.append("zero")
            logs.append(LOG_FLOOR)
        else:
            flags.append("ok")
            logs.append(min(max(math.log10(v), LOG_FLOOR), LOG_CEILING))
    ok = [g for g, f in zip(logs, flags, strict=True) if f == "ok"]
    low, high = (min(ok), max(ok)) if ok else (LOG_FLOOR, LOG_CEILING)
    bars = []
    for i, (v, g, f) in enumerate(zip(values, logs, flags, strict=True)):
        if f == "ok":
            height = 1.0 if high == low else 0.05 + 0.95 * (g - low) / (high - low)  # smallest still visible
        else:
            height = 1.0 if f == "inf" else 0.0
        bars.append(FlowBar(i + 1, float(v), g, height, f))
    return tuple(bars)


@dataclass(frozen=True)
class FlowReading:
    """How the gradient of the loss at tick `target` changes on its way back to `first`, the earliest
    tick it reaches (1, or the start of its chunk under truncated BPTT). Facts; ui/labels.py words them.

    verdict: vanishing | shrinking | stable | growing | exploding (by the ratio's band), none (no
    gradient at the target: error 0 or a saturated output), not finite, single tick (first == target),
    no targets (the sequence has no target: target and first are 0).
    ratio = grad_norm(first) / grad_norm(target), None where it has no meaning."""

    target: int
    first: int
    ratio: float | None
    verdict: str

    @property
    def span(self) -> int:
        """Ticks the gradient flows back through."""
        return self.target - self.first


def read_flow(flow: TargetFlow | None) -> FlowReading:
    """The reading of one target's flow (None: the sequence has no target)."""
    if flow is None:
        return FlowReading(0, 0, None, "no targets")
    norms = flow.grad_norms
    target, first = flow.target, flow.first
    if not np.all(np.isfinite(norms)):
        return FlowReading(target, first, None, "not finite")
    late, early = float(norms[-1]), float(norms[0])
    if late == 0.0:
        return FlowReading(target, first, None, "none")
    if target == first:
        return FlowReading(target, first, None, "single tick")
    ratio = early / late
    if ratio < VANISHING_BELOW:
        verdict = "vanishing"
    elif ratio < STABLE_LOW:
        verdict = "shrinking"
    elif ratio <= STABLE_HIGH:
        verdict = "stable"
    elif ratio <= EXPLODING_ABOVE:
        verdict = "growing"
    else:
        verdict = "exploding"
    return FlowReading(target, first, ratio, verdict)


def default_target(targets: Sequence[int], cursor: int) -> int | None:
    """The flow target for a cursor at tick `cursor`: the latest tick with a target at or before it,
    else (the cursor is before every target) the first target; None when there is none."""
    before = [t for t in targets if t <= cursor]
    if before:
        return before[-1]
    return targets[0] if targets else None


def step_target(targets: Sequence[int], current: int | None, direction: int) -> int | None:
    """The target tick before (direction -1) or after (+1) `current`; `current` itself at either end."""
    if not targets:
        return None
    if current is None:
        return targets[-1] if direction < 0 else targets[0]
    if direction < 0:
        earlier = [t for t in targets if t < current]
        return earlier[-1] if earlier else current
    later = [t for t in targets if t > current]
    return later[0] if later else current
