"""Sequence files: what the network is shown, tick by tick, and the targets it should produce.

CSV: a header row naming input columns `x` (one input) or `x1`..`xI` and target columns `target`
(one output) or `target1`..`targetO`, in any order; one data row per tick. A row whose target cells
are all empty has no target at that tick.
JSON: {"inputs": [[...], ...], "targets": [[...] or null, ...]}; `targets` is optional and a bare
number stands for a one-wide row, so "inputs": [1, 2, 3] is three ticks of one input.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterator
from typing import Any

import numpy as np

from ..engine import DataSequence
from ..engine.errors import Place
from ..number_parse import NumberProblem, parse_number
from ..text.problems import Shape
from .atomic import write_text_atomic
from .errors import FieldError, InputError
from .json_text import object_text
from .limits import MAX_TICK_UNITS, MAX_TICKS, Fact, max_ticks_for, ticks_problem, units_problem
from .reading import parse_json, read_text, suffix_of
from .values import check_keys, quote, rows

SEQUENCE_SUFFIXES = (".csv", ".json")
SEQUENCE_KEYS = ("inputs", "targets")
_HEADER: tuple[Place, ...] = (("header", None),)
_COLUMN = re.compile(r"(x|target)([1-9][0-9]*)?")


def load_sequence(path: str | os.PathLike) -> DataSequence:
    """Read a sequence from .csv or .json; every problem is an InputError naming the file and row/column."""
    suffix = suffix_of(path, SEQUENCE_SUFFIXES, "sequence")
    text = read_text(path)
    try:
        if suffix == ".csv":
            return sequence_from_csv(text)
        return sequence_from_json(parse_json(path, text))
    except ValueError as exc:  # FieldError and the engine's ModelError are ValueErrors
        raise InputError.of(path, exc) from None


def save_sequence(seq: DataSequence, path: str | os.PathLike) -> None:
    """Write .csv or .json (by extension) atomically, in a form load_sequence reads back exactly."""
    if suffix_of(path, SEQUENCE_SUFFIXES, "sequence") == ".csv":
        write_text_atomic(path, sequence_csv_text(seq))
    else:
        write_text_atomic(path, object_text(sequence_to_dict(seq)))


def sequence_to_dict(seq: DataSequence) -> dict[str, Any]:
    d: dict[str, Any] = {"inputs": seq.inputs.tolist()}
    if seq.mask.any():
        d["targets"] = [seq.targets[t].tolist() if seq.mask[t] else None for t in range(seq.length)]
    return d


def sequence_csv_text(seq: DataSequence) -> str:
    # Target columns are kept when all are empty but wider than one, so the width survives a round trip.
    with_targets = bool(seq.mask.any()) or seq.output_size != 1
    header = _names("x", seq.input_size) + (_names("target", seq.output_size) if with_targets else [])
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    for t in range(seq.length):
        row = [repr(float(v)) for v in seq.inputs[t]]
        if with_targets:
            row += [repr(float(v)) for v in seq.targets[t]] if seq.mask[t] else [""] * seq.output_size
        writer.writerow(row)
    return buf.getvalue()


def sequence_from_json(data: Any) -> DataSequence:
    check_keys(data, SEQUENCE_KEYS, ["inputs"], Shape("sequence", SEQUENCE_KEYS))
    _check_json_size(data)
    inputs = rows(data["inputs"], "inputs", allow_scalar_rows=True)
    if not inputs:
        raise FieldError("inputs_empty", at=(("key", "inputs"),))
    targets = data.get("targets")
    if targets is None:
        return DataSequence.from_lists(inputs)
    targets = rows(targets, "targets", allow_scalar_rows=True, allow_null_rows=True)
    if len(targets) != len(inputs):
        raise FieldError("target_rows", at=(("key", "targets"),), rows=len(targets), expected=len(inputs))
    return DataSequence.from_lists(inputs, targets)


def _check_json_size(data: dict) -> None:
    """Ticks and widths against the limits, from the lists' lengths, before any number is read."""
    inputs, targets = data["inputs"], data.get("targets")
    if not isinstance(inputs, list):
        return  # rows() names the problem
    problem = ticks_problem(len(inputs))
    if problem:
        raise FieldError.fact(problem, at=(("key", "inputs"),))
    width = {"inputs": _first_width(inputs), "targets": _first_width(targets)}
    for key, layer in (("inputs", "I"), ("targets", "O")):
        problem = units_problem(width[key], layer)
        if problem:
            raise FieldError.fact(problem, at=(("key", key), ("row", 1)))
    if len(inputs) > max_ticks_for(width["inputs"] + 1 + width["targets"]):
        raise FieldError.fact(_over_tick_units(len(inputs), width["inputs"], width["targets"]), at=(("key", "inputs"),))


def _first_width(table: Any) -> int:
    """The width of a table's first row (a bare number is one wide); 0 for none."""
    if not isinstance(table, list):
        return 0
    row = next((r for r in table if r is not None), None)
    if row is None:
        return 0
    return len(row) if isinstance(row, list) else 1


def sequence_from_csv(text: str) -> DataSequence:
    reader = _records(text)
    header = next(reader, None)
    if header is None:
        raise FieldError("empty_file")
    input_cols, target_cols = _columns(header[1])
    _check_widths(len(input_cols), len(target_cols))
    # The most ticks these columns allow, counted before any cell is read: a small file can hold a
    # million rows. Counting is one more pass of the C tokenizer; no row is kept.
    most = max_ticks_for(len(input_cols) + 1 + len(target_cols))  # at least one hidden unit
    count = 0
    for _ in reader:
        count += 1
        if count > most:
            raise FieldError.fact(_too_many_rows(most, len(input_cols), len(target_cols)))
    if not count:
        raise FieldError("no_data_rows")
    names = [cell.strip() for cell in header[1]]
    inputs, targets = [], []
    records = _records(text)
    next(records)  # the header
    for r, (line, row) in enumerate(records, start=1):
        try:
            # One small array per row: Python floats would take four times the memory.
            inputs.append(np.array(_input_cells(row, len(header[1]), input_cols, names, r)))
            target = _target_cells(row, target_cols, names, r)
            targets.append(None if target is None else np.array(target))
        except FieldError as exc:
            if line != r + 1:  # blank lines above the header or multi-line cells: say where to look
                exc.file_line = line
            raise
    return DataSequence.from_lists(inputs, targets, output_size=len(target_cols) or None)


def _records(text: str) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) for each CSV record, without blank lines at the start or end."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    blanks: list[tuple[int, list[str]]] = []  # held back until a record follows: trailing ones are dropped
    started = False
    try:
        for row in reader:
            if _is_blank(row):
                if started:
                    blanks.append((reader.line_num, row))
                continue
            started = True
            yield from blanks
            blanks.clear()
            yield reader.line_num, row
    except csv.Error as exc:
        raise FieldError("csv", at=(("line", reader.line_num),), detail=str(exc)) from None


def _check_widths(inputs: int, outputs: int) -> None:
    problem = units_problem(inputs, "I") or units_problem(outputs, "O")
    if problem:
        raise FieldError.fact(problem, at=_HEADER)


def _too_many_rows(most: int, inputs: int, outputs: int) -> Fact:
    if most == MAX_TICKS:
        return "too_many_rows", {"limit": MAX_TICKS}
    return "over_tick_units_more", {"ticks": most, "inputs": inputs, "outputs": outputs, "limit": MAX_TICK_UNITS}


def _over_tick_units(ticks: int, inputs: int, outputs: int) -> Fact:
    return "over_tick_units", {"ticks": ticks, "inputs": inputs, "outputs": outputs, "limit": MAX_TICK_UNITS}


def _columns(header: list[str]) -> tuple[list[int], list[int]]:
    """Column indices of x1..xI and target1..targetO, in numbered order."""
    found: dict[str, dict[int, int]] = {"x": {}, "target": {}}
    seen, unknown = set(), []
    for index, raw in enumerate(header):
        name = raw.strip().lower()
        if not name:
            raise FieldError("column_unnamed", at=_HEADER, column=index + 1)
        if name in seen:
            raise FieldError("column_twice", at=_HEADER, name=quote(raw.strip()))
        seen.add(name)
        match = _COLUMN.fullmatch(name)
        if match is None:
            unknown.append(quote(raw.strip()))
            continue
        found[match.group(1)][int(match.group(2) or 0)] = index
    if unknown:
        raise FieldError("unknown_columns", at=_HEADER, names=tuple(unknown))
    if not found["x"]:
        raise FieldError("no_input_column", at=_HEADER)
    return _numbered(found["x"], "x"), _numbered(found["target"], "target")


def _numbered(columns: dict[int, int], stem: str) -> list[int]:
    if 0 in columns:
        if len(columns) > 1:
            raise FieldError("both_columns", at=_HEADER, stem=stem, last=max(columns))
        return [columns[0]]
    for k in range(1, len(columns) + 1):
        if k not in columns:
            raise FieldError("column_gap", at=_HEADER, stem=stem, k=k)
    return [columns[k] for k in range(1, len(columns) + 1)]


def _input_cells(row: list[str], width: int, cols: list[int], names: list[str], r: int) -> list[float]:
    if _is_blank(row):
        raise FieldError("blank_row", at=(("row", r),))
    if len(row) != width:
        raise FieldError("cell_count", at=(("row", r),), count=len(row), width=width)
    return [_cell(row[c], (("row", r), ("column", names[c]))) for c in cols]


def _target_cells(row: list[str], cols: list[int], names: list[str], r: int) -> list[float] | None:
    filled = [c for c in cols if row[c].strip()]
    if not filled:
        return None
    if len(filled) < len(cols):
        empty = next(c for c in cols if not row[c].strip())
        raise FieldError("target_partial", at=(("row", r), ("column", names[empty])), other=names[filled[0]])
    return [_cell(row[c], (("row", r), ("column", names[c]))) for c in cols]


def _cell(text: str, where: tuple[Place, ...]) -> float:
    try:
        return float(parse_number(text))
    except NumberProblem as exc:  # kind: empty, not_a_number, not_finite, too_large
        raise FieldError(f"cell_{exc.kind}", at=where, cell=quote(exc.text)) from None


def _is_blank(row: list[str]) -> bool:
    return all(not cell.strip() for cell in row)


def _names(stem: str, width: int) -> list[str]:
    return [stem] if width == 1 else [f"{stem}{k}" for k in range(1, width + 1)]
