"""The one stateful object between the engine and the UI: which tick we are on, what has been
revealed, the selected hidden unit, and the model with its full forward trace and BPTT.

The UI never does the math: it calls these methods and redraws from two counters, so widgets can
skip work when nothing moved: `cursor_version` (the cursor, what is revealed, the selected unit) and
`model_version` (the model and its trace). A step bumps only the first, so the weight views know
without comparing a matrix that no weight changed. The training half (settings, optimizer, epoch
count and loss history, undo) is session_training.py, mixed into Session. No Textual import here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .engine import (
    Backward,
    DataSequence,
    Model,
    ModelError,
    TickRecord,
    Trace,
    bptt,
    forward,
)
from .files.limits import tick_units_problem
from .files.target_check import check_targets
from .lessons import Lesson
from .live import delta_h_norms
from .loss_scale import LossScale, lesson_scale
from .session_training import UNDO_DEPTH as UNDO_DEPTH  # re-exported: the undo depth is part of the session's API
from .session_training import SessionTraining


@dataclass(frozen=True)
class Basis:
    """The session's parts a new model or sequence is shown with, taken when the load was asked for."""

    lesson: Lesson
    model: Model
    sequence: DataSequence
    truncate: int | None


@dataclass(frozen=True)
class Prepared:
    """A lesson, model and sequence with their first trace, BPTT and flow norms, built without
    touching a session, so that a worker thread can build it while the UI goes on; `Session.adopt`
    then installs it at once. `basis` is None for a whole lesson, which needs nothing of the session."""

    lesson: Lesson
    model: Model
    sequence: DataSequence
    trace: Trace
    backward: Backward
    flow_norms: np.ndarray
    basis: Basis | None = None


class StaleBasis(ValueError):
    """The session moved on (trained, edited, retruncated) after a replacement was prepared against it."""


def _first_trace(model: Model, sequence: DataSequence, truncate: int | None) -> tuple[Trace, Backward, np.ndarray]:
    with np.errstate(all="ignore"):  # huge weights show as Inf/NaN values, not warnings
        trace = forward(model, sequence)
        backward = bptt(trace, truncate)
        return trace, backward, _read_only(delta_h_norms(backward))


def _read_only(a: np.ndarray) -> np.ndarray:
    a.setflags(write=False)  # shared by every redraw until the trace changes
    return a


def prepare_lesson(lesson: Lesson) -> Prepared:
    """A lesson from t = 0 on its own model copy, with its own training settings' truncation."""
    model = lesson.model.copy()
    return Prepared(lesson, model, lesson.sequence, *_first_trace(model, lesson.sequence, lesson.training.truncate))


def prepare_model(basis: Basis, model: Model, source: str | None = None) -> Prepared:
    """Another model on the basis' sequence. ValueError (ModelError) if it does not fit."""
    model.validate()
    basis.sequence.check_fits(model.input_size, model.output_size)
    _check_work(basis.sequence, model, source or "model")
    check_targets(model, basis.lesson.sequences, source, data=basis.lesson.data_name)
    lesson = basis.lesson.with_model(model, source) if source else basis.lesson
    model = model.copy()
    return Prepared(lesson, model, basis.sequence, *_first_trace(model, basis.sequence, basis.truncate), basis)


def prepare_sequence(basis: Basis, sequence: DataSequence, source: str | None = None) -> Prepared:
    """Another sequence with the basis' model. ValueError if it does not fit or is empty."""
    sequence.check_fits(basis.model.input_size, basis.model.output_size)
    if sequence.length == 0:
        raise ModelError("no_ticks", at=(("sequence", None),))
    _check_work(sequence, basis.model, source or "sequence")
    check_targets(basis.model, [sequence], sequence_source=source)
    lesson = basis.lesson.with_sequence(sequence, source) if source else basis.lesson
    return Prepared(lesson, basis.model, sequence, *_first_trace(basis.model, sequence, basis.truncate), basis)


class Session(SessionTraining):
    """Step-through state for one lesson.

    `cursor` runs from 0 (before any tick) to T. `revealed` is the furthest tick the user has
    reached: ticks after it are "not yet computed" for display, although the engine has already
    computed them (the whole trace is cheap and stepping back must restore exact state).
    """

    def __init__(self, lesson: Lesson) -> None:
        self.cursor_version = 0
        self.model_version = 0
        self.selected_unit: int | None = None
        self.generation = 0  # bumped when the model is replaced by anything but training
        self._scale_key: tuple | None = None
        self._scale: LossScale | None = None
        self.cursor = 0
        self.revealed = 0
        self.adopt(prepare_lesson(lesson))

    # ----- what the widgets read -----
    @property
    def version(self) -> int:
        """Bumped by every change, of the cursor or of the model: a full redraw is due when it moved."""
        return self.cursor_version + self.model_version

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
        self.cursor_version += 1
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
        self.cursor_version += 1

    def select_unit(self, unit: int | None) -> None:
        if unit is not None and not 0 <= unit < self.model.hidden_size:
            raise ValueError(f"hidden unit {unit} out of range 0..{self.model.hidden_size - 1}")
        if unit != self.selected_unit:
            self.selected_unit = unit
            self.cursor_version += 1

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
        """Use another model on the same sequence, keeping the cursor. ValueError (ModelError) if it
        does not fit; the session is unchanged then."""
        self.adopt(prepare_model(self.basis(), model, source))

    def replace_sequence(self, sequence: DataSequence, source: str | None = None) -> None:
        """Show another sequence with the same model, from t = 0. ValueError if it does not fit."""
        self.adopt(prepare_sequence(self.basis(), sequence, source))

    @property
    def sequence_index(self) -> int | None:
        """Which of the lesson's sequences is shown (0-based), None for one it does not hold (a file)."""
        return next((i for i, seq in enumerate(self.lesson.sequences) if seq is self.sequence), None)

    def show_sequence(self, index: int) -> None:
        """Step through the lesson's sequence `index` (wrapping), from t = 0, with the same model.
        Training is untouched: it runs over every sequence whichever is shown."""
        sequences = self.lesson.sequences
        sequence = sequences[index % len(sequences)]
        if sequence is self.sequence:
            return
        self.sequence = sequence
        self._set_model(self.model)  # the shown trace, its BPTT and flow, on this sequence
        self.cursor = self.revealed = 0
        self.cursor_version += 1

    def load_lesson(self, lesson: Lesson) -> None:
        """Start over on another lesson (its own model copy), at t = 0."""
        self.adopt(prepare_lesson(lesson))

    def basis(self) -> Basis:
        """What `prepare_model` / `prepare_sequence` build on; cheap (references, no copies)."""
        return Basis(self.lesson, self.model, self.sequence, self.training.truncate)

    def adopt(self, prepared: Prepared) -> None:
        """Install what a prepare_* function built. A new lesson, model or sequence starts training
        afresh: the loss curve, the epoch count, the optimizer's state and undo belonged to what
        was shown before (undo would bring back weights of another shape). StaleBasis, and nothing
        changes, if a replacement was built on parts the session no longer shows."""
        basis = prepared.basis
        if basis is not None and not self._shows(basis):
            raise StaleBasis("the session changed while the file was loading")
        if basis is None:  # a lesson brings its own settings
            self.selected_unit = None
            self._reset_training(prepared.lesson.training)
        else:
            self._reset_training(self.training)
        # How the starting weights were drawn: (initializer, None = the lesson's own; seed, None when
        # they are given numbers: fixed, or from a file). Training then moves on from them.
        if basis is None:
            self.drawn_with: tuple[str | None, int | None] = (None, prepared.lesson.default_seed)
        elif basis.model is not prepared.model:
            self.drawn_with = (None, None)
        if self.selected_unit is not None and self.selected_unit >= prepared.model.hidden_size:
            self.selected_unit = None
        self.lesson, self.model, self.sequence = prepared.lesson, prepared.model, prepared.sequence
        self.trace, self.backward, self._flow_norms = prepared.trace, prepared.backward, prepared.flow_norms
        if basis is None or basis.sequence is not prepared.sequence:  # a new sequence starts at t = 0
            self.cursor = 0
            self.revealed = 0
        self.generation += 1
        self.cursor_version += 1  # the cursor, or the unit, may have been reset
        self.model_version += 1

    def _shows(self, basis: Basis) -> bool:
        return (
            basis.lesson is self.lesson
            and basis.model is self.model
            and basis.sequence is self.sequence
            and basis.truncate == self.training.truncate
        )

    @property
    def flow_norms(self) -> np.ndarray:
        """|dL/dh(t)| of the BPTT shown, t = 1..T, computed once per trace rather than at every step
        (a loop over every tick: 0.6 s at 200,000 ticks)."""
        if self._flow_norms is None:
            self._flow_norms = _read_only(delta_h_norms(self.backward))
        return self._flow_norms

    def export_trace(self, fmt: str, lang: str = "en") -> str:
        """The current model's trace and BPTT in a report format (markdown, csv, json, table), as
        `srn-tui trace` prints it: markdown carries the narration in `lang`."""
        from .report import lesson_report

        scale = lesson_scale(self.lesson, self.model, shown_only=True)
        title = self.lesson.about(lang).title
        return lesson_report(self.lesson, title, self.trace, self.backward, fmt, lang, scale)

    @property
    def loss_scale(self) -> LossScale:
        """What the training loss (summed over every target tick of the lesson's data) means: its
        target ticks, bits or not, and the lesson's baseline in the current model's loss. Cached:
        it changes only with the lesson or the model's loss."""
        key = (self.lesson, self.model.loss, self.model.output_activation)
        old = self._scale_key
        if old is None or old[0] is not self.lesson or old[1:] != key[1:]:
            self._scale = lesson_scale(self.lesson, self.model)
            self._scale_key = key
        return self._scale

    # ----- internals -----
    def _set_model(self, model: Model) -> None:
        with np.errstate(all="ignore"):
            trace = forward(model, self.sequence)
            backward = bptt(trace, self.training.truncate)
        self.model, self.trace, self.backward = model, trace, backward
        self._flow_norms: np.ndarray | None = None
        self.model_version += 1


def _check_work(sequence: DataSequence, model: Model, source: str) -> None:
    """A model and a sequence that each fit the limits may still ask for too much work together."""
    problem = tick_units_problem(sequence.length, model.input_size, model.hidden_size, model.output_size)
    if problem:
        raise ModelError.fact(problem, source=source)


def hidden_summary(h: np.ndarray) -> float:
    """One number for a hidden state in a compact view: the unit itself when H = 1, else the norm."""
    return float(h[0]) if h.size == 1 else float(np.linalg.norm(h))
