"""What a hidden state is labelled by: its input symbol where the lesson has symbols, else its input
value rounded (for the seed lesson's x = 1..5 that is the tick itself).

The symbols are the lesson's own decoding (lessons/symbols.py, `Lesson.symbols`), as the timeline
and the trace show them.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ..engine import Trace
from ..lessons import Lesson

Decoder = Callable[[np.ndarray], "str | None"]
StateLabels = Callable[[Trace], "list[str] | None"]


def symbol_decoder(lesson: Lesson) -> Decoder | None:
    """The lesson's input decoder (vector -> symbol), or None when it has no symbols or the user's
    files run without a lesson. A lesson with the user's model or sequence keeps its decoder, as the
    narration does: it names only vectors that are exactly one of its codes (others are rounded)."""
    symbols = lesson.symbols  # None for the user's files run without a lesson
    return None if symbols is None else symbols.input


def state_labeler(lesson: Lesson) -> StateLabels | None:
    """The lesson's own labels of its hidden states where it has them (reber: the grammar's node),
    else None (states are labelled by input symbol)."""
    return lesson.scenario.state_labels if lesson.symbols is not None else None


def _rounded(v: float) -> str:
    value = round(float(v), 1) + 0.0  # + 0.0 turns -0.0 into 0.0
    return format(value, "g")


def input_label(x: np.ndarray, decode: Decoder | None = None) -> str:
    """The symbol x stands for, or its value(s) rounded to one decimal ("3", "0.5", "1,0,-0.3")."""
    if decode is not None:
        symbol = decode(x)
        if symbol is not None:
            return symbol
    return ",".join(_rounded(v) for v in np.ravel(x))
