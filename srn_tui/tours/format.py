"""A tour file (TOML) read and checked headless: one line naming the file, step and field for the
first problem, and bounds on every count so that a small file never asks for unbounded work.

    title.en = "The article's example"          # and title.zh
    [[step]]
    lesson = "seed"                             # opens the lesson afresh (step 1 must open one)
    seed = 3                                    # optional: the lesson's own draw for another seed
    cursor = 3                                  # tick t, 0..T
    actions = ["step", "train 400"]             # tours/actions.py: the names and what they run
    spotlight = "equation"                      # a panel's stable name (tours/actions.py)
    keep = { h5 = "h[5]" }                      # a value later captions may quote as {h5}
    caption.en = "h(3) = {h[3]}"                # and caption.zh: live numbers (tours/quote.py)
    expect.en = ["h(3) = tanh(1.578) = 0.918"]  # text that must be on the screen (per language)
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from ..engine.errors import Place, Problem
from ..printable import printable
from ..text.problems import Quoted, Reason
from .actions import ACTIONS, SPOTLIGHTS
from .quote import (
    COUNT_NAMES,
    RUN_NAMES,
    STATE_NAMES,
    TEXT_NAMES,
    TICK_NAMES,
    WEIGHT_NAMES,
    Call,
    Expr,
    QuoteError,
    Ref,
    check_text,
)

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10 reads TOML with the tomli backport (a dependency there)
    import tomli as tomllib

LANGS = ("en", "zh")
MAX_FILE_BYTES = 64 * 1024
MAX_STEPS = 60
MAX_ACTIONS = 20  # per step
MAX_COUNT = 1000  # step 1000, later-target 5: repeats of one action
MAX_EPOCHS_STEP = 5000
MAX_TOUR_EPOCHS = 20_000  # the whole tour's training, in epochs (seed: about 10 s) ...
MAX_TICK_EPOCHS = 5_000_000  # ... and in epochs x ticks an epoch trains on (temporal-xor: 4,464 epochs)
MAX_TEXT = 600  # a caption, in characters
MAX_TITLE = 100
MAX_EXPECT = 12  # lines per language and step
MAX_EXPECT_TEXT = 200
MAX_KEEP = 8
STEP_FIELDS = ("lesson", "seed", "cursor", "actions", "spotlight", "keep", "caption", "expect")


class TourError(Problem, ValueError):
    """A bad tour file: a fact (a kind, its values, the file, the step and the field) that
    text/problems.py words as one line in English or Chinese (str() is the English line)."""


@dataclass(frozen=True)
class Step:
    number: int  # from 1
    lesson: str | None
    seed: int | None
    cursor: int | None
    actions: tuple[tuple[str, int | None], ...]  # (name in ACTIONS, argument)
    spotlight: str | None
    keep: tuple[tuple[str, str], ...]
    caption: dict[str, str]
    expect: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class Tour:
    name: str
    title: dict[str, str]
    steps: tuple[Step, ...]

    @property
    def epochs(self) -> int:
        return sum(arg or 0 for step in self.steps for name, arg in step.actions if name == "train")


def open_lesson(name: str):
    """The built-in lesson `name` (ValueError naming the choices); the one place tours meet lessons."""
    from ..lessons import LessonSpec

    return LessonSpec(scenario=name).base()


def load_tour_file(path: str | Path) -> Tour:
    """Read and check a tour file; TourError (one line) for anything wrong with it."""
    source = str(path)
    p = Path(path)
    try:
        if p.is_dir():
            raise TourError("tour_directory", source=source)
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            raise TourError("tour_too_big", source=source, size=size, limit=MAX_FILE_BYTES // 1024)
        raw = p.read_bytes()
    except OSError as exc:
        raise TourError("tour_cannot_read", source=source, reason=Reason(exc.strerror or exc)) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise TourError("tour_not_utf8", source=source) from None
    return parse_tour(text, p.stem, source)


def parse_tour(text: str, name: str, source: str | Place) -> Tour:
    """`source` names the tour in its errors: a path, or ("builtin_tour", name)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TourError("tour_not_toml", source=source, detail=printable(exc, 160)) from None
    return _Checker(source).tour(data, name)


class _Checker:
    def __init__(self, source: str | Place) -> None:
        self.source = source
        self.step_number: int | None = None

    def fail(self, field: str, kind: str, /, **values) -> TourError:
        """The problem `kind` with `values` in `field` (of the step being read, if any)."""
        at = (("key", field),) if self.step_number is None else (("step", self.step_number), ("key", field))
        return TourError(kind, at=at, source=self.source, **values)

    def tour(self, data: dict, name: str) -> Tour:
        unknown = sorted(set(data) - {"title", "step"})
        if unknown:
            raise self.fail(printable(unknown[0], 40), "tour_unknown_field")
        title = self.texts(data.get("title"), "title", MAX_TITLE, placeholders=False)
        steps_data = data.get("step")
        if not isinstance(steps_data, list) or not steps_data:
            raise self.fail("step", "tour_no_steps")
        if len(steps_data) > MAX_STEPS:
            raise self.fail("step", "tour_too_many_steps", count=len(steps_data), limit=MAX_STEPS)
        steps, lesson, kept, tick_epochs, epochs = [], None, frozenset(), 0, 0
        for number, raw in enumerate(steps_data, start=1):
            self.step_number = number
            if not isinstance(raw, dict):
                raise self.fail("step", "step_not_table")
            step, lesson, kept, work = self.step(raw, number, lesson, kept)
            tick_epochs += work
            epochs += sum(arg or 1 for name, arg in step.actions if name in ("train", "train-epoch"))
            if epochs > MAX_TOUR_EPOCHS:
                raise self.fail("actions", "tour_epochs", epochs=epochs, limit=MAX_TOUR_EPOCHS)
            if tick_epochs > MAX_TICK_EPOCHS:
                raise self.fail("actions", "tour_epoch_ticks", count=tick_epochs, limit=MAX_TICK_EPOCHS)
            steps.append(step)
        return Tour(name, title, tuple(steps))

    def step(self, raw: dict, number: int, lesson, kept: frozenset[str]):
        unknown = sorted(set(raw) - set(STEP_FIELDS))
        if unknown:
            raise self.fail(printable(unknown[0], 40), "step_unknown_field", fields=STEP_FIELDS)
        name = raw.get("lesson")
        if name is not None:
            if not isinstance(name, str):
                raise self.fail("lesson", "lesson_not_name")
            try:
                lesson = open_lesson(name)
            except ValueError as exc:
                raise self.fail("lesson", "raw", detail=Quoted(exc, 300)) from None
        elif lesson is None:
            raise self.fail("lesson", "first_step_lesson")
        seed = self.integer(raw, "seed", 0, 2**31 - 1)
        if seed is not None:
            if name is None:
                raise self.fail("seed", "seed_without_lesson")
            try:
                lesson.seeded_model(seed)
            except ValueError as exc:
                raise self.fail("seed", "raw", detail=Quoted(exc, 200)) from None
        length = lesson.sequence.length
        cursor = self.integer(raw, "cursor", 0, length)
        actions, epochs = self.actions(raw.get("actions", []), lesson, length)
        spotlight = raw.get("spotlight")
        if spotlight is not None and spotlight not in SPOTLIGHTS:
            shown = repr(printable(spotlight, 40))
            raise self.fail("spotlight", "unknown_spotlight", name=shown, choices=tuple(SPOTLIGHTS))
        keep, kept = self.keep(raw.get("keep", {}), kept, length)
        caption = self.texts(raw.get("caption"), "caption", MAX_TEXT, kept=kept, length=length)
        expect = self.expect(raw.get("expect", {}), kept, length)
        step = Step(number, name, seed, cursor, actions, spotlight, keep, caption, expect)
        ticks = sum(s.length for s in lesson.sequences)
        return step, lesson, kept, epochs * ticks

    def integer(self, raw: dict, field: str, low: int, high: int) -> int | None:
        value = raw.get(field)
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise self.fail(field, "whole_number", low=low, high=high, found=printable(value, 40))
        return value

    def actions(self, raw, lesson, length: int) -> tuple[tuple[tuple[str, int | None], ...], int]:
        if not isinstance(raw, list) or not all(isinstance(a, str) for a in raw):
            raise self.fail("actions", "actions_not_list")
        if len(raw) > MAX_ACTIONS:
            raise self.fail("actions", "too_many_actions", count=len(raw), limit=MAX_ACTIONS)
        out, epochs = [], 0
        for i, text in enumerate(raw, start=1):
            field = f"actions[{i}]"
            words = text.split()
            if not words or words[0] not in ACTIONS or len(words) > 2:
                raise self.fail(field, "unknown_action", action=repr(printable(text, 40)), choices=tuple(ACTIONS))
            kind = ACTIONS[words[0]].argument
            arg = None
            if len(words) == 2:
                if kind is None or not re.fullmatch(r"\d{1,6}", words[1]):
                    problem = "action_no_argument" if kind is None else "action_needs_number"
                    raise self.fail(field, problem, action=words[0])
                arg = int(words[1])
            limits = {"count": (1, MAX_COUNT), "epochs": (1, MAX_EPOCHS_STEP), "tick": (0, length)}
            if kind == "tick" and arg is None:
                raise self.fail(field, "go_needs_tick")
            if arg is not None and not limits[kind][0] <= arg <= limits[kind][1]:
                low, high = limits[kind]
                raise self.fail(field, "action_range", action=words[0], arg=arg, low=low, high=high)
            if words[0] == "train":
                arg = arg if arg is not None else lesson.training.epochs  # the lesson's own budget
                if arg > MAX_EPOCHS_STEP:
                    raise self.fail(field, "lesson_epochs", epochs=arg, limit=MAX_EPOCHS_STEP)
            epochs += arg if words[0] == "train" else (1 if words[0] == "train-epoch" else 0)
            out.append((words[0], arg))
        if epochs > MAX_EPOCHS_STEP:
            raise self.fail("actions", "step_epochs", epochs=epochs, limit=MAX_EPOCHS_STEP)
        return tuple(out), epochs

    def keep(self, raw, kept: frozenset[str], length: int):
        if not isinstance(raw, dict) or len(raw) > MAX_KEEP:
            raise self.fail("keep", "keep_table", limit=MAX_KEEP)
        reserved = (*TICK_NAMES, *WEIGHT_NAMES, *COUNT_NAMES, *RUN_NAMES, *TEXT_NAMES, *STATE_NAMES)
        out = []
        for key, expr in raw.items():
            field = f"keep.{printable(key, 40)}"
            if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,30}", key) or key in reserved:
                raise self.fail(field, "keep_name")
            if not isinstance(expr, str):
                raise self.fail(field, "keep_not_text")
            self.exprs(f"{{{expr}}}", field, kept, length)
            out.append((key, expr))
            kept = kept | {key}
        return tuple(out), kept

    def texts(self, raw, field: str, limit: int, placeholders: bool = True, kept=frozenset(), length: int = 0):
        if not isinstance(raw, dict) or set(raw) != set(LANGS) or not all(isinstance(v, str) for v in raw.values()):
            raise self.fail(field, "both_languages", field=field)
        for lang in LANGS:
            text = raw[lang]
            if not text.strip() or len(text) > limit:
                raise self.fail(f"{field}.{lang}", "text_length", limit=limit, count=len(text))
            if placeholders:
                self.exprs(text, f"{field}.{lang}", kept, length)
        return {lang: raw[lang] for lang in LANGS}

    def expect(self, raw, kept, length: int) -> dict[str, tuple[str, ...]]:
        if not isinstance(raw, dict) or not set(raw) <= set(LANGS):
            raise self.fail("expect", "expect_table")
        out = {}
        for lang in LANGS:
            lines = raw.get(lang, [])
            field = f"expect.{lang}"
            if not isinstance(lines, list) or not all(isinstance(s, str) and s.strip() for s in lines):
                raise self.fail(field, "expect_lines")
            if len(lines) > MAX_EXPECT or any(len(s) > MAX_EXPECT_TEXT for s in lines):
                raise self.fail(field, "expect_too_long", count=MAX_EXPECT, length=MAX_EXPECT_TEXT)
            for i, line in enumerate(lines, start=1):
                self.exprs(line, f"{field}[{i}]", kept, length)
            out[lang] = tuple(lines)
        return out

    def exprs(self, text: str, field: str, kept: frozenset[str], length: int) -> None:
        try:
            for expr in check_text(text, kept):
                _check_ticks(expr, length)
        except QuoteError as exc:
            raise self.fail(field, "raw", detail=Quoted(exc, 200)) from None


def _check_ticks(expr: Expr, length: int) -> None:
    """Plain tick numbers must exist in the lesson the step shows (t, T and tau are checked live)."""
    if isinstance(expr, Call):
        for arg in expr.args:
            _check_ticks(arg, length)
        return
    for ref in (expr,):
        if isinstance(ref, Ref) and ref.name in TICK_NAMES and ref.groups:
            index = ref.groups[0][0]
            if index.base is None and not 1 <= index.offset <= length:
                raise QuoteError("quote_no_such_tick", name=ref.name, offset=index.offset, length=length)
