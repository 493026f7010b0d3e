"""One training epoch as immutable frames a UI can animate: forward sweep, backward sweep, update.

For each update the engine makes in the epoch (one for full BPTT; one per chunk of k ticks with
truncate=k, exactly as `Trainer.run_epoch` does), the frames are:

- a ForwardFrame per tick, start..end of the chunk: the TickRecord revealed;
- a BackwardFrame per tick, end..start: delta_h(t), delta_a(t), this tick's term of every gradient
  and the running sums so far (after the chunk's first tick they equal `bptt(...).grads`);
- an UpdateFrame: each parameter before and after the step, and the change.

So with truncate=k a sequence of T ticks shows ceil(T/k) forward/backward/update rounds, each on the
weights the previous round left, with h carried forward across chunks (its gradient stops there).

The frames display the readable reference pass (`forward` + `bptt`); the update itself runs the
engine's training path (`batched.loss_and_grads`, clipping, the optimizer), so the final `after`
is bit-identical to one `Trainer.run_epoch()` with the same config. The two gradients agree to
rounding (about 1e-16 relative; tested).

With several sequences (a lesson's training set) the epoch is the engine's whole epoch: the batches
`Trainer` forms, in its order. The first sequence is the one animated: its batch's updates come
after its forward and backward frames, and each update uses the gradient of the whole batch (the
sweep shows that one sequence's share). The other batches' updates follow as UpdateFrames alone.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from typing import ClassVar

import numpy as np

from ..engine import (
    PARAM_NAMES,
    BackwardStep,
    Batch,
    DataSequence,
    Model,
    TickRecord,
    TrainConfig,
    bptt,
    forward,
    global_norm,
    loss_and_grads,
    make_optimizer,
)
from ..engine.batch import chunk_bounds
from ..engine.bptt import sent_back, tick_terms
from ..engine.optimizers import Optimizer
from ..engine.training import Diverged, batch_groups, training_step
from .snapshots import frozen_copy, frozen_params


@dataclass(frozen=True)
class ForwardFrame:
    """Tick `record.t` of chunk `chunk` (1-based, of `chunks`) computed; `length` is the sequence's T."""

    chunk: int
    chunks: int
    length: int
    record: TickRecord
    loss_so_far: float  # this chunk's loss over the ticks revealed so far
    phase: ClassVar[str] = "forward"

    @property
    def t(self) -> int:
        return self.record.t


@dataclass(frozen=True)
class BackwardFrame:
    """What flowed back into tick t, and how it adds into the gradients.

    delta_h = from_output + from_future: W_hy^T delta_o (this tick's own error) plus W_hh^T delta_a(t+1)
    (what came back from the next tick; zero at a chunk's last tick). `contributions` holds this tick's
    term of each gradient, `running` the sums from the chunk's last tick down to t.
    """

    chunk: int
    chunks: int
    length: int
    t: int
    has_target: bool
    delta_o: np.ndarray
    delta_h: np.ndarray
    delta_a: np.ndarray
    from_output: np.ndarray
    from_future: np.ndarray
    contributions: Mapping[str, np.ndarray]
    running: Mapping[str, np.ndarray]
    delta_h_ratio: float | None  # ||delta_h(t)|| / ||delta_h(t+1)||; None at the chunk's last tick or 0/0
    phase: ClassVar[str] = "backward"

    @property
    def delta_h_norm(self) -> float:
        return float(np.linalg.norm(self.delta_h))


@dataclass(frozen=True)
class UpdateFrame:
    """One optimizer step. `grads` is what the optimizer was given (after clipping);
    `grad_norm` the global norm of the trainable gradients before clipping. When `divergence`
    names a cause, the step was refused and `after` equals `before` (the last finite weights)."""

    chunk: int
    chunks: int
    length: int
    loss: float
    grads: Mapping[str, np.ndarray]
    grad_norm: float
    clipped: bool
    before: Mapping[str, np.ndarray]
    after: Mapping[str, np.ndarray]
    delta: Mapping[str, np.ndarray]
    trainable: tuple[str, ...]
    optimizer: str
    lr: float
    divergence: str | None = None
    sequences: int = 1  # how many sequences the update's batch holds
    animated: bool = True  # False for the updates of batches other than the animated sequence's
    phase: ClassVar[str] = "update"


Frame = ForwardFrame | BackwardFrame | UpdateFrame


def frame_count(sequences: DataSequence | list[DataSequence], config: TrainConfig) -> int:
    """How many frames `epoch_frames` yields when no update diverges (for a progress indicator)."""
    if isinstance(sequences, DataSequence):
        sequences = [sequences]
    count = 0
    for group in batch_groups(sequences, config.batch_size):
        chunks = chunk_bounds(group[0].length, config.truncate)
        count += len(chunks) + (sum(2 * (end - start) for start, end in chunks) if group[0] is sequences[0] else 0)
    return count


def epoch_frames(
    model: Model,
    sequences: DataSequence | list[DataSequence],
    config: TrainConfig,
    optimizer: Optimizer | None = None,
) -> Iterator[Frame]:
    """Lazily yield the frames of one epoch; `model` itself is never modified. `sequences[0]` (or
    the one sequence given) is animated; the epoch trains on all of them as `Trainer.run_epoch` does.

    Pass `optimizer` (e.g. a Trainer's) to carry momentum/Adam state across animated epochs; by
    default a fresh one is made, as a new Trainer would. Stops after an update that diverges.
    """
    if isinstance(sequences, DataSequence):
        sequences = [sequences]
    for s in sequences:
        s.check_fits(model.input_size, model.output_size)
    work = model.copy()
    opt = optimizer if optimizer is not None else make_optimizer(config.optimizer, config.lr)
    shown = sequences[0]
    for group in batch_groups(sequences, config.batch_size):
        full = Batch.stack(group, model.output_size)
        animated = group[0] is shown
        frames = _animated_batch(work, shown, full, config, opt) if animated else _silent_batch(work, full, config, opt)
        for frame in frames:
            if isinstance(frame, UpdateFrame):
                frame = replace(frame, sequences=len(group), animated=animated)
            yield frame
            if isinstance(frame, UpdateFrame) and frame.divergence is not None:
                return


def _animated_batch(
    work: Model, sequence: DataSequence, full: Batch, config: TrainConfig, opt: Optimizer
) -> Iterator[Frame]:
    """Forward and backward frames of `sequence`, then the update of its batch `full`, per chunk."""
    bounds = chunk_bounds(sequence.length, config.truncate)
    show_h: np.ndarray | None = None  # carried state for the displayed reference pass
    train_h: np.ndarray | None = None  # carried state for the engine's training pass
    for index, (start, end) in enumerate(bounds, start=1):
        part = DataSequence(sequence.inputs[start:end], sequence.targets[start:end], sequence.mask[start:end])
        trace = forward(work, part, h0=show_h)
        chunk = (index, len(bounds), sequence.length)
        records = [replace(r, t=r.t + start) for r in trace.steps]
        yield from _forward_frames(chunk, records)
        yield from _backward_frames(chunk, work, records, bptt(trace).steps, first_chunk=start == 0)
        update, train_h = _update(chunk, work, full.ticks(start, end), train_h, config, opt)
        yield update
        if update.divergence is not None:
            return
        show_h = trace.steps[-1].h


def _silent_batch(work: Model, full: Batch, config: TrainConfig, opt: Optimizer) -> Iterator[UpdateFrame]:
    """Only the updates of a batch the animation does not show, chunk by chunk."""
    length = full.inputs.shape[1]
    bounds = chunk_bounds(length, config.truncate)
    train_h: np.ndarray | None = None
    for index, (start, end) in enumerate(bounds, start=1):
        update, train_h = _update((index, len(bounds), length), work, full.ticks(start, end), train_h, config, opt)
        yield update
        if update.divergence is not None:
            return


def _forward_frames(chunk: tuple[int, int, int], records: list[TickRecord]) -> Iterator[ForwardFrame]:
    total = 0.0
    for rec in records:
        total += rec.loss or 0.0
        yield ForwardFrame(*chunk, rec, total)


def _backward_frames(
    chunk: tuple[int, int, int],
    model: Model,
    records: list[TickRecord],
    steps: tuple[BackwardStep, ...],
    first_chunk: bool,
) -> Iterator[BackwardFrame]:
    """The engine's reference BPTT replayed tick by tick: each tick's terms are bptt's own
    (`tick_terms`, `sent_back`), summed in bptt's order."""
    p = model.params
    running = {name: np.zeros_like(p[name]) for name in PARAM_NAMES}
    from_future = np.zeros(model.hidden_size)  # nothing comes back into the chunk's last tick
    previous_norm: float | None = None
    for rec, back in zip(reversed(records), reversed(steps), strict=True):
        from_output = p["W_hy"].T @ back.delta_o
        terms = tick_terms(rec, back)
        # Only the first chunk starts from the parameter h0; later chunks start from a constant.
        terms["h0"] = sent_back(model, back) if rec.t == 1 and first_chunk else np.zeros_like(p["h0"])
        for name in PARAM_NAMES:
            running[name] += terms[name]
        norm = float(np.linalg.norm(back.delta_h))
        ratio = norm / previous_norm if previous_norm else None
        previous_norm = norm
        yield BackwardFrame(
            *chunk,
            t=rec.t,
            has_target=rec.target is not None,
            delta_o=frozen_copy(back.delta_o),
            delta_h=frozen_copy(back.delta_h),
            delta_a=frozen_copy(back.delta_a),
            from_output=frozen_copy(from_output),
            from_future=frozen_copy(from_future),
            contributions=frozen_params(terms),
            running=frozen_params(running),
            delta_h_ratio=ratio,
        )
        if not model.is_jordan:  # a Jordan network sends this back into y(t-1), i.e. inside delta_o
            from_future = sent_back(model, back)


def _update(
    chunk: tuple[int, int, int],
    model: Model,
    batch: Batch,
    h_init: np.ndarray | None,
    config: TrainConfig,
    optimizer: Optimizer,
) -> tuple[UpdateFrame, np.ndarray | None]:
    """The engine's own training step, framed with the weights before and after it."""
    before = frozen_params(model.params)
    divergence = None
    with np.errstate(all="ignore"):
        try:
            step = training_step(model, batch, h_init, config, optimizer)
            loss, grads, norm, clipped, h_last = step.loss, step.grads, step.grad_norm, step.clipped, step.h_last
        except Diverged as exc:  # the engine left the last finite weights in place
            loss, grads, h_last = loss_and_grads(model, batch, h_init)
            norm, clipped, divergence = global_norm(grads, config.trainable), False, exc.cause
    after = frozen_params(model.params)
    delta = frozen_params({name: after[name] - before[name] for name in PARAM_NAMES})
    frame = UpdateFrame(
        *chunk,
        loss=float(loss),
        grads=frozen_params(grads),
        grad_norm=norm,
        clipped=clipped,
        before=before,
        after=after,
        delta=delta,
        trainable=config.trainable,
        optimizer=config.optimizer,
        lr=config.lr,
        divergence=divergence,
    )
    return frame, h_last
