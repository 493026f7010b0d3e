"""`srn-tui train`: train headless, report the loss per epoch and the lesson's claim on the trained weights."""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import replace
from typing import TextIO

from ..engine import INITIALIZERS, OPTIMIZERS, PARAM_NAMES, ModelError, TrainConfig, reinitialize, train
from ..printable import printable
from ..text.problems import Nested, said
from .arguments import (
    EXIT_DIVERGED,
    EXIT_OK,
    Command,
    UsageError,
    lang_of,
    lesson_of,
    model_path,
    param_names,
    positive_number,
    whole_number_at_least,
)


def add_arguments(tr: argparse.ArgumentParser) -> None:
    # Without an option the lesson's own training settings apply; your own files without --scenario
    # train with TrainConfig's defaults. Both are said in --help, from TrainConfig itself.
    base = TrainConfig()

    def lesson_default(plain: object) -> str:
        return f"(default: the lesson's own; {plain} for your own files without --scenario)"

    tr.add_argument("--epochs", type=whole_number_at_least(0), help=f"epochs to train {lesson_default(base.epochs)}")
    tr.add_argument("--lr", type=positive_number, help=f"learning rate {lesson_default(base.lr)}")
    tr.add_argument(
        "--optimizer", choices=OPTIMIZERS, help=f"how the weights are updated {lesson_default(base.optimizer)}"
    )
    tr.add_argument(
        "--clip", type=positive_number, help=f"clip gradients to this global norm {lesson_default('no clipping')}"
    )
    tr.add_argument(
        "--truncate",
        type=whole_number_at_least(1),
        metavar="K",
        help=f"truncated BPTT, K ticks back {lesson_default('full BPTT')}",
    )
    tr.add_argument(
        "--freeze",
        type=param_names,
        metavar="NAME,...",
        help=f"parameters to keep fixed, from {', '.join(PARAM_NAMES)} {lesson_default('none')}",
    )
    tr.add_argument(
        "--train-h0",
        action="store_true",
        default=None,
        help=f"also learn the starting state h0 {lesson_default('off')}",
    )
    tr.add_argument(
        "--batch-size",
        type=whole_number_at_least(1),
        metavar="B",
        help=f"sequences per update {lesson_default(base.batch_size)}",
    )
    tr.add_argument(
        "--init",
        choices=INITIALIZERS,
        help="re-initialise the weights with this initializer before training "
        "(default: none, training starts from the lesson's or the model file's weights)",
    )
    tr.add_argument(
        "--seed",
        type=whole_number_at_least(0),
        help="re-draw the lesson's own starting weights with this seed (its own initializer and ranges); "
        "with --init, the seed for that initializer (default: the lesson's own seed; 0 with --init)",
    )
    tr.add_argument(
        "--save", type=model_path, metavar="FILE", help="write the trained model (.json or .npz) (default: not saved)"
    )
    tr.add_argument("--format", choices=("table", "json"), default="table", help="output format (default: table)")


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
        raise UsageError("seed_with_model", path=printable(args.model))
    try:
        return lesson.seeded_model(args.seed)
    except ModelError as exc:
        raise UsageError("seed_refused", need=Nested(exc.kind, exc.values)) from None


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from ..report_table import parameter_lines

    lesson = lesson_of(args)
    config = _train_config(args, lesson.training)
    model = _starting_model(args, lesson)
    progress = _Progress(config.epochs, err) if args.format == "table" else None
    result = train(model, list(lesson.sequences), config, on_epoch=progress)
    if progress:
        progress.close()
    if args.save:
        from ..files import save_model

        save_model(result.model, args.save)
    from ..loss_scale import target_ticks
    from ..narration import measure_claim

    ticks = target_ticks(lesson.sequences)  # an epoch's loss sums this many ticks' losses
    # The lesson's claim on the trained weights, as the app toasts it; None for lessons without one,
    # for the user's own --model / --sequence files (the claim was not made about them) and after a
    # divergence (the run's outcome is the divergence; its last finite weights may still overflow).
    claim = None if result.divergence else measure_claim(lesson, result.model, lang_of(args))
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
        out.writelines(f"{line}\n" for line in parameter_lines(result.model.params))
        if claim is not None:
            out.write(f"\n{claim[1]}\n")
        if args.save:
            out.write(f"saved {printable(args.save)}\n")
    if result.divergence:
        from ..text.divergence import divergence_message

        div = result.divergence
        lang = lang_of(args)
        saved = said(lang, "diverged_saved", path=printable(args.save)) if args.save else ""
        err.write(f"srn-tui: {divergence_message(div.epoch, div.cause, lang, config.lr, config.clip)}{saved}\n")
        return EXIT_DIVERGED
    return EXIT_OK


COMMAND = Command(
    "train",
    help="train headless",
    description="Train with BPTT.",
    run=run,
    add_arguments=add_arguments,
)
