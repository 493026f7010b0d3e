"""How much gradient reaches each tick: ||dL/dh(t)|| per tick, log-scale bars and a one-line reading.

Charts never see NaN or Inf: every bar carries a finite value plus a flag saying what it stands for.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..engine import Backward
from .snapshots import fmt_number

# Bars: log10 of the norm, clamped to this finite range. Zero and NaN sit on the floor, +Inf on the ceiling.
LOG_FLOOR = -16.0
LOG_CEILING = 16.0

# The reading compares the norm at the earliest tick the gradient can reach with the norm at the
# latest tick that has a target. ratio = early / late.
VANISHING_BELOW = 0.1  # under x0.1: "vanishing"
STABLE_LOW, STABLE_HIGH = 0.5, 2.0  # within x0.5-x2: "stable"; between the bands: "shrinking"/"growing"
EXPLODING_ABOVE = 10.0  # over x10: "exploding"


def delta_h_norms(backward: Backward) -> np.ndarray:
    """||dL/dh(t)|| for t = 1..T (index t-1); may hold NaN/Inf when training diverged."""
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
    """verdict: vanishing | shrinking | stable | growing | exploding | none | not finite | single tick.
    ratio = norm(first) / norm(last) (None when it has no meaning); text is one ASCII line."""

    first: int
    last: int
    ratio: float | None
    verdict: str
    text: str


def flow_reading(
    norms: Sequence[float] | np.ndarray, targets: Sequence[bool] | None = None, truncate: int | None = None
) -> FlowReading:
    """Read how the gradient changes from the latest tick with a target back to the earliest it reaches.

    `targets` marks the ticks with a target (default: the last tick counts). With `truncate` k the
    gradient stops at the start of its chunk, so that is the earliest tick compared.
    """
    values = np.asarray(norms, dtype=np.float64)
    n = len(values)
    marked = [] if targets is None else [i + 1 for i, has in enumerate(targets) if has]
    last = marked[-1] if marked else n
    first = 1 if truncate is None else ((last - 1) // truncate) * truncate + 1
    if n == 0:
        return FlowReading(0, 0, None, "none", "no ticks: no gradient to read")
    if not np.all(np.isfinite(values)):
        return FlowReading(first, last, None, "not finite", "gradient is not finite (NaN or Inf): training diverged")
    late, early = float(values[last - 1]), float(values[first - 1])
    span = last - first
    if span == 0:
        return FlowReading(
            first,
            last,
            None,
            "single tick",
            f"gradient {fmt_number(late)} at t = {last}: no ticks to flow back through",
        )
    if late == 0.0:
        why = "the output sends nothing back (error 0, or saturated)"
        return FlowReading(first, last, None, "none", f"no gradient at t = {last}: {why}")
    ratio = early / late
    ticks = f"over {span} tick{'s' if span != 1 else ''}"
    if ratio < VANISHING_BELOW:
        verdict, text = "vanishing", f"gradient shrinks x{ratio_text(ratio)} {ticks}: vanishing"
    elif ratio < STABLE_LOW:
        verdict, text = "shrinking", f"gradient shrinks x{ratio_text(ratio)} {ticks}: fading"
    elif ratio <= STABLE_HIGH:
        verdict, text = "stable", f"gradient changes x{ratio_text(ratio)} {ticks}: stable (within x0.5-x2)"
    elif ratio <= EXPLODING_ABOVE:
        verdict, text = "growing", f"gradient grows x{ratio_text(ratio)} {ticks}: growing"
    else:
        verdict, text = "exploding", f"gradient grows x{ratio_text(ratio)} {ticks}: exploding"
    return FlowReading(first, last, ratio, verdict, text)


def ratio_text(r: float) -> str:
    """'0.02', '0.5', '1.3', '300', '1.2e-10', '4.5e+04': short, ASCII, never '×'."""
    if r == 0.0:
        return "0"
    if 1e-3 <= r < 1.0:
        return f"{r:.2g}"
    if 1.0 <= r < 1e4:
        return f"{r:.3g}" if r < 10 else f"{r:.0f}"
    return f"{r:.1e}"
