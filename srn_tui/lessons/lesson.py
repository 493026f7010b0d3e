"""A lesson as the app and the commands use it: a built-in lesson (a Scenario), optionally with the
user's own model and/or sequence files in place of its parts."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from ..engine import DataSequence, Model, ModelError, TrainConfig
from ..engine.errors import Place
from ..files.limits import MAX_TEXT_CHARS, tick_units_problem
from ..printable import printable
from .base import About, Baseline, Scenario
from .catalog import DEFAULT_SCENARIO, get_scenario
from .symbols import Decoding


@dataclass(frozen=True)
class Lesson:
    """A lesson as it runs: its `scenario` (whose hooks decode, narrate and check it, kept whatever
    replaces its parts) with the model and sequences it runs, which the user's files may replace.
    `sequences[0]` is the one shown tick by tick."""

    scenario: Scenario
    model: Model
    sequences: tuple[DataSequence, ...]
    training: TrainConfig
    # The user's files that replaced a part, in the order they came: ("model" | "sequence", the file's
    # name as shown, escaped by printable()). The header reads them after the lesson's name.
    files: tuple[tuple[str, str], ...] = ()
    # The user's own files run without a lesson (--model/--sequence without --scenario): the default
    # lesson only fills in the part no file gives; its name, words and claim do not apply to them.
    files_only: bool = False

    @classmethod
    def from_scenario(cls, scenario: Scenario) -> Lesson:
        return cls(scenario, scenario.model(), tuple(scenario.sequences()), scenario.training)

    @property
    def name(self) -> str:
        """What the header, the reports and file names show, e.g. "letters + my.csv". Only shown: the
        lesson is carried as this object, never found again from this text."""
        shown = [] if self.files_only else [self.scenario.name]
        return " + ".join(shown + [name for _, name in self.files])

    @property
    def title(self) -> str:
        return self.scenario.title

    @property
    def description(self) -> str:
        return self.scenario.description

    def about(self, lang: str = "en") -> About:
        """The lesson's title, summary and description in `lang`."""
        return self.scenario.about(lang)

    @property
    def model_from_file(self) -> bool:
        return any(part == "model" for part, _ in self.files)

    @property
    def sequence_from_file(self) -> bool:
        return any(part == "sequence" for part, _ in self.files)

    @property
    def as_made(self) -> bool:
        """True when the lesson runs as it was made, no file in place of a part: its remarks and
        claim describe exactly this model's start and these sequences."""
        return not self.files

    # The lesson's baseline guess and whether its targets are characters describe the lesson's own
    # data, so your own sequence drops them.
    @property
    def baseline(self) -> Baseline | None:
        return None if self.sequence_from_file else self.scenario.baseline

    @property
    def characters(self) -> bool:
        return False if self.sequence_from_file else self.scenario.characters

    @property
    def symbols(self) -> Decoding | None:
        """What the lesson's vectors stand for (symbols.py); kept with your own files (`decoding` reads
        them only where the sizes fit), none for files run without a lesson."""
        return None if self.files_only else self.scenario.symbols

    def decoding(self, model: Model) -> Decoding | None:
        """How `model`'s vectors read as this lesson's symbols; None without symbols or when a model
        file changed the input or output size."""
        symbols = self.symbols
        return symbols if symbols is not None and symbols.fits(model.input_size, model.output_size) else None

    @property
    def data_name(self) -> str:
        """Where the sequences came from, for messages: the sequence file's shown name, else the lesson's."""
        files = [name for part, name in self.files if part == "sequence"]
        return files[-1] if files else self.scenario.name

    @property
    def default_seed(self) -> int | None:
        """The seed of the lesson's own random starting weights; None when they are fixed or from a file."""
        return None if self.model_from_file else self.scenario.default_seed

    def seeded_model(self, seed: int) -> Model:
        """The lesson's own starting weights drawn with `seed` (its own initializer and ranges).
        ValueError (one line) when the weights are fixed numbers or came from a model file."""
        if self.model_from_file:
            raise ModelError("seed_model_file")
        return self.scenario.model(seed=seed)

    @property
    def sequence(self) -> DataSequence:
        return self.sequences[0]

    # `source` is a file name: the name goes to the header, toasts and reports, so it is escaped here.
    def with_model(self, model: Model, source: str) -> Lesson:
        return replace(self, model=model, files=(*self.files, ("model", printable(source))))

    def with_sequence(self, sequence: DataSequence, source: str) -> Lesson:
        return replace(self, sequences=(sequence,), files=(*self.files, ("sequence", printable(source))))


def text_lesson(path: str) -> Lesson:
    """A plain text file as a character-level lesson (one-hot vocabulary, softmax, next character)."""
    from ..files import InputError
    from ..files.reading import read_text
    from .text import text_scenario

    text = read_text(path)
    if len(text) > MAX_TEXT_CHARS:
        raise InputError.at(path, "text_too_long", count=len(text), limit=MAX_TEXT_CHARS)
    try:
        scenario = text_scenario(text, name=f"text:{printable(Path(path).name)}")
    except ValueError as exc:
        raise InputError.of(path, exc) from None
    return Lesson.from_scenario(scenario)  # the lesson carries its scenario: narration needs no registry


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
    from ..files import InputError, load_model, load_sequence
    from ..files.target_check import check_targets

    _check_combination(scenario, sequence_path, text_path)
    if text_path is not None:
        lesson = text_lesson(text_path)
    else:
        lesson = Lesson.from_scenario(get_scenario(scenario or DEFAULT_SCENARIO))
    own_files = text_path is None and (model_path is not None or sequence_path is not None)
    sequence_source = _sequence_source(lesson.scenario.name, sequence_path, text_path)
    if model_path is not None:
        lesson = lesson.with_model(load_model(model_path), Path(model_path).name)
    if sequence_path is not None:
        lesson = lesson.with_sequence(load_sequence(sequence_path), Path(sequence_path).name)
    if own_files and scenario is None:
        lesson = replace(lesson, training=TrainConfig(), files_only=True)
    for seq in lesson.sequences:
        try:
            seq.check_fits(lesson.model.input_size, lesson.model.output_size)
        except ModelError as exc:
            # The sequence is what does not fit the model: name where it came from, then the model file.
            # Its place ("sequence") is the source now.
            raise InputError(exc.kind, source=sequence_source, model_file=model_path, **exc.values) from None
        m = lesson.model
        problem = tick_units_problem(seq.length, m.input_size, m.hidden_size, m.output_size)
        if problem:  # each file fits on its own; together they ask for too much work
            raise InputError.fact(problem, source=sequence_source, model_file=model_path)
    # Model and sequence together: targets the model's loss cannot take (cross-entropy wants probabilities).
    data = scenario or DEFAULT_SCENARIO if text_path is None else "text"
    check_targets(lesson.model, lesson.sequences, model_path, sequence_path, data)
    return lesson


def _check_combination(scenario: str | None, sequence_path: str | None, text_path: str | None) -> None:
    if text_path is not None and (scenario is not None or sequence_path is not None):
        raise ModelError("text_alone")


@dataclass(frozen=True)
class LessonSpec:
    """What the command line asks for. `check` is the part a stat can tell (names, file types, missing
    or oversized files), so the app can report it before it starts; `resolve` reads the files, which
    may take seconds, so the app does it in a worker behind its first frame."""

    scenario: str | None = None
    model_path: str | None = None
    sequence_path: str | None = None
    text_path: str | None = None

    @property
    def paths(self) -> tuple[str, ...]:
        return tuple(p for p in (self.text_path, self.model_path, self.sequence_path) if p is not None)

    def check(self) -> None:
        """InputError/ValueError for what is wrong without reading any file."""
        from ..files.model_files import MODEL_SUFFIXES
        from ..files.reading import check_file, suffix_of
        from ..files.sequence_files import SEQUENCE_SUFFIXES

        _check_combination(self.scenario, self.sequence_path, self.text_path)
        self.base()  # an unknown scenario
        if self.model_path is not None:
            suffix_of(self.model_path, MODEL_SUFFIXES, "model")
        if self.sequence_path is not None:
            suffix_of(self.sequence_path, SEQUENCE_SUFFIXES, "sequence")
        for path in self.paths:
            check_file(path)

    def base(self) -> Lesson:
        """The built-in lesson (quick to build): the app shows it while `resolve` reads the files."""
        return Lesson.from_scenario(get_scenario(self.scenario or DEFAULT_SCENARIO))

    def resolve(self) -> Lesson:
        return resolve_lesson(self.scenario, self.model_path, self.sequence_path, self.text_path)


def _sequence_source(lesson_name: str, sequence_path: str | None, text_path: str | None) -> str | Place:
    if sequence_path is not None:
        return sequence_path
    if text_path is not None:
        return ("text_sequence", text_path)
    return ("lesson_sequence", lesson_name)
