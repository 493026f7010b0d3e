"""The built-in lessons, by name. `seed` is the default."""

from __future__ import annotations

from .base import Scenario
from .seed import SCENARIO as SEED

SCENARIOS: dict[str, Scenario] = {s.name: s for s in (SEED,)}
DEFAULT_SCENARIO = "seed"


def get_scenario(name: str) -> Scenario:
    """The lesson called `name`; ValueError naming the choices otherwise."""
    try:
        return SCENARIOS[name]
    except KeyError:
        raise ValueError(f"unknown scenario {name!r}; choose from {', '.join(SCENARIOS)}") from None


__all__ = ["DEFAULT_SCENARIO", "SCENARIOS", "Scenario", "get_scenario"]
