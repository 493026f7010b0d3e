"""What a lesson's vectors stand for: symbols (letters, characters, bits), as facts, no words.

A lesson whose vectors stand for symbols declares a `Decoding`: its input vocabulary and its output
vocabulary. From it every view reads the same facts for a tick (`TickSymbols`): the input symbol (x
coded exactly as one of the codes, else None: latch's noise), the predicted symbol (the output's
nearest code; for a softmax output that is the argmax, with its probability) and the target symbol.
Lessons without symbols have no Decoding, and everything reads None.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np

from ..engine import DataSequence, TickRecord


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: it holds arrays, and lessons are cache keys
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

    @classmethod
    def values(cls, table: dict[str, float]) -> Vocabulary:
        """One number per symbol, for a single input or output unit, e.g. {"0": 0.0, "1": 1.0}."""
        return cls(tuple(table), np.array([[float(v)] for v in table.values()]))

    @property
    def width(self) -> int:
        return self.codes.shape[1]

    def encode(self, text: str | list[str]) -> list[np.ndarray]:
        return [self.codes[self.symbols.index(s)] for s in text]

    def nearest_index(self, v: np.ndarray) -> int | None:
        """The index of the code nearest to v (for one-hot codes: the argmax); None on a width mismatch
        or a non-finite v (an overflowed network predicts nothing)."""
        v = np.asarray(v, dtype=float)
        if v.shape != (self.width,) or not np.all(np.isfinite(v)):
            return None
        return int(np.argmin(np.sum((self.codes - v) ** 2, axis=1)))

    def nearest(self, v: np.ndarray) -> str | None:
        """The symbol whose code is nearest to v (for softmax outputs: the argmax); None on a width mismatch."""
        k = self.nearest_index(v)
        return None if k is None else self.symbols[k]

    def exact(self, v: np.ndarray) -> str | None:
        """The symbol coded exactly as v, else None (inputs that are not one of the codes are shown as numbers)."""
        v = np.asarray(v, dtype=float)
        if v.shape != (self.width,):
            return None
        for s, code in zip(self.symbols, self.codes, strict=True):
            if np.array_equal(code, v):
                return s
        return None


@dataclass(frozen=True)
class TickSymbols:
    """One tick's symbols. `p` is the probability a softmax output gives its predicted symbol (None
    for outputs read as the nearest code: feature codes, sigmoid bits)."""

    x: str | None = None
    y: str | None = None
    p: float | None = None
    target: str | None = None


NO_SYMBOLS = TickSymbols()


@dataclass(frozen=True, eq=False)  # by identity, as Vocabulary
class Decoding:
    """How a lesson's input and output vectors map to symbols."""

    inputs: Vocabulary
    outputs: Vocabulary

    def fits(self, input_size: int, output_size: int) -> bool:
        """Whether a model of these sizes still reads this way (a model file may change them)."""
        return (input_size, output_size) == (self.inputs.width, self.outputs.width)

    @property
    def vectors(self) -> bool:
        """Whether the symbols are coded as vectors of several units (one-hot, features) rather than one
        number (a bit): the narration names a vector's symbol and tells a single number as itself."""
        return self.inputs.width > 1

    def input(self, x: np.ndarray) -> str | None:
        return self.inputs.exact(x)

    def output(self, y: np.ndarray) -> str | None:
        return self.outputs.nearest(y)

    def target(self, target: np.ndarray | None) -> str | None:
        """The symbol coded exactly as the target; None without a target or for a soft one."""
        return None if target is None else self.outputs.exact(target)

    def tick(self, rec: TickRecord, softmax: bool) -> TickSymbols:
        """The symbols of one tick; `softmax`: the model's output is a softmax (its y is a probability)."""
        k = self.outputs.nearest_index(rec.y)
        p = float(rec.y[k]) if softmax and k is not None else None
        y = None if k is None else self.outputs.symbols[k]
        return TickSymbols(self.input(rec.x), y, p, self.target(rec.target))


class HasSymbols(Protocol):
    """A lesson as symbols_for reads it (lesson.Lesson is one)."""

    symbols: Decoding | None


def symbols_for(lesson: HasSymbols, sequence: DataSequence) -> list[str | None] | None:
    """The input symbol at every tick of `sequence` (None at a tick whose input is not one of the codes),
    or None when the lesson has no symbols or the sequence's inputs are not its width."""
    decoding = lesson.symbols
    if decoding is None or sequence.inputs.shape[1] != decoding.inputs.width:
        return None
    return [decoding.input(x) for x in sequence.inputs]


# Bits as symbols, one unit each: an input of 0 or 1, an output read as the nearer of the two.
BIT = Vocabulary.values({"0": 0.0, "1": 1.0})
BITS = Decoding(BIT, BIT)
