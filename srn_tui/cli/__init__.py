"""The command line: `srn-tui` opens the app; `trace`, `train` and `scenarios` are headless;
`serve` serves the app to web browsers.

Headless commands never import Textual. Exit status: 0 success, 2 bad input or usage
(one line on stderr, nothing written), 3 training diverged.

This module is the entry point (`main`: one line and a status for every failure) and the one door
into the app (`cmd_app`). One module per command (trace.py, train.py, scenarios.py, serve.py), listed in
commands.py; arguments.py holds what they share (lesson options, value types, UsageError).
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from typing import TextIO

from ..engine import ModelError
from ..engine.errors import Problem
from ..output import Output, OutputError, silence_stdout
from ..printable import LINE, printable
from ..text.problems import Reason, said, tick_ranges
from .arguments import EXIT_BROKEN_PIPE, EXIT_OUTPUT, EXIT_USAGE, UsageError, lang_of, spec_of
from .commands import COMMANDS, build_parser
from .trace import flow_target_message

__all__ = ["build_parser", "cmd_app", "flow_target_message", "main", "tick_ranges"]


def cmd_app(args: argparse.Namespace, err: TextIO) -> int:
    from ..serve import started_by_web_server

    has_terminal = sys.stdin is not None and sys.stdin.isatty() and sys.stdout.isatty()
    if not (has_terminal or started_by_web_server()):
        raise UsageError("needs_terminal")
    # Only what a stat tells is checked here (exit 2 before the app starts); the files are read
    # in the app, behind its first frame, so a big one shows a loading line instead of a frozen terminal.
    spec = spec_of(args)
    spec.check()
    from ..ui import run_app  # Textual is imported only here

    return run_app(spec.base(), lang_of(args), spec if spec.paths else None, None, getattr(args, "projector", False))


class _Run:
    """The language the command's refusals are worded in: English until the arguments are parsed
    (argparse's own usage errors are English), then the language of --lang (default: from LANG)."""

    lang = "en"


def main(argv: list[str] | None = None) -> int:
    from ..files import InputError

    out, err, run = Output(sys.stdout), sys.stderr, _Run()
    try:
        status = _run(argv, out, err, run)
        out.flush()  # here, not in the interpreter's final flush, which would only print a traceback
    except (UsageError, InputError, ModelError, ValueError) as exc:
        return _fail(err, exc.words(run.lang) if isinstance(exc, Problem) else str(exc), EXIT_USAGE)
    except OutputError as exc:
        # Nothing more can reach stdout; what is still buffered must not fail again at exit.
        silence_stdout(sys.stdout)
        return _fail(err, said(run.lang, "output_failed", detail=Reason(str(exc))), EXIT_OUTPUT)
    except BrokenPipeError:
        # A reader like `head` closed the pipe: it asked for no more, so no message, but not a
        # success either (the status a shell shows when SIGPIPE ends a program).
        silence_stdout(sys.stdout)
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:
        return _fail(err, said(run.lang, "interrupted_run"), 130)
    if out.escaped:
        # In English whatever --lang says: the encoding it is about cannot show Chinese either.
        _fail(err, said("en", "escaped_output", encoding=out.encoding, count=out.escaped), status)
    return status


def _run(argv: list[str] | None, out: Output, err: TextIO, run: _Run) -> int:
    if out.stream is None:  # started with stdout closed (`>&-`): Python set sys.stdout to None
        raise OutputError("standard output is closed")
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # --help and --version: printed, then flushed (and checked) by main
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    run.lang = lang_of(args)
    command = COMMANDS.get(args.command)
    if command is not None:
        return command.run(args, out, err)
    return cmd_app(args, err)


def _fail(err: TextIO | None, message: str, status: int) -> int:
    """One line on stderr (outside text in `message` escaped, cut to a line); returns `status`."""
    if err is not None:
        with contextlib.suppress(OSError):  # stderr itself may be closed or full: the status still tells
            err.write(f"srn-tui: {printable(message, LINE)}\n")
            err.flush()
    return status
