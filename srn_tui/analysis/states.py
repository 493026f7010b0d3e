"""The hidden states of a model over every sequence of a lesson, one row per tick, computed by the
engine's own forward pass (the numbers the step-through view shows)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from ..engine import DataSequence, Model, Trace, forward


class NonFiniteState(ValueError):
    """A hidden state holds NaN or Inf (an overflowing model): nothing can be projected.
    `seq` counts from 0 (the sequences' order), `t` from 1 (the tick)."""

    def __init__(self, seq: int, t: int) -> None:
        super().__init__(f"the hidden state of sequence {seq}, tick {t} is not finite")
        self.seq, self.t = seq, t


@dataclass(frozen=True)
class HiddenStates:
    """h(t) of every tick of every sequence: `states` (N, H); per row its sequence (from 0), its
    tick (from 1) and its label. `own`: some labels are the lesson's own (`state_labels`, e.g. a
    grammar's node), not the input's symbol."""

    states: np.ndarray
    seq: np.ndarray
    t: np.ndarray
    labels: tuple[str, ...]
    own: bool = False

    def __len__(self) -> int:
        return len(self.labels)

    def rows_of(self, seq: int) -> np.ndarray:
        """The row indices of one sequence, in tick order."""
        return np.flatnonzero(self.seq == seq)


def hidden_states(
    model: Model,
    sequences: Sequence[DataSequence],
    label: Callable[[np.ndarray], str],
    cancelled: Callable[[], bool] = lambda: False,
    state_labels: Callable[[Trace], list[str] | None] | None = None,
) -> HiddenStates | None:
    """Run every sequence from the model's h0 and keep h(t) at every tick, labelled by `label(x(t))`.

    A Jordan network's fed-back state is y(t-1), but its hidden layer is still h(t): that is what is
    kept. `state_labels(trace)`, where given and not None, labels a sequence's ticks instead (a
    grammar's node, which the input alone does not tell). Returns None when `cancelled()` turns
    true between sequences (a worker gave up).
    NonFiniteState names the first tick whose state overflowed."""
    rows: list[np.ndarray] = []
    seqs: list[int] = []
    ticks: list[int] = []
    labels: list[str] = []
    own_used = False
    with np.errstate(all="ignore"):  # an overflow is reported as NonFiniteState, not as warnings
        for i, sequence in enumerate(sequences):
            if cancelled():
                return None
            trace = forward(model, sequence)
            own = state_labels(trace) if state_labels is not None else None
            own_used = own_used or own is not None
            for k, rec in enumerate(trace.steps):
                if not np.all(np.isfinite(rec.h)):
                    raise NonFiniteState(i, rec.t)
                rows.append(rec.h)
                seqs.append(i)
                ticks.append(rec.t)
                labels.append(own[k] if own is not None else label(rec.x))
    states = np.array(rows, dtype=np.float64).reshape(len(rows), model.hidden_size)
    seq, t = np.array(seqs, dtype=np.int64), np.array(ticks, dtype=np.int64)
    return HiddenStates(states, seq, t, tuple(labels), own_used)
