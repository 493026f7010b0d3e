"""One analysis of a network over its data: the states, their projection and their clusters, as the
command and the app's worker both compute it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

import numpy as np

from ..engine import DataSequence, Model
from .clusters import Clusters, TooManyLabels, cluster_means
from .labels import Decoder, StateLabels, input_label
from .projection import Projection, project
from .states import HiddenStates, hidden_states


@dataclass(frozen=True)
class Analysis:
    """`clusters` is None when there are too many labels to cluster (`too_many` says how many);
    `symbols`: the labels are the lesson's input symbols (else rounded input values)."""

    states: HiddenStates
    projection: Projection
    clusters: Clusters | None
    too_many: int | None
    symbols: bool

    @property
    def hidden_size(self) -> int:
        return self.states.states.shape[1]


def analyze(
    model: Model,
    sequences: Sequence[DataSequence],
    decode: Decoder | None = None,
    previous: np.ndarray | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    state_labels: StateLabels | None = None,
) -> Analysis | None:
    """None when `cancelled()` turned true; NonFiniteState when a state overflowed.
    `previous`: the axes of the last projection shown, whose signs this one keeps."""
    states = hidden_states(model, sequences, partial(input_label, decode=decode), cancelled, state_labels)
    if states is None or cancelled():
        return None
    projection = project(states.states, previous)
    try:
        clusters, too_many = cluster_means(states.states, states.labels), None
    except TooManyLabels as exc:
        clusters, too_many = None, exc.count
    return Analysis(states, projection, clusters, too_many, decode is not None)
