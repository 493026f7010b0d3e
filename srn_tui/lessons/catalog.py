"""The built-in lessons, by name, and the families made from a name (echo-K, latch-T). `seed` is the default."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..engine import ModelError
from . import echo, hello, jordan, latch, letters, lexical, reber, seed, segmentation, sine, temporal_xor
from .base import Scenario
from .echo import echo_scenario
from .latch import latch_scenario

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
        latch.SCENARIO,
        segmentation.SCENARIO,
        lexical.SCENARIO,
        reber.SCENARIO,
    )
}
DEFAULT_SCENARIO = "seed"


@dataclass(frozen=True)
class Pattern:
    """A family of lessons made on demand from the name, e.g. "echo-20" (listed by `scenarios`, the palette)."""

    pattern: str  # as the user types it, e.g. "echo-K"
    summary: str
    examples: tuple[str, ...]  # names worth offering as they are
    regex: re.Pattern[str]
    make: Callable[[int], Scenario]
    low: int
    high: int
    summary_zh: str = ""

    def summary_in(self, lang: str) -> str:
        return self.summary_zh if lang == "zh" and self.summary_zh else self.summary

    def find(self, name: str) -> Scenario | None:
        match = self.regex.fullmatch(name)
        if match and self.low <= int(match.group(1)) <= self.high:
            return self.make(int(match.group(1)))
        return None


PATTERNS: tuple[Pattern, ...] = (
    Pattern(
        "echo-K",
        "echo with delay K (1 to 9999 ticks): the target is x(t-K)",
        ("echo-1", "echo-5", "echo-10", "echo-20"),
        re.compile(r"echo-(\d{1,9})"),  # a K past `high` is named as out of range
        echo_scenario,
        1,
        9999,
        "延迟为 K 的回声（1 到 9999 步）：目标是 x(t-K)",
    ),
    Pattern(
        "latch-T",
        f"latch over T ticks (2 to {latch.MAX_T}): keep the sign of x(1) until t = T",
        ("latch-5", "latch-10", "latch-40", "latch-80", "latch-100"),
        re.compile(r"latch-(\d{1,9})"),
        latch_scenario,
        2,
        latch.MAX_T,
        f"T 步的锁存（2 到 {latch.MAX_T}）：把 x(1) 的符号一直保持到 t = T",
    ),
)


def find_scenario(name: str) -> Scenario | None:
    """The lesson called `name` (including "echo-K" and "latch-T"), or None."""
    if name in SCENARIOS:
        return SCENARIOS[name]
    for pattern in PATTERNS:
        scenario = pattern.find(name)
        if scenario is not None:
            return scenario
    return None


def get_scenario(name: str) -> Scenario:
    """The lesson called `name`; ValueError naming the choices otherwise."""
    scenario = find_scenario(name)
    for p in PATTERNS:
        if scenario is None and p.regex.fullmatch(name):
            letter = p.pattern.rsplit("-", 1)[1]
            raise ModelError("pattern_range", name=repr(name), pattern=p.pattern, letter=letter, low=p.low, high=p.high)
    if scenario is None:
        made = tuple((p.pattern, p.examples[-1]) for p in PATTERNS)
        raise ModelError("unknown_scenario", name=repr(name), choices=tuple(SCENARIOS), patterns=made)
    return scenario
