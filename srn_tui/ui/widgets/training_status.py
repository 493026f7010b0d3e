"""What training is doing right now, in a few short lines: the animated epoch's frame (forward tick,
backward tick with where delta_h came from, the update before -> after), a continuous run's progress,
or, when idle, the keys and the settings. Pure text builders plus a Static that shows them."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from rich.text import Text
from textual.widgets import Static

from ...engine import PARAM_NAMES, TrainConfig
from ...live import BackwardFrame, ForwardFrame, ProgressReport, UpdateFrame
from ...live.snapshots import fmt_number

ADDS = ("W_xh", "W_hh", "W_hy")  # this tick's term of each matrix gradient


def value(a: np.ndarray) -> str:
    """A size-1 array as a signed number, anything bigger as its norm |..|."""
    flat = np.ravel(a)
    if flat.size == 1:
        return f"{float(flat[0]):+.4g}"
    with np.errstate(all="ignore"):
        return f"|{fmt_number(np.linalg.norm(flat))}|"


def config_line(config: TrainConfig) -> str:
    clip = f" clip {fmt_number(config.clip)}" if config.clip is not None else ""
    k = f" k={config.truncate}" if config.truncate is not None else ""
    return f"{config.optimizer} lr {fmt_number(config.lr)}{clip}{k}, {config.epochs} epochs"


def trainable_line(config: TrainConfig) -> str:
    frozen = [n for n in PARAM_NAMES if n in config.frozen]
    return f"trains {' '.join(config.trainable) or 'nothing'}" + (f"; frozen {' '.join(frozen)}" if frozen else "")


def idle_text(config: TrainConfig, epoch: int, undo_levels: int, plateau: bool) -> Text:
    lines = [
        Text.assemble(("t", "bold"), " one animated epoch (any key finishes it)"),
        Text.assemble(("T", "bold"), f" train: {config_line(config)}" + (" or until flat" if plateau else "")),
        Text.assemble(("s", "bold"), " settings  ", ("u", "bold"), f" undo ({undo_levels})  ", ("g", "bold"), " check"),
        Text(trainable_line(config), style="dim"),
        Text(f"epochs trained so far: {epoch}", style="dim"),
    ]
    return Text("\n").join(lines)


def forward_text(frame: ForwardFrame) -> Text:
    r = frame.record
    head = Text.assemble(("forward", "bold green"), f"  t = {r.t} of {frame.length}")
    if frame.chunks > 1:
        head.append(f"  (chunk {frame.chunk}/{frame.chunks})", style="dim")
    lines = [
        head,
        Text(f"h({r.t}) = {value(r.h)}   y({r.t}) = {value(r.y)}"),
        Text(f"target {'-' if r.target is None else value(r.target)}   loss {fmt_number(r.loss or 0.0)}"),
        Text(f"loss so far {fmt_number(frame.loss_so_far)}", style="dim"),
    ]
    return Text("\n").join(lines)


def backward_text(frame: BackwardFrame) -> Text:
    t = frame.t
    head = Text.assemble(("backward", "bold magenta"), f"  t = {t}  (sweeping {frame.length} -> 1)")
    nxt = f"W_hh'da({t + 1})" if t < frame.length else "nothing later"
    lines = [
        head,
        Text(f"dh({t}) = W_hy'do({t}) + {nxt}"),
        Text(f"      = {value(frame.from_output)} + {value(frame.from_future)} = {value(frame.delta_h)}"),
        Text(f"da({t}) = dh({t}) * f'(a({t})) = {value(frame.delta_a)}"),
        Text("adds " + "  ".join(f"{n} {value(frame.contributions[n])}" for n in ADDS), style="dim"),
    ]
    return Text("\n").join(lines)


def update_text(frame: UpdateFrame) -> Text:
    head = Text.assemble(
        ("update", "bold cyan"), f"  {frame.optimizer} lr {fmt_number(frame.lr)}  loss {fmt_number(frame.loss)}"
    )
    if frame.clipped:
        head.append("  clipped", style="yellow")
    lines = [head]
    if not frame.animated:
        lines.append(Text(f"the next batch of the epoch: {frame.sequences} sequences, not animated", style="dim"))
    elif frame.sequences > 1:
        lines.append(Text(f"gradient of the whole batch: {frame.sequences} sequences", style="dim"))
    if frame.divergence:
        lines.append(Text(f"refused: {frame.divergence}", style="bold red"))
    for name in frame.trainable[:4]:
        lines.append(change_line(name, frame.before[name], frame.after[name], frame.delta[name]))
    if len(frame.trainable) > 4:
        lines.append(Text(f"... and {', '.join(frame.trainable[4:])}", style="dim"))
    frozen = [n for n in PARAM_NAMES if n not in frame.trainable and n != "h0"]
    if frame.trainable and frozen:
        lines.append(Text(f"frozen, unchanged: {' '.join(frozen)}", style="dim"))
    if not frame.trainable:
        lines.append(Text("every parameter is frozen: nothing changes (s to unfreeze)", style="dim"))
    return Text("\n").join(lines)


def change_line(name: str, before: np.ndarray, after: np.ndarray, delta: np.ndarray) -> Text:
    if before.size == 1:
        return Text(f"{name} {value(before)} -> {value(after)}  (dW {value(delta)})")
    largest = float(np.max(np.abs(delta))) if delta.size else 0.0
    return Text(f"{name} {value(before)} -> {value(after)}  (max |dW| {fmt_number(largest)})")


def report_text(report: ProgressReport, budget: int, lang_line: str = "") -> Text:
    if report.done:
        diverged = report.reason is not None and report.reason.value == "diverged"
        state = Text(report.message, style="bold red" if diverged else "bold")
    else:
        state = Text.assemble(("training", "bold yellow"), "  T or Escape stops")
    lines = [
        state,
        Text(f"epoch {report.epoch}   this run {report.epochs_this_run} / {budget}"),
        Text(f"loss {fmt_number(report.loss)}   best {fmt_number(report.best_loss)} @ {report.best_epoch}"),
        Text(f"|grad| {fmt_number(report.grad_norm)}   {report.epochs_per_second:.0f} epochs/s", style="dim"),
    ]
    if lang_line:
        lines.append(Text(lang_line, style="italic"))
    return Text("\n").join(lines)


def param_summary(params: Mapping[str, np.ndarray]) -> str:
    return "  ".join(f"{n} {value(params[n])}" for n in PARAM_NAMES if n in params and n != "h0")


class TrainingStatus(Static):
    """Shows one of the texts above; `show` skips identical text."""

    def __init__(self, **kwargs) -> None:
        super().__init__("", **kwargs)
        self._plain = ""

    def show(self, text: Text) -> None:
        text.no_wrap = True
        text.overflow = "ellipsis"
        if text.plain != self._plain:
            self._plain = text.plain
            # fixed size in CSS (width 50, height 100%), lines never wrap: no layout pass needed
            self.update(text, layout=False)
