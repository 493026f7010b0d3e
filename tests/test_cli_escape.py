"""The command line never writes outside text raw: hostile file names and arguments come back
escaped, on one line, cut to a sane length; and messages name what is wrong."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hostile import HOSTILE, NAMES, assert_clean_output
from shared import run

from srn_tui.files import model_to_dict
from srn_tui.lessons import get_scenario
from srn_tui.printable import printable

SHOWN = dict(HOSTILE)
SEED_MODEL = model_to_dict(get_scenario("seed").model())


def one_line_error(capfdbinary, *argv: str) -> str:
    """Runs argv, which must fail with exit 2, nothing on stdout, and one clean line on stderr."""
    code, out, err = run(capfdbinary, *argv)
    assert (code, out) == (2, b""), err
    return assert_clean_output(err, lines=1)


@pytest.mark.parametrize("name", NAMES, ids=range(len(NAMES)))
def test_a_missing_file_with_a_hostile_name_is_named_escaped(capfdbinary, tmp_path, name):
    line = one_line_error(capfdbinary, "trace", "--model", str(tmp_path / name))
    assert SHOWN[name] in line and "file not found" in line


@pytest.mark.parametrize("name", NAMES, ids=range(len(NAMES)))
def test_a_bad_file_with_a_hostile_name_is_named_escaped(capfdbinary, tmp_path, name):
    (tmp_path / name).write_text('{"W_xh": ')
    line = one_line_error(capfdbinary, "trace", "--sequence", str(tmp_path / name))
    assert SHOWN[name] in line and "invalid JSON" in line


@pytest.mark.parametrize("name", NAMES, ids=range(len(NAMES)))
def test_a_good_model_with_a_hostile_name_traces_with_the_name_escaped(capfdbinary, tmp_path, name):
    (tmp_path / name).write_text(json.dumps(SEED_MODEL))
    code, out, err = run(capfdbinary, "trace", "--scenario", "seed", "--model", str(tmp_path / name))
    assert (code, err) == (0, b"")
    assert SHOWN[name] in assert_clean_output(out).splitlines()[0]  # the heading names the lesson


@pytest.mark.parametrize("name", [n.replace(".json", ".txt") for n in NAMES[:4]], ids=range(4))
def test_a_text_lesson_with_a_hostile_name_and_control_characters_inside(capfdbinary, tmp_path, name):
    (tmp_path / name).write_text("ab\x1b]0;pwned\x07ab\x1b[2Jab\u202eab" * 3)
    for command in (["trace"], ["train", "--epochs", "2"]):
        code, out, err = run(capfdbinary, *command, "--text", str(tmp_path / name))
        assert code == 0, err
        text = assert_clean_output(out)
        assert_clean_output(err)
        assert f"text:{printable(name)}" in text


def test_saving_to_a_hostile_name_in_a_missing_directory(capfdbinary, tmp_path):
    target = tmp_path / "no such dir" / "m\x1b]0;pwned\x07.json"
    line = one_line_error(capfdbinary, "train", "--epochs", "1", "--save", str(target))
    assert "m\\x1b]0;pwned\\x07.json" in line and "cannot write" in line


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["train", "--save", "m\x1b[2J\n.txt"], "m\\x1b[2J\\n.txt: model files end in .json or .npz"),
        (["trace", "--bogus", "\x1b]52;c;cHduZWQ=\x07"], "unrecognized arguments: --bogus \\x1b]52;c;cHduZWQ=\\x07"),
        (["trace", "--format", "\x1b[2J"], "invalid choice: '\\x1b[2J'"),
        (["train", "--lr", "\x9b31m"], "must be a number, found '\\x9b31m'"),
        (["train", "--freeze", "W\u202exh"], "unknown parameter 'W\\u202exh'"),
        (["trace", "--scenario", "x\x1b]0;pwned\x07"], "unknown scenario 'x\\x1b]0;pwned\\x07'"),
        (["--lang", "\x7f"], "invalid choice: '\\x7f'"),
    ],
)
def test_echoed_arguments_are_escaped(capfdbinary, argv, fragment):
    assert fragment in one_line_error(capfdbinary, *argv)


@pytest.mark.parametrize(
    ("flag", "value"),
    [("--epochs", "9" * 5000), ("--epochs", "x" * 5000), ("--lr", "1" * 5000)],
    ids=["epochs-digits", "epochs-letters", "lr-digits"],
)
def test_a_5000_character_value_is_not_echoed_whole(capfdbinary, flag, value):
    line = one_line_error(capfdbinary, "train", flag, value)
    assert f"argument {flag}:" in line and len(line) < 200


def test_a_5000_digit_epochs_says_too_large_not_not_a_number(capfdbinary):
    assert "too large" in one_line_error(capfdbinary, "train", "--epochs", "9" * 5000)


@pytest.mark.parametrize("value", ["-1", "-99999999999999999999"])
def test_a_negative_seed_names_the_seed_flag(capfdbinary, value):
    line = one_line_error(capfdbinary, "train", "--init", "xavier", "--seed", value)
    assert "argument --seed: must be at least 0" in line


@pytest.mark.parametrize("where", ["W_hh", "b_h", "hidden_activation"])
def test_a_5000_digit_integer_names_the_file_and_the_key(capfdbinary, tmp_path, where):
    text = json.dumps(dict(SEED_MODEL, **{where: "@"})).replace('"@"', "1" * 5000)
    path = tmp_path / "big.json"
    path.write_text(text)
    line = one_line_error(capfdbinary, "trace", "--model", str(path))
    assert f"{path}: {where}" in line and "5,000" in line and "4300" not in line, line


def test_a_5000_digit_number_in_a_sequence_names_the_row(capfdbinary, tmp_path):
    path = tmp_path / "s.json"
    path.write_text('{"inputs": [1, 2, -' + "7" * 5000 + "], " + '"targets": [null, null, 1e999]}')
    line = one_line_error(capfdbinary, "trace", "--sequence", str(path))
    assert f"{path}: inputs: row 3: number too large" in line


def test_a_model_that_does_not_fit_the_lessons_sequence_names_the_sequence(capfdbinary, tmp_path):
    path = tmp_path / "three-inputs.json"
    path.write_text(json.dumps(dict(SEED_MODEL, W_xh=[[0.5, 0.1, 0.2]])))
    line = one_line_error(capfdbinary, "trace", "--model", str(path))
    assert line.startswith("srn-tui: the seed lesson's built-in sequence: 1 input column(s)")
    assert line.endswith(f"the model expects 3 (model {path})\n")
    line = one_line_error(capfdbinary, "trace", "--scenario", "letters", "--model", str(path))
    assert line.startswith("srn-tui: the letters lesson's built-in sequence: 6 input column(s)")


def test_hostile_names_through_the_installed_command(tmp_path):
    """The real process: raw bytes on stderr, as a terminal would receive them."""
    name = "x\x1b]0;pwned\x07\x1b]52;c;cHduZWQ=\x07\x1b[2J\n.json"
    result = subprocess.run(
        [sys.executable, "-m", "srn_tui", "trace", "--model", os.fsencode(tmp_path / name)],
        capture_output=True,
        timeout=120,
    )
    assert (result.returncode, result.stdout) == (2, b"")
    line = assert_clean_output(result.stderr, lines=1)
    assert "\\x1b]0;pwned\\x07\\x1b]52;c;cHduZWQ=\\x07\\x1b[2J\\n.json: file not found" in line


def test_a_name_that_is_not_utf8_is_shown_by_its_bytes(tmp_path):
    path = os.fsencode(tmp_path) + b"/\xff\x1b[2J.json"
    Path(os.fsdecode(path)).write_text("[")
    result = subprocess.run(
        [sys.executable, "-m", "srn_tui", "trace", "--model", path], capture_output=True, timeout=120
    )
    assert result.returncode == 2
    assert "\\xff\\x1b[2J.json: invalid JSON" in assert_clean_output(result.stderr, lines=1)


def test_saving_under_a_hostile_name_writes_that_file_and_says_so_escaped(capfdbinary, tmp_path):
    target = tmp_path / "m\x1b]0;pwned\x07\n.json"
    code, out, err = run(capfdbinary, "train", "--epochs", "1", "--save", str(target))
    assert (code, err) == (0, b"")
    assert "saved " + printable(str(target)) in assert_clean_output(out)
    assert json.loads(target.read_text())["W_xh"]
