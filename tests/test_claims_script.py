"""benchmarks/claims_over_seeds.py runs and prints a row per seed and the range (measurement is the script's job)."""

from __future__ import annotations

import functools
import importlib.util
import re
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "claims_over_seeds.py"


@functools.cache
def _load_script():
    spec = importlib.util.spec_from_file_location("claims_over_seeds", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_one_lesson_two_seeds_prints_rows_and_the_range(capsys) -> None:
    script = _load_script()
    assert script.main(["--lessons", "sine", "--seeds", "6,7"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("## sine") and "| seed | err | naive | alone | rule | reset | holds | train s |" in out
    rows = re.findall(r"^\| ([67]) \| ([\d.]+) \|", out, re.MULTILINE)
    assert [r[0] for r in rows] == ["6", "7"]
    low = re.search(r"^\| min \| ([\d.]+) \|", out, re.MULTILINE)
    assert low and float(low.group(1)) == min(float(r[1]) for r in rows)
    assert "claim holds for 2 of 2 seeds" in out


def test_seeds_parse_and_lessons_without_a_seed_are_refused(capsys) -> None:
    script = _load_script()
    assert script.parse_seeds("0-2,7") == [0, 1, 2, 7]
    with pytest.raises(SystemExit) as exc:
        script.main(["--lessons", "seed"])
    assert exc.value.code == 2 and "takes no seed" in capsys.readouterr().err
