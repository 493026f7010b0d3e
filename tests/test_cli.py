"""The command line, driven as a user would: argv in, stdout/stderr/exit status and files out."""

from __future__ import annotations

import csv
import io
import json
import math
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest
from shared import handout_narration, run, squeeze

from srn_tui.engine import PARAM_NAMES, bptt, forward
from srn_tui.lessons import get_scenario

SEED_H = [0.462, 0.780, 0.918, 0.970, 0.989]


def seed_model_dict(**changes) -> dict:
    d = {
        "hidden_activation": "tanh",
        "output_activation": "identity",
        "W_xh": [[0.5]],
        "W_hh": [[0.1]],
        "b_h": [0.0],
        "W_hy": [[1.0]],
        "b_y": [0.0],
    }
    d.update(changes)
    return d


def test_scenarios_lists_the_default_lesson(capsys):
    code, out, _ = run(capsys, "scenarios")
    assert code == 0
    assert any(line.startswith("seed") and "(default)" in line for line in out.splitlines())


def test_trace_table_shows_the_articles_hidden_states(capsys):
    code, out, _ = run(capsys, "trace", "--scenario", "seed")
    assert code == 0
    rows = [line.split("|") for line in out.splitlines() if line.strip()[:1].isdigit() and "|" in line]
    assert [int(r[0]) for r in rows] == [1, 2, 3, 4, 5]
    header = [c.strip() for c in next(line for line in out.splitlines() if line.strip().startswith("t |")).split("|")]
    h_col = header.index("h")
    assert [float(r[h_col]) for r in rows] == SEED_H


def test_trace_json_is_exactly_the_documented_document(capsys):
    code, out, _ = run(capsys, "trace", "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert set(doc) == {"model", "steps", "loss", "overflow", "backward", "flow"}  # flow: tests/test_cli_flow.py
    assert doc["overflow"] is None
    assert set(doc["model"]) >= {"hidden_activation", "output_activation", *PARAM_NAMES}
    assert [s["t"] for s in doc["steps"]] == [1, 2, 3, 4, 5]
    for s in doc["steps"]:
        assert set(s) == {
            "t",
            "x",
            "h_prev",
            "a",
            "h",
            "o",
            "y",
            "target",
            "loss",
            "x_symbol",
            "y_symbol",
            "target_symbol",
        }
        assert (s["x_symbol"], s["y_symbol"], s["target_symbol"]) == (None, None, None)  # seed: numbers, no symbols
    assert [round(s["h"][0], 3) for s in doc["steps"]] == SEED_H
    assert [s["target"] for s in doc["steps"][:4]] == [None] * 4 and doc["steps"][4]["target"] == [6.0]
    assert [s["loss"] for s in doc["steps"][:4]] == [None] * 4
    h5 = doc["steps"][4]["h"][0]
    assert doc["loss"] == pytest.approx(0.5 * (h5 - 6.0) ** 2, rel=1e-12)
    assert set(doc["backward"]) == {"steps", "grads"}
    assert [set(s) for s in doc["backward"]["steps"]] == [{"t", "delta_h", "delta_a"}] * 5
    assert set(doc["backward"]["grads"]) == set(PARAM_NAMES)
    # dL/dW_hy = (y5 - 6) * h5, worked by hand.
    assert doc["backward"]["grads"]["W_hy"][0][0] == pytest.approx((h5 - 6.0) * h5, rel=1e-12)


def test_trace_csv_has_one_row_per_tick_with_full_precision(capsys):
    code, out, _ = run(capsys, "trace", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 5
    assert float(rows[0]["h"]) == pytest.approx(np.tanh(0.5), abs=1e-15)
    assert rows[0]["target"] == "" and float(rows[4]["target"]) == 6.0


def test_trace_markdown_is_a_handout_with_narration(capsys):
    code, out, _ = run(capsys, "trace", "--format", "markdown", "--lang", "en")
    assert code == 0
    assert out.startswith("# seed")
    forward_pass = out.split("## Forward pass")[1].split("##")[0]
    tick_rows = [line for line in forward_pass.splitlines() if line.startswith("| 1 |") or line.startswith("| 5 |")]
    assert len(tick_rows) == 2 and "0.462" in tick_rows[0] and "0.989" in tick_rows[1]
    assert tick_rows[0].count("|") == 12  # t, 7 fields, loss and 2 deltas: the seed's ticks fit one row each
    notes = handout_narration(out)  # each tick's narration follows the table, one paragraph a tick
    assert sorted(notes) == [1, 2, 3, 4, 5] and "h(5)=tanh(2.597)=0.989" in notes[5]


def test_train_seed_learns_the_articles_output_weight(capsys, tmp_path):
    saved = tmp_path / "trained.json"
    code, out, _ = run(
        capsys,
        "train", "--scenario", "seed", "--freeze", "W_xh,W_hh,b_h,b_y", "--optimizer", "sgd",
        "--lr", "0.1", "--epochs", "400", "--save", str(saved),
    )  # fmt: skip
    assert code == 0
    model = json.loads(saved.read_text())
    h = 0.0
    for x in range(1, 6):  # the article's recurrence, by hand
        h = math.tanh(0.5 * x + 0.1 * h)
    assert model["W_hy"][0][0] == pytest.approx(6.0 / h, abs=1e-9)
    assert round(model["W_hy"][0][0], 3) == 6.067
    assert (model["W_xh"], model["W_hh"], model["b_h"], model["b_y"]) == ([[0.5]], [[0.1]], [0.0], [0.0])
    assert "6.067" in out


def test_one_sgd_epoch_moves_every_unfrozen_parameter_by_minus_lr_times_its_gradient(capsys, tmp_path):
    lesson = get_scenario("seed")
    grads = bptt(forward(lesson.model(), lesson.sequences()[0])).grads
    saved = tmp_path / "one.npz"
    argv = ["train", "--epochs", "1", "--lr", "0.05", "--optimizer", "sgd", "--freeze", "", "--save", str(saved)]
    code, _, _ = run(capsys, *argv)
    assert code == 0
    with np.load(saved, allow_pickle=False) as after:
        for name in PARAM_NAMES:
            before = lesson.model().params[name]
            expected = before if name == "h0" else before - 0.05 * grads[name]  # h0 is fixed unless asked
            np.testing.assert_allclose(after[name], expected, rtol=0, atol=1e-15)


def test_train_json_reports_every_epoch(capsys):
    code, out, _ = run(capsys, "train", "--epochs", "3", "--format", "json")
    assert code == 0
    epochs = json.loads(out)["epochs"]
    assert [e["epoch"] for e in epochs] == [1, 2, 3]
    assert all(set(e) == {"epoch", "loss", "grad_norm"} for e in epochs)
    assert epochs[0]["loss"] > epochs[2]["loss"]
    assert json.loads(out)["target_ticks"] == 1  # the seed lesson: one target, at t = 5


def test_train_table_gives_the_mean_loss_per_target_tick(capsys):
    code, out, _ = run(capsys, "train", "--scenario", "temporal-xor", "--epochs", "2")
    assert code == 0
    assert "loss: summed over the 1120 ticks with a target" in out  # 32 streams of 35 ticks
    epochs = out.split("grad_norm\n", 1)[1].split("\n\n", 1)[0]  # the epoch table, up to its blank line
    rows = [line.split() for line in epochs.splitlines()]
    assert [r[0] for r in rows] == ["1", "2"]
    for _, loss, per, _ in rows:
        assert float(per) == pytest.approx(float(loss) / 1120, rel=1e-5)


def test_divergence_exits_3_names_the_epoch_and_saves_the_last_finite_model(capsys, tmp_path):
    saved = tmp_path / "last.json"
    code, _, err = run(capsys, "train", "--lr", "1e6", "--epochs", "200", "--freeze", "", "--save", str(saved))
    assert code == 3
    assert "diverged at epoch" in err and len(err.strip().splitlines()) == 1
    model = json.loads(saved.read_text())
    assert all(np.all(np.isfinite(np.array(model[name], dtype=float))) for name in PARAM_NAMES)


@pytest.mark.parametrize(
    "argv, fragment",
    [
        (["train", "--epochs", "-1"], "--epochs"),
        (["train", "--optimizer", "rmsprop"], "rmsprop"),
        (["train", "--freeze", "W_xx"], "W_xx"),
        (["train", "--lr", "0"], "--lr"),
        (["train", "--lr", "nan"], "--lr"),
        (["train", "--truncate", "0"], "--truncate"),
        (["train", "--save", "model.txt"], "model.txt"),
        (["trace", "--format", "xml"], "xml"),
        (["trace", "--scenario", "nope"], "nope"),
        (["frobnicate"], "frobnicate"),
    ],
)
def test_bad_flags_exit_2_with_one_line(capsys, tmp_path, monkeypatch, argv, fragment):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert fragment in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def _write(path: Path, content: str | bytes) -> Path:
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    return path


MALFORMED_MODELS = {
    "wrong_shape.json": (json.dumps(seed_model_dict(W_hh=[[0.1, 0.2]])), "W_hh"),
    "unknown_activation.json": (json.dumps(seed_model_dict(hidden_activation="swish")), "swish"),
    "nan.json": (json.dumps(seed_model_dict(W_xh=[[float("nan")]])), "W_xh"),
    "ragged.json": (json.dumps(seed_model_dict(W_xh=[[0.5], [0.1, 0.2]])), "W_xh"),
    "empty.json": ("", "empty"),
    "garbage.json": (bytes(range(256)) * 4, "binary"),
    "not_json.json": ("{ nope", "json"),
}


@pytest.mark.parametrize("name", sorted(MALFORMED_MODELS))
def test_malformed_model_files_exit_2_naming_file_and_problem(capsys, tmp_path, name):
    content, fragment = MALFORMED_MODELS[name]
    path = _write(tmp_path / name, content)
    saved = tmp_path / "out.json"
    code, out, err = run(capsys, "train", "--model", str(path), "--save", str(saved))
    assert code == 2, err
    assert name in err and fragment.lower() in err.lower() and len(err.strip().splitlines()) == 1
    assert not saved.exists() and out == ""


def test_npz_with_an_object_array_is_refused(capsys, tmp_path):
    path = tmp_path / "evil.npz"
    arrays = {k: np.array(v) for k, v in seed_model_dict().items()}
    arrays["W_hh"] = np.array([[0.1, "x"]], dtype=object)
    np.savez(path, **arrays)  # pickles the object array; loading must refuse it
    code, _, err = run(capsys, "trace", "--model", str(path))
    assert code == 2 and "evil.npz" in err and "W_hh" in err


def test_npz_that_is_not_a_zip_is_refused(capsys, tmp_path):
    path = _write(tmp_path / "fake.npz", b"PK\x03\x04 not really a zip")
    code, _, err = run(capsys, "trace", "--model", str(path))
    assert code == 2 and "fake.npz" in err
    assert zipfile.is_zipfile(path) is False


MALFORMED_SEQUENCES = {
    "non_numeric.csv": ("x,target\n1,\n2,\nabc,\n", "row"),
    "ragged.csv": ("x,target\n1,\n2,3,4\n", "row"),
    "empty.csv": ("", "empty"),
    "header_only.csv": ("x,target\n", "no"),
    "nan.csv": ("x,target\n1,\nnan,\n", "row"),
    "too_wide.csv": ("x1,x2,target\n1,2,\n3,4,6\n", "input"),
    "garbage.csv": (b"\x00\x01\x02binary\xff\xfe", "binary"),
    "bad.json": ('{"inputs": [[1], [2, 3]]}', "inputs"),
}


@pytest.mark.parametrize("name", sorted(MALFORMED_SEQUENCES))
def test_malformed_sequence_files_exit_2_naming_file_and_problem(capsys, tmp_path, name):
    content, fragment = MALFORMED_SEQUENCES[name]
    path = _write(tmp_path / name, content)
    code, out, err = run(capsys, "trace", "--sequence", str(path))
    assert code == 2, err
    assert name in err and fragment.lower() in err.lower() and len(err.strip().splitlines()) == 1
    assert out == ""


def test_files_too_large_to_be_sensible_are_refused_without_reading(capsys, tmp_path):
    from srn_tui.files import MAX_FILE_BYTES

    path = tmp_path / "huge.csv"
    with path.open("wb") as f:
        f.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk
    code, _, err = run(capsys, "trace", "--sequence", str(path))
    assert code == 2 and "huge.csv" in err and "MB" in err


def test_own_model_and_sequence_files_trace(capsys, tmp_path):
    model = _write(tmp_path / "m.json", json.dumps(seed_model_dict(W_hh=[[0.0]])))
    seq = _write(tmp_path / "s.csv", "x,target\n1,\n2,0.5\n")
    code, out, err = run(capsys, "trace", "--model", str(model), "--sequence", str(seq), "--format", "json")
    assert code == 0, err
    steps = json.loads(out)["steps"]
    assert [s["h"][0] for s in steps] == pytest.approx([np.tanh(0.5), np.tanh(1.0)], abs=1e-15)
    assert steps[1]["target"] == [0.5]


def _subprocess(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    return subprocess.run(
        [sys.executable, "-m", "srn_tui", *args],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env=env,
        timeout=60,
    )


def test_app_without_a_terminal_exits_2_instead_of_hanging():
    proc = _subprocess()
    assert proc.returncode == 2
    assert "terminal" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


def test_python_dash_m_runs_the_cli():
    proc = _subprocess("trace", "--format", "csv")
    assert proc.returncode == 0 and proc.stdout.startswith("t,x,")


def test_text_file_becomes_a_character_level_lesson(capsys, tmp_path):
    path = _write(tmp_path / "poem.txt", "abcabcabd")
    code, out, err = run(capsys, "trace", "--text", str(path), "--format", "json")
    assert code == 0, err
    doc = json.loads(out)
    vocab = sorted(set("abcabcabd"))
    assert len(doc["steps"]) == 8  # every character but the last predicts the next
    for t, step in enumerate(doc["steps"]):
        assert step["x"] == [1.0 if c == "abcabcabd"[t] else 0.0 for c in vocab]
        assert step["target"] == [1.0 if c == "abcabcabd"[t + 1] else 0.0 for c in vocab]
    assert doc["model"]["output_activation"] == "softmax" and doc["model"]["loss"] == "cross_entropy"


def test_text_lessons_train_and_narrate_the_characters(capsys, tmp_path):
    path = _write(tmp_path / "word.txt", "hello hello")
    code, out, _ = run(capsys, "train", "--text", str(path), "--epochs", "30", "--format", "json")
    epochs = json.loads(out)["epochs"]
    assert code == 0 and epochs[-1]["loss"] < epochs[0]["loss"]
    code, out, _ = run(capsys, "trace", "--text", str(path), "--format", "markdown", "--lang", "en")
    assert code == 0 and squeeze('x(1) is "h"') in handout_narration(out)[1]


@pytest.mark.parametrize(
    "content, extra, fragment",
    [
        ("x", [], "at least 2"),
        (b"\x7fELF\x00\x00binary", [], "binary"),
        ("hello", ["--scenario", "seed"], "--text"),
    ],
)
def test_bad_text_lessons_exit_2(capsys, tmp_path, content, extra, fragment):
    path = _write(tmp_path / "in.txt", content)
    code, out, err = run(capsys, "trace", "--text", str(path), *extra)
    assert code == 2 and fragment in err and len(err.strip().splitlines()) == 1 and out == ""
