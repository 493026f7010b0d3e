"""How much of one target's gradient reaches back: ||dL(tau)/dh(tau - k)|| / ||dL(tau)/dh(tau)||.

L(tau) is the loss at tick tau alone, so the ratio measures the error of that one target as BPTT
carries it back k ticks, without the errors of later targets adding in (which the whole loss's
dL/dh(t) would sum). Read from the engine's per-target flow (engine.target_flow), the numbers the
gradient-flow panel and `trace --flow-target` show.
"""

from __future__ import annotations

import numpy as np

from ..engine import DataSequence, Model, Trace, forward, target_flow


def share_in_trace(trace: Trace, tau: int, k: int) -> float:
    """share_reaching_back on a trace already computed (a narration remark has the one it narrates)."""
    if not 0 <= k < tau <= len(trace):
        raise ValueError(f"need 0 <= k < tau <= {len(trace)}, found k = {k}, tau = {tau}")
    return _share(trace, tau, k)


def _share(trace: Trace, tau: int, k: int) -> float:
    # jacobian_depth=0: only the gradient norms are wanted, not the Jacobian's O(k H^3) cost
    with np.errstate(all="ignore"):
        steps = target_flow(trace, tau, jacobian_depth=0).steps  # ticks 1..tau, in order
    at_target = steps[tau - 1].grad_norm
    if at_target == 0.0:
        return float("nan")
    return steps[tau - 1 - k].grad_norm / at_target


def share_reaching_back(model: Model, seq: DataSequence, tau: int, k: int) -> float:
    """||dL(tau)/dh(tau-k)|| / ||dL(tau)/dh(tau)|| (k < tau; tau must have a target); NaN when no
    gradient leaves tau (the output is exactly on its target), so a caller never divides by zero unawares."""
    if not 0 <= k < tau <= seq.length:  # checked before the forward pass
        raise ValueError(f"need 0 <= k < tau <= {seq.length}, found k = {k}, tau = {tau}")
    return share_in_trace(forward(model, seq), tau, k)


def median_share(model: Model, sequences: list[DataSequence], k: int, per_sequence: int | None = None) -> float:
    """The median, over every target tick tau > k of `sequences` (the last `per_sequence` of each
    when given, to bound the cost), of the share of L(tau)'s gradient that reaches tau - k."""
    shares = []
    for seq in sequences:
        taus = [int(t) + 1 for t in np.flatnonzero(seq.mask) if t + 1 > k]
        chosen = taus[-per_sequence:] if per_sequence else taus
        if chosen:
            trace = forward(model, seq)  # one forward pass per sequence, every target read from it
            shares += [_share(trace, tau, k) for tau in chosen]
    finite = [s for s in shares if np.isfinite(s)]
    return float(np.median(finite)) if finite else float("nan")
