"""`srn-tui scenarios`: the built-in lessons, one line each, and the lessons made from their name."""

from __future__ import annotations

import argparse
from typing import TextIO

from .arguments import EXIT_OK, Command


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from ..lessons import DEFAULT_SCENARIO, PATTERNS, SCENARIOS

    width = max(len(name) for name in [*SCENARIOS, *(p.pattern for p in PATTERNS)])
    for name, scenario in SCENARIOS.items():
        mark = " (default)" if name == DEFAULT_SCENARIO else ""
        out.write(f"{name:<{width}}  {scenario.summary}{mark}\n")
    # Lessons made from the name on demand: one line per family, with names to try.
    for p in PATTERNS:
        out.write(f"{p.pattern:<{width}}  {p.summary}; e.g. {', '.join(p.examples)}\n")
    return EXIT_OK


COMMAND = Command(
    "scenarios",
    help="list the built-in lessons",
    description="List the built-in lessons.",
    run=run,
    reads_lesson=False,
)
