"""How a number is written, everywhere: the one owner of decimals, signs, the spelling of NaN and
Inf, and the widths of aligned grids. Plain ASCII (grids stay aligned in CJK terminals), no Textual.

Each function is one way of writing a number, named for where it is read; they share the rules:
- 3 decimals for the numbers a student follows (h(3) = 0.918);
- a nonzero value too small for 3 decimals is written in scientific notation (4.71e-04), so that a
  vanishing gradient does not read as 0.000; from LARGE on too, so that an overflowing network's
  numbers do not run to hundreds of digits;
- NaN and Inf are spelled nan, inf, -inf.
"""

from __future__ import annotations

import math

LARGE = 1e6  # from here on numbers are written in scientific notation
TINY = 0.0005  # a nonzero value below this would round to 0.000
CELL = 6  # a heatmap cell's value: "+0.500", "-12.35"


def spelled(value: float) -> str | None:
    """'nan', 'inf', '-inf' for a non-finite value, else None."""
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return None


def sentence(value: float) -> str:
    """A number inside a sentence (the narration): 3 decimals, tiny and huge ones as 4.71e-04,
    and never -0.000."""
    value = float(value)
    nonfinite = spelled(value)
    if nonfinite is not None:
        return nonfinite
    if value != 0 and abs(value) < TINY or abs(value) >= LARGE:
        return f"{value:.2e}"
    text = f"{value:.3f}"
    return "0.000" if text == "-0.000" else text


def table(value: float) -> str:
    """A cell of a handout's table (trace table and markdown): 3 decimals, tiny ones as 4.7e-04,
    huge ones as 1.234e+07."""
    nonfinite = spelled(value)
    if nonfinite is not None:
        return nonfinite
    if value != 0 and abs(value) < TINY:
        return f"{value:.1e}"
    if abs(value) >= LARGE:
        return f"{value:.3e}"
    return f"{value:.3f}"


def equation(value: float) -> str:
    """A number in the equation panel: 3 decimals (the equation shows the rounding it does), huge
    ones as 1.23e+07."""
    return f"{value:.2e}" if abs(value) >= LARGE else f"{value:.3f}"


def signed(value: float) -> str:
    """3 decimals with the sign always written: a term of a sum, a tick's value."""
    return f"{value:+.3f}"


def probability(p: float) -> str:
    """A probability inside ln(...): 3 decimals, or 3 significant digits when that would print 0.000."""
    return f"{p:.3f}" if p >= TINY else f"{p:.2e}"


def probability_cell(p: float) -> str:
    """A probability in a narrow cell (the timeline's predicted symbol): 2 decimals, "0.37"."""
    return f"{p:.2f}"


def short(value: float) -> str:
    """Compact, for status lines and messages: 4 significant digits (0.1, 1e+06, 0.0123)."""
    value = float(value)
    nonfinite = spelled(value)
    if nonfinite is not None:
        return nonfinite
    return f"{value:.4g}"


def signed_short(value: float) -> str:
    """4 significant digits with the sign always written (a value in the training panel)."""
    return f"{value:+.4g}"


def three(value: float) -> str:
    """3 significant digits: a mean beside its total, an axis, a colour scale, where space is short."""
    nonfinite = spelled(float(value))
    return nonfinite if nonfinite is not None else f"{value:.3g}"


def cell(value: float, width: int = CELL) -> str:
    """`value` with its sign, right-aligned in `width` characters, as many decimals (<= 3) as fit.

    0 -> " 0.000", 0.5 -> "+0.500", -12.345 -> "-12.35", 1e9 -> "+1e9", NaN -> "   nan", inf -> "  +inf".
    """
    if math.isnan(value):
        return "nan".rjust(width)
    if math.isinf(value):
        return ("+inf" if value > 0 else "-inf").rjust(width)
    if value == 0:
        return "0.000".rjust(width)
    if width == CELL and -9.9995 < value < 9.9995:
        return f"{value:+.3f}"  # the common case, exactly six characters
    for decimals in (3, 2, 1, 0):
        text = f"{value:+.{decimals}f}"
        if len(text) <= width:
            return text.rjust(width)
    mantissa, exponent = f"{value:+.0e}".split("e")
    return f"{mantissa}e{int(exponent)}".rjust(width)


def exact(value: float) -> str:
    """The full value, for a status line: 6 decimals, or scientific when huge."""
    if not math.isfinite(value) or abs(value) < LARGE:
        return f"{value:.6f}"
    return f"{value:.6e}"


def ratio(r: float) -> str:
    """How many times bigger or smaller: '0.02', '0.5', '1.3', '300', '1.2e-10', '4.5e+04'; short,
    ASCII, never '×'."""
    if r == 0.0:
        return "0"
    if 1e-3 <= r < 1.0:
        return f"{r:.2g}"
    if 1.0 <= r < 1e4:
        return f"{r:.3g}" if r < 10 else f"{r:.0f}"
    return f"{r:.1e}"


def norm(value: float) -> str:
    """A vector norm in at most 7 characters: '0.0123', '4.1e-07', '0', 'nan', 'inf'."""
    if not math.isfinite(value):
        return "nan" if math.isnan(value) else "inf"
    if value == 0.0:
        return "0"
    if 1e-3 <= value < 1e3:
        return f"{value:.3g}"
    return f"{value:.1e}"


def signed_fit(value: float, width: int = 0) -> str:
    """`+0.462`, `-1.250`, right-aligned in `width` (0: as long as it is); wide values drop
    decimals rather than overflow `width`; '+inf', '-inf', 'nan'."""
    if not math.isfinite(value):
        text = "nan" if math.isnan(value) else ("+inf" if value > 0 else "-inf")
    else:
        text = signed(value)
        if width and len(text) > width:
            text = f"{value:+.1f}" if abs(value) < 1e5 else f"{value:+.0e}"
    return text.rjust(width) if width else text
