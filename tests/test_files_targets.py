"""Targets that cross-entropy cannot take are refused when a model and a sequence meet: by the
commands (exit 2, one line naming the file, row and value) and by the app's session (unchanged)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from shared import seed_session, session_for

from srn_tui.cli import main
from srn_tui.files import InputError, load_model, load_sequence
from srn_tui.lessons import resolve_lesson

SIGMOID_CE = {
    "hidden_activation": "tanh",
    "output_activation": "sigmoid",
    "loss": "cross_entropy",
    "W_xh": [[0.5]],
    "W_hh": [[0.1]],
    "b_h": [0.0],
    "W_hy": [[1.0]],
    "b_y": [0.0],
}
SOFTMAX = {
    "hidden_activation": "tanh",
    "output_activation": "softmax",
    "W_xh": [[0.5], [0.2]],
    "W_hh": [[0.1, 0.0], [0.0, 0.1]],
    "b_h": [0.0, 0.0],
    "W_hy": [[1.0, 0.0], [0.0, 1.0]],
    "b_y": [0.0, 0.0],
}


def _write(path: Path, content: str | dict) -> Path:
    path.write_text(json.dumps(content) if isinstance(content, dict) else content)
    return path


# (model, sequence file name, content, the words the one line must hold)
REFUSED = [
    (SIGMOID_CE, "above.csv", "x,target\n1,\n2,0\n3,1.5\n", ["above.csv: row 3, column target: 1.5 is outside [0, 1]"]),
    (SIGMOID_CE, "below.json", '{"inputs": [1, 2], "targets": [null, -0.25]}', ["below.json: targets: row 2: -0.25"]),
    (
        SOFTMAX,
        "negative.csv",
        "x,target1,target2\n1,0.5,0.5\n2,1.2,-0.2\n",
        ["row 2, column target2: -0.2 is negative"],
    ),
    (
        SOFTMAX,
        "sum.csv",
        "x,target1,target2\n1,0.5,0.5\n2,0.7,0.2\n",
        ["sum.csv: row 2: the targets sum to 0.9, not 1"],
    ),
    (
        SOFTMAX,
        "sum.json",
        '{"inputs": [1, 2], "targets": [[0.2, 0.2], [0.5, 0.5]]}',
        ["targets: row 1: the targets sum to 0.4"],
    ),
]


@pytest.mark.parametrize(("model", "name", "content", "words"), REFUSED, ids=[r[1] for r in REFUSED])
def test_commands_refuse_targets_the_loss_cannot_take(capsys, tmp_path, model, name, content, words):
    model_path = _write(tmp_path / "model.json", model)
    seq_path = _write(tmp_path / name, content)
    for command in ("trace", "train"):
        code = main([command, "--model", str(model_path), "--sequence", str(seq_path)])
        out, err = capsys.readouterr()
        assert code == 2 and out == ""
        assert len(err.strip().splitlines()) == 1
        for w in words:
            assert w in err, err
        assert "model.json's" in err and "cross_entropy" in err


def test_the_lessons_own_data_with_a_sigmoid_cross_entropy_model_blames_the_model(tmp_path):
    model_path = _write(tmp_path / "bce.json", SIGMOID_CE)
    with pytest.raises(InputError) as seed_err:
        resolve_lesson(model_path=str(model_path))
    assert str(seed_err.value).startswith(
        f"{model_path}: a sigmoid output with cross_entropy loss needs targets in [0, 1]"
    )
    assert "the seed lesson has 6 at tick 5" in str(seed_err.value)
    with pytest.raises(InputError, match=r"the sine lesson has -0\.382683 at tick 9 \(sequence 1\)"):
        resolve_lesson("sine", model_path=str(model_path))


def test_bits_pass_with_binary_cross_entropy(tmp_path):
    model_path = _write(tmp_path / "bce.json", SIGMOID_CE)
    lesson = resolve_lesson("temporal-xor", model_path=str(model_path))
    assert lesson.model.loss == "cross_entropy" and lesson.model.output_activation == "sigmoid"
    seq = _write(tmp_path / "soft.csv", "x,target1,target2\n1,0.25,0.75\n2,1,0\n3,,\n")
    resolve_lesson(model_path=str(_write(tmp_path / "soft.json", SOFTMAX)), sequence_path=str(seq))


def test_the_app_session_refuses_and_stays_unchanged(tmp_path):
    session = seed_session()
    before = session.model
    with pytest.raises(InputError, match="bce.json: a sigmoid output .* but the seed lesson has 6 at tick 5"):
        session.replace_model(load_model(_write(tmp_path / "bce.json", SIGMOID_CE)), "bce.json")
    assert session.model is before

    session = session_for("temporal-xor")
    session.replace_model(load_model(_write(tmp_path / "bce.json", SIGMOID_CE)), "bce.json")
    shown = session.sequence
    bad = load_sequence(_write(tmp_path / "bad.csv", "x,target\n1,0\n2,2\n"))
    with pytest.raises(InputError, match=r"bad\.csv: row 2, column target: 2 is outside \[0, 1\]"):
        session.replace_sequence(bad, "bad.csv")
    assert session.sequence is shown
