"""This tick's vectors, labelled, 3 decimals, coloured by sign and magnitude.

Long vectors show as many values as fit the width, then how many more there are. Its natural
width (`get_content_width`) is every value of the longest vector, so a screen with room (the roomy
layout's `width: auto`) shows them all. In a lesson with
symbols, x(t), y(t) and target(t) name theirs in quotes before the values (y with its probability
for a softmax output).
"""

from __future__ import annotations

import numpy as np
from rich.cells import cell_len
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from ...report import tick_symbols
from ...session import Session
from ...text.labels import label
from .timeline import predicted
from .values import styled

LABEL_WIDTH = 10
VALUE_WIDTH = 8
SYMBOL_ROOM = 16  # a quoted symbol and a probability before the values ('"the" 0.41 ')


def quoted(symbol: str | None) -> str | None:
    return None if symbol is None else f'"{symbol}"'


class TickPanel(Widget):
    """x(t), h(t-1), a(t), h(t), o(t), y(t), target(t), loss(t) at the session's cursor."""

    def __init__(self, session: Session, **kwargs) -> None:
        super().__init__(**kwargs)
        self.session = session
        self.lang = "en"  # MainScreen sets it; the next show() draws in it
        self._natural = self._natural_width()

    def show(self, session: Session) -> None:
        self.session = session
        natural = self._natural_width()
        self.refresh(layout=natural != self._natural)  # a new lesson's sizes: an auto width follows
        self._natural = natural

    def _natural_width(self) -> int:
        """Wide enough for every value of the longest vector, and a symbol before it."""
        s = self.session
        symbols = s.lesson.decoding(s.model) is not None
        longest = max(s.model.input_size, s.model.hidden_size, s.model.output_size)
        return LABEL_WIDTH + longest * VALUE_WIDTH + (SYMBOL_ROOM if symbols else 0)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return self._natural

    def _vector(self, name: str, values: np.ndarray | None, symbol: str | None = None) -> Text:
        line = Text(name.ljust(LABEL_WIDTH) if len(name) < LABEL_WIDTH else name + " ")  # "target(24)" keeps a gap
        if values is None:
            line.append(label(self.lang, "none"), style="dim")
            return line
        if symbol is not None:  # the symbol first: where the values do not fit, it says what the vector is
            line.append(f"{symbol} ", style="bold")
        room = self.size.width - line.cell_len
        more = cell_len(label(self.lang, "more", n=values.size))  # the widest "+N more" this row can need
        fits = max(0 if symbol is not None else 1, (room - more) // VALUE_WIDTH)
        shown = values if values.size * VALUE_WIDTH <= room or values.size <= fits + 1 else values[:fits]
        for v in shown:
            line.append_text(styled(float(v), VALUE_WIDTH - 1))
            line.append(" ")
        if shown.size < values.size:
            line.append(label(self.lang, "more", n=values.size - shown.size), style="dim")
        return line

    def render(self) -> Text:
        s = self.session
        rec = s.current
        if rec is None:
            lines = [
                Text(label(self.lang, "no_tick_yet"), style="bold"),
                self._vector("y(0)" if s.model.is_jordan else "h(0)", s.model.params["h0"]),
                Text(label(self.lang, "first_tick_hint"), style="italic"),
            ]
        else:
            t = rec.t
            names = tick_symbols(s.lesson.decoding(s.model), s.model, rec)
            lines = [
                self._vector(f"x({t})", rec.x, quoted(names.x)),
                self._vector(f"{'y' if s.model.is_jordan else 'h'}({t - 1})", rec.h_prev),  # Jordan: y(t-1) fed back
                self._vector(f"a({t})", rec.a),
                self._vector(f"h({t})", rec.h),
                self._vector(f"o({t})", rec.o),
                self._vector(f"y({t})", rec.y, None if names.y is None else predicted(quoted(names.y), names.p)),
                self._vector(f"target({t})", rec.target, quoted(names.target)),
                self._vector(f"loss({t})", None if rec.loss is None else np.array([rec.loss])),
            ]
        text = Text("\n").join(lines)
        text.no_wrap = True
        return text
