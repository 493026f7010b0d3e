"""What a lesson is: a model, the sequence(s) it is shown, and its recommended training."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..engine import DataSequence, Model, TrainConfig


@dataclass(frozen=True)
class Scenario:
    """A built-in lesson. `sequences()[0]` is the one the step-through view shows;
    training uses all of them. Builders are called afresh so callers get private copies."""

    name: str
    title: str
    summary: str
    description: str
    build_model: Callable[[], Model]
    build_sequences: Callable[[], list[DataSequence]]
    training: TrainConfig

    def model(self) -> Model:
        return self.build_model()

    def sequences(self) -> list[DataSequence]:
        return self.build_sequences()
