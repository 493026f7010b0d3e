"""Non-finite numbers in a trace: one line on stderr instead of NumPy's warnings, JSON that is JSON
(null, and "overflow" saying where), and cells in scientific notation instead of 200 digits."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest

from srn_tui.cli import main
from srn_tui.engine import bptt, forward, target_flow
from srn_tui.files import load_model
from srn_tui.lessons import get_scenario
from srn_tui.narration.render import fmt_number as narration_number
from srn_tui.report import fmt_number, lesson_report

RELU_OVERFLOW = {
    "hidden_activation": "relu",
    "output_activation": "identity",
    "W_xh": [[1e200]],
    "W_hh": [[1e200]],
    "b_h": [0.0],
    "W_hy": [[1e100]],
    "b_y": [0.0],
}
LONG_DIGITS = re.compile(r"\d{13,}")


def strict_json(text: str) -> dict:
    def refuse(name: str):
        raise AssertionError(f"{name} is not JSON")

    return json.loads(text, parse_constant=refuse)


@pytest.fixture(scope="module")
def diverged_model(tmp_path_factory) -> Path:
    """The last finite model `train` saves after a divergence: its trace overflows."""
    path = tmp_path_factory.mktemp("diverged") / "last.json"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert main(["train", "--lr", "1e6", "--epochs", "200", "--freeze", "", "--save", str(path)]) == 3
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a NumPy RuntimeWarning fails the test instead of being printed
        code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "json"])
def test_trace_of_the_last_finite_model_after_a_divergence(capsys, diverged_model, fmt):
    code, out, err = run(capsys, "trace", "--model", str(diverged_model), "--format", fmt)
    assert code == 0
    shown = "null" if fmt == "json" else "inf or nan"
    assert err == f"srn-tui: values overflowed to Inf or NaN, first in loss(5); they are written as {shown}\n"
    if fmt == "json":
        doc = strict_json(out)
        assert doc["overflow"] == {"quantity": "loss", "t": 5} and doc["loss"] is None
        assert doc["steps"][4]["loss"] is None and doc["steps"][4]["target"] == [6.0]
    if fmt in ("table", "markdown"):  # csv and json carry full precision: 17 digits, never hundreds
        assert not LONG_DIGITS.search(out)


def test_overflow_names_the_first_quantity_and_tick(capsys, tmp_path):
    path = tmp_path / "relu.json"
    path.write_text(json.dumps(RELU_OVERFLOW))
    code, out, err = run(capsys, "trace", "--model", str(path), "--format", "json")
    assert code == 0 and err.startswith("srn-tui: values overflowed to Inf or NaN, first in a(2);")
    doc = strict_json(out)
    assert doc["steps"][0]["a"] == [1e200] and doc["steps"][1]["a"] == [None]
    assert doc["overflow"] == {"quantity": "a", "t": 2}
    assert doc["backward"]["grads"]["W_hh"] == [[None]]
    # The flow's norms: the engine's on the whole trace, with NaN and Inf as null.
    with np.errstate(all="ignore"):
        trace = forward(load_model(path), get_scenario("seed").sequences()[0])
        flow = target_flow(trace, 5)
    norms = [(s.grad_norm, s.jacobian_norm) for s in flow.steps]
    assert not all(np.isfinite(norms).flat)  # the case this checks: some norms overflowed
    expected = [[v if np.isfinite(v) else None for v in pair] for pair in norms]
    assert doc["flow"]["target"] == 5
    assert [[s["grad_norm"], s["jacobian_norm"]] for s in doc["flow"]["steps"]] == expected


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_readable_formats_write_large_numbers_in_scientific_notation(capsys, tmp_path, fmt):
    path = tmp_path / "relu.json"
    path.write_text(json.dumps(RELU_OVERFLOW))
    code, out, _ = run(capsys, "trace", "--model", str(path), "--format", fmt, "--lang", "en")
    assert code == 0
    assert not LONG_DIGITS.search(out)
    assert "1.000e+200" in out and "inf" in out
    if fmt == "markdown":  # the narration column too
        assert "a(1) = 1.00e+200 from the input" in out


def test_number_formats():
    assert [fmt_number(v) for v in (1e200, -2.5e6, 999_999.0, 0.0001, 0.5)] == [
        "1.000e+200", "-2.500e+06", "999999.000", "1.0e-04", "0.500",
    ]  # fmt: skip
    assert [narration_number(v) for v in (1e200, -2.5e6, 999_999.0)] == ["1.00e+200", "-2.50e+06", "999999.000"]


def test_the_apps_json_export_of_an_overflowed_trace_is_json(diverged_model):
    with np.errstate(all="ignore"):  # as the app's session computes its trace
        trace = forward(load_model(diverged_model), get_scenario("seed").sequences()[0])
        backward = bptt(trace)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for fmt in ("json", "markdown", "table", "csv"):
            text = lesson_report("seed", "t", trace, backward, fmt)
        doc = strict_json(lesson_report("seed", "t", trace, backward, "json"))
    assert doc["overflow"] == {"quantity": "loss", "t": 5} and "inf" in text


def test_no_warning_reaches_a_real_terminal(diverged_model):
    done = subprocess.run(
        [sys.executable, "-m", "srn_tui", "trace", "--model", str(diverged_model), "--format", "json"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0
    assert done.stderr.splitlines() == [
        "srn-tui: values overflowed to Inf or NaN, first in loss(5); they are written as null"
    ]
    strict_json(done.stdout)
