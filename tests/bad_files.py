"""Bad model and sequence files, one or more for every kind of problem the loaders name, and how to
make the problems that need a model and a sequence together (tests/test_problem_words.py).

Each case is (file name, content): text, bytes, or a dict written as JSON. `write_all` writes them into
a folder; `problems` loads each and returns the error it raised (every one must raise).
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import numpy as np

GOOD_MODEL = {
    "hidden_activation": "tanh",
    "output_activation": "identity",
    "loss": "mse",
    "W_xh": [[0.5], [0.2]],
    "W_hh": [[0.1, 0.0], [0.0, 0.1]],
    "b_h": [0.0, 0.0],
    "W_hy": [[1.0, 0.5]],
    "b_y": [0.0],
}


def _model(**changes: object) -> dict:
    model = dict(GOOD_MODEL)
    for key, value in changes.items():
        if value is None:
            model.pop(key)
        else:
            model[key] = value
    return model


def _npz(**arrays: object) -> bytes:
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return buffer.getvalue()


def _zip_of(name: str, data: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, data)
    return buffer.getvalue()


MODELS: list[tuple[str, object]] = [
    ("binary.json", b'{"a": 1}\x00'),
    ("latin.json", b'{"a": "\xff"}'),
    ("blank.json", "  \n"),
    ("broken.json", '{"W_xh": [1, 2'),
    ("deep.json", "[" * 100_000 + "]" * 100_000),
    ("duplicate.json", '{"W_xh": 1, "W_xh": 2}'),
    ("list.json", [1, 2]),
    ("unknown-key.json", _model(W_zz=[1])),
    ("missing.json", _model(b_y=None)),
    ("huge-number.json", json.dumps(_model()).replace('"b_y": [0.0]', '"b_y": [' + "9" * 400 + "]")),
    ("overflow.json", json.dumps(_model()).replace('"b_y": [0.0]', '"b_y": [1e999]')),
    ("string-number.json", _model(b_y=["one"])),
    ("bool-number.json", _model(W_hh=[[True, 0.0], [0.0, 0.1]])),
    ("nan.json", json.dumps(_model()).replace('"b_y": [0.0]', '"b_y": [NaN]')),
    ("not-rows.json", _model(W_hh="rows")),
    ("empty-row.json", _model(W_hh=[[0.1, 0.0], []])),
    ("row-not-list.json", _model(W_hh=[[0.1, 0.0], "x"])),
    ("ragged.json", _model(W_hh=[[0.1, 0.0], [0.0]])),
    ("wide.json", _model(W_xh=[[0.5] * 401, [0.2] * 401])),
    ("text-key.json", _model(hidden_activation=3)),
    ("not-matrix.json", _model(W_hy=True)),
    ("not-vector.json", _model(b_h={"a": 1})),
    ("empty-matrix.json", _model(W_hy=[])),
    ("empty-vector.json", _model(b_h=[])),
    ("flat.json", _model(W_hy=[1.0, 0.5])),
    ("activation.json", _model(hidden_activation="cosh")),
    ("feedback.json", _model(feedback="sideways")),
    ("identity-ce.json", _model(loss="cross_entropy")),
    ("shape.json", _model(W_xh=[[0.5, 0.1], [0.2]])),
    ("shape2.json", _model(b_h=[0.0, 0.0, 0.0])),
    ("zero.json", _model(W_hy=[[]])),
    ("model.txt", _model()),
    ("model", _model()),
    ("not-zip.npz", b"PK\x03\x04 not really"),
    ("plain.npz", b"just text"),
    ("object.npz", _npz(W_xh=np.array([object()], dtype=object))),
    ("complex.npz", _npz(W_xh=np.array([1j]))),
    ("cube.npz", _npz(W_xh=np.zeros((1, 1, 1)))),
    ("bomb.npz", _zip_of("W_xh.npy", b"\0" * 21_000_000)),
    ("not-npy.npz", _zip_of("W_xh.npy", b"not an array")),
]

SEQUENCES: list[tuple[str, object]] = [
    ("empty.csv", "\n\n"),
    ("header-only.csv", "x,target\n"),
    ("unquoted.csv", 'x,target\n1,"2\n'),
    ("no-name.csv", "x,,target\n1,2,3\n"),
    ("twice.csv", "x,x\n1,2\n"),
    ("unknown.csv", "x,y,z\n1,2,3\n"),
    ("no-input.csv", "target\n1\n"),
    ("both.csv", "x,x2\n1,2\n"),
    ("gap.csv", "x1,x3\n1,2\n"),
    ("blank-row.csv", "x,target\n1,2\n,\n3,4\n"),
    ("cells.csv", "x,target\n1,2,3\n"),
    ("partial.csv", "x,target1,target2\n1,,2\n"),
    ("empty-cell.csv", "x1,x2\n1,\n"),
    ("word.csv", "x\nabc\n"),
    ("inf.csv", "x\ninf\n"),
    ("big.csv", "x\n1e999\n"),
    ("moved.csv", "\n\nx\n1\nabc\n"),
    ("wide.csv", ",".join(f"x{k}" for k in range(1, 402)) + "\n" + ",".join(["1"] * 401) + "\n"),
    ("long.csv", "x\n" + "1\n" * 50_001),
    ("heavy.csv", ",".join(f"x{k}" for k in range(1, 301)) + "\n" + (",".join(["1"] * 300) + "\n") * 20_000),
    ("object.json", {"inputs": [1], "extra": 2}),
    ("not-object.json", "3"),
    ("no-inputs.json", {"targets": [1]}),
    ("empty-inputs.json", {"inputs": []}),
    ("targets.json", {"inputs": [1, 2, 3], "targets": [1, 2]}),
    ("null-row.json", {"inputs": [1, 2], "targets": [[1], []]}),
    ("long.json", {"inputs": [0] * 50_001}),
    ("wide-row.json", {"inputs": [[0] * 401]}),
    ("heavy.json", {"inputs": [[0] * 300] * 20_000}),
    ("sequence.txt", "x\n1\n"),
]


def write_all(folder: Path, cases: list[tuple[str, object]]) -> list[Path]:
    paths = []
    for name, content in cases:
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content)
        else:
            path.write_text(json.dumps(content))
        paths.append(path)
    return paths


def problems(folder: Path) -> list[Exception]:
    """Every case loaded (models with load_model, sequences with load_sequence); the errors raised."""
    from srn_tui.files import load_model, load_sequence

    found = []
    for load, cases in ((load_model, MODELS), (load_sequence, SEQUENCES)):
        for path in write_all(folder, cases):
            try:
                load(path)
            except Exception as exc:
                found.append(exc)
            else:
                raise AssertionError(f"{path.name} loaded")
    return found
