"""`srn-tui trace --flow-target TAU`: one target's gradient flow in json, table and markdown, and the
usage errors, driven through the command line."""

from __future__ import annotations

import json

import numpy as np
import pytest
from shared import run

from srn_tui.cli import tick_ranges
from srn_tui.engine import forward
from srn_tui.lessons import get_scenario


def test_json_flow_defaults_to_the_last_target_and_matches_the_seed_by_hand(capsys):
    """seed: one tanh unit, W_hh = 0.1, W_hy = 1, target 6 at t = 5 only. By hand:
    dL(5)/dh(5) = W_hy (y5 - 6), dh(t+1)/dh(t) = (1 - h(t+1)^2) W_hh."""
    code, out, _ = run(capsys, "trace", "--format", "json")
    assert code == 0
    flow = json.loads(out)["flow"]
    assert flow["target"] == 5 and [s["t"] for s in flow["steps"]] == [1, 2, 3, 4, 5]
    assert all(set(s) == {"t", "grad_norm", "jacobian_norm"} for s in flow["steps"])
    h = [r.h[0] for r in forward(get_scenario("seed").model(), get_scenario("seed").sequences()[0]).steps]
    jac = [float(np.prod([(1 - h[s - 1] ** 2) * 0.1 for s in range(t + 1, 6)])) for t in range(1, 6)]
    np.testing.assert_allclose([s["jacobian_norm"] for s in flow["steps"]], jac, rtol=1e-12)
    np.testing.assert_allclose([s["grad_norm"] for s in flow["steps"]], [abs(h[4] - 6) * j for j in jac], rtol=1e-12)


def test_json_flow_of_a_chosen_target_on_echo(capsys):
    code, out, _ = run(capsys, "trace", "--scenario", "echo-3", "--format", "json", "--flow-target", "7")
    assert code == 0
    doc = json.loads(out)
    flow = doc["flow"]
    assert flow["target"] == 7 and [s["t"] for s in flow["steps"]] == list(range(1, 8))
    assert flow["steps"][-1]["jacobian_norm"] == pytest.approx(1.0)
    # at tau itself: dL(7)/dh(7) = W_hy^T (y - target) y (1 - y), a sigmoid output with squared error
    y, target = np.array(doc["steps"][6]["y"]), np.array(doc["steps"][6]["target"])
    w_hy = np.array(doc["model"]["W_hy"])
    expected = np.linalg.norm(w_hy.T @ ((y - target) * y * (1 - y)))
    assert flow["steps"][-1]["grad_norm"] == pytest.approx(expected, rel=1e-12)


def test_table_and_markdown_print_the_flow_as_a_section(capsys):
    code, out, _ = run(capsys, "trace", "--scenario", "seed", "--flow-target", "5")
    assert code == 0
    section = out.split("gradient flow from the loss at t = 5 alone, back to t = 1:")[1].splitlines()
    assert section[1].split() == ["t", "|dL(5)/dh(t)|", "|dh(5)/dh(t)|_2"]
    assert [row.split()[0] for row in section[2:7]] == ["1", "2", "3", "4", "5"]
    assert section[6].split()[1:] == ["5.011", "1"] and "spectral norm" in section[7]
    code, out, _ = run(capsys, "trace", "--scenario", "seed", "--format", "markdown", "--lang", "en")
    assert code == 0
    flow_part = out.split("## Gradient flow from one target")[1]
    assert "| t | grad_norm | jacobian_norm |" in flow_part and "| 5 | 5.011 | 1 |" in flow_part
    assert "spectral" in flow_part


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--flow-target", "3"], "--flow-target 3: tick 3 has no target; ticks with a target: 5"),
        (["--flow-target", "6"], "--flow-target 6: out of range, the sequence has ticks 1..5"),
        (["--flow-target", "0"], "must be at least 1, found 0"),
        (["--flow-target", "two"], "must be a whole number"),
        (["--scenario", "echo-20", "--flow-target", "20"], "tick 20 has no target; ticks with a target: 21..60"),
    ],
)
def test_a_tick_that_cannot_be_a_flow_target_is_a_usage_error(capsys, argv, message):
    code, out, err = run(capsys, "trace", "--format", "json", *argv)
    assert code == 2 and out == ""
    assert err.startswith("srn-tui: ") and message in err and err.count("\n") == 1


def test_a_sequence_without_targets_has_flow_null(capsys, tmp_path):
    seq = tmp_path / "free.csv"
    seq.write_text("x,target\n1,\n2,\n3,\n")
    code, out, _ = run(capsys, "trace", "--sequence", str(seq), "--format", "json")
    assert code == 0 and json.loads(out)["flow"] is None
    code, out, _ = run(capsys, "trace", "--sequence", str(seq))
    assert code == 0 and "gradient flow: no tick has a target" in out
    code, out, err = run(capsys, "trace", "--sequence", str(seq), "--flow-target", "2")
    assert code == 2 and out == "" and "no tick of the sequence has a target" in err


def test_tick_ranges():
    assert tick_ranges((5,)) == "5" and tick_ranges((21, 22, 23)) == "21..23"
    assert tick_ranges((3, 6, 9, 12, 15, 18)) == "3, 6, 9, 12 and 2 more"
    assert tick_ranges((1, 2, 4, 5, 6)) == "1..2, 4..6"
