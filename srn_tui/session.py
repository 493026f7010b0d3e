"""The one stateful object between the engine and the UI: which tick we are on, what has been
revealed, the selected hidden unit, and the model with its full forward trace and BPTT.

The UI never does the math: it calls these methods and redraws from `version`, which is bumped
on every change, so widgets can skip work when nothing moved. No Textual import here.
"""

from __future__ import annotations

import math

import numpy as np

from .engine import BackwardStep, DataSequence, Model, ModelError, TickRecord, bptt, forward
from .lesson import Lesson


class Session:
    """Step-through state for one lesson.

    `cursor` runs from 0 (before any tick) to T. `revealed` is the furthest tick the user has
    reached: ticks after it are "not yet computed" for display, although the engine has already
    computed them (the whole trace is cheap and stepping back must restore exact state).
    """

    def __init__(self, lesson: Lesson) -> None:
        self.version = 0
        self.selected_unit: int | None = None
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

    def replace_model(self, model: Model, source: str | None = None) -> None:
        """Use another model on the same sequence. ValueError (ModelError) if it does not fit;
        the session is unchanged then. The selection is dropped if the new net is smaller."""
        model.validate()
        self.sequence.check_fits(model.input_size, model.output_size)
        lesson = self.lesson.with_model(model, source) if source else self.lesson
        self._set_model(model.copy(), lesson)
        if self.selected_unit is not None and self.selected_unit >= model.hidden_size:
            self.selected_unit = None

    def replace_sequence(self, sequence: DataSequence, source: str | None = None) -> None:
        """Show another sequence with the same model, from t = 0. ValueError if it does not fit."""
        sequence.check_fits(self.model.input_size, self.model.output_size)
        if sequence.length == 0:
            raise ModelError("sequence: no ticks")
        lesson = self.lesson.with_sequence(sequence, source) if source else self.lesson
        self._install(lesson, self.model, sequence)

    def load_lesson(self, lesson: Lesson) -> None:
        """Start over on another lesson (its own model copy), at t = 0."""
        self.selected_unit = None
        self._install(lesson, lesson.model.copy(), lesson.sequence)

    def export_trace(self, fmt: str) -> str:
        """The current model's trace and BPTT in a report format (markdown, csv, json, table)."""
        from .report import format_trace

        return format_trace(self.trace, self.backward, fmt)

    # ----- internals -----
    def _install(self, lesson: Lesson, model: Model, sequence: DataSequence) -> None:
        trace = forward(model, sequence)  # raises before anything changes
        self.lesson = lesson
        self.sequence = sequence
        self.model = model
        self.trace = trace
        self.backward = bptt(trace, lesson.training.truncate)
        self.cursor = 0
        self.revealed = 0
        self._changed()

    def _set_model(self, model: Model, lesson: Lesson | None = None) -> None:
        trace = forward(model, self.sequence)
        backward = bptt(trace, (lesson or self.lesson).training.truncate)
        self.model, self.trace, self.backward = model, trace, backward
        if lesson is not None:
            self.lesson = lesson
        self._changed()

    def _changed(self) -> None:
        self.version += 1


def hidden_summary(h: np.ndarray) -> float:
    """One number for a hidden state in a compact view: the unit itself when H = 1, else the norm."""
    return float(h[0]) if h.size == 1 else float(np.linalg.norm(h))
