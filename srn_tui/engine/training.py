"""The training loop: epochs of BPTT + clipping + an optimizer step, stopping on divergence.

One epoch is one pass over the data. Full BPTT updates once per batch of sequences;
truncated BPTT with k updates every k ticks and carries h forward.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from .batch import Batch
from .batched import loss_and_grads
from .model import PARAM_NAMES, Model, Params
from .optimizers import Optimizer, clip_by_global_norm, global_norm, make_optimizer
from .sequence import DataSequence


@dataclass(frozen=True)
class TrainConfig:
    """Training settings. h0 is the fixed starting state: frozen unless train_h0."""

    epochs: int = 100
    lr: float = 0.1
    optimizer: str = "sgd"
    clip: float | None = None
    truncate: int | None = None
    freeze: frozenset[str] = frozenset()
    train_h0: bool = False
    batch_size: int = 1

    def __post_init__(self) -> None:
        object.__setattr__(self, "freeze", frozenset(self.freeze))
        if self.epochs < 0:
            raise ValueError(f"epochs must be 0 or more, found {self.epochs}")
        if self.truncate is not None and self.truncate < 1:
            raise ValueError(f"truncate must be at least 1, found {self.truncate}")
        if self.clip is not None and not self.clip > 0:
            raise ValueError(f"clip must be a positive number, found {self.clip}")
        if self.batch_size < 1:
            raise ValueError(f"batch size must be at least 1, found {self.batch_size}")
        unknown = sorted(self.freeze - set(PARAM_NAMES))
        if unknown:
            raise ValueError(
                f"cannot freeze unknown parameter {unknown[0]!r}; expected names from {', '.join(PARAM_NAMES)}"
            )
        make_optimizer(self.optimizer, self.lr)  # validates name and lr
        # Cached: the training step reads these on every update.
        frozen = self.freeze if self.train_h0 else self.freeze | {"h0"}
        object.__setattr__(self, "_frozen", frozen)
        object.__setattr__(self, "_trainable", tuple(n for n in PARAM_NAMES if n not in frozen))

    @property
    def frozen(self) -> frozenset[str]:
        return self._frozen

    @property
    def trainable(self) -> tuple[str, ...]:
        return self._trainable


@dataclass(frozen=True)
class EpochResult:
    """epoch counts from 1; loss is summed over the epoch's updates; grad_norm is the mean
    pre-clipping global norm of the trainable parameters' gradients over those updates."""

    epoch: int
    loss: float
    grad_norm: float


class Diverged(Exception):
    """A number stopped being finite. The fact: `kind` is "loss" (the loss), "gradient" (the gradient
    of `parameter`) or "update" (the update made `parameter` non-finite); `value` is "NaN" or "Inf"."""

    def __init__(self, kind: str, value: str, parameter: str | None = None) -> None:
        super().__init__(kind, value, parameter)
        self.kind, self.value, self.parameter = kind, value, parameter

    @property
    def cause(self) -> str:
        """The fact in English words (srn_tui.text.divergence owns them; a Cause keeps the fact)."""
        from ..text.divergence import cause_text

        return cause_text(self)


@dataclass(frozen=True)
class Divergence:
    """Training stopped in `epoch` (counted from 1) because of `kind`, `value`, `parameter` (see
    Diverged). A fact: srn_tui.text.divergence words it in English or Chinese."""

    epoch: int
    kind: str
    value: str
    parameter: str | None = None

    @property
    def cause(self) -> str:
        from ..text.divergence import cause_text

        return cause_text(self)

    def message(self) -> str:
        """The divergence told in English, with the general advice (text.divergence.divergence_message)."""
        from ..text.divergence import divergence_message

        return divergence_message(self.epoch, self.cause)


# TrainResult.history keeps every epoch up to this many; a longer run keeps every k-th epoch (k doubling
# as needed, so at most this many points cover the whole run evenly) and the last, so memory stays flat.
HISTORY_LIMIT = 10_000


@dataclass
class TrainResult:
    """`history`: the epochs in order, every one up to HISTORY_LIMIT, else those at 1, 1 + every,
    1 + 2 every, ... and the last; `completed` counts the epochs that finished."""

    model: Model
    history: list[EpochResult] = field(default_factory=list)
    divergence: Divergence | None = None
    stopped: bool = False
    every: int = 1
    completed: int = 0


def batch_groups(sequences: list[DataSequence], size: int) -> list[list[DataSequence]]:
    """Consecutive groups of at most `size` sequences of one length, in the given order."""
    groups: list[list[DataSequence]] = []
    for s in sequences:
        if groups and len(groups[-1]) < size and groups[-1][0].length == s.length:
            groups[-1].append(s)
        else:
            groups.append([s])
    return groups


def _first_nonfinite(arrays: Params, names: tuple[str, ...]) -> tuple[str, str] | None:
    """(name, "NaN" or "Inf") of the first array with a non-finite entry."""
    for name in names:
        a = arrays[name]
        if not np.all(np.isfinite(a)):
            return name, "NaN" if np.isnan(a).any() else "Inf"
    return None


class Trainer:
    """Runs epochs one at a time on a private copy of the model, so a UI can step it.

    After a divergence `model` holds the last finite parameters.
    """

    def __init__(
        self,
        model: Model,
        sequences: list[DataSequence],
        config: TrainConfig,
        optimizer: Optimizer | None = None,
        start_epoch: int = 0,
    ) -> None:
        """`optimizer`: one to go on with (its momentum/Adam state carries over), else a fresh one
        for `config`; `start_epoch`: the epochs already trained, so the first one run is start_epoch + 1."""
        for s in sequences:
            s.check_fits(model.input_size, model.output_size)
        self.model = model.copy()
        self.config = config
        self.optimizer = optimizer if optimizer is not None else make_optimizer(config.optimizer, config.lr)
        self.epoch = start_epoch
        # Built once: the updates of an epoch, as one list of chunks per batch (one chunk without truncation).
        batches = [Batch.stack(g, model.output_size) for g in batch_groups(sequences, config.batch_size)]
        self._chunks = [b.chunks(config.truncate) for b in batches]

    def run_epoch(self) -> EpochResult:
        """One pass over the data. Raises Diverged with the parameters left at their last finite values."""
        self.epoch += 1
        total, norms = 0.0, []
        with np.errstate(all="ignore"):  # overflow is caught as Inf/NaN below, not warned about
            for chunks in self._chunks:
                h = None  # each batch starts from h0; truncated chunks carry h forward
                for chunk in chunks:
                    loss, norm, h = self._update(chunk, h)
                    total += loss
                    norms.append(norm)
        if len(norms) == 1:  # np.mean costs as much as a whole small update; one norm needs no averaging
            return EpochResult(self.epoch, total, norms[0])
        return EpochResult(self.epoch, total, float(np.mean(norms)) if norms else 0.0)

    def _update(self, batch: Batch, h_init: np.ndarray | None) -> tuple[float, float, np.ndarray]:
        step = training_step(self.model, batch, h_init, self.config, self.optimizer)
        return step.loss, step.grad_norm, step.h_last


@dataclass(frozen=True)
class Step:
    """What one update did: the loss before it, the pre-clip global norm of the trainable
    gradients, the gradients as the optimizer received them (clipped), and the carried state."""

    loss: float
    grad_norm: float
    grads: Params
    clipped: bool
    h_last: np.ndarray


def training_step(
    model: Model, batch: Batch, h_init: np.ndarray | None, config: TrainConfig, optimizer: Optimizer
) -> Step:
    """One forward + BPTT + clipping + optimizer step on a batch or chunk, updating model.params.

    Raises Diverged, with the parameters left at their last finite values, when the loss, a
    gradient or an updated parameter is not finite. Call inside np.errstate(all="ignore").
    """
    params = model.params
    trainable = config.trainable
    loss, grads, h_last = loss_and_grads(model, batch, h_init)
    if not math.isfinite(loss):
        raise Diverged("loss", "NaN" if math.isnan(loss) else "Inf")
    norm = global_norm(grads, trainable)
    if not math.isfinite(norm):  # a finite norm means finite gradients; else find the culprit
        bad = _first_nonfinite(grads, trainable)
        if bad:
            raise Diverged("gradient", bad[1], bad[0])
    clipped = config.clip is not None and norm > config.clip
    if clipped:
        grads, _ = clip_by_global_norm(grads, config.clip, trainable)
    before = {n: params[n].copy() for n in trainable}
    optimizer.step(params, grads, config.frozen)
    # A sum is finite when every entry is (one reduction per array); only an Inf/NaN sum,
    # possibly an overflow of finite entries, needs the entry-by-entry check.
    if not math.isfinite(sum(float(params[n].sum()) for n in trainable)):
        bad = _first_nonfinite(params, trainable)
        if bad:
            params.update(before)
            raise Diverged("update", bad[1], bad[0])
    return Step(loss, norm, grads, clipped, h_last)


def train(
    model: Model,
    sequences: list[DataSequence],
    config: TrainConfig,
    on_epoch: Callable[[EpochResult], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> TrainResult:
    """Train for config.epochs, calling on_epoch after each and stopping early when should_stop()."""
    trainer = Trainer(model, sequences, config)
    result = TrainResult(trainer.model)
    kept: list[EpochResult] = []
    for _ in range(config.epochs):
        if should_stop is not None and should_stop():
            result.stopped = True
            break
        try:
            epoch = trainer.run_epoch()
        except Diverged as exc:
            result.divergence = Divergence(trainer.epoch, exc.kind, exc.value, exc.parameter)
            break
        result.completed = epoch.epoch
        if (epoch.epoch - 1) % result.every == 0:
            kept.append(epoch)
            if len(kept) > HISTORY_LIMIT:  # epochs 1, 1 + k, 1 + 2k, ...: every other one is the 2k grid
                kept = kept[::2]
                result.every *= 2
        if on_epoch is not None:
            on_epoch(epoch)
        last = epoch
    if result.completed and kept[-1].epoch != result.completed:
        kept.append(last)
    result.history = kept
    result.model = trainer.model
    return result
