"""A loss history whose memory stays flat however long training runs, and its CSV export.

The latest `recent` epochs are kept exactly. Older epochs go into a second buffer that keeps every
`stride`-th of them; when it fills up it drops every other point and doubles the stride. So the
whole run stays covered, evenly, in at most `recent + older` points. Old points are picked, not
averaged, so every stored loss is one the network really had.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

import numpy as np

from .snapshots import frozen_copy


@dataclass(frozen=True)
class HistorySnapshot:
    """Read-only arrays in epoch order."""

    epochs: np.ndarray
    losses: np.ndarray
    grad_norms: np.ndarray

    def __len__(self) -> int:
        return len(self.epochs)


class LossHistory:
    def __init__(self, recent: int = 2000, older: int = 1000) -> None:
        if recent < 1 or older < 2:
            raise ValueError("a loss history needs recent >= 1 and older >= 2")
        self._recent: deque[tuple[int, float, float]] = deque()
        self._recent_cap = recent
        self._older: list[tuple[int, float, float]] = []
        self._older_cap = older
        self._stride = 1
        self._aged = 0  # how many points have left the recent buffer

    def append(self, epoch: int, loss: float, grad_norm: float) -> None:
        self._recent.append((int(epoch), float(loss), float(grad_norm)))
        if len(self._recent) > self._recent_cap:
            point = self._recent.popleft()
            if self._aged % self._stride == 0:
                self._older.append(point)
                if len(self._older) > self._older_cap:
                    self._older = self._older[::2]
                    self._stride *= 2
            self._aged += 1

    def copy(self) -> LossHistory:
        """An independent history with the same points and thinning state, for a run to extend."""
        other = LossHistory(self._recent_cap, self._older_cap)
        other._recent = deque(self._recent)
        other._older = list(self._older)
        other._stride, other._aged = self._stride, self._aged
        return other

    def rewind(self, epoch: int) -> None:
        """Forget the points after `epoch` (undoing training goes back to that epoch's weights)."""
        self._older = [p for p in self._older if p[0] <= epoch]
        while self._recent and self._recent[-1][0] > epoch:
            self._recent.pop()

    def __len__(self) -> int:
        return len(self._older) + len(self._recent)

    def snapshot(self) -> HistorySnapshot:
        points = self._older + list(self._recent)
        table = np.array(points, dtype=np.float64).reshape(-1, 3)
        epochs = np.array([p[0] for p in points], dtype=np.int64)
        epochs.setflags(write=False)
        return HistorySnapshot(epochs, frozen_copy(table[:, 1]), frozen_copy(table[:, 2]))


def history_csv(history: HistorySnapshot) -> str:
    """CSV text with a header, one row per stored epoch: epoch,loss,grad_norm (repr precision;
    non-finite values written as nan/inf). The caller writes it atomically."""
    lines = ["epoch,loss,grad_norm"]
    for epoch, loss, norm in zip(history.epochs, history.losses, history.grad_norms, strict=True):
        lines.append(f"{int(epoch)},{_csv_float(loss)},{_csv_float(norm)}")
    return "\n".join(lines) + "\n"


def _csv_float(value: float) -> str:
    value = float(value)
    if np.isnan(value):
        return "nan"
    if np.isinf(value):
        return "inf" if value > 0 else "-inf"
    return repr(value)
