"""The one stateful object between the engine and the UI: which tick we are on, what has been
revealed, the selected hidden unit, and the model with its full forward trace and BPTT.

The UI never does the math: it calls these methods and redraws from `version`, which is bumped
on every change, so widgets can skip work when nothing moved. No Textual import here.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Mapping

import numpy as np

from .engine import BackwardStep, DataSequence, Model, ModelError, TickRecord, TrainConfig, bptt, forward, reinitialize
from .engine.optimizers import Optimizer, make_optimizer
from .files.limits import tick_units_problem
from .lesson import Lesson
from .live import LossHistory, UndoStack

UNDO_DEPTH = 20


class Session:
    """Step-through state for one lesson.

    `cursor` runs from 0 (before any tick) to T. `revealed` is the furthest tick the user has
    reached: ticks after it are "not yet computed" for display, although the engine has already
    computed them (the whole trace is cheap and stepping back must restore exact state).
    """

    def __init__(self, lesson: Lesson) -> None:
        self.version = 0
        self.selected_unit: int | None = None
        self.generation = 0  # bumped when the model is replaced by anything but training
        self._reset_training(lesson.training)
        self._install(lesson, lesson.model.copy(), lesson.sequence)

    # ----- what the widgets read -----
    @property
    def length(self) -> int:
        """T, the number of ticks in the sequence shown."""
        return len(self.trace.steps)

    @property
    def current(self) -> TickRecord | None:
        """The record at the cursor, or None at t = 0."""
        return self.record(self.cursor)

    def record(self, t: int) -> TickRecord | None:
        """The forward record at tick t (1..T); None for t = 0 or out of range."""
        return self.trace.steps[t - 1] if 1 <= t <= self.length else None

    def backward_step(self, t: int) -> BackwardStep | None:
        return self.backward.steps[t - 1] if 1 <= t <= self.length else None

    def is_revealed(self, t: int) -> bool:
        return 1 <= t <= self.revealed

    @property
    def focus_unit(self) -> int:
        """The hidden unit explanations talk about: the selected one, or unit 0."""
        unit = self.selected_unit
        return unit if unit is not None and 0 <= unit < self.model.hidden_size else 0

    # ----- moving through time -----
    def go_to(self, t: int) -> bool:
        """Move the cursor to t (clamped to 0..T), revealing every tick up to it. True if it moved."""
        t = max(0, min(int(t), self.length))
        if t == self.cursor and t <= self.revealed:
            return False
        self.cursor = t
        self.revealed = max(self.revealed, t)
        self._changed()
        return True

    def step_forward(self) -> bool:
        return self.go_to(self.cursor + 1)

    def step_back(self) -> bool:
        return self.go_to(self.cursor - 1)

    def go_start(self) -> bool:
        return self.go_to(0)

    def go_end(self) -> bool:
        return self.go_to(self.length)

    @property
    def at_end(self) -> bool:
        return self.cursor >= self.length

    def reset(self) -> None:
        """Back to t = 0 with nothing revealed (the model is kept)."""
        self.cursor = 0
        self.revealed = 0
        self._changed()

    def select_unit(self, unit: int | None) -> None:
        if unit is not None and not 0 <= unit < self.model.hidden_size:
            raise ValueError(f"hidden unit {unit} out of range 0..{self.model.hidden_size - 1}")
        if unit != self.selected_unit:
            self.selected_unit = unit
            self._changed()

    # ----- changing the model or the data -----
    def set_weight(self, name: str, row: int, col: int, value: float) -> None:
        """Set one entry of a parameter and recompute the trace.

        Matrices (W_xh, W_hh, W_hy) are indexed [row, col]; vectors (b_h, b_y, h0) by `col` when
        row is 0, so a heatmap drawing a vector as one row can pass its cell as is. Revealed ticks
        stay revealed and the cursor stays put. ValueError for unknown names, bad indices or a
        non-finite value; the session is unchanged then.
        """
        if name not in self.model.params:
            raise ValueError(f"unknown parameter {name!r}")
        value = float(value)
        if not math.isfinite(value):
            raise ValueError(f"{name}: value must be a finite number, found {value}")
        params = {k: v.copy() for k, v in self.model.params.items()}
        target = params[name]
        index: tuple[int, ...] = (row, col) if target.ndim == 2 else (col if row == 0 else row,)
        for i, size in zip(index, target.shape, strict=True):
            if not 0 <= i < size:
                raise ValueError(f"{name}: index {index} out of range for shape {target.shape}")
        target[index] = value
        self._set_model(self.model.with_params(params))
        self.generation += 1

    def replace_model(self, model: Model, source: str | None = None) -> None:
        """Use another model on the same sequence. ValueError (ModelError) if it does not fit;
        the session is unchanged then. The selection is dropped if the new net is smaller."""
        model.validate()
        self.sequence.check_fits(model.input_size, model.output_size)
        _check_work(self.sequence, model, source or "model")
        lesson = self.lesson.with_model(model, source) if source else self.lesson
        self._set_model(model.copy(), lesson)
        self.generation += 1
        self.optimizer = None  # optimizer state belongs to the weights it was built on
        if self.selected_unit is not None and self.selected_unit >= model.hidden_size:
            self.selected_unit = None

    def replace_sequence(self, sequence: DataSequence, source: str | None = None) -> None:
        """Show another sequence with the same model, from t = 0. ValueError if it does not fit."""
        sequence.check_fits(self.model.input_size, self.model.output_size)
        if sequence.length == 0:
            raise ModelError("sequence: no ticks")
        _check_work(sequence, self.model, source or "sequence")
        lesson = self.lesson.with_sequence(sequence, source) if source else self.lesson
        self._install(lesson, self.model, sequence)

    def load_lesson(self, lesson: Lesson) -> None:
        """Start over on another lesson (its own model copy), at t = 0."""
        self.selected_unit = None
        self._reset_training(lesson.training)
        self._install(lesson, lesson.model.copy(), lesson.sequence)

    def export_trace(self, fmt: str, lang: str = "en") -> str:
        """The current model's trace and BPTT in a report format (markdown, csv, json, table), as
        `srn-tui trace` prints it: markdown carries the narration in `lang`."""
        from .report import lesson_report

        return lesson_report(self.lesson.name, self.lesson.title, self.trace, self.backward, fmt, lang)

    # ----- training -----
    @property
    def training_sequences(self) -> list[DataSequence]:
        """What an epoch trains on: the lesson's sequences, or the user's own sequence when one is loaded."""
        return list(self.lesson.sequences)

    def set_training(self, config: TrainConfig) -> None:
        """Use other training settings (already validated by TrainConfig); the BPTT shown follows the
        new truncation. The optimizer's state (momentum, Adam's moments) carries on when only other
        settings change, a new learning rate included, as in PyTorch; another optimizer starts fresh."""
        if self.optimizer is not None:
            if self.optimizer.name == config.optimizer:
                self.optimizer.lr = config.lr
            else:
                self.optimizer = None
        self.training = config
        self._set_model(self.model)

    def epoch_optimizer(self) -> Optimizer:
        """The optimizer animated and continuous epochs share, so Adam/momentum state carries over."""
        if self.optimizer is None:
            self.optimizer = make_optimizer(self.training.optimizer, self.training.lr)
        return self.optimizer

    def begin_training(self) -> None:
        """Remember the exact weights before a training run (or a re-initialisation) for `undo_training`."""
        self._undo.push(self.model.params)
        self._undo_epochs.append(self.epoch)

    def show_trained(self, params: Mapping[str, np.ndarray]) -> None:
        """Show weights training produced (same shapes), keeping the cursor and what is revealed."""
        self._set_model(self.model.with_params({name: np.array(v, dtype=np.float64) for name, v in params.items()}))

    def record_epoch(self, epoch: int, loss: float, grad_norm: float) -> None:
        """One trained epoch (numbered over the session's life) for the loss curve and the CSV."""
        self.epoch = max(self.epoch, epoch)
        self.history.append(epoch, loss, grad_norm)

    @property
    def undo_levels(self) -> int:
        return len(self._undo)

    def undo_training(self) -> int | None:
        """Back to the exact weights from before the last run; the epoch count then, or None if nothing to undo."""
        params = self._undo.undo()
        if params is None:
            return None
        self.epoch = self._undo_epochs.pop()
        self.history.rewind(self.epoch)  # the loss curve and the CSV end where the weights are now
        self.optimizer = None
        self._set_model(self.model.with_params(params))
        return self.epoch

    def reinitialize(self, initializer: str, seed: int) -> None:
        """Fresh random weights (engine initializers, h0 kept); undoable like a training run."""
        model = reinitialize(self.model, initializer, seed)  # raises ValueError on an unknown initializer
        self.begin_training()
        self.optimizer = None
        self._set_model(model)

    def _reset_training(self, config: TrainConfig) -> None:
        self.training = config
        self.optimizer: Optimizer | None = None
        self.history = LossHistory()
        self.epoch = 0
        self._undo = UndoStack(UNDO_DEPTH)
        self._undo_epochs: deque[int] = deque(maxlen=UNDO_DEPTH)

    # ----- internals -----
    def _install(self, lesson: Lesson, model: Model, sequence: DataSequence) -> None:
        with np.errstate(all="ignore"):  # huge weights show as Inf/NaN values, not warnings
            trace = forward(model, sequence)  # raises before anything changes
        self.lesson = lesson
        self.sequence = sequence
        self.model = model
        self.trace = trace
        with np.errstate(all="ignore"):
            self.backward = bptt(trace, self.training.truncate)
        self.cursor = 0
        self.revealed = 0
        self.generation += 1
        self._changed()

    def _set_model(self, model: Model, lesson: Lesson | None = None) -> None:
        with np.errstate(all="ignore"):
            trace = forward(model, self.sequence)
            backward = bptt(trace, self.training.truncate)
        self.model, self.trace, self.backward = model, trace, backward
        if lesson is not None:
            self.lesson = lesson
        self._changed()

    def _changed(self) -> None:
        self.version += 1


def _check_work(sequence: DataSequence, model: Model, source: str) -> None:
    """A model and a sequence that each fit the limits may still ask for too much work together."""
    problem = tick_units_problem(sequence.length, model.input_size, model.hidden_size, model.output_size)
    if problem:
        raise ModelError(f"{source}: {problem}")


def hidden_summary(h: np.ndarray) -> float:
    """One number for a hidden state in a compact view: the unit itself when H = 1, else the norm."""
    return float(h[0]) if h.size == 1 else float(np.linalg.norm(h))
