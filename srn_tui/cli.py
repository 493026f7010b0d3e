"""Command line (placeholder until the real one lands in this session)."""

from __future__ import annotations


def main(argv: list[str] | None = None) -> int:
    print("srn-tui: under construction")
    return 0
