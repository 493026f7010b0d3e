"""The limits benchmark runs and prints its table (no memory or timing assertions: those are its job)."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_limits.py"


def test_quick_run_prints_a_row_per_measurement(capsys):
    spec = importlib.util.spec_from_file_location("bench_limits", SCRIPT)
    bench = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = bench  # dataclasses look their module up here
    spec.loader.exec_module(bench)
    assert bench.main(["--quick", "--cases", "base,ticks"]) == 0
    out = capsys.readouterr().out
    rows = re.findall(r"^\| (base|ticks) +\|.*\| +(\d+) +\| +([\d.]+) +\| +([\d.]+) +\|$", out, re.MULTILINE)
    assert [r[0] for r in rows] == ["base"] + ["ticks"] * 4, out
    assert all(int(rss) > 0 and float(wall) > 0 for _, rss, wall, _ in rows)
