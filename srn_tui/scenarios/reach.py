"""How much of one target's gradient reaches back: ||dL(tau)/dh(tau - k)|| / ||dL(tau)/dh(tau)||.

L(tau) is the loss at tick tau alone, so the ratio measures the error of that one target as BPTT
carries it back k ticks, without the errors of later targets adding in (which the whole loss's
dL/dh(t) would sum). Computed with the engine's own forward and bptt on a copy of the sequence
whose only target is tau.
"""

from __future__ import annotations

import numpy as np

from ..engine import DataSequence, Model, bptt, forward


def one_target(seq: DataSequence, tau: int) -> DataSequence:
    """The sequence with its target at tick tau (from 1) only."""
    mask = np.zeros(seq.length, dtype=bool)
    mask[tau - 1] = True
    return DataSequence(seq.inputs, seq.targets, mask)


def share_reaching_back(model: Model, seq: DataSequence, tau: int, k: int) -> float:
    """||dL(tau)/dh(tau-k)|| / ||dL(tau)/dh(tau)|| (k < tau); NaN when no gradient leaves tau
    (the output is exactly on its target), so a caller never divides by zero unawares."""
    if not 0 <= k < tau <= seq.length:
        raise ValueError(f"need 0 <= k < tau <= {seq.length}, found k = {k}, tau = {tau}")
    steps = bptt(forward(model, one_target(seq, tau))).steps  # steps[i] is tick i + 1
    at_target = float(np.linalg.norm(steps[tau - 1].delta_h))
    if at_target == 0.0:
        return float("nan")
    return float(np.linalg.norm(steps[tau - 1 - k].delta_h)) / at_target


def median_share(model: Model, sequences: list[DataSequence], k: int, per_sequence: int | None = None) -> float:
    """The median, over every target tick tau > k of `sequences` (the last `per_sequence` of each
    when given, to bound the cost), of the share of L(tau)'s gradient that reaches tau - k."""
    shares = []
    for seq in sequences:
        taus = [int(t) + 1 for t in np.flatnonzero(seq.mask) if t + 1 > k]
        for tau in taus[-per_sequence:] if per_sequence else taus:
            shares.append(share_reaching_back(model, seq, tau, k))
    finite = [s for s in shares if np.isfinite(s)]
    return float(np.median(finite)) if finite else float("nan")
