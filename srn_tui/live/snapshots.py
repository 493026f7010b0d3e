"""Read-only copies of arrays and parameter dicts, so snapshots never alias live training state."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import numpy as np


def frozen_copy(a: np.ndarray) -> np.ndarray:
    """A float64 copy that raises on write."""
    out = np.array(a, dtype=np.float64, copy=True)
    out.setflags(write=False)
    return out


def frozen_params(params: Mapping[str, np.ndarray]) -> Mapping[str, np.ndarray]:
    """An unmodifiable mapping of read-only copies, in the given key order."""
    return MappingProxyType({name: frozen_copy(value) for name, value in params.items()})


def thawed_params(params: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Writable copies, for handing back to a Model."""
    return {name: np.array(value, dtype=np.float64, copy=True) for name, value in params.items()}
