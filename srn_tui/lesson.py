"""A lesson as the app and the commands use it: a built-in scenario, optionally with the
user's own model and/or sequence files in place of its parts."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from .engine import DataSequence, Model, TrainConfig
from .files.limits import MAX_TEXT_CHARS, tick_units_problem
from .scenarios import DEFAULT_SCENARIO, Scenario, get_scenario


@dataclass(frozen=True)
class Lesson:
    """name/title/description for display; `sequences[0]` is the one shown tick by tick."""

    name: str
    title: str
    description: str
    model: Model
    sequences: tuple[DataSequence, ...]
    training: TrainConfig

    @classmethod
    def from_scenario(cls, scenario: Scenario) -> Lesson:
        return cls(
            scenario.name,
            scenario.title,
            scenario.description,
            scenario.model(),
            tuple(scenario.sequences()),
            scenario.training,
        )

    @property
    def sequence(self) -> DataSequence:
        return self.sequences[0]

    def with_model(self, model: Model, source: str) -> Lesson:
        return replace(self, model=model, name=f"{self.name} + {source}")

    def with_sequence(self, sequence: DataSequence, source: str) -> Lesson:
        return replace(self, sequences=(sequence,), name=f"{self.name} + {source}")


def text_lesson(path: str) -> Lesson:
    """A plain text file as a character-level lesson (one-hot vocabulary, softmax, next character)."""
    from .files import InputError
    from .files.reading import read_text
    from .scenarios import register_scenario, text_scenario

    text = read_text(path)
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(f"{path}: {len(text):,} characters, at most {MAX_TEXT_CHARS:,} make a lesson")
    try:
        scenario = text_scenario(text, name=f"text:{Path(path).name}")
    except ValueError as exc:
        raise InputError(f"{path}: {exc}") from None
    register_scenario(scenario)  # so narration can find the lesson by name
    return Lesson.from_scenario(scenario)


def resolve_lesson(
    scenario: str | None = None,
    model_path: str | None = None,
    sequence_path: str | None = None,
    text_path: str | None = None,
) -> Lesson:
    """The scenario (default `seed`), or a --text file as a character-level lesson, with
    --model / --sequence files overriding its parts.

    With your own model/sequence files and no scenario, training defaults are full BPTT and SGD.
    Raises files.InputError (bad file) or ValueError (unknown scenario, files that do not fit).
    """
    from .files import InputError, load_model, load_sequence

    if text_path is not None:
        if scenario is not None or sequence_path is not None:
            raise ValueError("--text makes its own lesson: use it without --scenario and --sequence")
        lesson = text_lesson(text_path)
    else:
        lesson = Lesson.from_scenario(get_scenario(scenario or DEFAULT_SCENARIO))
    own_files = text_path is None and (model_path is not None or sequence_path is not None)
    if model_path is not None:
        lesson = lesson.with_model(load_model(model_path), Path(model_path).name)
    if sequence_path is not None:
        lesson = lesson.with_sequence(load_sequence(sequence_path), Path(sequence_path).name)
    if own_files and scenario is None:
        lesson = replace(lesson, training=TrainConfig(), name=lesson.name.removeprefix(f"{DEFAULT_SCENARIO} + "))
    where = sequence_path or (model_path and f"{model_path} (with the {lesson.name} sequence)") or lesson.name
    for seq in lesson.sequences:
        try:
            seq.check_fits(lesson.model.input_size, lesson.model.output_size)
        except ValueError as exc:
            raise InputError(f"{where}: {exc}") from None
        m = lesson.model
        problem = tick_units_problem(seq.length, m.input_size, m.hidden_size, m.output_size)
        if problem:  # each file fits on its own; together they ask for too much work
            raise InputError(f"{where}: {problem}")
    return lesson
