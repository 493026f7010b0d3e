"""Guard rails shared by every loader: the file exists, is small, is text, is valid JSON."""

from __future__ import annotations

import codecs
import json
import math
import os
import stat
from pathlib import Path
from typing import Any

from ..text.problems import Either, Reason
from .errors import FieldError, InputError
from .limits import MAX_FILE_BYTES
from .values import json_float, json_int, quote

_MB = 1_000_000


def check_file(path: str | os.PathLike) -> None:
    """InputError if the file is missing, not a regular file or too large: what a stat tells,
    without reading (the app's command line checks this before the app starts)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError.at(path, "file_not_found") from None
    except OSError as exc:
        raise InputError.at(path, "cannot_read", reason=os_reason(exc)) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError.at(path, "is_directory")
    if not stat.S_ISREG(info.st_mode):
        # A FIFO or a device such as /dev/zero would block or never end.
        raise InputError.at(path, "not_regular_file")
    _check_size(path, info.st_size)


def read_bytes(path: str | os.PathLike) -> bytes:
    """The whole file, or InputError if it is missing, not a regular file, unreadable or too large."""
    check_file(path)
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_FILE_BYTES + 1)  # the file may have grown since stat
    except OSError as exc:
        raise InputError.at(path, "cannot_read", reason=os_reason(exc)) from None
    _check_size(path, len(data))
    return data


def read_text(path: str | os.PathLike) -> str:
    """The file as UTF-8 text (a leading byte-order mark is dropped); InputError for binary data or blank files."""
    data = read_bytes(path)
    nul = data.find(b"\0")
    if nul >= 0:
        raise InputError.at(path, "binary", byte=nul)
    start = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0  # spreadsheets often write one
    try:
        text = data[start:].decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError.at(path, "binary", byte=start + exc.start) from None
    if not text.strip():
        raise InputError.at(path, "empty_file")
    return text


def parse_json(path: str | os.PathLike, text: str) -> Any:
    """Parse JSON, rejecting duplicate keys; errors name the line and column."""
    try:
        return json.loads(text, object_pairs_hook=_no_duplicate_keys, parse_int=json_int, parse_float=json_float)
    except json.JSONDecodeError as exc:
        raise InputError.at(path, "invalid_json", line=exc.lineno, column=exc.colno, detail=exc.msg) from None
    except FieldError as exc:
        raise InputError.of(path, exc) from None
    except RecursionError:
        raise InputError.at(path, "json_too_deep") from None


def suffix_of(path: str | os.PathLike, choices: tuple[str, ...], what: str) -> str:
    """The lower-case extension if it is one of `choices`, else InputError naming them."""
    suffix = Path(path).suffix.lower()
    if suffix in choices:
        return suffix
    raise InputError.at(path, "unknown_suffix", what=what, suffix=suffix, expected=Either(choices))


def size_in_mb(size: int) -> str:
    return f"{math.ceil(size / (_MB / 10)) / 10:g}"


def _check_size(path: str | os.PathLike, size: int) -> None:
    if size > MAX_FILE_BYTES:
        raise InputError.at(path, "too_big", size=size_in_mb(size), limit=MAX_FILE_BYTES // _MB)


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise FieldError("duplicate_key", key=quote(key))
        result[key] = value
    return result


def os_reason(exc: OSError) -> Reason:
    """The system's reason, kept as its (English) words: text/problems.py translates the common ones."""
    if isinstance(exc, PermissionError):
        return Reason("permission denied")
    return Reason((exc.strerror or type(exc).__name__).lower())
