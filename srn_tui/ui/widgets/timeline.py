"""The network unrolled over time: one narrow column per tick, the current one highlighted.

Draws a window of ticks around the cursor that fits the width, so any T fits any terminal; where
every tick fits in narrower columns (7 cells: a value is 6), it draws them all. Not in the training
view, whose flow panel keeps the timeline's columns (its labels need 7 cells and a space).
Ticks the user has not reached yet are drawn empty. Clicking a column posts `TickClicked`.
In a lesson whose vectors stand for symbols, x(t) is the input symbol, y(t) the predicted one (with
its probability for a softmax output) and a target row the target symbol (scenarios/symbols.py).
"""

from __future__ import annotations

import numpy as np
from rich.cells import cell_len, set_cell_size
from rich.style import Style
from rich.text import Text
from textual import events
from textual.message import Message
from textual.widget import Widget

from ...engine import TickRecord
from ...lessons.symbols import Decoding
from ...report import tick_symbols
from ...session import Session, hidden_summary
from ...text.labels import label
from ...text.numbers import probability_cell
from .values import signed, value_style

LABEL_WIDTH = 8
COLUMN_WIDTH = 8
NARROW_COLUMN = 7  # still one space between "+0.918"s
NOW = Style(reverse=True, bold=True)
RIGHT = Style(color="green")  # the predicted symbol is the target
WRONG = Style(color="red")


def shared_note(jordan: bool, lang: str = "en") -> str:
    return label(lang, "shared_note_jordan" if jordan else "shared_note")


def input_summary(x: np.ndarray) -> float | str:
    """The input itself for I = 1, `#k` for a one-hot vector (k counted from 0, as x_k in the
    equation and the heatmaps' columns), otherwise its norm."""
    if x.size == 1:
        return float(x[0])
    if np.count_nonzero(x) == 1 and float(x.max()) == 1.0:
        return f"#{int(np.argmax(x))}"
    return float(np.linalg.norm(x))


def predicted(symbol: str, p: float | None) -> str:
    """The predicted symbol, with its probability (2 decimals) when the output is a softmax."""
    return symbol if p is None else f"{symbol} {probability_cell(p)}"


def _cell(text: str, column: int = COLUMN_WIDTH) -> str:
    """Right-aligned like the numbers, with one space after so columns never touch; by terminal
    cells, so a wide (CJK) symbol keeps the columns aligned, and cut when it does not fit."""
    width = column - 1
    if cell_len(text) > width:
        text = set_cell_size(text, width)
    return " " * (width - cell_len(text)) + text + " "


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
        self._column = COLUMN_WIDTH  # the width of a tick's column in the last drawing

    def show(self, session: Session) -> None:
        self.session = session
        # styles/main.tcss gives the target row its line; set_class restyles only when it changes
        self.set_class(session.lesson.decoding(session.model) is not None, "symbols")
        self.refresh()

    def column_width(self) -> int:
        """COLUMN_WIDTH, or NARROW_COLUMN where that shows every tick and the wide columns do not."""
        room = self.size.width - LABEL_WIDTH
        ticks = self.session.length + 1
        narrow = ticks * COLUMN_WIDTH > room and ticks * NARROW_COLUMN <= room
        return NARROW_COLUMN if narrow and not self.has_class("training-view") else COLUMN_WIDTH

    def _window(self) -> range:
        s = self.session
        count = max(1, (self.size.width - LABEL_WIDTH) // self._column)
        first = max(0, min(s.cursor - count // 2, s.length + 1 - count))
        return range(first, min(s.length, first + count - 1) + 1)

    def render(self) -> Text:
        s = self.session
        self._column = self.column_width()
        ticks = self._window()
        self._first = ticks.start
        big = s.model.hidden_size > 1
        symbols = s.lesson.decoding(s.model)
        rows = {
            "t": Text("t".ljust(LABEL_WIDTH)),
            "x": Text(("|x(t)|" if s.model.input_size > 1 and not symbols else "x(t)").ljust(LABEL_WIDTH)),
            "h": Text(("|h(t)|" if big else "h(t)").ljust(LABEL_WIDTH)),
            "y": Text(("|y(t)|" if s.model.output_size > 1 and not symbols else "y(t)").ljust(LABEL_WIDTH)),
        }
        if symbols is not None:
            name = label(self.lang, "timeline_target")
            rows["target"] = Text(name + " " * (LABEL_WIDTH - cell_len(name)))  # cells: a CJK character is 2
        for t in ticks:
            now = t == s.cursor
            heading = f"[{t}]" if now else str(t)
            rows["t"].append(self._cell(heading), NOW if now else Style(bold=True))
            rec = s.record(t)
            if t == 0:  # the starting context: h(0), or y(0) for a Jordan network
                rows["x"].append(self._cell(""))
                start, empty = ("y", "h") if s.model.is_jordan else ("h", "y")
                self._number(rows[start], hidden_summary(s.model.params["h0"]), now)
                rows[empty].append(self._cell(""))
                if symbols is not None:
                    rows["target"].append(self._cell(""))
            elif rec is None or not s.is_revealed(t):
                for key in rows.keys() - {"t"}:
                    rows[key].append(self._cell("-"), NOW if now else Style(dim=True))
            else:
                self._tick(rows, s, rec, symbols, now)
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

    def _tick(self, rows: dict[str, Text], s: Session, rec: TickRecord, symbols: Decoding | None, now: bool) -> None:
        """One revealed tick's cells: symbols where the lesson has them, numbers otherwise."""
        names = tick_symbols(symbols, s.model, rec)
        x = input_summary(rec.x) if names.x is None else names.x
        if isinstance(x, str):
            rows["x"].append(self._cell(x), NOW if now else Style())
        else:
            self._number(rows["x"], x, now)
        self._number(rows["h"], hidden_summary(rec.h), now)
        if symbols is None:
            self._number(rows["y"], hidden_summary(rec.y), now)
            return
        y_style = Style() if names.target is None else (RIGHT if names.y == names.target else WRONG)
        y = "?" if names.y is None else predicted(names.y, names.p)
        if cell_len(y) > self._column - 1 and names.y is not None:
            y = names.y  # a long symbol (a word): the symbol, cut if need be, rather than half a probability
        rows["y"].append(self._cell(y), NOW if now else y_style)
        rows["target"].append(self._cell(names.target or ""), NOW if now else Style())

    def _number(self, row: Text, v: float, now: bool) -> None:
        row.append(self._cell(signed(v, self._column - 1)), NOW if now else value_style(v))

    def _cell(self, text: str) -> str:
        return _cell(text, self._column)

    def on_click(self, event: events.Click) -> None:
        column = event.x - LABEL_WIDTH
        if column < 0:
            return
        t = self._first + column // self._column
        if t <= self.session.length:
            self.post_message(self.TickClicked(t))
