"""`srn-tui scenarios` lists the lessons made from their name; `--scenario latch-30` works headless."""

from __future__ import annotations

import json

from shared import run

from srn_tui.lessons import PATTERNS, SCENARIOS, get_scenario


def test_scenarios_lists_echo_k_and_latch_t_with_names_that_open(capsys):
    code, out, _ = run(capsys, "scenarios")
    assert code == 0
    lines = {line.split()[0]: line for line in out.splitlines()}
    assert set(SCENARIOS) | {"echo-K", "latch-T"} == set(lines)
    assert "latch-80" in lines["latch-T"] and "echo-20" in lines["echo-K"]
    for pattern in PATTERNS:
        for name in pattern.examples:
            assert name in lines[pattern.pattern]
            assert get_scenario(name).name in (name, "echo", "latch")


def test_trace_of_latch_30_has_30_ticks_and_one_target(capsys):
    code, out, _ = run(capsys, "trace", "--scenario", "latch-30", "--format", "json")
    assert code == 0
    steps = json.loads(out)["steps"]
    assert [s["t"] for s in steps] == list(range(1, 31))
    assert [s["t"] for s in steps if s["target"] is not None] == [30]
    assert steps[0]["x"] == [1.0]


def test_train_latch_30(capsys):
    code, out, _ = run(capsys, "train", "--scenario", "latch-30", "--epochs", "3", "--format", "json")
    assert code == 0
    assert [e["epoch"] for e in json.loads(out)["epochs"]] == [1, 2, 3]


def test_a_latch_too_short_is_a_usage_error(capsys):
    code, out, err = run(capsys, "trace", "--scenario", "latch-1")
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert "'latch-1'" in err and "latch-T needs T from 2 to 1000" in err
