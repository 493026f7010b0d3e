"""The ? screen: every key, and what each panel shows."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ...narration.wrap import wrap_cells
from .closing import DismissOnce

KEY_WIDTH = 12  # the key column; descriptions wrap beside it

SECTIONS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("KEYS", (
        ("Right or l", "next tick (computes and reveals it)"),
        ("Left or h", "previous tick (its exact state comes back)"),
        ("Home / End", "t = 0 / the last tick"),
        ("Space", "play or pause;  + / -  faster / slower"),
        ("r", "reset to t = 0 (hides the ticks again)"),
        ("n", "the whole narration of this tick, and what the lesson is about"),
        ("w", "weights only / everything (handy on small screens)"),
        ("Tab", "move focus (timeline, weights); Escape returns to stepping"),
        ("Enter", "on a weight cell: edit its value; the trace is recomputed"),
        ("t", "one training epoch, animated: the forward sweep, the backward sweep t = T..1 (dL/dh flowing "
              "back, gradients adding up), then the update (before -> after). Its pace follows the play speed "
              "(+ / -); any key finishes the epoch at once. With many sequences the first is animated and "
              "the epoch trains on all of them, as T does."),
        ("T", "train continuously in the background (T again or Escape stops); stepping keeps working and "
              "shows the weights training"),
        ("s", "training settings: optimizer, learning rate, epochs, clipping, truncation k, which parameters "
              "train, re-initialise"),
        ("u", "undo training: the exact weights from before the last run (several levels)"),
        ("g", "gradient check: BPTT against central finite differences"),
        ("v", "training view on/off (gradient flow and loss curve)"),
        ("ctrl+p", "command palette: open a lesson or a plain text file as a character-level lesson, load/save "
                   'files, export the trace or the loss history, screenshot, theme, and "Switch narration '
                   'language (English / 中文)" (or start with srn-tui --lang zh)'),
        ("?", "this help (Escape or ? closes it)"),
        ("q", "quit"),
    )),
    ("PANELS", (
        ("unrolled", 'one column per tick t: the input x(t), the hidden state h(t) and the output y(t). [k] '
                     'marks the current tick; "-" means not computed yet. Every column uses the same W_xh, '
                     "W_hh, W_hy. Wide layers show a vector's length |h|. Click a column to go there."),
        ("this tick", "x(t) the input, h(t-1) the memory coming in, a(t) the hidden pre-activation, h(t) the "
                      "new memory, o(t) the output pre-activation, y(t) the output, target(t) and loss(t). "
                      "Signs are always printed; colour shows sign and size."),
        ("equation", "a(t) = W_xh*x(t) + W_hh*h(t-1) + b_h, h(t) = f(a(t)), o(t) = W_hy*h(t) + b_y, "
                     "y(t) = g(o(t)), with this tick's numbers; for big nets the selected hidden unit's "
                     "largest terms."),
        ("weights", "W_xh, W_hh, b_h, W_hy, b_y on one colour scale. Select a cell to choose a hidden unit; "
                    "Enter edits the value."),
        ("narration", "what happened at this tick, in English or Chinese (n shows it all). Jordan lessons "
                      "feed back y(t-1), the previous output, where Elman networks feed back h(t-1)."),
    )),
    ("TRAINING VIEW", (
        ("flow", '|dL/dh(t)| under each tick as bars on a log scale, and a reading: "shrinks x0.02 over 10 '
                 'ticks: vanishing" or "grows x300: exploding".'),
        ("training", "what the animated epoch is doing, or the run's epoch and loss."),
        ("loss", "the loss per epoch on a log scale, with the current and best value."),
        ("NaN / Inf", "a loss or gradient that stops being finite stops training and keeps the last finite "
                      "weights."),
    )),
)  # fmt: skip


def help_text(width: int) -> str:
    """Every key and panel, each description wrapped beside its key to `width` cells."""
    lines: list[str] = []
    for title, entries in SECTIONS:
        lines += ["", title] if lines else [title]
        for key, description in entries:
            wrapped = wrap_cells(description, max(20, width - 2 - KEY_WIDTH))
            lines.append(f"  {key:<{KEY_WIDTH}}{wrapped[0]}")
            lines += [" " * (2 + KEY_WIDTH) + rest for rest in wrapped[1:]]
    return "\n".join(lines)


class HelpScreen(DismissOnce, ModalScreen[None]):
    BINDINGS = [
        Binding("escape,question_mark,q", "close", "Close help"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            # The dialog is at most 96 cells wide; less its border, padding and scroll bar.
            yield Static(Text(help_text(min(96, self.app.size.width) - 6)), id="help-text")

    def action_close(self) -> None:
        self.dismiss(None)
