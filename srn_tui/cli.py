"""The command line: `srn-tui` opens the app; `trace`, `train` and `scenarios` are headless.

Headless commands never import Textual. Exit status: 0 success, 2 bad input or usage
(one line on stderr, nothing written), 3 training diverged.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import NoReturn, TextIO

from . import __version__
from .engine import (
    INITIALIZERS,
    OPTIMIZERS,
    PARAM_NAMES,
    FlowTargetError,
    ModelError,
    TrainConfig,
    bptt,
    forward,
    reinitialize,
    target_ticks,
    train,
)
from .output import Output, OutputError, silence_stdout
from .printable import LINE, SHORT, printable
from .report import FORMATS

EXIT_OK, EXIT_OUTPUT, EXIT_USAGE, EXIT_DIVERGED = 0, 1, 2, 3
EXIT_BROKEN_PIPE = 128 + 13  # what a shell shows for a program ended by SIGPIPE (`yes | head`)
MODEL_SUFFIXES = (".json", ".npz")


class UsageError(Exception):
    """Bad flags or files: reported as one line and exit status 2."""


class _Parser(argparse.ArgumentParser):
    def _print_message(self, message: str, file=None) -> None:
        # argparse drops write errors here: `--help > /dev/full` would exit 0 with nothing written.
        if message:
            Output(file or sys.stderr).write(message)

    def error(self, message: str) -> NoReturn:
        # argparse prints the usage block and exits; we want one line and our own exit path. Its
        # message may echo what was typed ("unrecognized arguments: ..."): escaped and cut.
        raise UsageError(f"{printable(message, LINE)} (see {self.prog} --help)")


def _int_at_least(low: int):
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            # int() refuses over 4,300 digits with its own message: say what it is, not "not a number".
            kind = "too large" if text.strip().lstrip("+-").isdigit() else "must be a whole number"
            raise argparse.ArgumentTypeError(f"{kind}, found {_echo(text)}") from None
        if value < low:
            raise argparse.ArgumentTypeError(f"must be at least {low}, found {value}")
        return value

    return parse


def _positive_float():
    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"must be a number, found {_echo(text)}") from None
        if not value > 0 or value == float("inf"):
            raise argparse.ArgumentTypeError(f"must be a positive finite number, found {_echo(text)}")
        return value

    return parse


def _param_names(text: str) -> frozenset[str]:
    names = [n.strip() for n in text.split(",") if n.strip()]
    unknown = [n for n in names if n not in PARAM_NAMES]
    if unknown:
        raise argparse.ArgumentTypeError(
            f"unknown parameter {_echo(unknown[0])}; expected names from {', '.join(PARAM_NAMES)}"
        )
    return frozenset(names)


def _port(text: str) -> int:
    port = _int_at_least(1)(text)
    if port > 65535:
        raise argparse.ArgumentTypeError(f"must be at most 65535, found {port}")
    return port


def _model_path(text: str) -> str:
    if Path(text).suffix.lower() not in MODEL_SUFFIXES:
        raise argparse.ArgumentTypeError(f"{printable(text)}: model files end in .json or .npz")
    return text


def _echo(text: str) -> str:
    """A typed value quoted back in a message: escaped, and cut (a 5,000-digit --epochs is not echoed whole)."""
    return f"'{printable(text, SHORT)}'"


def build_parser() -> argparse.ArgumentParser:
    # SUPPRESS keeps a sub-command's unset option from erasing one given before the sub-command.
    lesson = argparse.ArgumentParser(add_help=False)
    lesson.add_argument("--scenario", default=argparse.SUPPRESS, help="built-in lesson (default: seed)")
    lesson.add_argument("--model", default=argparse.SUPPRESS, metavar="FILE", help="model file (.json or .npz)")
    lesson.add_argument("--sequence", default=argparse.SUPPRESS, metavar="FILE", help="sequence file (.csv or .json)")
    lesson.add_argument(
        "--text", default=argparse.SUPPRESS, metavar="FILE", help="a plain text file as a character-level lesson"
    )
    lesson.add_argument(
        "--lang", choices=("en", "zh"), default=argparse.SUPPRESS, help="narration language (default: from LANG)"
    )

    parser = _Parser(
        prog="srn-tui",
        parents=[lesson],
        description="Watch a Simple Recurrent Network (Elman network) compute and learn, tick by tick. "
        "With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"srn-tui {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    trace = commands.add_parser(
        "trace", parents=[lesson], help="print one forward pass and its BPTT", description="One forward pass + BPTT."
    )
    trace.add_argument("--format", choices=FORMATS, default="table")
    trace.add_argument(
        "--flow-target",
        type=_int_at_least(1),
        metavar="TAU",
        help="follow the loss at this tick alone back through time (default: the last tick with a target)",
    )

    tr = commands.add_parser("train", parents=[lesson], help="train headless", description="Train with BPTT.")
    tr.add_argument("--epochs", type=_int_at_least(0))
    tr.add_argument("--lr", type=_positive_float(), help="learning rate")
    tr.add_argument("--optimizer", choices=OPTIMIZERS)
    tr.add_argument("--clip", type=_positive_float(), help="clip gradients to this global norm")
    tr.add_argument("--truncate", type=_int_at_least(1), metavar="K", help="truncated BPTT, k ticks")
    tr.add_argument("--freeze", type=_param_names, metavar="NAME,...", help="parameters to keep fixed")
    tr.add_argument("--train-h0", action="store_true", default=None, help="also learn the starting state h0")
    tr.add_argument("--batch-size", type=_int_at_least(1), metavar="B")
    tr.add_argument(
        "--init", choices=INITIALIZERS, help="re-initialise the weights with this initializer before training"
    )
    tr.add_argument(
        "--seed",
        type=_int_at_least(0),
        help="re-draw the lesson's own starting weights with this seed (its own initializer and ranges); "
        "with --init, the seed for that initializer (default 0)",
    )
    tr.add_argument("--save", type=_model_path, metavar="FILE", help="write the trained model (.json or .npz)")
    tr.add_argument("--format", choices=("table", "json"), default="table")

    commands.add_parser("scenarios", help="list the built-in lessons", description="List the built-in lessons.")

    web = commands.add_parser(
        "serve",
        parents=[lesson],
        help='serve the app to web browsers (needs the extra: pip install "srn-tui[web]")',
        description="Serve the app to web browsers on this network: every browser tab gets its own app, "
        'opened on the lesson given here. Needs the web extra: pip install "srn-tui[web]".',
    )
    web.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default: 127.0.0.1, this machine only; 0.0.0.0 lets other machines in)",
    )
    web.add_argument("--port", type=_port, default=8000, help="port to listen on (default: 8000)")
    return parser


def _spec(args: argparse.Namespace):
    from .lessons import LessonSpec

    return LessonSpec(
        getattr(args, "scenario", None),
        getattr(args, "model", None),
        getattr(args, "sequence", None),
        getattr(args, "text", None),
    )


def _lesson(args: argparse.Namespace):
    return _spec(args).resolve()


def _lang(args: argparse.Namespace) -> str:
    if getattr(args, "lang", None):
        return args.lang
    from .narration import detect_lang

    return detect_lang()


def cmd_scenarios(args: argparse.Namespace, out: TextIO) -> int:
    from .lessons import DEFAULT_SCENARIO, PATTERNS, SCENARIOS

    width = max(len(name) for name in [*SCENARIOS, *(p.pattern for p in PATTERNS)])
    for name, scenario in SCENARIOS.items():
        mark = " (default)" if name == DEFAULT_SCENARIO else ""
        out.write(f"{name:<{width}}  {scenario.summary}{mark}\n")
    # Lessons made from the name on demand: one line per family, with names to try.
    for p in PATTERNS:
        out.write(f"{p.pattern:<{width}}  {p.summary}; e.g. {', '.join(p.examples)}\n")
    return EXIT_OK


def cmd_trace(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    import numpy as np

    from .engine.flow import check_target
    from .engine.stream import StoredTrace, StreamedTrace
    from .loss_scale import lesson_scale
    from .report import overflow_message, write_lesson_report

    lesson = _lesson(args)
    try:  # a bad --flow-target is a usage error before anything is computed or written
        if args.flow_target is not None:
            check_target(lesson.sequence, args.flow_target)
    except FlowTargetError as exc:
        raise UsageError(flow_target_message(exc, target_ticks(lesson.sequence))) from None
    scale = lesson_scale(lesson, shown_only=True)
    with np.errstate(all="ignore"):  # an overflow is said in one line below, not in NumPy's warnings
        if args.format == "markdown":  # the narration reads earlier ticks: it needs the whole trace
            trace = forward(lesson.model, lesson.sequence)
            source = StoredTrace(trace, bptt(trace))
        else:  # table, csv, json: streamed, one block of ticks in memory at a time
            source = StreamedTrace(lesson.model, lesson.sequence)
        if source.overflow is not None:
            err.write(f"srn-tui: {overflow_message(source.overflow, args.format)}\n")
        write_lesson_report(out, lesson, lesson.title, source, args.format, _lang(args), scale, args.flow_target)
    return EXIT_OK


def tick_ranges(ticks: tuple[int, ...], most: int = 4) -> str:
    """'21..60', '3, 6, 9, 12 and 6 more': runs of consecutive ticks, the first `most` of them."""
    runs: list[list[int]] = []
    for t in ticks:
        if runs and t == runs[-1][1] + 1:
            runs[-1][1] = t
        else:
            runs.append([t, t])
    shown = [str(a) if a == b else f"{a}..{b}" for a, b in runs[:most]]
    more = f" and {len(runs) - most} more" if len(runs) > most else ""
    return ", ".join(shown) + more


def flow_target_message(exc: FlowTargetError, ticks: tuple[int, ...]) -> str:
    """One line for --flow-target TAU that names the tick and what is wrong with it."""
    tau = exc.target
    if exc.reason == "no targets":
        return f"--flow-target {tau}: no tick of the sequence has a target, so no loss flows back"
    if exc.reason == "out of range":
        return f"--flow-target {tau}: out of range, the sequence has ticks 1..{exc.length}"
    return f"--flow-target {tau}: tick {tau} has no target; ticks with a target: {tick_ranges(ticks)}"


def _train_config(args: argparse.Namespace, defaults: TrainConfig) -> TrainConfig:
    chosen = {
        "epochs": args.epochs,
        "lr": args.lr,
        "optimizer": args.optimizer,
        "clip": args.clip,
        "truncate": args.truncate,
        "freeze": args.freeze,
        "train_h0": args.train_h0,
        "batch_size": args.batch_size,
    }
    return replace(defaults, **{k: v for k, v in chosen.items() if v is not None})


class _Progress:
    """A one-line progress bar on a terminal's stderr, redrawn at most 10 times a second."""

    def __init__(self, total: int, stream: TextIO) -> None:
        self.total, self.stream = total, stream
        self.enabled = stream.isatty() and total > 0
        self.last = 0.0

    def __call__(self, epoch) -> None:
        now = time.monotonic()
        if not self.enabled or (now - self.last < 0.1 and epoch.epoch < self.total):
            return
        self.last = now
        filled = 30 * epoch.epoch // self.total
        self.stream.write(f"\r[{'#' * filled}{' ' * (30 - filled)}] {epoch.epoch}/{self.total}  loss {epoch.loss:.6g}")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\r" + " " * 70 + "\r")
            self.stream.flush()


def _summary_rows(history: list, rows: int = 10) -> list:
    if len(history) <= rows:
        return history
    picks = sorted({round(i * (len(history) - 1) / (rows - 1)) for i in range(rows)})
    return [history[i] for i in picks]


def _starting_model(args: argparse.Namespace, lesson):
    """The weights training starts from: --init draws them with an engine initializer (seed 0 unless
    --seed); --seed alone re-draws the lesson's own; neither keeps the lesson's (or the file's)."""
    if args.init:
        return reinitialize(lesson.model, args.init, 0 if args.seed is None else args.seed)
    if args.seed is None:
        return lesson.model
    if getattr(args, "model", None):
        raise UsageError(
            f"--seed re-draws a lesson's own starting weights, but {printable(args.model)} gives them; "
            "add --init NAME to draw fresh weights with that seed"
        )
    try:
        return lesson.seeded_model(args.seed)
    except ValueError as exc:
        raise UsageError(f"--seed: {exc}; --init NAME --seed S draws random ones") from None


def cmd_train(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .report import fmt_matrix

    lesson = _lesson(args)
    config = _train_config(args, lesson.training)
    model = _starting_model(args, lesson)
    progress = _Progress(config.epochs, err) if args.format == "table" else None
    result = train(model, list(lesson.sequences), config, on_epoch=progress)
    if progress:
        progress.close()
    if args.save:
        from .files import save_model

        save_model(result.model, args.save)
    from .loss_scale import target_ticks
    from .narration import measure_claim

    ticks = target_ticks(lesson.sequences)  # an epoch's loss sums this many ticks' losses
    # The lesson's claim on the trained weights, as the app toasts it; None for lessons without one,
    # for the user's own --model / --sequence files (the claim was not made about them) and after a
    # divergence (the run's outcome is the divergence; its last finite weights may still overflow).
    claim = None if result.divergence else measure_claim(lesson, result.model, _lang(args))
    if args.format == "json":
        epochs = [{"epoch": e.epoch, "loss": e.loss, "grad_norm": e.grad_norm} for e in result.history]
        claimed = None if claim is None else {"holds": claim[0], "text": claim[1]}
        document = {"epochs": epochs, "every": result.every, "target_ticks": ticks, "claim": claimed}
        out.write(json.dumps(document, indent=2) + "\n")
    else:
        how = f"truncated BPTT k={config.truncate}" if config.truncate else "full BPTT"
        frozen = ", ".join(n for n in PARAM_NAMES if n in config.frozen) or "none"
        out.write(
            f"trained {lesson.name} for {result.completed} epoch(s): {config.optimizer}, lr {config.lr:g}, "
            f"{how}; frozen: {frozen}\nloss: summed over the {ticks} ticks with a target; per tick: the mean\n\n"
            f"{'epoch':>7}  {'loss':>12}  {'per tick':>12}  {'grad_norm':>12}\n"
        )
        for e in _summary_rows(result.history):
            per = e.loss / ticks if ticks else float("nan")
            out.write(f"{e.epoch:>7}  {e.loss:>12.6g}  {per:>12.6g}  {e.grad_norm:>12.6g}\n")
        out.write("\ntrained parameters:\n")
        out.writelines(f"  {name:5} = {fmt_matrix(result.model.params[name])}\n" for name in PARAM_NAMES)
        if claim is not None:
            out.write(f"\n{claim[1]}\n")
        if args.save:
            out.write(f"saved {printable(args.save)}\n")
    if result.divergence:
        saved = f"; the last finite model was saved to {printable(args.save)}" if args.save else ""
        err.write(f"srn-tui: {result.divergence.message()}{saved}\n")
        return EXIT_DIVERGED
    return EXIT_OK


def cmd_serve(args: argparse.Namespace, err: TextIO) -> int:
    from .serve import ServeOptions, run_server

    spec = _spec(args)
    spec.check()  # a wrong lesson or file is said once here, not in every visitor's tab
    options = ServeOptions(
        args.host,
        args.port,
        getattr(args, "lang", None),
        spec.scenario,
        spec.model_path,
        spec.sequence_path,
        spec.text_path,
    )
    return run_server(options, err)


def cmd_app(args: argparse.Namespace, err: TextIO) -> int:
    from .serve import started_by_web_server

    has_terminal = sys.stdin is not None and sys.stdin.isatty() and sys.stdout.isatty()
    if not (has_terminal or started_by_web_server()):
        err.write("srn-tui: the app needs a terminal (stdin and stdout must be a TTY); try `srn-tui trace`\n")
        return EXIT_USAGE
    # Only what a stat tells is checked here (exit 2 before the app starts); the files are read
    # in the app, behind its first frame, so a big one shows a loading line instead of a frozen terminal.
    spec = _spec(args)
    spec.check()
    from .ui import run_app  # Textual is imported only here

    return run_app(spec.base(), _lang(args), spec if spec.paths else None)


def main(argv: list[str] | None = None) -> int:
    from .files import InputError

    out, err = Output(sys.stdout), sys.stderr
    try:
        status = _run(argv, out, err)
        out.flush()  # here, not in the interpreter's final flush, which would only print a traceback
    except (UsageError, InputError, ModelError, ValueError) as exc:
        return _fail(err, str(exc), EXIT_USAGE)
    except OutputError as exc:
        # Nothing more can reach stdout; what is still buffered must not fail again at exit.
        silence_stdout(sys.stdout)
        return _fail(err, f"cannot write the output ({exc})", EXIT_OUTPUT)
    except BrokenPipeError:
        # A reader like `head` closed the pipe: it asked for no more, so no message, but not a
        # success either (the status a shell shows when SIGPIPE ends a program).
        silence_stdout(sys.stdout)
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:
        return _fail(err, "interrupted", 130)
    if out.escaped:
        _fail(
            err,
            f"the output encoding ({out.encoding}) cannot show {out.escaped} character(s); they were written "
            "as \\u escapes (use a UTF-8 locale, e.g. LANG=C.UTF-8, to see them)",
            status,
        )
    return status


def _run(argv: list[str] | None, out: Output, err: TextIO) -> int:
    if out.stream is None:  # started with stdout closed (`>&-`): Python set sys.stdout to None
        raise OutputError("standard output is closed")
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # --help and --version: printed, then flushed (and checked) by main
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    if args.command == "scenarios":
        return cmd_scenarios(args, out)
    if args.command == "trace":
        return cmd_trace(args, out, err)
    if args.command == "train":
        return cmd_train(args, out, err)
    if args.command == "serve":
        return cmd_serve(args, err)
    return cmd_app(args, err)


def _fail(err: TextIO | None, message: str, status: int) -> int:
    """One line on stderr (outside text in `message` escaped, cut to a line); returns `status`."""
    if err is not None:
        with contextlib.suppress(OSError):  # stderr itself may be closed or full: the status still tells
            err.write(f"srn-tui: {printable(message, LINE)}\n")
            err.flush()
    return status
