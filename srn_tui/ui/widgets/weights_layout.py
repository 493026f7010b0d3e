"""Where the weights panel's heatmaps go: which draw compact cells, the lines they flow in, how
high each line is. Pure arithmetic on sizes (no widgets), so it is tested on its own.

The lesson's weight (the `focus`: W_hh, the memory, unless training freezes it; then the weight
trained, W_hy on seed) is what must be seen. A layout is a choice of which heatmaps draw compact
cells (sign and colour step) instead of numbers; the heatmaps then flow left to right and wrap,
and the height is shared with the focus's line served first. Two layouts are tried: numbers
wherever they fit the width, and every matrix compact; the second wins only when it shows clearly
more of the focus's cells (PREFER_NUMBERS), since numbers read exactly.
"""

from __future__ import annotations

from dataclasses import dataclass

MIN_ROWS = 1  # every line keeps at least one row of its matrices in view
PREFER_NUMBERS = 1.25  # compact cells everywhere must show this many times the focus's cells


@dataclass(frozen=True)
class Box:
    """One heatmap's sizes: content widths with numbers and compact, its data rows, and the rows and
    columns around them (border, header, label column)."""

    name: str
    full_width: int  # content width with numbers (cells, labels, title, subtitle)
    compact_width: int  # content width with compact cells
    rows: int
    cols: int
    label_width: int
    cell_width: int  # of a cell with numbers
    compact_cell_width: int
    header: int  # rows above the data (column indices)
    gutter_width: int  # the border (and padding) around the content
    gutter_height: int
    can_compact: bool  # a vector keeps its numbers: one column is never too wide

    def width(self, compact: bool, scrollbar: bool) -> int:
        content = self.compact_width if compact else self.full_width
        return content + self.gutter_width + (1 if scrollbar else 0)

    def natural_height(self) -> int:
        return self.rows + self.header + self.gutter_height

    def least_height(self) -> int:
        return min(self.natural_height(), self.header + self.gutter_height + MIN_ROWS)


@dataclass(frozen=True)
class Layout:
    compact: dict[str, bool]
    lines: list[list[int]]  # indices into the boxes, line by line
    widths: list[int]  # each box's width (cut to the panel's)
    heights: list[int]  # each line's height
    focus_cells: int  # how many of the focus's cells are in view

    @property
    def tops(self) -> list[int]:
        y, tops = 0, []
        for height in self.heights:
            tops.append(y)
            y += height
        return tops


def choose(boxes: list[Box], focus: str, width: int, height: int) -> Layout:
    """The layout of `boxes` in a panel of `width` x `height` that shows most of `focus`."""
    numbers = {box.name: box.can_compact and box.width(False, False) > width for box in boxes}
    every = {box.name: box.can_compact for box in boxes}
    with_numbers = _lay_out(boxes, numbers, focus, width, height)
    all_compact = _lay_out(boxes, every, focus, width, height)
    # numbers are worth a little of the view: compact everywhere only when it shows clearly more
    return all_compact if all_compact.focus_cells > PREFER_NUMBERS * with_numbers.focus_cells else with_numbers


def _lay_out(boxes: list[Box], compact: dict[str, bool], focus: str, width: int, height: int) -> Layout:
    scrollbars = {box.name: box.natural_height() > height for box in boxes}
    for _ in range(3):  # a line given less than its natural height needs a scrollbar, one cell wider
        widths = [min(box.width(compact[box.name], scrollbars[box.name]), width) for box in boxes]
        lines = _flow(widths, width)
        heights = _heights(boxes, lines, focus, height)
        cut = {box.name: False for box in boxes}
        for line, line_height in zip(lines, heights, strict=True):
            for index in line:
                cut[boxes[index].name] = boxes[index].natural_height() > line_height
        if all(scrollbars[name] or not cut[name] for name in cut):
            break
        scrollbars = {name: scrollbars[name] or cut[name] for name in cut}
    return Layout(compact, lines, widths, heights, _seen(boxes, compact, lines, widths, heights, focus))


def _flow(widths: list[int], width: int) -> list[list[int]]:
    """Left to right in order, a new line when the next one does not fit."""
    lines: list[list[int]] = [[]]
    x = 0
    for index, w in enumerate(widths):
        if lines[-1] and x + w > width:
            lines.append([])
            x = 0
        lines[-1].append(index)
        x += w
    return lines


def _heights(boxes: list[Box], lines: list[list[int]], focus: str, height: int) -> list[int]:
    """Each line's height: all natural when they fit; otherwise the focus's line first takes what
    the others' least heights leave, then the others share the rest evenly up to their natural
    height. When even the least heights do not fit, the panel scrolls: the focus's line fills the
    view (the owner scrolls it there) and the others keep their least height."""
    natural = [max(boxes[i].natural_height() for i in line) for line in lines]
    least = [max(boxes[i].least_height() for i in line) for line in lines]
    if sum(natural) <= height:
        return natural
    first = next((n for n, line in enumerate(lines) if any(boxes[i].name == focus for i in line)), 0)
    heights = least[:]
    others = sum(least) - least[first]
    if others + least[first] > height:  # the panel scrolls anyway: the focus's line fills the view
        heights[first] = min(natural[first], max(least[first], height))
        return heights
    heights[first] = min(natural[first], height - others)
    spare = height - sum(heights)
    while spare > 0:  # one row at a time, round the lines that still want more
        wanting = [n for n in range(len(lines)) if heights[n] < natural[n]]
        if not wanting:
            break
        for n in wanting:
            if spare == 0:
                break
            heights[n] += 1
            spare -= 1
    return heights


def _seen(
    boxes: list[Box],
    compact: dict[str, bool],
    lines: list[list[int]],
    widths: list[int],
    heights: list[int],
    focus: str,
) -> int:
    for line, line_height in zip(lines, heights, strict=True):
        for index in line:
            box = boxes[index]
            if box.name != focus:
                continue
            scrolls = box.natural_height() > line_height
            room_x = widths[index] - box.gutter_width - box.label_width - (1 if scrolls else 0)
            cell = box.compact_cell_width if compact[box.name] else box.cell_width
            cols = min(box.cols, max(room_x, 0) // cell)
            cut = box.width(compact[box.name], scrolls) > widths[index]  # a horizontal scrollbar takes a row
            rows = min(box.rows, max(line_height - box.gutter_height - box.header - cut, 0))
            return rows * cols
    return 0
