"""The network unrolled over time: one narrow column per tick, the current one highlighted.

Draws a window of ticks around the cursor that fits the width, so any T fits any terminal.
Ticks the user has not reached yet are drawn empty. Clicking a column posts `TickClicked`.
"""

from __future__ import annotations

import numpy as np
from rich.style import Style
from rich.text import Text
from textual import events
from textual.message import Message
from textual.widget import Widget

from ...session import Session, hidden_summary
from ...text.labels import label
from .values import signed, value_style

LABEL_WIDTH = 8
COLUMN_WIDTH = 8
NOW = Style(reverse=True, bold=True)


def shared_note(jordan: bool, lang: str = "en") -> str:
    return label(lang, "shared_note_jordan" if jordan else "shared_note")


def input_summary(x: np.ndarray) -> float | str:
    """The input itself for I = 1, `#k` for a one-hot vector, otherwise its norm."""
    if x.size == 1:
        return float(x[0])
    if np.count_nonzero(x) == 1 and float(x.max()) == 1.0:
        return f"#{int(np.argmax(x)) + 1}"
    return float(np.linalg.norm(x))


def _cell(text: str) -> str:
    """Right-aligned like the numbers, with one space after so columns never touch."""
    return text.rjust(COLUMN_WIDTH - 1) + " "


class Timeline(Widget, can_focus=True):
    """The unrolled view. Call `show(session)` after every change; it redraws in place."""

    class TickClicked(Message):
        def __init__(self, t: int) -> None:
            self.t = t
            super().__init__()

    def __init__(self, session: Session, **kwargs) -> None:
        super().__init__(**kwargs)
        self.session = session
        self.lang = "en"  # MainScreen sets it; the next show() draws in it
        self._first = 0  # first tick drawn, so clicks map back to ticks

    def show(self, session: Session) -> None:
        self.session = session
        self.refresh()

    def _window(self) -> range:
        s = self.session
        count = max(1, (self.size.width - LABEL_WIDTH) // COLUMN_WIDTH)
        first = max(0, min(s.cursor - count // 2, s.length + 1 - count))
        return range(first, min(s.length, first + count - 1) + 1)

    def render(self) -> Text:
        s = self.session
        ticks = self._window()
        self._first = ticks.start
        big = s.model.hidden_size > 1
        rows = {
            "t": Text("t".ljust(LABEL_WIDTH)),
            "x": Text(("|x(t)|" if s.model.input_size > 1 else "x(t)").ljust(LABEL_WIDTH)),
            "h": Text(("|h(t)|" if big else "h(t)").ljust(LABEL_WIDTH)),
            "y": Text(("|y(t)|" if s.model.output_size > 1 else "y(t)").ljust(LABEL_WIDTH)),
        }
        for t in ticks:
            now = t == s.cursor
            heading = f"[{t}]" if now else str(t)
            rows["t"].append(_cell(heading), NOW if now else Style(bold=True))
            rec = s.record(t)
            if t == 0:  # the starting context: h(0), or y(0) for a Jordan network
                rows["x"].append(_cell(""))
                start, empty = ("y", "h") if s.model.is_jordan else ("h", "y")
                self._number(rows[start], hidden_summary(s.model.params["h0"]), now)
                rows[empty].append(_cell(""))
            elif rec is None or not s.is_revealed(t):
                for key in ("x", "h", "y"):
                    rows[key].append(_cell("-"), NOW if now else Style(dim=True))
            else:
                x = input_summary(rec.x)
                if isinstance(x, str):
                    rows["x"].append(_cell(x), NOW if now else Style())
                else:
                    self._number(rows["x"], x, now)
                self._number(rows["h"], hidden_summary(rec.h), now)
                self._number(rows["y"], hidden_summary(rec.y), now)
        more = []
        if ticks.start > 0:
            more.append(label(self.lang, "earlier", n=ticks.start))
        if ticks.stop <= s.length:
            more.append(label(self.lang, "later", n=s.length - ticks.stop + 1))
        more_text = "   " + ", ".join(more) if more else ""
        note = Text(shared_note(s.model.is_jordan, self.lang) + more_text, style="italic")
        text = Text("\n").join([*rows.values(), note])
        text.no_wrap = True
        return text

    @staticmethod
    def _number(row: Text, v: float, now: bool) -> None:
        row.append(_cell(signed(v, COLUMN_WIDTH - 1)), NOW if now else value_style(v))

    def on_click(self, event: events.Click) -> None:
        column = event.x - LABEL_WIDTH
        if column < 0:
            return
        t = self._first + column // COLUMN_WIDTH
        if t <= self.session.length:
            self.post_message(self.TickClicked(t))
