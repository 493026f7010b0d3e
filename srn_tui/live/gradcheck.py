"""Gradient check: the BPTT gradient against central finite differences of the loss.

error = |a - n| / max(|a|, |n|, floor) for analytic a and numeric n = (L(p+eps) - L(p-eps)) / 2eps.

Central differences in float64 carry a rounding error of about u*|L|/eps (u = 2.2e-16), 3e-9 on the
seed lesson. A gradient entry much smaller than that cannot be measured to 1e-6 relative (the seed's
h0 gradient is 3e-9), so `floor` = 1e7 * u * max(1, |L|) / eps (0.028 on the seed lesson): an entry
below it passes a 1e-6 check when its absolute error is under 10x the rounding error; such entries
are counted in `below_floor` so a UI can say so. (With relu, an entry whose pre-activation lies within
eps of 0 can show a large error: the difference straddles the kink.)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from ..engine import PARAM_NAMES, Batch, DataSequence, Model, bptt, forward, loss_and_grads

DEFAULT_EPS = 1e-6
FLOOR_FACTOR = 1e7  # floor = FLOOR_FACTOR * rounding error of one central difference (margin 10x)
DEFAULT_MAX_ENTRIES = 40  # per parameter; larger parameters are sampled (seeded)


@dataclass(frozen=True)
class ParamCheck:
    """The worst entry of one parameter: its index, both gradients and the error."""

    name: str
    max_rel_error: float
    worst_index: tuple[int, ...]
    analytic: float
    numeric: float
    checked: int
    total: int
    below_floor: int


@dataclass(frozen=True)
class GradCheck:
    params: tuple[ParamCheck, ...]
    eps: float
    floor: float
    loss: float

    @property
    def max_rel_error(self) -> float:
        return max((p.max_rel_error for p in self.params), default=0.0)

    def passed(self, tolerance: float = 1e-6) -> bool:
        return self.max_rel_error < tolerance


def gradient_check(
    model: Model,
    sequence: DataSequence,
    eps: float = DEFAULT_EPS,
    max_entries: int = DEFAULT_MAX_ENTRIES,
    seed: int = 0,
    names: Iterable[str] = PARAM_NAMES,
) -> GradCheck:
    """Check full-BPTT gradients of every named parameter (all of them by default, frozen or not)."""
    sequence.check_fits(model.input_size, model.output_size)
    analytic = bptt(forward(model, sequence)).grads
    work = model.copy()
    batch = Batch.stack([sequence], model.output_size)
    loss = loss_and_grads(work, batch)[0]
    floor = FLOOR_FACTOR * np.finfo(np.float64).eps * max(1.0, abs(loss)) / eps
    rng = np.random.default_rng(seed)
    results = []
    for name in names:
        values = work.params[name]
        flat_indices = np.arange(values.size)
        if values.size > max_entries:
            flat_indices = np.sort(rng.choice(values.size, size=max_entries, replace=False))
        worst = (-1.0, 0, 0.0, 0.0)
        below = 0
        for flat in flat_indices:
            index = np.unravel_index(flat, values.shape)
            original = values[index]
            values[index] = original + eps
            plus = loss_and_grads(work, batch)[0]
            values[index] = original - eps
            minus = loss_and_grads(work, batch)[0]
            values[index] = original  # restore exactly, not by adding eps back
            numeric = (plus - minus) / (2 * eps)
            a = float(analytic[name][index])
            scale = max(abs(a), abs(numeric))
            below += scale < floor
            error = abs(a - numeric) / max(scale, floor)
            if not error <= worst[0]:  # also catches NaN
                worst = (error, int(flat), a, numeric)
        error, flat, a, numeric = worst
        results.append(
            ParamCheck(
                name,
                float(error),
                tuple(int(i) for i in np.unravel_index(flat, values.shape)),
                a,
                float(numeric),
                len(flat_indices),
                values.size,
                int(below),
            )
        )
    return GradCheck(tuple(results), eps, float(floor), float(loss))
