"""What a summed loss means: how many target ticks it adds up, its mean per target tick (in bits
for a softmax with cross-entropy), and the lesson's baseline on the same data in the same loss.

The loss everywhere in srn-tui is summed over the ticks that have a target (and over the output
units: 1/2 * sum (y - target)^2 for mse). Sums grow with the data, so beside every total the app
shows the mean per target tick, the number a student can compare across lessons and with the
baseline. No words here: labels and reports phrase these numbers.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .engine import DataSequence, Model
from .lessons.base import Baseline

if TYPE_CHECKING:
    from .lessons import Lesson


@dataclass(frozen=True)
class LossScale:
    """`targets` ticks with a target are summed in a total; `bits` when the loss is a softmax
    cross-entropy (nats, so / ln 2 gives bits); `characters` when each target tick is a character.
    `baseline` is the baseline guess's total over the same ticks, or None."""

    targets: int
    bits: bool = False
    characters: bool = False
    baseline: float | None = None
    baseline_kind: str | None = None

    def mean(self, total: float) -> float:
        """The mean loss per target tick (NaN when there is no target)."""
        return total / self.targets if self.targets else math.nan

    def in_bits(self, total: float) -> float:
        """The mean per target tick in bits (log2), for a softmax cross-entropy."""
        return self.mean(total) / math.log(2.0)

    @property
    def baseline_mean(self) -> float | None:
        return None if self.baseline is None else self.mean(self.baseline)


def target_ticks(sequences: Sequence[DataSequence]) -> int:
    return int(sum(int(np.count_nonzero(s.mask)) for s in sequences))


def loss_scale(
    model: Model,
    sequences: Sequence[DataSequence],
    baseline: Baseline | None = None,
    characters: bool = False,
    data: Sequence[DataSequence] | None = None,
) -> LossScale:
    """The scale of a loss summed over `sequences` with `model`'s loss."""
    bits = model.loss == "cross_entropy" and model.output_activation == "softmax"
    total = None if baseline is None else baseline.total(model, sequences, data)
    return LossScale(
        target_ticks(sequences),
        bits,
        characters and bits,
        total,
        None if total is None else baseline.kind,
    )


def lesson_scale(lesson: Lesson, model: Model | None = None, shown_only: bool = False) -> LossScale:
    """The scale of the lesson's training loss (all its sequences), or with `shown_only` of the
    trace of the sequence shown tick by tick; `model` (default the lesson's) gives the loss."""
    sequences = [lesson.sequence] if shown_only else list(lesson.sequences)
    model = model or lesson.model
    return loss_scale(model, sequences, lesson.baseline, lesson.characters, list(lesson.sequences))
