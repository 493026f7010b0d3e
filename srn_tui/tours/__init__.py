"""Guided tours: a teacher's walkthrough of the app as a small TOML file of steps (format.py), with
captions that quote the live numbers (quote.py) and actions named once for the app (actions.py).

Headless: nothing here imports Textual; ui/tour_player.py plays a tour in the app.
"""

from __future__ import annotations

from pathlib import Path

from ..printable import printable
from .format import Step, Tour, TourError, load_tour_file, parse_tour

BUILTIN_DIR = Path(__file__).parent / "builtin"
BUILTIN = ("seed", "vanishing", "temporal-xor", "hidden")  # in the order `srn-tui tour --list` shows them


def builtin_tour(name: str) -> Tour:
    """A built-in tour by name; TourError naming the choices otherwise."""
    if name not in BUILTIN:
        raise TourError("unknown_tour", name=repr(printable(name, 60)), choices=BUILTIN)
    path = BUILTIN_DIR / f"{name}.toml"
    return parse_tour(path.read_text(encoding="utf-8"), name, ("builtin_tour", name))


__all__ = ["BUILTIN", "Step", "Tour", "TourError", "builtin_tour", "load_tour_file", "parse_tour"]
