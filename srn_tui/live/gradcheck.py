"""Gradient check: the BPTT gradient against central finite differences of the loss.

error = |a - n| / max(|a|, |n|) for analytic a and numeric n = (L(p+eps) - L(p-eps)) / 2eps.

Central differences in float64 carry a rounding error of about u*|L|/eps (u = 2.2e-16), 3e-9 on the
seed lesson. A gradient entry much smaller than that cannot be measured to 1e-6 relative (the seed's
h0 gradient is 3e-9), so `floor` = 1e7 * u * max(1, |L|) / eps (0.028 on the seed lesson). An
entry whose |a| and |n| are both below it is excluded from the relative comparison (counted in
`below_floor`) and must instead agree in absolute terms, |a - n| < tolerance * floor, i.e. within 10x
the rounding error. The worst entry reported is the worst *compared* one, never an excluded one.
A NaN anywhere (gradient or difference) fails the check. (With relu, an entry whose pre-activation
lies within eps of 0 can show a large error: the difference straddles the kink.)
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
    """One parameter: its worst compared entry (index, both gradients, relative error; index None when
    every checked entry was below the floor), and the excluded entries' count and worst absolute error."""

    name: str
    max_rel_error: float  # over the compared entries; NaN if any entry gave a NaN
    worst_index: tuple[int, ...] | None
    analytic: float
    numeric: float
    checked: int
    total: int
    below_floor: int
    tiny_max_abs_error: float  # max |a - n| over the excluded entries (0 when none)

    @property
    def compared(self) -> int:
        return self.checked - self.below_floor

    def passed(self, tolerance: float, floor: float) -> bool:
        # `not x >= limit` would let a NaN through: compare so that NaN fails
        return bool(self.max_rel_error < tolerance and self.tiny_max_abs_error < tolerance * floor)


@dataclass(frozen=True)
class GradCheck:
    params: tuple[ParamCheck, ...]
    eps: float
    floor: float
    loss: float

    @property
    def max_rel_error(self) -> float:
        """The largest relative error over every compared entry; NaN if any entry gave a NaN
        (Python's max() would skip a NaN that is not first)."""
        errors = [p.max_rel_error for p in self.params]
        return float(np.max(errors)) if errors else 0.0

    @property
    def below_floor(self) -> int:
        return sum(p.below_floor for p in self.params)

    @property
    def tiny_max_abs_error(self) -> float:
        errors = [p.tiny_max_abs_error for p in self.params]
        return float(np.max(errors)) if errors else 0.0

    def passed(self, tolerance: float = 1e-6) -> bool:
        return all(p.passed(tolerance, self.floor) for p in self.params)


def _worse(error: float, than: float | None) -> bool:
    """Whether `error` is a worse result than `than` (None: nothing yet); a NaN is the worst."""
    return than is None or (np.isnan(error) and not np.isnan(than)) or error > than


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
        worst: tuple[float, int, float, float] | None = None  # (relative error, flat index, a, n)
        below, tiny_error = 0, 0.0
        for flat in flat_indices:
            index = np.unravel_index(flat, values.shape)
            original = values[index]
            values[index] = original + eps
            plus = loss_and_grads(work, batch)[0]
            values[index] = original - eps
            minus = loss_and_grads(work, batch)[0]
            values[index] = original  # restore exactly, not by adding eps back
            numeric = float((plus - minus) / (2 * eps))
            a = float(analytic[name][index])
            difference = abs(a - numeric)  # NaN if either is NaN (or both infinite)
            scale = max(abs(a), abs(numeric))
            if scale < floor and np.isfinite(difference):  # too small to compare relatively
                below += 1
                tiny_error = max(tiny_error, difference)
                continue
            error = difference / scale if np.isfinite(scale) else float("nan")
            if _worse(error, None if worst is None else worst[0]):
                worst = (error, int(flat), a, numeric)
        error, flat, a, numeric = worst if worst is not None else (0.0, -1, float("nan"), float("nan"))
        results.append(
            ParamCheck(
                name,
                float(error),
                None if flat < 0 else tuple(int(i) for i in np.unravel_index(flat, values.shape)),
                a,
                numeric,
                len(flat_indices),
                values.size,
                int(below),
                float(tiny_error),
            )
        )
    return GradCheck(tuple(results), eps, float(floor), float(loss))
