"""The words lesson's chart: the loss at every tick of the shown sequence, with word onsets marked.

Elman's Figure 6: the error rises where a word begins and falls inside it. ASCII only (the columns
must line up with the letters below them in CJK terminals too); the facts come from
lessons.segmentation.tick_errors, the words of the summary from the lesson's own table.
"""

from __future__ import annotations

import math

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ...lessons.segmentation import TickError, onset_means, tick_errors
from ...narration.render import render
from ...narration.wrap import wrap_cells
from ...session import Session
from .closing import DismissOnce

ROWS = 5  # the bars' height in lines
LEFT = 11  # cells before the first column: the row labels


def error_chart(errors: list[TickError], width: int) -> list[str]:
    """Bars of the loss per tick (scaled to the largest), the letter each tick predicts under its bar,
    and ^ under every letter that begins a word; wrapped in blocks of `width` - LEFT ticks."""
    top = max(e.loss for e in errors)
    per_block = max(10, width - LEFT)
    lines: list[str] = []
    for start in range(0, len(errors), per_block):
        block = errors[start : start + per_block]
        heights = [math.floor(ROWS * e.loss / top + 0.5) if top > 0 else 0 for e in block]  # half rounds up
        for row in range(ROWS, 0, -1):
            label = (
                f"{top:>9.3f} |"
                if row == ROWS
                else (f"{0.5 * top:>9.3f} |" if row == (ROWS + 1) // 2 else " " * 10 + "|")
            )
            lines.append(label + "".join("#" if h >= row else " " for h in heights))
        lines.append(f"{'t = ' + str(block[0].t):>10}+" + "-" * len(block))
        lines.append(" " * 10 + "|" + "".join(e.letter or "?" for e in block))
        lines.append(" " * 10 + "|" + "".join("^" if e.onset else " " for e in block))
        lines.append("")
    return lines


def chart_page(session: Session, lang: str, width: int) -> Text:
    """The chart of the shown trace with its two means, or one line saying why there is none."""
    errors = tick_errors(session.trace) if len(session.trace) else None
    if errors is None:
        return Text("\n".join(wrap_cells(render(lang, "words_chart_none"), width)))
    if not all(math.isfinite(e.loss) for e in errors):  # a diverged network's Inf/NaN never reaches the bars
        return Text("\n".join(wrap_cells(render(lang, "words_chart_overflow"), width)))
    onset, inside = onset_means(errors)
    head = render(lang, "words_chart_head", n=len(errors), onset=onset, inside=inside)
    return Text("\n".join([*wrap_cells(head, width), "", *error_chart(errors, width)]))


class TickErrorsScreen(DismissOnce, ModalScreen[None]):
    """Opened from the command palette on the words lesson; Escape closes it."""

    BINDINGS = [Binding("escape,q", "close", "Close")]

    def __init__(self, session: Session, lang: str) -> None:
        super().__init__()
        self.session = session
        self.lang = lang

    def compose(self) -> ComposeResult:
        width = max(30, self.app.size.width - 8)
        with VerticalScroll(id="tick-errors-page"):
            yield Static(chart_page(self.session, self.lang, width), markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
