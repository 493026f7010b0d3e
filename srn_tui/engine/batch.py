"""B sequences of one length stacked (B x T x I) for the vectorized forward + BPTT, and the
chunks of ticks that truncated BPTT trains on (`chunk_bounds`: the one place that cuts a sequence
into updates; the trainer and the animated epoch both read it).

Its own module because both recurrences (batched.py's Elman, jordan.py's Jordan) take a Batch.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .sequence import DataSequence


def chunk_bounds(length: int, truncate: int | None) -> list[tuple[int, int]]:
    """0-based [start, end) tick ranges, one per update: consecutive chunks of `truncate` ticks (the
    last one may be shorter), or the whole sequence as one chunk without truncation."""
    k = length if truncate is None else truncate
    return [(s, min(s + k, length)) for s in range(0, length, max(k, 1))]


@dataclass(frozen=True)
class Batch:
    """inputs (B, T, I), targets (B, T, O), mask (B, T): sequences of one length stacked."""

    inputs: np.ndarray
    targets: np.ndarray
    mask: np.ndarray

    @classmethod
    def stack(cls, sequences: list[DataSequence], output_size: int) -> Batch:
        lengths = {s.length for s in sequences}
        if len(lengths) != 1:
            raise ValueError("a batch needs sequences of one length")
        targets = np.zeros((len(sequences), sequences[0].length, output_size))
        for b, s in enumerate(sequences):
            if s.mask.any():
                targets[b] = s.targets
        return cls(
            np.stack([s.inputs for s in sequences]),
            targets,
            np.stack([s.mask for s in sequences]),
        )

    def ticks(self, start: int, end: int) -> Batch:
        """Ticks start..end-1 of every sequence (a chunk for truncated BPTT); views, not copies."""
        return Batch(self.inputs[:, start:end], self.targets[:, start:end], self.mask[:, start:end])

    def chunks(self, truncate: int | None) -> list[Batch]:
        """The batch cut into the chunks `chunk_bounds` gives, one per update of an epoch."""
        return [self.ticks(start, end) for start, end in chunk_bounds(self.inputs.shape[1], truncate)]
