"""How much srn-tui reads and computes: the limits every loader checks before any work.

The 20 MB file limit bounds a file, not the work it asks for: a 2 MB CSV can hold a million ticks,
a 2 MB model a thousand hidden units. So sequences and models are also limited in ticks, in units
per layer and in ticks x units. The numbers leave room over the largest lesson a class needs:

- MAX_TICKS: the longest built-in sequence is echo-9999's 29,997 ticks (temporal-xor-paper's is
  2,999); a text lesson is cut into sequences of 32 ticks.
- MAX_UNITS: a text lesson has up to MAX_VOCABULARY = 200 inputs and outputs and 32 hidden units.
  It also keeps every model that fits loadable after a save: at 400-400-400 a model has 481,200
  numbers, at most 26 bytes each in JSON at full precision (12.5 MB < 20 MB).
- MAX_TICK_UNITS: ticks x (I + H + O) of one sequence with its model, which bounds a trace's work
  and its output; echo-9999 needs 299,970, a text lesson's sequence 32 x 432 = 13,824.

Plain integers only (no NumPy, no Textual): the app checks a file against these on any thread. Each
*_problem function returns None when the size fits, else a fact (a kind and its numbers) that
text/problems.py words and the caller places in its file.
"""

from __future__ import annotations

MAX_FILE_BYTES = 20_000_000
MAX_TICKS = 50_000
MAX_UNITS = 400
MAX_TICK_UNITS = 5_000_000
MAX_TEXT_CHARS = 100_000  # a text lesson's characters: its one-hot data is chars x vocabulary
MAX_VOCABULARY = 200  # distinct characters in a text lesson

Fact = tuple[str, dict[str, int]]


def ticks_problem(ticks: int) -> Fact | None:
    if ticks <= MAX_TICKS:
        return None
    return "too_many_ticks", {"ticks": ticks, "limit": MAX_TICKS}


def units_problem(count: int, layer: str) -> Fact | None:
    """`layer` is "I", "H" or "O"."""
    if count <= MAX_UNITS:
        return None
    return "too_many_units", {"count": count, "layer": layer, "limit": MAX_UNITS}


def tick_units_problem(ticks: int, inputs: int, hidden: int, outputs: int) -> Fact | None:
    """ticks x (I + H + O) of one sequence run through one model."""
    units = inputs + hidden + outputs
    if ticks * units <= MAX_TICK_UNITS:
        return None
    values = {"ticks": ticks, "units": units, "inputs": inputs, "hidden": hidden, "outputs": outputs}
    return "too_much_work", {**values, "product": ticks * units, "limit": MAX_TICK_UNITS}


def max_ticks_for(units: int) -> int:
    """The most ticks a sequence may have when each tick needs `units` (I + H + O, or a lower bound)."""
    return min(MAX_TICKS, MAX_TICK_UNITS // max(units, 1))
