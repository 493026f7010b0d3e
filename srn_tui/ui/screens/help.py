"""The ? screen: every key, and what each panel shows."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from .closing import DismissOnce

HELP = """\
KEYS
  Right or l     next tick (computes and reveals it)
  Left or h      previous tick (its exact state comes back)
  Home / End     t = 0 / the last tick
  Space          play or pause;  + / -  faster / slower
  r              reset to t = 0 (hides the ticks again)
  w              weights only / everything (handy on small screens)
  Tab            move focus (timeline, weights); Escape returns to stepping
  Enter          on a weight cell: edit its value; the trace is recomputed
  t              one training epoch, animated: forward sweep, backward sweep t = T..1
                 (dL/dh flowing back, gradients adding up), then the update (before -> after);
                 its pace follows the play speed (+ / -); any key finishes the epoch at once
  T              train continuously in the background (T again or Escape stops); stepping
                 keeps working and shows the weights as they train
  s              training settings: optimizer, learning rate, epochs, clipping, truncation k,
                 which parameters train, re-initialise (initializer + seed)
  u              undo training: the exact weights from before the last run (several levels)
  g              gradient check: BPTT vs central finite differences, worst error per parameter
  v              training view on/off (gradient flow + loss curve in place of this tick)
  ctrl+p         command palette: lessons (Open lesson: <name>, or a plain text file as a
                 character-level lesson), load/save files, export trace or loss history,
                 training commands, screenshot, theme, and
                 "Switch narration language (English / 中文)": the narration and the
                 training messages change at once (start with srn-tui --lang zh|en)
  ?              this help (Escape or ? closes it)
  q              quit

PANELS
  unrolled through time   one column per tick t: the input x(t), the hidden state h(t)
                          and the output y(t). [k] marks the current tick; "-" means not
                          computed yet. Every column uses the same W_xh, W_hh, W_hy.
                          For wide layers h and y show the vector's length |h|.
                          Click a column to jump there.
  this tick               x(t) the input, h(t-1) the memory coming in, a(t) the hidden
                          pre-activation, h(t) the new memory, o(t) the output
                          pre-activation, y(t) the output, target(t) and loss(t).
                          Signs are always printed; colour shows sign and size.
  the equation            a(t) = W_xh*x(t) + W_hh*h(t-1) + b_h,  h(t) = f(a(t)),
                          o(t) = W_hy*h(t) + b_y,  y(t) = g(o(t)), with this tick's
                          numbers. Big nets: the selected hidden unit's largest terms.
  weights                 W_xh, W_hh, b_h, W_hy, b_y. Select a cell to choose a hidden
                          unit; Enter edits the value.
  narration               what happened at this tick, in English or Chinese (palette:
                          Switch narration language). Jordan lessons feed back y(t-1),
                          the previous output, where Elman nets feed back h(t-1).

TRAINING VIEW
  gradient flowing back   |dL/dh(t)| under each tick, bars on a log scale, and a reading:
                          "shrinks x0.02 over 10 ticks: vanishing" or "grows x300: exploding".
  training                what the animated epoch is doing, or the run's epoch, loss, best.
  loss                    the loss per epoch on a log scale, with the current and best value.
  A loss or gradient that becomes NaN/Inf stops training and keeps the last finite weights.
"""


class HelpScreen(DismissOnce, ModalScreen[None]):
    BINDINGS = [
        Binding("escape,question_mark,q", "close", "Close help"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(Text(HELP), id="help-text")

    def action_close(self) -> None:
        self.dismiss(None)
