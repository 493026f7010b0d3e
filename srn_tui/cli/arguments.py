"""What every command of the command line shares: the exit statuses, the one-line usage error, the
lesson options and how they resolve, the checked value types, and `Command`, one sub-command.

No Textual here (the import-linter contract in pyproject.toml covers the whole cli package).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

from ..engine import PARAM_NAMES
from ..engine.errors import Problem
from ..files.model_files import MODEL_SUFFIXES
from ..number_parse import NumberProblem, parse_number
from ..output import Output
from ..printable import LINE, SHORT, printable

if TYPE_CHECKING:
    from ..lessons import Lesson, LessonSpec

EXIT_OK, EXIT_OUTPUT, EXIT_USAGE, EXIT_DIVERGED = 0, 1, 2, 3
EXIT_BROKEN_PIPE = 128 + 13  # what a shell shows for a program ended by SIGPIPE (`yes | head`)


class UsageError(Problem):
    """Bad flags or files: reported as one line and exit status 2 (a kind and its values, worded by
    text/problems.py in the language of --lang)."""


@dataclass(frozen=True)
class Command:
    """One sub-command: `srn-tui NAME ...`. `add_arguments` adds its own flags; with `reads_lesson`
    it also takes the lesson options (--scenario, --model, --sequence, --text, --lang). `run`
    writes to `out` (stdout) and `err` (stderr) and returns the exit status."""

    name: str
    help: str
    description: str
    run: Callable[[argparse.Namespace, TextIO, TextIO], int]
    add_arguments: Callable[[argparse.ArgumentParser], None] | None = None
    reads_lesson: bool = True


class Parser(argparse.ArgumentParser):
    def _print_message(self, message: str, file=None) -> None:
        # argparse drops write errors here: `--help > /dev/full` would exit 0 with nothing written.
        if message:
            Output(file or sys.stderr).write(message)

    def error(self, message: str) -> NoReturn:
        # argparse prints the usage block and exits; we want one line and our own exit path. Its
        # message may echo what was typed ("unrecognized arguments: ..."): escaped and cut.
        raise UsageError("usage", detail=printable(message, LINE), prog=self.prog)


def lesson_options() -> argparse.ArgumentParser:
    """The options that choose a lesson and the language, given before or after the command."""
    # SUPPRESS keeps a sub-command's unset option from erasing one given before the sub-command.
    lesson = argparse.ArgumentParser(add_help=False)
    lesson.add_argument("--scenario", default=argparse.SUPPRESS, help="built-in lesson (default: seed)")
    lesson.add_argument(
        "--model",
        default=argparse.SUPPRESS,
        metavar="FILE",
        help="model file (.json or .npz) in place of the lesson's model (default: the lesson's own)",
    )
    lesson.add_argument(
        "--sequence",
        default=argparse.SUPPRESS,
        metavar="FILE",
        help="sequence file (.csv or .json) in place of the lesson's sequences (default: the lesson's own)",
    )
    lesson.add_argument(
        "--text",
        default=argparse.SUPPRESS,
        metavar="FILE",
        help="a plain text file as a character-level lesson, instead of --scenario (default: none)",
    )
    lesson.add_argument(
        "--lang",
        choices=("en", "zh"),
        default=argparse.SUPPRESS,
        help="language of the narration and the handouts (default: from LANG)",
    )
    return lesson


def spec_of(args: argparse.Namespace) -> LessonSpec:
    from ..lessons import LessonSpec

    return LessonSpec(
        getattr(args, "scenario", None),
        getattr(args, "model", None),
        getattr(args, "sequence", None),
        getattr(args, "text", None),
    )


def lesson_of(args: argparse.Namespace) -> Lesson:
    return spec_of(args).resolve()


def lang_of(args: argparse.Namespace) -> str:
    if getattr(args, "lang", None):
        return args.lang
    from ..narration import detect_lang

    return detect_lang()


# ----- value types: each refuses a bad value with one line that echoes it -----
def whole_number_at_least(low: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(parse_number(text, whole=True))
        except NumberProblem as exc:
            # int() refuses over 4,300 digits with its own message: say what it is, not "not a number".
            kind = "too large" if exc.kind == "too_large" else "must be a whole number"
            raise argparse.ArgumentTypeError(f"{kind}, found {echo(text)}") from None
        if value < low:
            raise argparse.ArgumentTypeError(f"must be at least {low}, found {value}")
        return value

    return parse


def positive_number(text: str) -> float:
    try:
        value = float(parse_number(text))
    except NumberProblem as exc:
        if exc.kind in ("empty", "not_a_number"):
            raise argparse.ArgumentTypeError(f"must be a number, found {echo(text)}") from None
        value = 0.0  # NaN, Inf, 1e999: refused below with the same words as a negative number
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be a positive finite number, found {echo(text)}")
    return value


def param_names(text: str) -> frozenset[str]:
    names = [n.strip() for n in text.split(",") if n.strip()]
    unknown = [n for n in names if n not in PARAM_NAMES]
    if unknown:
        raise argparse.ArgumentTypeError(
            f"unknown parameter {echo(unknown[0])}; expected names from {', '.join(PARAM_NAMES)}"
        )
    return frozenset(names)


def model_path(text: str) -> str:
    if Path(text).suffix.lower() not in MODEL_SUFFIXES:
        raise argparse.ArgumentTypeError(f"{printable(text)}: model files end in .json or .npz")
    return text


def echo(text: str) -> str:
    """A typed value quoted back in a message: escaped, and cut (a 5,000-digit --epochs is not echoed whole)."""
    return f"'{printable(text, SHORT)}'"
