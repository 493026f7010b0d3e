"""A sequence of inputs with optional targets: what the network is shown, tick by tick."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from .errors import ModelError


@dataclass(frozen=True)
class DataSequence:
    """inputs (T, I); targets (T, O) with rows meaningful only where mask (T,) is True.

    Rows without a target hold zeros, so vectorized code never meets a NaN.
    """

    inputs: np.ndarray
    targets: np.ndarray
    mask: np.ndarray

    @classmethod
    def from_lists(
        cls, inputs: Iterable, targets: Iterable | None = None, output_size: int | None = None
    ) -> DataSequence:
        """Build from per-tick input vectors and per-tick target vectors or None."""
        x = np.array(list(inputs), dtype=np.float64)
        if x.ndim == 1:
            x = x[:, None]  # a flat list [1, 2, 3] is three ticks of one input
        rows = list(targets) if targets is not None else [None] * len(x)
        if len(rows) != len(x):
            raise ModelError("target_rows_per_tick", at=(("key", "targets"),), rows=len(rows), ticks=len(x))
        width = output_size
        for r in rows:
            if r is not None:
                width = np.size(r)
                break
        width = width or 1
        t = np.zeros((len(x), width))
        mask = np.zeros(len(x), dtype=bool)
        for i, r in enumerate(rows):
            if r is None:
                continue
            v = np.atleast_1d(np.array(r, dtype=np.float64))
            if v.shape != (width,):
                raise ModelError("target_row_values", at=(("key", "targets"),), row=i + 1, count=v.size, width=width)
            t[i], mask[i] = v, True
        return cls(x, t, mask)

    def __post_init__(self) -> None:
        for name in ("inputs", "targets", "mask"):
            arr = getattr(self, name)
            arr = np.array(arr, dtype=bool if name == "mask" else np.float64)
            arr.setflags(write=False)
            object.__setattr__(self, name, arr)
        if self.inputs.ndim != 2 or self.targets.ndim != 2 or self.mask.ndim != 1:
            raise ModelError("not_tables", at=(("sequence", None),))
        if not (len(self.inputs) == len(self.targets) == len(self.mask)):
            raise ModelError("lengths_differ", at=(("sequence", None),))
        if not np.all(np.isfinite(self.inputs)) or not np.all(np.isfinite(self.targets[self.mask])):
            raise ModelError("not_finite_values", at=(("sequence", None),))

    @property
    def length(self) -> int:
        return len(self.inputs)

    @property
    def input_size(self) -> int:
        return self.inputs.shape[1]

    @property
    def output_size(self) -> int:
        return self.targets.shape[1]

    def target_at(self, index: int) -> np.ndarray | None:
        """The target at 0-based tick index, or None where there is none."""
        return self.targets[index] if self.mask[index] else None

    def check_fits(self, model_input_size: int, model_output_size: int) -> None:
        if self.input_size != model_input_size:
            raise ModelError(
                "input_columns", at=(("sequence", None),), columns=self.input_size, expected=model_input_size
            )
        if self.mask.any() and self.output_size != model_output_size:
            raise ModelError(
                "target_columns", at=(("sequence", None),), columns=self.output_size, expected=model_output_size
            )
