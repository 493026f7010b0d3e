"""Undo for training: a bounded stack of exact parameter snapshots.

Push the parameters before each training run (an animated epoch, a continuous run, a
re-initialisation); `undo` hands back the ones from before the last run, bit for bit.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping

import numpy as np

from .snapshots import frozen_params, thawed_params

Snapshot = Mapping[str, np.ndarray]


class UndoStack:
    """At most `depth` undo levels; the oldest is dropped beyond that."""

    def __init__(self, depth: int = 20) -> None:
        if depth < 1:
            raise ValueError(f"undo depth must be at least 1, found {depth}")
        self.depth = depth
        self._undo: deque[Snapshot] = deque(maxlen=depth)

    def push(self, params: Mapping[str, np.ndarray]) -> None:
        """Remember `params` (copied) as the state to return to."""
        self._undo.append(frozen_params(params))

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    def __len__(self) -> int:
        return len(self._undo)

    def undo(self) -> dict[str, np.ndarray] | None:
        """The most recently pushed parameters as fresh writable copies, or None when there are none."""
        if not self._undo:
            return None
        return thawed_params(self._undo.pop())

    def clear(self) -> None:
        self._undo.clear()
