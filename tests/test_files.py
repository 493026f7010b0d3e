"""Model and sequence files: exact round trips, one-line errors for every bad input, atomic writes."""

from __future__ import annotations

import json
import os
import tempfile
import zipfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shared import error_of

from srn_tui.engine import HIDDEN_ACTIVATIONS, PARAM_NAMES, DataSequence, Model
from srn_tui.files import (
    MAX_FILE_BYTES,
    InputError,
    load_model,
    load_sequence,
    model_files,
    model_from_dict,
    model_to_dict,
    save_model,
    save_sequence,
    write_text_atomic,
)
from srn_tui.lessons import get_scenario

MODEL_KEYS = ["hidden_activation", "output_activation", "loss", "W_xh", "W_hh", "b_h", "W_hy", "b_y", "h0"]
finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)


def seed_dict() -> dict:
    return model_to_dict(get_scenario("seed").model())


def two_unit_dict() -> dict:
    """I = 1, H = 2, O = 1: big enough that shape mistakes are visible."""
    return {
        "hidden_activation": "tanh",
        "output_activation": "identity",
        "W_xh": [[0.5], [0.2]],
        "W_hh": [[0.1, 0.0], [0.0, 0.1]],
        "b_h": [0.0, 0.0],
        "W_hy": [[1.0, 1.0]],
        "b_y": [0.0],
    }


def write(path: Path, text: str | bytes) -> Path:
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def assert_same_model(a: Model, b: Model) -> None:
    assert (a.hidden_activation, a.output_activation, a.loss) == (b.hidden_activation, b.output_activation, b.loss)
    for name in PARAM_NAMES:
        assert a.params[name].shape == b.params[name].shape, name
        assert np.array_equal(a.params[name], b.params[name]), name


def assert_same_sequence(a: DataSequence, b: DataSequence) -> None:
    assert np.array_equal(a.inputs, b.inputs)
    assert np.array_equal(a.mask, b.mask)
    if a.mask.any():
        assert np.array_equal(a.targets[a.mask], b.targets[b.mask])


def no_temp_files(directory: Path) -> bool:
    return not [p for p in directory.iterdir() if p.name.endswith(".tmp")]


# --- round trips ---------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".json", ".npz"])
def test_seed_model_round_trips_exactly(tmp_path, suffix):
    model = get_scenario("seed").model()
    save_model(model, tmp_path / f"seed{suffix}")
    loaded = load_model(tmp_path / f"seed{suffix}")
    assert_same_model(model, loaded)
    assert float(loaded.params["W_hh"][0, 0]) == 0.1
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"seed{suffix}"]


def test_model_to_dict_has_exactly_the_file_keys_and_is_json():
    d = seed_dict()
    assert list(d) == MODEL_KEYS
    assert d["W_xh"] == [[0.5]] and d["b_h"] == [0.0] and d["loss"] == "mse"
    assert json.loads(json.dumps(d)) == d
    assert_same_model(model_from_dict(d), get_scenario("seed").model())


def test_json_model_file_keeps_one_matrix_row_per_line(tmp_path):
    model = Model({k: np.array(v) for k, v in two_unit_dict().items() if k.startswith(("W", "b"))})
    save_model(model, tmp_path / "m.json")
    text = (tmp_path / "m.json").read_text()
    assert "    [0.1, 0.0],\n    [0.0, 0.1]\n" in text
    assert json.loads(text) == model_to_dict(model)


@st.composite
def models(draw):
    I, H, O = (draw(st.integers(1, 4)) for _ in range(3))
    output = draw(st.sampled_from(["identity", "sigmoid", "softmax"]))
    loss = draw(st.sampled_from(["mse", "cross_entropy"])) if output != "identity" else "mse"
    shapes = {"W_xh": (H, I), "W_hh": (H, H), "b_h": (H,), "W_hy": (O, H), "b_y": (O,), "h0": (H,)}
    params = {
        k: np.array(draw(st.lists(finite, min_size=int(np.prod(s)), max_size=int(np.prod(s))))).reshape(s)
        for k, s in shapes.items()
    }
    return Model(params, draw(st.sampled_from(HIDDEN_ACTIVATIONS)), output, loss)


@settings(max_examples=30, deadline=None)
@given(model=models(), suffix=st.sampled_from([".json", ".npz"]))
def test_random_models_round_trip_exactly(model, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"model{suffix}"
        save_model(model, path)
        assert_same_model(model, load_model(path))


@st.composite
def sequences(draw):
    T, I, O = draw(st.integers(1, 6)), draw(st.integers(1, 3)), draw(st.integers(1, 3))
    inputs = [draw(st.lists(finite, min_size=I, max_size=I)) for _ in range(T)]
    targets = [draw(st.none() | st.lists(finite, min_size=O, max_size=O)) for _ in range(T)]
    return DataSequence.from_lists(inputs, targets, output_size=O)


@settings(max_examples=40, deadline=None)
@given(seq=sequences(), suffix=st.sampled_from([".csv", ".json"]))
def test_random_sequences_round_trip_exactly(seq, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"seq{suffix}"
        save_sequence(seq, path)
        loaded = load_sequence(path)
    assert_same_sequence(seq, loaded)
    if suffix == ".csv" or seq.mask.any():  # JSON without any target cannot say how wide one would be
        assert loaded.targets.shape == seq.targets.shape


def test_seed_sequence_csv_is_the_documented_format(tmp_path):
    save_sequence(get_scenario("seed").sequences()[0], tmp_path / "s.csv")
    assert (tmp_path / "s.csv").read_text() == "x,target\n1.0,\n2.0,\n3.0,\n4.0,\n5.0,6.0\n"


# --- reading what people write by hand -----------------------------------------------------------


def test_one_unit_model_may_use_flat_lists_and_numbers(tmp_path):
    d = {
        "hidden_activation": "tanh",
        "output_activation": "identity",
        "W_xh": [0.5, 0.25],
        "W_hh": 0.1,
        "b_h": [0],
        "W_hy": [1, 2],
        "b_y": [0, 0],
    }
    model = load_model(write(tmp_path / "m.json", json.dumps(d)))
    assert model.params["W_xh"].tolist() == [[0.5, 0.25]]  # one row: H = 1, I = 2
    assert model.params["W_hy"].tolist() == [[1.0], [2.0]]  # one column: O = 2, H = 1
    assert model.params["W_hh"].tolist() == [[0.1]]
    assert model.params["h0"].tolist() == [0.0] and model.loss == "mse"


def test_csv_columns_in_any_order_with_bom_crlf_and_spaces(tmp_path):
    text = "\ufefftarget2, x2 ,target1,x1\r\n4,2,3,1\r\n,20,,10\r\n\r\n"
    seq = load_sequence(write(tmp_path / "s.csv", text))
    assert seq.inputs.tolist() == [[1, 2], [10, 20]]
    assert seq.mask.tolist() == [True, False]
    assert seq.targets[0].tolist() == [3, 4]


def test_csv_without_target_columns_has_no_targets(tmp_path):
    seq = load_sequence(write(tmp_path / "s.csv", "x\n1\n-2.5e-3\n+.5\n"))
    assert seq.inputs[:, 0].tolist() == [1, -0.0025, 0.5]
    assert not seq.mask.any()


def test_json_sequence_scalars_are_one_wide_rows(tmp_path):
    seq = load_sequence(write(tmp_path / "s.json", '{"inputs": [1, 2, 3], "targets": [null, 2, [3]]}'))
    assert seq.inputs.shape == (3, 1)
    assert seq.mask.tolist() == [False, True, True]
    assert seq.targets[1:, 0].tolist() == [2, 3]
    assert not load_sequence(write(tmp_path / "n.json", '{"inputs": [[1, 2]]}')).mask.any()


# --- malformed models ----------------------------------------------------------------------------


def with_changes(base: dict, **changes) -> dict:
    d = dict(base)
    for key, value in changes.items():
        if value is ...:
            del d[key]
        else:
            d[key] = value
    return d


BAD_MODELS = [
    (with_changes(two_unit_dict(), W_hh=[[0.1, 0.2, 0.3], [0.1, 0.2, 0.3]]), "W_hh: shape 2x3, expected 2x2 (H = 2)"),
    (with_changes(two_unit_dict(), b_h=[0.0]), "b_h: shape 1, expected 2"),
    (with_changes(two_unit_dict(), W_hy=[[1.0]]), "W_hy: shape 1x1, expected 1x2"),
    (with_changes(two_unit_dict(), W_xh=...), "W_xh: missing"),
    (with_changes(two_unit_dict(), hidden_activation=...), "hidden_activation: missing"),
    (with_changes(two_unit_dict(), bias=[1]), "unknown key(s) 'bias'"),
    (with_changes(two_unit_dict(), hidden_activation="softsign"), "hidden_activation: unknown 'softsign'"),
    (with_changes(two_unit_dict(), output_activation=3), "output_activation: expected a string"),
    (with_changes(two_unit_dict(), loss="hinge"), "loss: unknown 'hinge'"),
    (with_changes(two_unit_dict(), loss="cross_entropy"), "loss: cross_entropy needs"),
    (with_changes(two_unit_dict(), W_xh="abc"), "W_xh: expected a matrix (list of rows), found string 'abc'"),
    (with_changes(two_unit_dict(), W_hh=None), "W_hh: expected a matrix"),
    (with_changes(two_unit_dict(), b_y={"a": 1}), "b_y: expected a vector (list of numbers), found an object"),
    (with_changes(two_unit_dict(), W_hh=[[0.1, 0.0], [0.0]]), "W_hh: row 2 has 1 value(s), expected 2"),
    (with_changes(two_unit_dict(), W_hh=[[0.1, 0.0], 0.5]), "W_hh: row 2: expected a list of numbers"),
    (
        with_changes(two_unit_dict(), W_hh=[[0.1, True], [0.0, 0.1]]),
        "W_hh: row 1, column 2: expected a number, found boolean true",
    ),
    (
        with_changes(two_unit_dict(), W_xh=[["0.5"], [0.2]]),
        "W_xh: row 1, column 1: expected a number, found string '0.5'",
    ),
    (with_changes(two_unit_dict(), b_h=[0.0, [1]]), "b_h: entry 2: expected a number, found a list"),
    (with_changes(two_unit_dict(), W_hh=[]), "W_hh: empty"),
    (with_changes(two_unit_dict(), W_xh=[[], []]), "W_xh: row 1 is empty"),
    (
        with_changes(two_unit_dict(), W_xh=[0.5, 0.2]),
        "W_xh: a flat list of 2 number(s) only works with one hidden unit",
    ),
    (with_changes(two_unit_dict(), W_hh=[[[0.1]], [[0.1]]]), "W_hh: row 1, column 1: expected a number, found a list"),
    (with_changes(two_unit_dict(), h0=[0.0, 1e400]), "h0: entry 2: Infinity is not allowed"),
    (with_changes(two_unit_dict(), h0=[10**400, 0]), "h0: entry 1: number too large"),
    ([1, 2], "expected an object with keys hidden_activation"),
]


@pytest.mark.parametrize(("content", "expected"), BAD_MODELS)
def test_malformed_model_json_names_file_and_key(tmp_path, content, expected):
    path = write(tmp_path / "model.json", json.dumps(content))
    assert expected in error_of(load_model, path)


def test_model_json_nan_literal_is_refused_with_its_position(tmp_path):
    text = json.dumps(two_unit_dict()).replace('"W_hh": [[0.1, 0.0]', '"W_hh": [[0.1, NaN]')
    assert "W_hh: row 1, column 2: NaN is not allowed" in error_of(load_model, write(tmp_path / "m.json", text))


def test_model_from_dict_names_its_source():
    with pytest.raises(InputError, match=r"^lesson\.json: b_h: missing$"):
        model_from_dict(with_changes(two_unit_dict(), b_h=...), source="lesson.json")


def test_duplicate_json_key_is_refused(tmp_path):
    text = '{"W_hh": [[1]], "W_hh": [[2]]}'
    assert "duplicate key 'W_hh'" in error_of(load_model, write(tmp_path / "m.json", text))


# --- malformed npz -------------------------------------------------------------------------------


def npz_arrays(**changes) -> dict[str, np.ndarray]:
    arrays = {k: np.asarray(v) for k, v in seed_dict().items()}
    for key, value in changes.items():
        if value is ...:
            del arrays[key]
        else:
            arrays[key] = value
    return arrays


class _RunsOnUnpickle:
    """Unpickling this creates a directory: proof that loading executed pickled code."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (os.mkdir, (str(self.marker),))


def test_npz_object_array_is_refused_without_unpickling(tmp_path):
    marker = tmp_path / "pickle-ran"
    evil = np.empty((1, 1), dtype=object)
    evil[0, 0] = _RunsOnUnpickle(marker)
    path = tmp_path / "model.npz"
    np.savez(path, **npz_arrays(W_hh=evil))  # savez pickles object arrays; only this test writer may
    message = error_of(load_model, path)
    assert "W_hh: object array refused" in message
    assert not marker.exists()


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"W_hh": np.array([[True]])}, "W_hh: row 1, column 1: expected a number, found boolean true"),
        ({"W_hh": np.zeros((1, 1, 1))}, "W_hh: array with 3 dimensions"),
        ({"W_hh": np.array([[1 + 2j]])}, "W_hh: array of type complex128"),
        (
            {"hidden_activation": np.array(["tanh"])},
            "hidden_activation: expected a string such as 'tanh', found a list",
        ),
        ({"hidden_activation": np.array(3.0)}, "hidden_activation: expected a string"),
        ({"W_hy": ...}, "W_hy: missing"),
        ({"arr_0": np.zeros(2)}, "unknown key(s) 'arr_0'"),
        ({"b_y": np.array([np.nan])}, "b_y: entry 1: NaN is not allowed"),
    ],
)
def test_malformed_npz_names_file_and_key(tmp_path, changes, expected):
    path = tmp_path / "model.npz"
    np.savez(path, **npz_arrays(**changes))
    assert expected in error_of(load_model, path)


def test_npz_text_fields_are_0d_unicode_arrays(tmp_path):
    save_model(get_scenario("seed").model(), tmp_path / "m.npz")
    with np.load(tmp_path / "m.npz", allow_pickle=False) as npz:
        assert npz["hidden_activation"].shape == () and npz["hidden_activation"].dtype.kind == "U"
        assert sorted(npz.files) == sorted(MODEL_KEYS)


def test_npz_that_is_not_a_zip_or_is_damaged(tmp_path):
    assert "not an .npz file (not a zip archive)" in error_of(load_model, write(tmp_path / "a.npz", "hello"))
    np.save(tmp_path / "b.npy", np.zeros(3))
    npy = (tmp_path / "b.npy").read_bytes()
    assert "not a zip archive" in error_of(load_model, write(tmp_path / "b.npz", npy))
    save_model(get_scenario("seed").model(), tmp_path / "c.npz")
    truncated = (tmp_path / "c.npz").read_bytes()[:300]
    assert "not a valid .npz file" in error_of(load_model, write(tmp_path / "c.npz", truncated))


def test_npz_member_that_is_not_an_array(tmp_path):
    path = tmp_path / "m.npz"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("W_hh", b"not an array")
    assert "W_hh: not a NumPy array" in error_of(load_model, path)


def test_npz_that_unpacks_to_more_than_the_limit(tmp_path):
    path = tmp_path / "bomb.npz"
    np.savez_compressed(path, **npz_arrays(W_hh=np.zeros(MAX_FILE_BYTES // 8 + 1000)))
    assert path.stat().st_size < MAX_FILE_BYTES // 100
    assert "unpacks to 20.1 MB, larger than the 20 MB limit" in error_of(load_model, path)


# --- malformed sequences -------------------------------------------------------------------------

BAD_CSV = [
    ("x1,x2\n1,2\n3,4\n5,6\n7,abc\n", "row 4, column x2: 'abc' is not a number"),
    ("x,target\n1,2\n3,\n4,x\n", "row 3, column target: 'x' is not a number"),
    ("x1,x2\n1,2\n3\n", "row 2: 1 cell(s), expected 2"),
    ("x1,x2\n1,2\n3,4,5\n", "row 2: 3 cell(s), expected 2"),
    ("x\n1\n\n2\n", "row 2: blank row in the middle"),
    ("target\n1\n", "header: no input column"),
    ("x1,x3\n1,2\n", "header: column x2 missing"),
    ("x,target2\n1,2\n", "header: column target1 missing"),
    ("x,x1\n1,2\n", "header: both x and x1"),
    ("x,y,z\n1,2,3\n", "header: unknown column(s) 'y', 'z'"),
    ("x,x\n1,2\n", "header: column 'x' appears twice"),
    ("x,,target\n1,2,3\n", "header: column 2 has no name"),
    ("x0\n1\n", "header: unknown column(s) 'x0'"),
    ("x,target1,target2\n1,2,\n", "row 1, column target2: empty while target1 has a value"),
    ("x\n\n", "no data rows after the header"),
    ("\n \n", "empty file"),
    ("", "empty file"),
    ("x,target\n", "no data rows after the header"),
    ("x\n1\n2,3\n", "row 2: 2 cell(s), expected 1"),
    ("x,target\n1,\n ,\n2,\n", "row 2: blank row in the middle"),
    ("x\n1\n \n3\n", "row 2: blank row"),
    ("x,target\n1,\n,2\n", "row 2, column x: empty cell, expected a number"),
    ("x\nnan\n", "row 1, column x: 'nan' is not allowed"),
    ("x\n-inf\n", "row 1, column x: '-inf' is not allowed"),
    ("x\nInfinity\n", "row 1, column x: 'Infinity' is not allowed"),
    ("x\n1e999\n", "row 1, column x: '1e999' is too large"),
    ("x\n1_000\n", "row 1, column x: '1_000' is not a number"),
    ('x\n"1\n', "line 2: unexpected end of data"),  # an unclosed quote runs to the end of the file
    ('x\n"1"2\n', "line 2: ',' expected after '\"'"),
]


@pytest.mark.parametrize(("text", "expected"), BAD_CSV)
def test_malformed_csv_names_file_row_and_column(tmp_path, text, expected):
    assert expected in error_of(load_sequence, write(tmp_path / "seq.csv", text))


def test_csv_error_gives_the_file_line_when_it_differs_from_the_row(tmp_path):
    message = error_of(load_sequence, write(tmp_path / "seq.csv", "\n\nx\n1\nabc\n"))
    assert message.endswith("row 2, column x: 'abc' is not a number (line 5 of the file)")


BAD_SEQUENCE_JSON = [
    ('{"inputs": [[1, 2], [3]]}', "inputs: row 2 has 1 value(s), expected 2 like row 1"),
    ('{"inputs": [[1], ["a"]]}', "inputs: row 2, column 1: expected a number, found string 'a'"),
    ('{"inputs": [1, true]}', "inputs: row 2: expected a number, found boolean true"),
    ('{"inputs": [1, null]}', "inputs: row 2: expected a list of numbers, found null"),
    ('{"inputs": []}', "inputs: empty"),
    ('{"inputs": [[]]}', "inputs: row 1 is empty"),
    ('{"inputs": "abc"}', "inputs: expected a list of rows, found string 'abc'"),
    ('{"targets": [1]}', "inputs: missing"),
    ('{"inputs": [1, 2], "targets": [1]}', "targets: 1 row(s), expected 2"),
    ('{"inputs": [1, 2], "targets": [[1], [1, 2]]}', "targets: row 2 has 2 value(s), expected 1"),
    ('{"inputs": [1, 2], "targets": [null, []]}', "targets: row 2 is empty; write null for none"),
    ('{"inputs": [1, 2], "targets": [null, [NaN]]}', "targets: row 2, column 1: NaN is not allowed"),
    ('{"inputs": [1, 2], "tagrets": [1, 2]}', "unknown key(s) 'tagrets'"),
    ("[[1], [2]]", 'expected an object with "inputs"'),
    ('{"inputs": [1,\n  2', "invalid JSON at line 2, column 4"),
    pytest.param("[" * 100_000, "nested too deeply", id="deeply-nested"),
]


@pytest.mark.parametrize(("text", "expected"), BAD_SEQUENCE_JSON)
def test_malformed_sequence_json_names_file_and_row(tmp_path, text, expected):
    assert expected in error_of(load_sequence, write(tmp_path / "seq.json", text))


# --- guard rails shared by every loader ----------------------------------------------------------

LOADERS = [(load_model, ".json"), (load_model, ".npz"), (load_sequence, ".csv"), (load_sequence, ".json")]


@pytest.mark.parametrize(("load", "suffix"), LOADERS)
def test_missing_directory_and_oversized_files(tmp_path, load, suffix):
    assert error_of(load, tmp_path / f"missing{suffix}").endswith("file not found")
    (tmp_path / f"dir{suffix}").mkdir()
    assert error_of(load, tmp_path / f"dir{suffix}").endswith("is a directory, expected a file")
    big = tmp_path / f"big{suffix}"
    with open(big, "wb") as f:
        f.truncate(MAX_FILE_BYTES + 400_000)  # sparse: nothing is actually written
    assert error_of(load, big).endswith("file is 20.4 MB, larger than the 20 MB limit")


@pytest.mark.parametrize(("load", "suffix"), LOADERS)
def test_fifo_is_refused_without_blocking(tmp_path, load, suffix):
    path = tmp_path / f"pipe{suffix}"
    os.mkfifo(path)
    assert error_of(load, path).endswith("not a regular file")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path):
    path = write(tmp_path / "m.json", "{}")
    path.chmod(0)
    assert error_of(load_model, path).endswith("cannot read (permission denied)")


@pytest.mark.parametrize(
    ("load", "name"), [(load_model, "m.json"), (load_sequence, "s.csv"), (load_sequence, "s.json")]
)
def test_binary_garbage_is_not_text(tmp_path, load, name):
    assert error_of(load, write(tmp_path / name, b"x\n1\x002\n")).endswith("not a text file (binary data at byte 3)")
    latin1 = b"\xef\xbb\xbfx\nsch\xf6n\n"  # the byte offset counts the byte-order mark
    assert error_of(load, write(tmp_path / name, latin1)).endswith("not a text file (binary data at byte 8)")


def test_unknown_extensions(tmp_path):
    assert "unknown model file type ('.txt'), expected .json or .npz" in error_of(load_model, tmp_path / "m.txt")
    assert "unknown sequence file type (no extension)" in error_of(load_sequence, tmp_path / "seq")
    assert "expected .csv or .json" in error_of(load_sequence, tmp_path / "s.npz")


def test_bad_file_errors_name_the_file_as_given(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "model.json", json.dumps(with_changes(two_unit_dict(), W_hh=[[1, 2, 3], [1, 2, 3]])))
    with pytest.raises(InputError, match=r"^model\.json: W_hh: shape 2x3, expected 2x2 \(H = 2\)$"):
        load_model("model.json")


# --- atomic saving -------------------------------------------------------------------------------


def test_failed_npz_write_leaves_old_file_and_no_temp_file(tmp_path, monkeypatch):
    path = tmp_path / "m.npz"
    save_model(get_scenario("seed").model(), path)
    before = path.read_bytes()

    def crash(f, **arrays):
        f.write(b"PK\x03\x04 half an archive")
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(model_files.np, "savez", crash)
    with pytest.raises(RuntimeError, match="disk on fire"):
        save_model(get_scenario("seed").model(), path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.npz"]


@pytest.mark.parametrize("name", ["m.json", "s.csv"])
def test_failed_replace_becomes_input_error_and_leaves_no_trace(tmp_path, monkeypatch, name):
    path = write(tmp_path / name, "old content")

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(InputError, match=rf"^{tmp_path / name}: cannot write \(permission denied\)$"):
        if name.endswith(".json"):
            save_model(get_scenario("seed").model(), path)
        else:
            save_sequence(get_scenario("seed").sequences()[0], path)
    assert path.read_text() == "old content"
    assert no_temp_files(tmp_path)


def test_write_text_atomic_failure_mid_write(tmp_path, monkeypatch):
    path = write(tmp_path / "report.md", "old report")
    real_fsync = os.fsync

    def fail(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(InputError, match="report.md: cannot write \\(no space left on device\\)"):
        write_text_atomic(path, "new report")
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert path.read_text() == "old report"
    assert no_temp_files(tmp_path)
    write_text_atomic(path, "new report, 中文\n")
    assert path.read_text(encoding="utf-8") == "new report, 中文\n"


def test_saving_where_it_cannot_leaves_nothing(tmp_path):
    model = get_scenario("seed").model()
    with pytest.raises(InputError, match="cannot write"):
        save_model(model, tmp_path / "no-such-dir" / "m.json")
    (tmp_path / "taken.json").mkdir()
    with pytest.raises(InputError, match=r"taken\.json: cannot write \(is a directory\)"):
        save_model(model, tmp_path / "taken.json")
    with pytest.raises(InputError, match=r"m\.pt: unknown model file type"):
        save_model(model, tmp_path / "m.pt")
    with pytest.raises(InputError, match=r"s\.txt: unknown sequence file type"):
        save_sequence(get_scenario("seed").sequences()[0], tmp_path / "s.txt")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken.json"]


def test_saved_files_get_ordinary_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        write_text_atomic(tmp_path / "a.txt", "hi")
    finally:
        os.umask(old)
    assert (tmp_path / "a.txt").stat().st_mode & 0o777 == 0o644
