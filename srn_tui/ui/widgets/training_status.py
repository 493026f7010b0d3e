"""What training is doing right now, in a few short lines: the animated epoch's frame (forward tick,
backward tick with where delta_h came from, the update before -> after), a continuous run's progress,
or, when idle, the keys and the settings. Pure text builders plus a Static that shows them."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Static

from ...engine import PARAM_NAMES, TrainConfig
from ...live import BackwardFrame, ForwardFrame, ProgressReport, UpdateFrame
from ...loss_scale import LossScale
from ...narration.wrap import wrap_cells
from ...text import numbers
from ...text.divergence import retold
from ...text.keys import hint_key
from ...text.labels import label, per_target_paren
from ...text.screens import screen_label

ADDS = ("W_xh", "W_hh", "W_hy")  # this tick's term of each matrix gradient


def value(a: np.ndarray) -> str:
    """A size-1 array as a signed number, anything bigger as its norm |..|."""
    flat = np.ravel(a)
    if flat.size == 1:
        return numbers.signed_short(float(flat[0]))
    with np.errstate(all="ignore"):
        return f"|{numbers.short(np.linalg.norm(flat))}|"


def config_line(config: TrainConfig, lang: str = "en") -> str:
    clip = f" clip {numbers.short(config.clip)}" if config.clip is not None else ""
    k = f" k={config.truncate}" if config.truncate is not None else ""
    lr = numbers.short(config.lr)
    return label(lang, "config", optimizer=config.optimizer, lr=lr, clip=clip, k=k, epochs=config.epochs)


def trainable_line(config: TrainConfig, lang: str = "en") -> str:
    frozen = [n for n in PARAM_NAMES if n in config.frozen]
    names = " ".join(config.trainable)
    line = label(lang, "trains", names=names) if names else label(lang, "trains_nothing")
    return line + (label(lang, "frozen", names=" ".join(frozen)) if frozen else "")


def idle_text(
    config: TrainConfig,
    epoch: int,
    undo_levels: int,
    plateau: bool,
    lang: str = "en",
    note: str = "",
    width: int | None = None,
) -> Text:
    """The keys and the settings; `note` (an animated epoch's refused update) first, wrapped."""
    train = label(lang, "idle_T_flat" if plateau else "idle_T", config=config_line(config, lang))
    lines = [  # each hint after its key, the key from the key table
        Text.assemble((hint_key("idle_t"), "bold"), label(lang, "idle_t")),
        Text.assemble((hint_key("idle_T"), "bold"), train),
        Text.assemble(
            (hint_key("idle_settings"), "bold"),
            label(lang, "idle_settings"),
            (hint_key("idle_undo"), "bold"),
            label(lang, "idle_undo", levels=undo_levels),
            (hint_key("idle_check"), "bold"),
            label(lang, "idle_check"),
        ),
        Text(trainable_line(config, lang), style="dim"),
        Text(label(lang, "epochs_so_far", epoch=epoch), style="dim"),
    ]
    if note:
        lines = wrapped(note, width, "bold red") + lines
    return Text("\n").join(lines)


def forward_text(frame: ForwardFrame, lang: str = "en") -> Text:
    r = frame.record
    head = Text.assemble((label(lang, "forward"), "bold green"), label(lang, "forward_at", t=r.t, T=frame.length))
    if frame.chunks > 1:
        head.append(label(lang, "chunk", chunk=frame.chunk, chunks=frame.chunks), style="dim")
    target = "-" if r.target is None else value(r.target)
    lines = [
        head,
        Text(f"h({r.t}) = {value(r.h)}   y({r.t}) = {value(r.y)}"),
        Text(label(lang, "target_loss", target=target, loss=numbers.short(r.loss or 0.0))),
        Text(label(lang, "loss_so_far", loss=numbers.short(frame.loss_so_far)), style="dim"),
    ]
    return Text("\n").join(lines)


def backward_text(frame: BackwardFrame, lang: str = "en") -> Text:
    t = frame.t
    head = Text.assemble((label(lang, "backward"), "bold magenta"), label(lang, "backward_at", t=t, T=frame.length))
    nxt = f"W_hh'da({t + 1})" if t < frame.length else label(lang, "nothing_later")
    lines = [
        head,
        Text(f"dh({t}) = W_hy'do({t}) + {nxt}"),
        Text(f"      = {value(frame.from_output)} + {value(frame.from_future)} = {value(frame.delta_h)}"),
        Text(f"da({t}) = dh({t}) * f'(a({t})) = {value(frame.delta_a)}"),
        Text(label(lang, "adds") + "  ".join(f"{n} {value(frame.contributions[n])}" for n in ADDS), style="dim"),
    ]
    return Text("\n").join(lines)


def update_text(frame: UpdateFrame, lang: str = "en") -> Text:
    head = Text.assemble(
        (label(lang, "update"), "bold cyan"),
        f"  {frame.optimizer} lr {numbers.short(frame.lr)}  loss {numbers.short(frame.loss)}",
    )
    if frame.clipped:
        head.append(label(lang, "clipped"), style="yellow")
    lines = [head]
    if not frame.animated:
        lines.append(Text(label(lang, "next_batch", n=frame.sequences), style="dim"))
    elif frame.sequences > 1:
        lines.append(Text(label(lang, "whole_batch", n=frame.sequences), style="dim"))
    if frame.divergence:
        lines.append(Text(label(lang, "refused", cause=retold(frame.divergence, lang)), style="bold red"))
    for name in frame.trainable[:4]:
        lines.append(change_line(name, frame.before[name], frame.after[name], frame.delta[name]))
    if len(frame.trainable) > 4:
        lines.append(Text(label(lang, "and_more", names=", ".join(frame.trainable[4:])), style="dim"))
    frozen = [n for n in PARAM_NAMES if n not in frame.trainable and n != "h0"]
    if frame.trainable and frozen:
        lines.append(Text(label(lang, "frozen_unchanged", names=" ".join(frozen)), style="dim"))
    if not frame.trainable:
        lines.append(Text(label(lang, "all_frozen"), style="dim"))
    return Text("\n").join(lines)


def change_line(name: str, before: np.ndarray, after: np.ndarray, delta: np.ndarray) -> Text:
    if before.size == 1:
        return Text(f"{name} {value(before)} -> {value(after)}  (dW {value(delta)})")
    largest = float(np.max(np.abs(delta))) if delta.size else 0.0
    return Text(f"{name} {value(before)} -> {value(after)}  (max |dW| {numbers.short(largest)})")


def loss_line(report: ProgressReport, scale: LossScale | None, lang: str, width: int | None = None) -> str:
    """ "loss 90.38 (0.0807/tick)   best 89.87 @ 260", without the best's epoch where `width` cells
    cannot hold it, then without the best (the loss curve's title gives both)."""
    values = {
        "loss": numbers.short(report.loss),
        "per": per_target_paren(scale, report.loss, lang),
        "best": numbers.short(report.best_loss),
        "best_epoch": report.best_epoch,
    }
    line = label(lang, "loss_best", **values)
    for shorter in ("loss_best_short", "loss_per"):
        if not width or cell_len(line) <= width:
            break
        line = label(lang, shorter, **values)
    return line


def wrapped(text: str, width: int | None, style: str = "") -> list[Text]:
    """`text` in lines of `width` cells (Chinese breaks between any two characters); one line while
    the panel's width is not known yet."""
    if not width:
        return [Text(text, style=style)]
    return [Text(line, style=style) for line in wrap_cells(text, width)]


def claim_lines(claim: tuple[str, str], width: int | None, room: int | None, lang: str) -> list[Text]:
    """The verdict (bold: it is told in words, not only by a colour) and what was measured, as one
    paragraph in `room` lines; cut, the last line shown says where the rest is (the n page)."""
    head, sentence = claim
    lines = wrapped(head + sentence, width)
    first = lines[0]
    first.stylize("bold", 0, min(len(head), len(first)))
    if room is None or len(lines) <= room:
        return lines
    if room <= 0:
        return []
    cue = screen_label(lang, "narration_more")
    last = lines[room - 1]
    if width:
        while last.plain and cell_len(last.plain + cue) > width:
            last.right_crop(1)
    last.append(cue, style="dim")
    return [*lines[: room - 1], last]


def report_text(
    report: ProgressReport,
    budget: int,
    lang_line: str = "",
    lang: str = "en",
    scale: LossScale | None = None,
    width: int | None = None,
    claim: tuple[str, str] | None = None,
    height: int | None = None,
) -> Text:
    """A run's progress; when it is done, how it ended: `lang_line` (the narration's sentence in `lang`;
    without one, the report's words in `lang`), wrapped over as many lines as it takes. `claim` (the
    verdict's words and the measured sentence) follows it, before the run's numbers, which the loss
    curve's title and the header also give.
    `scale` adds the loss per target tick; `width` and `height` (the panel's, in cells) let the loss
    line drop what does not fit and wrap the sentences."""
    numbers_lines = [
        Text(label(lang, "epoch_run", epoch=report.epoch, ran=report.epochs_this_run, budget=budget)),
        Text(loss_line(report, scale, lang, width)),
        Text(
            label(lang, "grad_speed", grad=numbers.short(report.grad_norm), speed=f"{report.epochs_per_second:.0f}"),
            style="dim",
        ),
    ]
    if not report.done:
        state = Text.assemble((label(lang, "running"), "bold yellow"), label(lang, "stops"))
        return Text("\n").join([state, *numbers_lines])
    diverged = report.reason is not None and report.reason.value == "diverged"
    message = lang_line or report.words(lang)
    lines = wrapped(message, width, "bold red" if diverged else "bold")
    if claim is not None:
        lines += claim_lines(claim, width, height - len(lines) if height else None, lang)
    lines += numbers_lines
    return Text("\n").join(lines[:height] if height else lines)  # height 0: not laid out yet


class TrainingStatus(Static):
    """Shows one of the texts above; `show` skips identical text. `fit` takes a text that depends on
    the panel's size (wrapped sentences) and makes it again whenever the panel is resized or first
    laid out (the training view is shown after it is asked for)."""

    def __init__(self, **kwargs) -> None:
        super().__init__("", **kwargs)
        self._plain = ""
        self._fitted: Callable[[int, int], Text] | None = None

    def fit(self, make: Callable[[int, int], Text]) -> None:
        """`make(width, height)`: the text for the panel's size in cells (0, 0 before layout)."""
        self._fitted = make
        self.show(make(*self.content_size), fitted=True)

    def on_resize(self) -> None:
        if self._fitted is not None:
            self.show(self._fitted(*self.content_size), fitted=True)

    def show(self, text: Text, fitted: bool = False) -> None:
        if not fitted:
            self._fitted = None
        text.no_wrap = True
        text.overflow = "ellipsis"
        if text.plain != self._plain:
            self._plain = text.plain
            # fixed size in CSS (width 50, height 100%), lines never wrap: no layout pass needed
            self.update(text, layout=False)
