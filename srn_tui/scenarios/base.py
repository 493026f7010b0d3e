"""What a lesson is: a model, the sequence(s) it is shown, and its recommended training."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..engine import DataSequence, Model, Trace, TrainConfig

# A lesson-specific narration remark: a message id from narration.templates and its values.
Remark = tuple[str, dict[str, object]]


@dataclass(frozen=True)
class Claim:
    """A lesson's claim measured on a model: the message id (narration.templates) with its numbers,
    and whether the claim holds (None where the lesson makes no single claim, e.g. echo)."""

    message: str
    values: dict[str, object]
    holds: bool | None


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
    # Optional, for narration: the symbol an input / output (or target) vector stands for, and
    # remarks about tick t of a trace (t = 0 is before the first tick).
    decode_input: Callable[[np.ndarray], str | None] | None = None
    decode_output: Callable[[np.ndarray], str | None] | None = None
    remarks: Callable[[Trace, int], list[Remark]] | None = None
    # Optional, for narration: at a tick whose target cannot be predicted from what came before
    # (a random bit, a random consonant), the best possible output, i.e. the target's expected
    # value given the past, which minimises the expected squared error; None at other ticks.
    best_guess: Callable[[Trace, int], np.ndarray | None] | None = None
    # Optional: measure the lesson's claim on a (trained) model, on held-out data where it has any.
    check_claim: Callable[[Model], Claim] | None = None

    def model(self) -> Model:
        return self.build_model()

    def sequences(self) -> list[DataSequence]:
        return self.build_sequences()
