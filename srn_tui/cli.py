"""The command line: `srn-tui` opens the app; `trace`, `train` and `scenarios` are headless.

Headless commands never import Textual. Exit status: 0 success, 2 bad input or usage
(one line on stderr, nothing written), 3 training diverged.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import NoReturn, TextIO

from . import __version__
from .engine import INITIALIZERS, OPTIMIZERS, PARAM_NAMES, ModelError, TrainConfig, bptt, forward, reinitialize, train
from .report import FORMATS

EXIT_OK, EXIT_USAGE, EXIT_DIVERGED = 0, 2, 3
MODEL_SUFFIXES = (".json", ".npz")


class UsageError(Exception):
    """Bad flags or files: reported as one line and exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # argparse prints the usage block and exits; we want one line and our own exit path.
        raise UsageError(f"{message} (see {self.prog} --help)")


def _int_at_least(low: int):
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"must be a whole number, found {text!r}") from None
        if value < low:
            raise argparse.ArgumentTypeError(f"must be at least {low}, found {value}")
        return value

    return parse


def _positive_float():
    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"must be a number, found {text!r}") from None
        if not value > 0 or value == float("inf"):
            raise argparse.ArgumentTypeError(f"must be a positive finite number, found {text}")
        return value

    return parse


def _param_names(text: str) -> frozenset[str]:
    names = [n.strip() for n in text.split(",") if n.strip()]
    unknown = [n for n in names if n not in PARAM_NAMES]
    if unknown:
        raise argparse.ArgumentTypeError(
            f"unknown parameter {unknown[0]!r}; expected names from {', '.join(PARAM_NAMES)}"
        )
    return frozenset(names)


def _model_path(text: str) -> str:
    if Path(text).suffix.lower() not in MODEL_SUFFIXES:
        raise argparse.ArgumentTypeError(f"{text}: model files end in .json or .npz")
    return text


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

    tr = commands.add_parser("train", parents=[lesson], help="train headless", description="Train with BPTT.")
    tr.add_argument("--epochs", type=_int_at_least(0))
    tr.add_argument("--lr", type=_positive_float(), help="learning rate")
    tr.add_argument("--optimizer", choices=OPTIMIZERS)
    tr.add_argument("--clip", type=_positive_float(), help="clip gradients to this global norm")
    tr.add_argument("--truncate", type=_int_at_least(1), metavar="K", help="truncated BPTT, k ticks")
    tr.add_argument("--freeze", type=_param_names, metavar="NAME,...", help="parameters to keep fixed")
    tr.add_argument("--train-h0", action="store_true", default=None, help="also learn the starting state h0")
    tr.add_argument("--batch-size", type=_int_at_least(1), metavar="B")
    tr.add_argument("--init", choices=INITIALIZERS, help="re-initialise the weights before training")
    tr.add_argument("--seed", type=int, default=0, help="random seed for --init (default 0)")
    tr.add_argument("--save", type=_model_path, metavar="FILE", help="write the trained model (.json or .npz)")
    tr.add_argument("--format", choices=("table", "json"), default="table")

    commands.add_parser("scenarios", help="list the built-in lessons", description="List the built-in lessons.")
    return parser


def _lesson(args: argparse.Namespace):
    from .lesson import resolve_lesson

    return resolve_lesson(
        getattr(args, "scenario", None),
        getattr(args, "model", None),
        getattr(args, "sequence", None),
        getattr(args, "text", None),
    )


def _lang(args: argparse.Namespace) -> str:
    if getattr(args, "lang", None):
        return args.lang
    from .narration import detect_lang

    return detect_lang()


def cmd_scenarios(args: argparse.Namespace, out: TextIO) -> int:
    from .scenarios import DEFAULT_SCENARIO, SCENARIOS

    width = max(len(name) for name in SCENARIOS)
    for name, scenario in SCENARIOS.items():
        mark = " (default)" if name == DEFAULT_SCENARIO else ""
        out.write(f"{name:<{width}}  {scenario.summary}{mark}\n")
    return EXIT_OK


def cmd_trace(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    import numpy as np

    from .engine.stream import StoredTrace, StreamedTrace
    from .report import overflow_message, write_lesson_report

    lesson = _lesson(args)
    with np.errstate(all="ignore"):  # an overflow is said in one line below, not in NumPy's warnings
        if args.format == "markdown":  # the narration reads earlier ticks: it needs the whole trace
            trace = forward(lesson.model, lesson.sequence)
            source = StoredTrace(trace, bptt(trace))
        else:  # table, csv, json: streamed, one block of ticks in memory at a time
            source = StreamedTrace(lesson.model, lesson.sequence)
        if source.overflow is not None:
            err.write(f"srn-tui: {overflow_message(source.overflow, args.format)}\n")
        write_lesson_report(out, lesson.name, lesson.title, source, args.format, _lang(args))
    return EXIT_OK


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


def cmd_train(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .report import fmt_matrix

    lesson = _lesson(args)
    config = _train_config(args, lesson.training)
    model = reinitialize(lesson.model, args.init, args.seed) if args.init else lesson.model
    progress = _Progress(config.epochs, err) if args.format == "table" else None
    result = train(model, list(lesson.sequences), config, on_epoch=progress)
    if progress:
        progress.close()
    if args.save:
        from .files import save_model

        save_model(result.model, args.save)
    if args.format == "json":
        epochs = [{"epoch": e.epoch, "loss": e.loss, "grad_norm": e.grad_norm} for e in result.history]
        out.write(json.dumps({"epochs": epochs, "every": result.every}, indent=2) + "\n")
    else:
        how = f"truncated BPTT k={config.truncate}" if config.truncate else "full BPTT"
        frozen = ", ".join(n for n in PARAM_NAMES if n in config.frozen) or "none"
        out.write(
            f"trained {lesson.name} for {result.completed} epoch(s): {config.optimizer}, lr {config.lr:g}, "
            f"{how}; frozen: {frozen}\n\n{'epoch':>7}  {'loss':>12}  {'grad_norm':>12}\n"
        )
        for e in _summary_rows(result.history):
            out.write(f"{e.epoch:>7}  {e.loss:>12.6g}  {e.grad_norm:>12.6g}\n")
        out.write("\ntrained parameters:\n")
        out.writelines(f"  {name:5} = {fmt_matrix(result.model.params[name])}\n" for name in PARAM_NAMES)
        if args.save:
            out.write(f"saved {args.save}\n")
    if result.divergence:
        saved = f"; the last finite model was saved to {args.save}" if args.save else ""
        err.write(f"srn-tui: {result.divergence.message()}{saved}\n")
        return EXIT_DIVERGED
    return EXIT_OK


def cmd_app(args: argparse.Namespace, err: TextIO) -> int:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        err.write("srn-tui: the app needs a terminal (stdin and stdout must be a TTY); try `srn-tui trace`\n")
        return EXIT_USAGE
    lesson = _lesson(args)
    from .ui import run_app  # Textual is imported only here

    return run_app(lesson, _lang(args))


def main(argv: list[str] | None = None) -> int:
    from .files import InputError

    out, err = sys.stdout, sys.stderr
    try:
        args = build_parser().parse_args(argv)
        if args.command == "scenarios":
            return cmd_scenarios(args, out)
        if args.command == "trace":
            return cmd_trace(args, out, err)
        if args.command == "train":
            return cmd_train(args, out, err)
        return cmd_app(args, err)
    except (UsageError, InputError, ModelError, ValueError) as exc:
        err.write(f"srn-tui: {exc}\n")
        return EXIT_USAGE
    except BrokenPipeError:
        # A reader like `head` closed the pipe: not an error worth a traceback. Point stdout at
        # devnull so the interpreter's final flush does not raise again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        err.write("srn-tui: interrupted\n")
        return 130
