"""The table handout (`srn-tui trace`, `--format table`): every value of vectors up to 32 values and
matrices up to 32 x 32, read back from its rows and grids and checked against forward() and bptt()
computed here; a summary (norm, range, largest entries) beyond the bound; lines a terminal shows."""

from __future__ import annotations

import itertools
import json

import numpy as np
import pytest
from shared import run

from srn_tui.engine import PARAM_NAMES, bptt, forward
from srn_tui.files import load_model
from srn_tui.lessons import Lesson, get_scenario
from srn_tui.report_markdown import TABLE_CELLS
from srn_tui.report_table import ROW_CELLS
from srn_tui.text.numbers import table as shown


def table(capsys, *argv: str) -> list[str]:
    code, out, err = run(capsys, "trace", *argv)
    assert code == 0, err
    assert "..." not in out  # nothing is cut short
    return out.splitlines()


def cells(v: np.ndarray) -> list[str]:
    return [shown(float(x)) for x in np.ravel(v)]


def grid(lines: list[str], start: int, corner: str) -> tuple[list[list[str]], int]:
    """The cells of the grid whose blocks begin at `lines[start]` with `corner` as the header's first
    cell, its column blocks joined (their column numbers checked to run on); and the index after it."""
    blocks: list[list[list[str]]] = []
    i, column = start, 0
    while i < len(lines) and lines[i].split("|")[0].strip() == corner:
        header = [c.strip() for c in lines[i].split("|")[1:]]
        if corner != "unit":  # a matrix's columns are its indices, numbered on from block to block
            assert header == [str(k) for k in range(column, column + len(header))]
            column += len(header)
        assert set(lines[i + 1].strip()) <= {"-", "+"}
        rows = []
        i += 2
        while i < len(lines) and "|" in lines[i]:
            label, *values = (c.strip() for c in lines[i].split("|"))
            assert label == str(len(rows))  # units counted from 0
            rows.append(values)
            i += 1
        blocks.append(rows)
        if i + 1 < len(lines) and lines[i] == "" and lines[i + 1].split("|")[0].strip() == corner and corner != "unit":
            i += 1
    assert blocks
    return [list(itertools.chain(*parts)) for parts in zip(*blocks, strict=True)], i


def parameter(lines: list[str], section: str, name: str) -> list[list[str]]:
    """A matrix of the section 'parameters:' or 'gradients (BPTT):', as cells: a one-line one read
    from its brackets, a larger one from its grid."""
    at = lines.index(section) + 1
    while not lines[at].startswith(f"  {name} "):
        at += 1
    if lines[at].startswith(f"  {name} ("):
        return grid(lines, at + 1, name)[0]
    wrapped = itertools.takewhile(lambda line: line.startswith("    ") and "|" not in line, lines[at + 1 :])
    text = " ".join([lines[at].split("= ", 1)[1], *(line.strip() for line in wrapped)])
    return [row.strip("[]").split() for row in text.strip("[]").split("], [")]


def test_a_wide_lessons_ticks_are_printed_unit_by_unit(capsys) -> None:
    """letters (6-20-6): each tick's section holds x, and every hidden and output unit's numbers."""
    lesson = Lesson.from_scenario(get_scenario("letters"))
    trace = forward(lesson.model, lesson.sequence)
    back = bptt(trace)
    lines = table(capsys, "--scenario", "letters")
    for rec, step in zip(trace.steps, back.steps, strict=True):
        at = next(i for i, line in enumerate(lines) if line.startswith(f"t = {rec.t}:"))
        assert lines[at].startswith(f"t = {rec.t}: x_symbol ")  # the symbols: test_the_symbols_head_each_ticks_section
        assert lines[at + 1] == f"  x({rec.t}) = [{' '.join(cells(rec.x))}]"
        hidden, after = grid(lines, at + 3, "unit")
        assert lines[at + 3].split() == ["unit", "|", "h_prev", "|", "a", "|", "h", "|", "delta_h", "|", "delta_a"]
        expected = np.stack([rec.h_prev, rec.a, rec.h, step.delta_h, step.delta_a], axis=1)
        assert hidden == [cells(row) for row in expected], rec.t
        output, after = grid(lines, after + 1, "unit")
        assert output == [cells(row) for row in np.stack([rec.o, rec.y, rec.target], axis=1)], rec.t
        assert lines[after + 1] == f"  loss({rec.t}) = {shown(rec.loss)}"


def test_the_symbols_head_each_ticks_section(capsys) -> None:
    lines = table(capsys, "--scenario", "hello")
    trace = forward(get_scenario("hello").model(), get_scenario("hello").sequences()[0])
    heads = [line for line in lines if line.startswith("t = ")]
    assert len(heads) == len(trace.steps) == 4
    for head, rec, x, target in zip(heads, trace.steps, "hell", "ello", strict=True):
        y = "helo"[int(np.argmax(rec.y))]
        assert (
            head == f"t = {rec.t}: x_symbol {x}, y_symbol {y} (p {shown(float(np.max(rec.y)))}), target_symbol {target}"
        )


@pytest.mark.parametrize("name", ["letters", "jordan", "temporal-xor-paper"])
def test_parameters_and_gradients_are_printed_whole(capsys, name: str) -> None:
    lesson = Lesson.from_scenario(get_scenario(name))
    grads = bptt(forward(lesson.model, lesson.sequence)).grads
    lines = table(capsys, "--scenario", name)
    for pname in PARAM_NAMES:
        for section, values in (("parameters:", lesson.model.params), ("gradients (BPTT):", grads)):
            matrix = np.atleast_2d(values[pname])
            got = parameter(lines, section, pname)
            assert got == [cells(row) for row in matrix] or got == [cells(matrix)], (pname, section)


def test_a_compact_lesson_keeps_one_row_per_tick_with_every_value(capsys) -> None:
    """temporal-xor-paper (1-2-1): a tick fits one row of ROW_CELLS, and its vectors are whole."""
    lesson = Lesson.from_scenario(get_scenario("temporal-xor-paper"))
    trace = forward(lesson.model, lesson.sequence)
    back = bptt(trace)
    lines = table(capsys, "--scenario", "temporal-xor-paper")
    at = next(i for i, line in enumerate(lines) if line.lstrip().startswith("t |"))
    header = [c.strip() for c in lines[at].split("|")]
    assert header[4:] == ["x", "h_prev", "a", "h", "o", "y", "target", "loss", "delta_h", "delta_a"]
    rows = [[c.strip() for c in line.split("|")] for line in itertools.takewhile(bool, lines[at + 2 :])]
    assert len(rows) == len(trace.steps) and not any(line.startswith("t = ") for line in lines)

    def vec(v: np.ndarray | None) -> str:
        return "-" if v is None else cells(v)[0] if v.size == 1 else f"[{' '.join(cells(v))}]"

    for row, rec, step in zip(rows, trace.steps, back.steps, strict=True):
        fields = [rec.x, rec.h_prev, rec.a, rec.h, rec.o, rec.y, rec.target]
        assert row[4:11] == [vec(v) for v in fields] and row[12:] == [vec(step.delta_h), vec(step.delta_a)]


def test_beyond_the_bound_a_vector_and_a_matrix_are_summarised(capsys, tmp_path) -> None:
    """40 hidden units: h, W_hh and their kin are one line each, with a norm and range computed here."""
    rng = np.random.default_rng(7)
    hidden = 40
    doc = {
        "hidden_activation": "tanh",
        "output_activation": "identity",
        "W_xh": rng.normal(0, 0.5, (hidden, 1)).tolist(),
        "W_hh": rng.normal(0, 0.1, (hidden, hidden)).tolist(),
        "b_h": [0.0] * hidden,
        "W_hy": rng.normal(0, 0.1, (1, hidden)).tolist(),
        "b_y": [0.0],
    }
    path = tmp_path / "wide.json"
    path.write_text(json.dumps(doc))
    lines = table(capsys, "--model", str(path))
    model = load_model(path)
    trace = forward(model, get_scenario("seed").sequences()[0])
    w = model.params["W_hh"]
    norm, low, high = shown(np.linalg.norm(w)), shown(w.min()), shown(w.max())
    assert f"  W_hh: 40 x 40, too large to print: norm {norm}, from {low} to {high}" in lines
    h = trace.steps[2].h
    top = np.argsort(-np.abs(h))[:3]
    biggest = ", ".join(f"#{i} = {shown(h[i])}" for i in top)
    at = lines.index("t = 3")
    assert (
        f"  h      : 40 values, too many to print: norm {shown(np.linalg.norm(h))}; largest |value|: {biggest}"
        in lines[at:]
    )
    assert lines[at + 1] == "  x(3) = 3.000"


@pytest.mark.parametrize("name", ["letters", "hello", "lexical", "reber", "jordan", "echo"])
def test_no_line_is_wider_than_a_row_and_grids_fit_a_table_line(capsys, name: str) -> None:
    lines = table(capsys, "--scenario", name)
    assert max(map(len, lines)) <= ROW_CELLS
    assert max(len(line) for line in lines if line.startswith("   ") and "|" in line) <= TABLE_CELLS


def test_a_texts_space_is_quoted_not_a_blank_cell(capsys, tmp_path) -> None:
    path = tmp_path / "t.txt"
    path.write_text("ab ab ab")
    lines = table(capsys, "--text", str(path))
    at = next(i for i, line in enumerate(lines) if line.lstrip().startswith("t |"))
    rows = [[c.strip() for c in line.split("|")] for line in itertools.takewhile(bool, lines[at + 2 :])]
    assert [r[1] for r in rows] == ["a", "b", "' '", "a", "b", "' '", "a"]  # the inputs spell the text
    assert [r[3] for r in rows] == ["b", "' '", "a", "b", "' '", "a", "b"]
    assert sum(line.endswith("target_symbol ' '") for line in lines if line.startswith("t = ")) == 2
