"""The projection on a grid of terminal cells: ASCII markers for `analyze`'s text, braille dots
(2 x 4 per cell) for the app. Braille patterns are one cell wide in CJK terminals too (East Asian
Width "N"), unlike block and box-drawing characters; markers stay ASCII for the same reason.
No words here: the callers add titles and axis names in the user's language."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

POOL = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
BRAILLE = 0x2800
# The bit of each dot in a braille cell, by (column 0..1, row 0..3 from the top).
DOT_BITS = np.array([[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]], dtype=np.uint8)


def markers(labels: tuple[str, ...]) -> dict[str, str]:
    """One ASCII character per label: a one-character label is its own marker, a longer one its first
    character when that is a letter or digit ("dragon": d; not "-0.4": a '-' reads as an axis), each
    when no earlier label took it; else the next free one of a-z, A-Z, 0-9 ('#' past 62 labels)."""
    taken: dict[str, str] = {}
    used: set[str] = set()
    for label in labels:
        first = label[:1]
        usable = first.isascii() and first.isprintable() and not first.isspace()
        own = first if usable and (len(label) == 1 or first.isalnum()) else None
        mark = own if own is not None and own not in used else next((c for c in POOL if c not in used), "#")
        taken[label] = mark
        used.add(mark)
    return taken


@dataclass(frozen=True)
class Bounds:
    """The rectangle of the plane a grid shows (never empty: a zero range is widened to +-1)."""

    x0: float
    x1: float
    y0: float
    y1: float

    @classmethod
    def around(cls, points: np.ndarray, pad: float = 0.05) -> Bounds:
        if len(points) == 0:
            return cls(-1.0, 1.0, -1.0, 1.0)
        lo, hi = points.min(axis=0), points.max(axis=0)
        span = hi - lo
        grow = np.where(span > 0, span * pad, 1.0)
        return cls(float(lo[0] - grow[0]), float(hi[0] + grow[0]), float(lo[1] - grow[1]), float(hi[1] + grow[1]))

    def to_grid(self, points: np.ndarray, cols: int, rows: int) -> tuple[np.ndarray, np.ndarray]:
        """Column and row (row 0 at the top: y grows upward) of each point on a cols x rows grid."""
        fx = (points[:, 0] - self.x0) / (self.x1 - self.x0)
        fy = (self.y1 - points[:, 1]) / (self.y1 - self.y0)
        col = np.clip((fx * cols).astype(np.int64), 0, cols - 1)
        row = np.clip((fy * rows).astype(np.int64), 0, rows - 1)
        return col, row


def dominant(cells: np.ndarray, label_index: np.ndarray, n_cells: int, n_labels: int) -> np.ndarray:
    """Per cell, the label with most points in it (the earlier label on a tie); -1 for an empty cell."""
    owner = np.full(n_cells, -1, dtype=np.int64)
    if len(cells) == 0 or n_labels == 0:
        return owner
    counts = np.bincount(cells * n_labels + label_index, minlength=n_cells * n_labels).reshape(n_cells, n_labels)
    filled = counts.any(axis=1)
    owner[filled] = counts[filled].argmax(axis=1)
    return owner


def ascii_scatter(
    points: np.ndarray, labels: tuple[str, ...], cols: int, rows: int, highlight: int | None = None
) -> list[str]:
    """`rows` lines of `cols` characters: each cell the marker of its dominant label, '@' at the point
    `highlight` (an index into points), blank where no point falls."""
    names = tuple(dict.fromkeys(labels))
    marks = markers(names)
    index = {name: i for i, name in enumerate(names)}
    label_index = np.array([index[label] for label in labels], dtype=np.int64)
    col, row = Bounds.around(points).to_grid(points, cols, rows)
    owner = dominant(row * cols + col, label_index, cols * rows, len(names)).reshape(rows, cols)
    grid = [[" " if o < 0 else marks[names[o]] for o in line] for line in owner]
    if highlight is not None:
        grid[row[highlight]][col[highlight]] = "@"
    return ["".join(line) for line in grid]


@dataclass(frozen=True)
class BrailleGrid:
    """`bits` (rows, cols): the braille dots of the cloud; `path` (rows, cols): the dots of the path;
    `owner` (rows, cols): each cell's dominant label (-1 empty); `current` (row, col) of the current
    point or None. A cell's character is chr(BRAILLE + (bits | path))."""

    bits: np.ndarray
    path: np.ndarray
    owner: np.ndarray
    current: tuple[int, int] | None


def _dots(points: np.ndarray, bounds: Bounds, cols: int, rows: int) -> tuple[np.ndarray, np.ndarray]:
    dx, dy = bounds.to_grid(points, cols * 2, rows * 4)
    return dx, dy


def _set_dots(grid: np.ndarray, dx: np.ndarray, dy: np.ndarray) -> None:
    np.bitwise_or.at(grid, (dy // 4, dx // 2), DOT_BITS[dx % 2, dy % 4])


def _line_dots(dx: np.ndarray, dy: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The dots on the straight segments between consecutive dots (as many samples as the longer side)."""
    if len(dx) < 2:
        return dx, dy
    xs, ys = [dx[:1]], [dy[:1]]
    for x0, y0, x1, y1 in zip(dx[:-1], dy[:-1], dx[1:], dy[1:], strict=True):
        steps = int(max(abs(x1 - x0), abs(y1 - y0)))
        f = np.arange(1, steps + 1) / max(steps, 1)
        xs.append(np.rint(x0 + (x1 - x0) * f).astype(np.int64))
        ys.append(np.rint(y0 + (y1 - y0) * f).astype(np.int64))
    return np.concatenate(xs), np.concatenate(ys)


def braille_grid(
    points: np.ndarray,
    label_index: np.ndarray,
    n_labels: int,
    cols: int,
    rows: int,
    path: np.ndarray | None = None,
    current: int | None = None,
    bounds: Bounds | None = None,
) -> BrailleGrid:
    """The cloud of `points` in braille dots, each cell owned by its dominant label; `path`: indices
    of points joined by lines in tick order; `current`: the index of the point to mark."""
    bounds = bounds or Bounds.around(points)
    bits = np.zeros((rows, cols), dtype=np.uint8)
    dx, dy = _dots(points, bounds, cols, rows)
    _set_dots(bits, dx, dy)
    owner = dominant((dy // 4) * cols + dx // 2, label_index, rows * cols, n_labels).reshape(rows, cols)
    trail = np.zeros((rows, cols), dtype=np.uint8)
    if path is not None and len(path):
        _set_dots(trail, *_line_dots(dx[path], dy[path]))
    spot = None if current is None else (int(dy[current] // 4), int(dx[current] // 2))
    return BrailleGrid(bits, trail, owner, spot)
