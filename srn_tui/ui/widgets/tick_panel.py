"""This tick's vectors, labelled, 3 decimals, coloured by sign and magnitude.

Long vectors show as many values as fit the width, then how many more there are.
"""

from __future__ import annotations

import numpy as np
from rich.text import Text
from textual.widget import Widget

from ...session import Session
from ...text.labels import label
from .values import styled

LABEL_WIDTH = 10
VALUE_WIDTH = 8


class TickPanel(Widget):
    """x(t), h(t-1), a(t), h(t), o(t), y(t), target(t), loss(t) at the session's cursor."""

    def __init__(self, session: Session, **kwargs) -> None:
        super().__init__(**kwargs)
        self.session = session
        self.lang = "en"  # MainScreen sets it; the next show() draws in it

    def show(self, session: Session) -> None:
        self.session = session
        self.refresh()

    def _vector(self, name: str, values: np.ndarray | None) -> Text:
        line = Text(name.ljust(LABEL_WIDTH))
        if values is None:
            line.append(label(self.lang, "none"), style="dim")
            return line
        fits = max(1, (self.size.width - LABEL_WIDTH - 8) // VALUE_WIDTH)
        shown = values if values.size <= fits + 1 else values[:fits]
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
            lines = [
                self._vector(f"x({t})", rec.x),
                self._vector(f"{'y' if s.model.is_jordan else 'h'}({t - 1})", rec.h_prev),  # Jordan: y(t-1) fed back
                self._vector(f"a({t})", rec.a),
                self._vector(f"h({t})", rec.h),
                self._vector(f"o({t})", rec.o),
                self._vector(f"y({t})", rec.y),
                self._vector(f"target({t})", rec.target),
                self._vector(f"loss({t})", None if rec.loss is None else np.array([rec.loss])),
            ]
        text = Text("\n").join(lines)
        text.no_wrap = True
        return text
