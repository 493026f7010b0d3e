"""The line under the panels while a lesson or a file loads: what, for how long, and that Escape
cancels. Hidden otherwise. It redraws itself a few times a second so a long load visibly lives."""

from __future__ import annotations

import time

from rich.cells import cell_len
from rich.text import Text
from textual.timer import Timer
from textual.widgets import Static

from ...text.labels import label

SPINNER = "|/-\\"  # ASCII: braille spinners are ambiguous-width in CJK terminals
REDRAW = 0.25  # seconds
NAME_CELLS = 20  # so that "Escape cancels" still fits on the line at 80 columns, in English and Chinese


def fit(name: str, cells: int) -> str:
    """`name` if it takes at most `cells` terminal cells, else its start and end around "..."."""
    if cell_len(name) <= cells:
        return name
    head, tail, budget = "", "", (cells - 3) // 2
    for ch in name:
        if cell_len(head + ch) > budget:
            break
        head += ch
    for ch in reversed(name):
        if cell_len(ch + tail) > cells - 3 - cell_len(head):
            break
        tail = ch + tail
    return f"{head}...{tail}"


class LoadingLine(Static):
    def __init__(self, **kwargs) -> None:
        super().__init__("", **kwargs)
        self.what = ""
        self._started = 0.0
        self._turn = 0
        self._timer: Timer | None = None
        self.display = False

    def start(self, what: str) -> None:
        self.what = fit(what, NAME_CELLS)
        self._started = time.monotonic()
        self._turn = 0
        if self._timer is None:
            self._timer = self.set_interval(REDRAW, self.redraw)
        self.display = True
        self.redraw()

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self.display = False

    def redraw(self) -> None:
        """The text in the screen's current language (a language switch shows at the next redraw)."""
        seconds = f"{time.monotonic() - self._started:.1f}"
        spin = SPINNER[self._turn % len(SPINNER)]
        self._turn += 1
        # Text, not a markup string: the file name came from outside. One fixed-size line: no layout pass.
        text = Text(label(self.screen.lang, "loading", spin=spin, what=self.what, seconds=seconds), no_wrap=True)
        self.update(text, layout=False)
