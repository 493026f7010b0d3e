"""The state-space benchmark runs and prints its table (timings are the script's job, not the test's)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_analysis.py"


def test_quick_run_prints_every_row(capsys):
    spec = importlib.util.spec_from_file_location("bench_analysis", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    assert module.main(["--quick"]) == 0
    out = capsys.readouterr().out
    assert "N = 1,000, H = 150" in out
    rows = {tuple(c.strip() for c in line.strip("|").split("|")[:2]): line for line in out.splitlines()}
    for key in (("projection", ""), ("projection + clusters", "29 labels"), ("projection + clusters", "200 labels")):
        assert key in rows, out
        assert float(rows[key].strip("|").split("|")[2]) > 0
