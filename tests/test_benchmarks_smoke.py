"""The training benchmark script runs and prints its table (no timing assertions: timings are the script's job)."""

from __future__ import annotations

import functools
import importlib.util
import re
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_train.py"


@functools.cache
def _load_script():
    spec = importlib.util.spec_from_file_location("bench_train", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


def test_quick_seed_run_prints_a_row(capsys):
    bench = _load_script()
    assert bench.main(["--quick", "--cases", "seed", "--no-torch"]) == 0
    out = capsys.readouterr().out
    row = re.search(r"^\| seed +\| 1-1-1, T=5 +\| ([\d,]+) +\|$", out, re.MULTILINE)
    assert row, out
    assert int(row.group(1).replace(",", "")) > 0
    assert "NumPy figures only (--no-torch)" in out


def test_unknown_case_is_a_usage_error(capsys):
    bench = _load_script()
    with pytest.raises(SystemExit) as exc:
        bench.main(["--cases", "seed,nope"])
    assert exc.value.code == 2
    assert "unknown case 'nope'" in capsys.readouterr().err
