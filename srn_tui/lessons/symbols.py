"""Symbol vocabularies for lessons whose inputs and outputs stand for letters or bits."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Vocabulary:
    """Symbols and the vector each one is coded as (one-hot or a feature code)."""

    symbols: tuple[str, ...]
    codes: np.ndarray  # (len(symbols), width)

    @classmethod
    def one_hot(cls, symbols: str | tuple[str, ...]) -> Vocabulary:
        symbols = tuple(symbols)
        return cls(symbols, np.eye(len(symbols)))

    @classmethod
    def features(cls, table: dict[str, str]) -> Vocabulary:
        """From bit strings, e.g. {"b": "101001"}."""
        return cls(tuple(table), np.array([[float(b) for b in bits] for bits in table.values()]))

    @property
    def width(self) -> int:
        return self.codes.shape[1]

    def encode(self, text: str | list[str]) -> list[np.ndarray]:
        return [self.codes[self.symbols.index(s)] for s in text]

    def nearest(self, v: np.ndarray) -> str | None:
        """The symbol whose code is nearest to v (for softmax outputs: the argmax); None on a width mismatch."""
        v = np.asarray(v, dtype=float)
        if v.shape != (self.width,):
            return None
        return self.symbols[int(np.argmin(np.sum((self.codes - v) ** 2, axis=1)))]

    def exact(self, v: np.ndarray) -> str | None:
        """The symbol coded exactly as v, else None (inputs that are not one of the codes are shown as numbers)."""
        v = np.asarray(v, dtype=float)
        if v.shape != (self.width,):
            return None
        for s, code in zip(self.symbols, self.codes, strict=True):
            if np.array_equal(code, v):
                return s
        return None
