"""A problem with a file, a lesson or the command line as one line, in English or Chinese.

The problem is a fact (engine/errors.py's Problem: `kind`, `values`, `where`, `source`, `file_line`),
raised by the loaders (files/), the engine, the lessons and the CLI; this module is the one place that
words it: "<source>: <where>: <problem><note>" ("data.csv: row 3, column x1: 'abc' is not a number").
It imports nothing of the engine or files (they import the value kinds below), so the engine may
import it lazily. Outside text (paths, and the values the loaders already quoted) goes through
printable(): it is never a terminal command, and never Rich markup (the app shows it with markup off).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple, Protocol

from ..printable import printable
from .lang import check_lang, fill
from .problem_words import REASONS_ZH, WORDS


class Found(NamedTuple):
    """What a JSON value is: `what` (null, boolean, number, string, list, object, too_large, type)
    and its detail (the value as text, a length, a type name)."""

    what: str
    detail: Any = None


class Shape(NamedTuple):
    """The object a file must hold: "sequence" or "model", and its keys."""

    what: str
    keys: tuple[str, ...]


class Either(tuple):
    """Choices joined by "or" (".json or .npz"); a plain tuple is a list joined by commas."""


class Reason(str):
    """The system's reason an operation failed (strerror, lower-cased): translated where known."""


class Nested(NamedTuple):
    """A problem inside another's words ("not saved: <it>; ..."): a kind and its values."""

    kind: str
    values: Mapping[str, Any]


class Quoted(NamedTuple):
    """Another error inside this one's words (a tour's lesson that cannot be opened): worded in the
    same language when it is a problem, as it says itself otherwise, cut to `limit` characters."""

    error: BaseException
    limit: int


class ProblemFact(Protocol):
    kind: str
    values: Mapping[str, Any]
    where: tuple[tuple[str, Any], ...]
    source: Any
    file_line: int | None


def error_words(lang: str, error: BaseException) -> str:
    """An error as one line in `lang`: a problem (or a dialog's field error) in its words, any other
    error as it says itself (a library's message, English)."""
    words = getattr(error, "words", None)
    text = words(lang) if callable(words) else str(error)
    return text or type(error).__name__


def word(lang: str, key: str, /, **values: Any) -> str:
    return fill(f"problem words {key!r}", WORDS[check_lang(lang)][key], values)


def problem_words(lang: str, problem: ProblemFact) -> str:
    """The whole line: where the problem is, what it is, and the notes after it."""
    parts = [] if problem.source is None else [source_words(lang, problem.source)]
    where = where_words(lang, problem.where)
    if where:
        parts.append(where)
    parts.append(body_words(lang, problem.kind, problem.values))
    text = word(lang, "separator").join(parts)
    if problem.file_line is not None:
        text += word(lang, "line_note", line=problem.file_line)
    model_file = problem.values.get("model_file")
    if model_file is not None:
        text += word(lang, "model_note", path=printable(model_file))
    return text


def source_words(lang: str, source: Any) -> str:
    """A path (escaped), or data that is not a file: ("model", None), ("lesson_sequence", name),
    ("text_sequence", path)."""
    if isinstance(source, tuple):
        kind, value = source
        return word(lang, f"source_{kind}", name=value, path=printable(value))
    return printable(source)


def where_words(lang: str, where: tuple[tuple[str, Any], ...]) -> str:
    """("key", "W_hh"), ("row", 2), ("column", 1) -> "W_hh: row 2, column 1" (a row and its column
    are one place)."""
    shown: list[str] = []
    previous = None
    for kind, value in where:
        text = _place(lang, kind, value)
        if kind == "column" and previous == "row":
            joined = "row_and_named_column" if isinstance(value, str) else "row_and_column"
            shown[-1] = word(lang, joined, row=shown[-1], column=text)
        elif kind == "key" and previous == "step":  # a tour's step and its field are one place
            shown[-1] = word(lang, "step_and_field", step=shown[-1], field=text)
        else:
            shown.append(text)
        previous = kind
    return word(lang, "separator").join(shown)


def _place(lang: str, kind: str, value: Any) -> str:
    if kind == "key":
        return printable(value)
    if kind == "column" and isinstance(value, str):
        return word(lang, "place_named_column", n=printable(value))
    return word(lang, f"place_{kind}", n=value)


def said(lang: str, kind: str, /, **values: Any) -> str:
    """A problem of `kind` with `values` in `lang`, with no file or place (the CLI's own lines)."""
    return body_words(lang, kind, values)


def body_words(lang: str, kind: str, values: Mapping[str, Any], /) -> str:
    """What the problem is, without where."""
    shown = {key: _value(lang, key, value) for key, value in values.items()}
    if kind == "unknown_suffix" and not values["suffix"]:
        kind = "no_suffix"
    elif kind == "flow_target":
        shown["reason"] = word(lang, "reason_" + values["reason"].replace(" ", "_"))
    elif kind in ("target_in_file", "target_in_lesson"):
        shown.update(_target_words(lang, values))
    elif kind == "unknown_scenario":
        shown["patterns"] = _join(
            lang, [word(lang, "pattern_example", pattern=p, example=e) for p, e in values["patterns"]]
        )
    elif kind == "flow_no_target":
        shown["ticks"] = tick_ranges(values["ticks"], lang=lang)
    return word(lang, kind, **shown)


def _value(lang: str, key: str, value: Any) -> Any:
    if isinstance(value, Found):
        return word(lang, f"found_{value.what}", detail=value.detail)
    if isinstance(value, Shape):
        return word(lang, f"shape_{value.what}", keys=_join(lang, value.keys))
    if isinstance(value, Nested):
        return body_words(lang, value.kind, value.values)
    if isinstance(value, Quoted):
        return printable(error_words(lang, value.error), value.limit)
    if isinstance(value, Either):
        return word(lang, "either_separator").join(value)
    if isinstance(value, Reason):
        return REASONS_ZH.get(value.lower(), str(value)) if lang == "zh" else str(value)
    if key == "layer":
        return word(lang, f"layer_{value}")
    if key == "what":
        return word(lang, f"what_{value}")
    if isinstance(value, tuple) and key != "patterns" and key != "ticks":
        return _join(lang, value)
    return value


def _join(lang: str, items: Any) -> str:
    return word(lang, "list_separator").join(str(item) for item in items)


def _target_words(lang: str, values: Mapping[str, Any]) -> dict[str, str]:
    """A target a cross-entropy loss cannot take: what is wrong, what the output needs, whose it is."""
    value = values["value"]
    need = word(lang, f"needs_{values['activation']}")
    words = {"needs": word(lang, "needs", activation=values["activation"], need=need)}
    if "owner" in values:  # in a sequence file
        owner = values["owner"]
        words["what"] = word(lang, f"target_{values['problem']}", value=value)
        words["owner"] = (
            word(lang, "owner_model") if owner is None else word(lang, "owner_file", owner=printable(owner))
        )
        return words
    lesson = values["lesson"]
    data = word(lang, "the_lesson") if lesson is None else word(lang, "named_lesson", lesson=printable(lesson))
    n = values["sequence"]
    which = "" if n is None else word(lang, "which_sequence", n=n)
    if values["problem"] == "not_distribution":
        words["found"] = word(lang, "found_sum", data=data, tick=values["tick"], which=which, value=value)
    else:
        unit = values["unit"]
        output = "" if unit is None else word(lang, "output_unit", unit=unit)
        words["found"] = word(
            lang, "found_value", data=data, value=value, tick=values["tick"], output=output, which=which
        )
    return words


def tick_ranges(ticks: tuple[int, ...], most: int = 4, lang: str = "en") -> str:
    """'21..60', '3, 6, 9, 12 and 6 more': runs of consecutive ticks, the first `most` of them."""
    runs: list[list[int]] = []
    for t in ticks:
        if runs and t == runs[-1][1] + 1:
            runs[-1][1] = t
        else:
            runs.append([t, t])
    shown = _join(lang, [str(a) if a == b else f"{a}..{b}" for a, b in runs[:most]])
    if len(runs) > most:
        return word(lang, "tick_runs_more", runs=shown, more=len(runs) - most)
    return shown
