"""A dendrogram drawn in ASCII, lying on its side as in Elman (1990), Figure 7: one row per label,
the merges to the right at a column proportional to their height (the linkage distance).

SciPy orders the leaves (`dendrogram(..., no_plot=True)`, so the tree never crosses itself); the
drawing is by hand: SciPy draws only with matplotlib."""

from __future__ import annotations

import numpy as np
from rich.cells import cell_len, set_cell_size
from scipy.cluster.hierarchy import dendrogram

LABEL_CELLS = 12  # longer labels are cut: the tree needs the width


def leaf_order(linkage: np.ndarray, n_labels: int) -> list[int]:
    """Label indices top to bottom."""
    if n_labels < 2:
        return list(range(n_labels))
    return [int(i) for i in dendrogram(linkage, no_plot=True)["leaves"]]


def tree_rows(linkage: np.ndarray, n_labels: int, width: int) -> tuple[list[int], list[str]]:
    """The leaf order and, per leaf, `width` ASCII characters of the tree: '-' joins a group to its
    merge, '|' spans a merge, '+' where they meet. Column = height / top height * (width - 1)."""
    order = leaf_order(linkage, n_labels)
    grid = [[" "] * width for _ in order]
    if n_labels < 2 or width < 2:
        return order, ["".join(line) for line in grid]
    top = float(linkage[-1, 2]) or 1.0
    row = {leaf: r for r, leaf in enumerate(order)}  # the row each node joins its parent at
    col = dict.fromkeys(order, 0)  # the column each node ends at (leaves at 0)
    for k, (a, b, height, _) in enumerate(linkage):
        a, b, node = int(a), int(b), n_labels + k
        x = round(float(height) / top * (width - 1))
        for child in (a, b):  # each child's line runs from its own merge to this one
            r = row[child]
            for c in range(col[child], x):
                if grid[r][c] == " ":
                    grid[r][c] = "-"
        low, high = sorted((row[a], row[b]))
        for r in range(low, high + 1):
            grid[r][x] = "|"
        grid[low][x] = grid[high][x] = "+"
        row[node], col[node] = (low + high) // 2, x
    return order, ["".join(line) for line in grid]


def fit_label(label: str, cells: int = LABEL_CELLS) -> str:
    """`label` padded or cut to exactly `cells` terminal cells (CJK characters are two)."""
    if cell_len(label) > cells:
        return set_cell_size(label, cells - 3) + "..."
    return set_cell_size(label, cells)
