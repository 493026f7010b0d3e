"""What a lesson is: a model, the sequence(s) it is shown, and its recommended training."""

from __future__ import annotations

import inspect
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from ..engine import DataSequence, Model, ModelError, Trace, TrainConfig, loss_of_outputs
from .symbols import Decoding

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
class Baseline:
    """A guess that needs no network, to draw the loss against: `predict` gives its output y at
    every tick of a sequence (T, O) given all of the lesson's sequences; `kind` names it for the
    labels ("chance_half", "chance_uniform", "repeat", "average").

    What the guess costs is computed here, the one place (the loss scale, the lessons' claims and
    remarks read it), with the model's own loss function, so it compares with the network's loss:
    guessing 0.5 for a bit costs 0.125 with mse (half the squared error), ln 2 with cross-entropy."""

    kind: str
    predict: Callable[[DataSequence, list[DataSequence]], np.ndarray]

    def tick_losses(
        self, model: Model, seq: DataSequence, data: Sequence[DataSequence] | None = None
    ) -> np.ndarray | None:
        """The guess's loss at every tick of `seq` (T,), in `model`'s loss (engine.loss_of_outputs);
        a tick without a target is scored against its all-zero row, so read them through seq.mask.
        None when the guess does not fit (repeating the input where inputs and outputs differ in
        width). `data`: what the guess may look at (the average target of the lesson's data)."""
        guess = self.predict(seq, list(data) if data is not None else [seq])
        if guess.shape != seq.targets.shape:
            return None
        with np.errstate(all="ignore"):
            return loss_of_outputs(model.loss, model.output_activation, guess, seq.targets)

    def total(
        self, model: Model, sequences: Sequence[DataSequence], data: Sequence[DataSequence] | None = None
    ) -> float | None:
        """The guess's loss summed over every target tick of `sequences`; None when it does not fit
        or is not finite. `data` defaults to `sequences`."""
        seen = list(sequences if data is None else data)
        total = 0.0
        for seq in sequences:
            if not seq.mask.any():
                continue
            losses = self.tick_losses(model, seq, seen)
            if losses is None:
                return None
            total += float(np.sum(losses[seq.mask]))
        return total if math.isfinite(total) else None

    def mean(
        self, model: Model, sequences: Sequence[DataSequence], data: Sequence[DataSequence] | None = None
    ) -> float | None:
        """The guess's loss per target tick of `sequences` (None as for `total`, or without targets)."""
        total = self.total(model, sequences, data)
        ticks = sum(int(np.count_nonzero(s.mask)) for s in sequences)
        return None if total is None or not ticks else total / ticks


def _half(seq: DataSequence, _all: list[DataSequence]) -> np.ndarray:
    return np.full(seq.targets.shape, 0.5)


def _uniform(seq: DataSequence, _all: list[DataSequence]) -> np.ndarray:
    return np.full(seq.targets.shape, 1.0 / seq.targets.shape[1])


def _repeat(seq: DataSequence, _all: list[DataSequence]) -> np.ndarray:
    return seq.inputs.copy()


def _average(seq: DataSequence, sequences: list[DataSequence]) -> np.ndarray:
    """The mean target over all of the lesson's data: the best guess that ignores the input."""
    mean = np.mean(np.concatenate([s.targets[s.mask] for s in sequences]), axis=0)
    return np.broadcast_to(mean, seq.targets.shape)


# Chance for bits: always 0.5. Chance for one-hot characters: every character equally likely.
CHANCE_HALF = Baseline("chance_half", _half)
CHANCE_UNIFORM = Baseline("chance_uniform", _uniform)
# Repeat the current input as the prediction of the next (needs as many inputs as outputs).
REPEAT_CURRENT = Baseline("repeat", _repeat)
# Always the average target of the lesson's data.
AVERAGE_TARGET = Baseline("average", _average)


@dataclass(frozen=True)
class About:
    """What a lesson is, in one language: its title, one-line summary and description."""

    title: str
    summary: str
    description: str


@dataclass(frozen=True)
class Scenario:
    """A built-in lesson. `sequences()[0]` is the one the step-through view shows;
    training uses all of them. Builders are called afresh so callers get private copies.

    A lesson whose starting weights are a random draw says so by giving `build_model` a keyword
    `seed` whose default is the lesson's own seed: `model(seed=S)` then re-draws them with the
    lesson's own initializer and ranges. Without that keyword (the seed lesson) they are fixed numbers."""

    name: str
    title: str
    summary: str
    description: str
    build_model: Callable[..., Model]
    build_sequences: Callable[[], list[DataSequence]]
    training: TrainConfig
    # Optional: the symbols the input and output vectors stand for (symbols.py), and, for
    # narration, remarks about tick t of a trace (t = 0 is before the first tick).
    symbols: Decoding | None = None
    remarks: Callable[[Trace, int], list[Remark]] | None = None
    # What each tick's hidden state stands for, when that is more than its input symbol (a grammar's
    # node): one label per tick of the trace, or None where it cannot tell (the analysis then labels
    # by input symbol).
    state_labels: Callable[[Trace], list[str] | None] | None = None
    # Optional, for narration: at a tick whose target cannot be predicted from what came before
    # (a random bit, a random consonant), the best possible output, i.e. the target's expected
    # value given the past, which minimises the expected squared error; None at other ticks.
    best_guess: Callable[[Trace, int], np.ndarray | None] | None = None
    # Optional: measure the lesson's claim on a (trained) model, on held-out data where it has any.
    check_claim: Callable[[Model], Claim] | None = None
    # Optional: the guess the loss chart draws as a line; and whether a target tick is a character
    # (the loss is then also told in bits per character).
    baseline: Baseline | None = None
    characters: bool = False
    # The title, summary and description in Chinese (the fields above are the English).
    zh: About | None = None

    def about(self, lang: str = "en") -> About:
        """Title, summary and description in `lang` (English where a lesson has no Chinese)."""
        if lang == "zh" and self.zh is not None:
            return self.zh
        return About(self.title, self.summary, self.description)

    @property
    def default_seed(self) -> int | None:
        """The seed the lesson's own weights are drawn with; None when they are fixed numbers."""
        param = inspect.signature(self.build_model).parameters.get("seed")
        return None if param is None or param.default is inspect.Parameter.empty else int(param.default)

    def model(self, seed: int | None = None) -> Model:
        """The lesson's starting model; with `seed`, its own initial weights drawn with that seed
        (None: the lesson's default). ValueError (one line) for a seed where the weights are fixed."""
        if seed is None:
            return self.build_model()
        if self.default_seed is None:
            raise ModelError("seed_fixed_weights", lesson=self.name)
        return self.build_model(seed=int(seed))

    def sequences(self) -> list[DataSequence]:
        return self.build_sequences()
