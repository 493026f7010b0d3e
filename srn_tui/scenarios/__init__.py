"""The built-in lessons, by name. `seed` is the default."""

from __future__ import annotations

import re

from . import echo, hello, jordan, letters, seed, sine, temporal_xor
from .base import Remark, Scenario
from .echo import echo_scenario
from .text import text_scenario

SCENARIOS: dict[str, Scenario] = {
    s.name: s
    for s in (
        seed.SCENARIO,
        temporal_xor.SCENARIO,
        temporal_xor.PAPER_SCENARIO,
        letters.SCENARIO,
        sine.SCENARIO,
        hello.SCENARIO,
        echo.SCENARIO,
        jordan.SCENARIO,
    )
}
DEFAULT_SCENARIO = "seed"

# Lessons made at run time (e.g. from the user's --text file), findable by name for narration.
_REGISTERED: dict[str, Scenario] = {}

# "echo-K" is the echo lesson with delay K (any K >= 1), made on demand.
_ECHO_K = re.compile(r"echo-(\d{1,9})")  # echo_scenario refuses a k beyond the tick limit


def find_scenario(name: str) -> Scenario | None:
    """The lesson called `name` (including "echo-K"), or None."""
    if name in SCENARIOS:
        return SCENARIOS[name]
    if name in _REGISTERED:
        return _REGISTERED[name]
    match = _ECHO_K.fullmatch(name)
    if match and int(match.group(1)) >= 1:
        return echo_scenario(int(match.group(1)))
    return None


def register_scenario(scenario: Scenario) -> None:
    """Make a lesson built at run time findable by name (built-in names cannot be replaced)."""
    if scenario.name in SCENARIOS:
        raise ValueError(f"{scenario.name!r} is a built-in lesson; choose another name")
    _REGISTERED[scenario.name] = scenario


def get_scenario(name: str) -> Scenario:
    """The lesson called `name`; ValueError naming the choices otherwise."""
    scenario = find_scenario(name)
    if scenario is None:
        raise ValueError(f"unknown scenario {name!r}; choose from {', '.join(SCENARIOS)} (or echo-K, e.g. echo-10)")
    return scenario


__all__ = [
    "DEFAULT_SCENARIO",
    "SCENARIOS",
    "Remark",
    "Scenario",
    "echo_scenario",
    "find_scenario",
    "get_scenario",
    "register_scenario",
    "text_scenario",
]
