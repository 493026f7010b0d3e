"""`srn-tui trace`: one forward pass and its BPTT, and the gradient flow of one target, as a handout."""

from __future__ import annotations

import argparse
from typing import TextIO

from ..engine import FlowTargetError, bptt, forward, target_ticks
from ..report import FORMATS
from ..report_markdown import MATRIX_FULL, VECTOR_FULL
from .arguments import EXIT_OK, Command, UsageError, lang_of, lesson_of, whole_number_at_least


def add_arguments(trace: argparse.ArgumentParser) -> None:
    trace.add_argument(
        "--format",
        choices=FORMATS,
        default="table",
        help="table and markdown are handouts to read (every value of vectors up to "
        f"{VECTOR_FULL} and matrices up to {MATRIX_FULL} x {MATRIX_FULL}; markdown adds the narration), "
        "csv and json carry full precision (default: table)",
    )
    trace.add_argument(
        "--flow-target",
        type=whole_number_at_least(1),
        metavar="TAU",
        help="follow the loss at this tick alone back through time (default: the last tick with a target)",
    )


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    import numpy as np

    from ..engine.flow import check_target
    from ..engine.stream import StoredTrace, StreamedTrace
    from ..loss_scale import lesson_scale
    from ..report import overflow_message, write_lesson_report

    lesson = lesson_of(args)
    try:  # a bad --flow-target is a usage error before anything is computed or written
        if args.flow_target is not None:
            check_target(lesson.sequence, args.flow_target)
    except FlowTargetError as exc:
        raise flow_target_error(exc, target_ticks(lesson.sequence)) from None
    scale = lesson_scale(lesson, shown_only=True)
    with np.errstate(all="ignore"):  # an overflow is said in one line below, not in NumPy's warnings
        if args.format == "markdown":  # the narration reads earlier ticks: it needs the whole trace
            trace = forward(lesson.model, lesson.sequence)
            source = StoredTrace(trace, bptt(trace))
        else:  # table, csv, json: streamed, one block of ticks in memory at a time
            source = StreamedTrace(lesson.model, lesson.sequence)
        if source.overflow is not None:
            err.write(f"srn-tui: {overflow_message(source.overflow, args.format)}\n")
        write_lesson_report(
            out, lesson, lesson.about(lang_of(args)).title, source, args.format, lang_of(args), scale, args.flow_target
        )
    return EXIT_OK


def flow_target_error(exc: FlowTargetError, ticks: tuple[int, ...]) -> UsageError:
    """--flow-target TAU refused: the tick and what is wrong with it."""
    tau = exc.target
    if exc.reason == "no targets":
        return UsageError("flow_no_targets", tau=tau)
    if exc.reason == "out of range":
        return UsageError("flow_out_of_range", tau=tau, length=exc.length)
    return UsageError("flow_no_target", tau=tau, ticks=ticks)


def flow_target_message(exc: FlowTargetError, ticks: tuple[int, ...], lang: str = "en") -> str:
    """One line for --flow-target TAU that names the tick and what is wrong with it."""
    return flow_target_error(exc, ticks).words(lang)


COMMAND = Command(
    "trace",
    help="print one forward pass and its BPTT",
    description="One forward pass + BPTT.",
    run=run,
    add_arguments=add_arguments,
)
