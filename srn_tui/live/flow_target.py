"""Which target tick the flow view follows, and that target's flow, recomputed only when it changes.

The view follows the cursor (`default_target`) until the user moves the target with the keys; then
it stays pinned there, while the cursor moves, until `unpin` (reset, another lesson) or until the
sequence shown changes.
"""

from __future__ import annotations

import numpy as np

from ..engine import DataSequence, TargetFlow, Trace, target_flow, target_ticks
from ..engine.bptt import chunk_start
from ..engine.flow import jacobian_depth as engine_jacobian_depth
from .gradient_flow import default_target, step_target

# A live view computes the Jacobian row for at most this many H^3 multiply-adds (about 20 ms):
# every tick for the lessons (H <= 32 and T <= 100 is 3.3e6), the nearest ticks for a large model.
JACOBIAN_BUDGET = 2e7


def jacobian_depth(hidden: int, span: int, budget: float = JACOBIAN_BUDGET) -> int | None:
    """How many ticks back from the target the live view computes dh(tau)/dh(t): None for all of them."""
    return engine_jacobian_depth(hidden, span, budget)


class FlowFollower:
    """The flow target of a view, and a cache of its flow keyed by (trace, target, truncation)."""

    def __init__(self) -> None:
        self.pinned: int | None = None
        self._pinned_on: DataSequence | None = None
        self._key: tuple[Trace, int, int | None] | None = None
        self._flow: TargetFlow | None = None

    def target(self, sequence: DataSequence, cursor: int) -> int | None:
        """The pinned target if it still belongs to this sequence, else the cursor's."""
        if self.pinned is not None and self._pinned_on is sequence:
            return self.pinned
        self.unpin()
        return default_target(target_ticks(sequence), cursor)

    def move(self, sequence: DataSequence, cursor: int, direction: int) -> int | None:
        """Pin the target before (-1) or after (+1) the current one; None when there is no target."""
        moved = step_target(target_ticks(sequence), self.target(sequence, cursor), direction)
        self.pinned, self._pinned_on = moved, (sequence if moved is not None else None)
        return moved

    def unpin(self) -> None:
        self.pinned, self._pinned_on = None, None

    def flow(self, trace: Trace, cursor: int, truncate: int | None) -> TargetFlow | None:
        """The flow of the current target on `trace` (None: no tick has a target)."""
        target = self.target(trace.sequence, cursor)
        if target is None:
            return None
        key = self._key
        if key is not None and key[0] is trace and key[1:] == (target, truncate):
            return self._flow
        depth = jacobian_depth(trace.model.hidden_size, target - chunk_start(target, truncate))
        with np.errstate(all="ignore"):  # diverged weights give NaN/Inf, which the bars flag
            self._flow = target_flow(trace, target, truncate, depth)
        self._key = (trace, target, truncate)
        return self._flow
