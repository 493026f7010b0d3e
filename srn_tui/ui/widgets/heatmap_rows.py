"""A heatmap's parts apart from the widget: the cells of a row built lazily, a line cut to the
view, a column's label, and the base of its cell messages.

Apart from heatmap.py so that the widget keeps its size (the module-size rule).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from rich.segment import Segment
from rich.style import Style
from textual.message import Message
from textual.strip import Strip

from .cell_style import COMPACT_WIDTH

if TYPE_CHECKING:  # the widget imports this module
    from .heatmap import Heatmap


class Cells(Protocol):
    """Where a LazyRow gets its cells: the heatmap."""

    @property
    def cols(self) -> int: ...

    def _cell_segment(self, row: int, col: int) -> Segment: ...


class Row(Protocol):
    """A row's cells by column: a LazyRow, a header's list, the memory view's tick header."""

    def __len__(self) -> int: ...

    def __getitem__(self, col: int) -> Segment: ...


class LazyRow:
    """One row's cell segments, built on first use: a 128-wide row in a 100-column view builds ~14."""

    __slots__ = ("heatmap", "row", "cells")

    def __init__(self, heatmap: Cells, row: int) -> None:
        self.heatmap = heatmap
        self.row = row
        self.cells: list[Segment | None] = [None] * heatmap.cols

    def __len__(self) -> int:
        return len(self.cells)

    def __getitem__(self, col: int) -> Segment:
        cell = self.cells[col]
        if cell is None:
            cell = self.cells[col] = self.heatmap._cell_segment(self.row, col)
        return cell


def cut_line(label: Segment, cells: Row, scroll_x: int, width: int, cell_width: int, base: Style) -> Strip:
    """The fixed label, then only the cells in view (the first and last may be cut), padded to width."""
    if width <= len(label.text):
        return Strip([Segment(label.text[:width], label.style)], width)
    segments = [label]
    room = width - len(label.text)
    col, skip = divmod(scroll_x, cell_width)
    used = 0
    while used < room and col < len(cells):
        cell = cells[col]
        text = cell.text[skip : room - used + skip] if skip or used + cell_width > room else cell.text
        segments.append(cell if text is cell.text else Segment(text, cell.style))
        used += len(text)
        skip = 0
        col += 1
    if used < room:
        segments.append(Segment(" " * (room - used), base))
    return Strip(segments, width)


def column_label(col: int, is_vector: bool, compact: bool, highlight_col: int | None) -> str:
    """A column's index in the header ("v3" on the selected unit's column; a vector has none). A
    compact heatmap drops the v (the highlight says it) and, once indices fill its 3-character
    cell, writes only every 5th (they would run together)."""
    if is_vector:
        return ""
    if not compact:
        return f"v{col}" if col == highlight_col else str(col)
    text = str(col)
    return text if len(text) < COMPACT_WIDTH or col % 5 == 0 else ""


class CellMessage(Message):
    """A cell of heatmap `heatmap` (matrix `name`): its position and a value."""

    def __init__(self, heatmap: Heatmap, name: str, row: int, col: int, value: float) -> None:
        super().__init__()
        self.heatmap = heatmap
        self.name = name
        self.row = row
        self.col = col
        self.value = value

    @property
    def control(self) -> Heatmap:
        return self.heatmap
