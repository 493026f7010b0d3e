"""Model files: JSON (readable, hand-editable) and .npz (NumPy), with the same keys.

JSON: {"hidden_activation": "tanh", "output_activation": "identity", "loss": "mse",
       "W_xh": [[...], ...], "W_hh": ..., "b_h": [...], "W_hy": ..., "b_y": ..., "h0": [...]}
`loss`, `h0` and `feedback` ("hidden" for Elman, the default; "output" for Jordan, where W_hh is
H x O and h0 is the starting y) are optional. With one hidden unit a matrix may be a flat list (or a number):
W_xh [0.5, 0.2] is one row (H = 1, I = 2); W_hy [1.0, 2.0] is one column (O = 2, H = 1).
In .npz the text fields are 0-d unicode arrays; it is always loaded with allow_pickle=False.
"""

from __future__ import annotations

import io
import os
import zipfile
from typing import Any

import numpy as np

from ..engine import PARAM_NAMES, Model
from ..text.problems import Nested, Shape
from .atomic import write_bytes_atomic
from .errors import FieldError, InputError
from .json_text import object_text
from .limits import units_problem
from .reading import MAX_FILE_BYTES, parse_json, read_bytes, read_text, size_in_mb, suffix_of
from .values import check_keys, describe, rows, vector

TEXT_KEYS = ("hidden_activation", "output_activation", "loss", "feedback")
MODEL_KEYS = TEXT_KEYS + PARAM_NAMES
OPTIONAL_KEYS = ("loss", "feedback", "h0")
MATRIX_KEYS = ("W_xh", "W_hh", "W_hy")
MODEL_SUFFIXES = (".json", ".npz")
_TEXT_EXAMPLES = {"hidden_activation": "tanh", "output_activation": "identity", "loss": "mse", "feedback": "output"}
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")  # a zip with members / an empty zip


def model_to_dict(model: Model) -> dict[str, Any]:
    """The model file's keys in their usual order, with plain Python values (JSON-able)."""
    d: dict[str, Any] = {
        "hidden_activation": model.hidden_activation,
        "output_activation": model.output_activation,
        "loss": model.loss,
    }
    if model.is_jordan:  # Elman files keep exactly the documented keys
        d["feedback"] = model.feedback
    for name in PARAM_NAMES:
        d[name] = model.params[name].tolist()
    return d


def model_from_dict(d: Any, source: str = "model") -> Model:
    """Build and validate a Model from parsed file content; InputError "<source>: <key>: <problem>"."""
    try:
        return _build_model(d)
    except ValueError as exc:  # FieldError and the engine's ModelError are ValueErrors
        raise InputError.of(source, exc) from None


def load_model(path: str | os.PathLike) -> Model:
    """Read a model from .json or .npz; every problem is an InputError naming the file."""
    suffix = suffix_of(path, MODEL_SUFFIXES, "model")
    data = parse_json(path, read_text(path)) if suffix == ".json" else _read_npz(path)
    return model_from_dict(data, source=os.fspath(path))


def save_model(model: Model, path: str | os.PathLike) -> None:
    """Write .json or .npz (by extension) atomically: the old file stays intact if anything fails.

    What is saved can be loaded: a model beyond the limits load_model applies is refused (InputError)
    before anything is written. Within the unit limits that never happens for size (limits.py).
    """
    suffix = suffix_of(path, MODEL_SUFFIXES, "model")
    problem = units_problem(model.input_size, "I") or units_problem(model.hidden_size, "H")
    problem = problem or units_problem(model.output_size, "O")
    if problem:
        raise InputError.at(path, "not_saved_units", need=Nested(*problem))
    if suffix == ".json":
        data = object_text(model_to_dict(model)).encode("utf-8")
    else:
        buffer = io.BytesIO()
        np.savez(buffer, **{key: np.asarray(value) for key, value in model_to_dict(model).items()})
        data = buffer.getvalue()  # stored, not compressed: what the loader unpacks is no larger
    if len(data) > MAX_FILE_BYTES:
        raise InputError.at(path, "not_saved_size", size=size_in_mb(len(data)), limit=MAX_FILE_BYTES // 1_000_000)
    write_bytes_atomic(path, data)


def _build_model(d: Any) -> Model:
    required = [key for key in MODEL_KEYS if key not in OPTIONAL_KEYS]
    check_keys(d, MODEL_KEYS, required, Shape("model", MODEL_KEYS))
    text = {key: _text(d, key) for key in TEXT_KEYS}
    for name in PARAM_NAMES:
        _check_size(name, _list_shape(d.get(name)))
    parsed = {
        name: _parse_param(name, d[name])
        for name in PARAM_NAMES
        if name in d and not (name in OPTIONAL_KEYS and d[name] is None)
    }
    # H decides how a one-unit model's flat lists are read: from W_hh's rows, else from b_h.
    w_hh, b_h = parsed["W_hh"], parsed["b_h"]
    hidden = len(w_hh) if isinstance(w_hh[0], list) else len(b_h)
    params = {
        name: np.array(_as_matrix(name, value, hidden) if name in MATRIX_KEYS else value)
        for name, value in parsed.items()
    }
    return Model(
        params, text["hidden_activation"], text["output_activation"], text["loss"] or "", text["feedback"] or "hidden"
    )


# The layer each axis of a parameter counts (rows, then columns); a flat list counts the first
# entry's layer, except W_xh, whose flat form is one row of inputs.
_AXES = {"W_xh": "HI", "W_hh": "HH", "b_h": "H", "W_hy": "OH", "b_y": "O", "h0": "H"}
_FLAT = {"W_xh": "I", "W_hh": "H", "b_h": "H", "W_hy": "O", "b_y": "O", "h0": "H"}


def _check_size(name: str, shape: tuple[int, ...]) -> None:
    """Units per layer against the limit, from a parameter's shape, before its numbers are read."""
    layers = _AXES[name] if len(shape) == 2 else _FLAT[name]
    for count, layer in zip(shape, layers, strict=False):
        problem = units_problem(count, layer)
        if problem:
            raise FieldError.fact(problem, at=(("key", name),))


def _list_shape(value: Any) -> tuple[int, ...]:
    """(rows, longest row) of a list of rows, (length,) of a flat list, () of anything else."""
    if not isinstance(value, list):
        return ()
    widths = [len(row) for row in value if isinstance(row, list)]
    return (len(value), max(widths)) if widths else (len(value),)


def _text(d: dict, key: str) -> str | None:
    value = d.get(key)
    if value is None and key in OPTIONAL_KEYS:
        return None
    if not isinstance(value, str):
        raise FieldError("not_string", at=(("key", key),), example=repr(_TEXT_EXAMPLES[key]), found=describe(value))
    return value


def _parse_param(name: str, value: Any) -> list:
    """A matrix as rows (or flat, resolved later by _as_matrix), a vector as a list of floats."""
    kind = "matrix" if name in MATRIX_KEYS else "vector"
    if isinstance(value, bool) or not isinstance(value, (list, int, float)):
        raise FieldError(f"not_{kind}", at=(("key", name),), found=describe(value))
    if value == []:
        raise FieldError(f"empty_{kind}", at=(("key", name),))
    if name in MATRIX_KEYS and isinstance(value, list) and any(isinstance(row, list) for row in value):
        return rows(value, name)
    return vector(value, name)


def _as_matrix(name: str, value: list, hidden: int) -> list[list[float]]:
    if isinstance(value[0], list):
        return value
    if hidden != 1:
        raise FieldError("flat_list", at=(("key", name),), count=len(value), hidden=hidden)
    # H = 1: W_xh (1 x I) is one row; W_hy (O x 1) is one column; W_hh is 1 x 1.
    return [[v] for v in value] if name == "W_hy" else [value]


def _read_npz(path: str | os.PathLike) -> dict[str, Any]:
    data = read_bytes(path)
    if not data.startswith(_ZIP_MAGIC):
        raise InputError.at(path, "npz_not_zip")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise InputError.at(path, "npz_damaged") from None
    if unpacked > MAX_FILE_BYTES:
        # A small archive can unpack to gigabytes.
        raise InputError.at(path, "npz_unpacks", size=size_in_mb(unpacked), limit=MAX_FILE_BYTES // 1_000_000)
    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as npz:
            return {key: _npz_value(npz, key, path) for key in npz.files}
    except InputError:
        raise
    except Exception as exc:  # numpy/zipfile/zlib raise many types for damaged data; none may escape
        raise InputError.at(path, "npz_invalid", detail=_first_line(exc)) from None


def _npz_value(npz: Any, key: str, path: str | os.PathLike) -> Any:
    """A text field as str, a numeric array as nested lists, so JSON and npz share one validation."""
    try:
        arr = npz[key]
    except ValueError as exc:
        if "allow_pickle" in str(exc):
            raise InputError.at(path, "npz_object", at=(("key", key),)) from None
        raise InputError.at(path, "npz_unreadable", at=(("key", key),), detail=_first_line(exc)) from None
    if not isinstance(arr, np.ndarray):
        raise InputError.at(path, "npz_not_array", at=(("key", key),))
    if arr.dtype.kind == "U":
        return arr.item() if arr.ndim == 0 else arr.tolist()
    if arr.dtype.kind not in "biuf":
        raise InputError.at(path, "npz_dtype", at=(("key", key),), dtype=str(arr.dtype))
    if arr.ndim > 2:
        raise InputError.at(path, "npz_dimensions", at=(("key", key),), ndim=arr.ndim)
    if key in _AXES:
        try:
            _check_size(key, arr.shape)
        except FieldError as exc:
            raise InputError.of(path, exc) from None
    return arr.tolist()


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__
