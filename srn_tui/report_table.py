"""The table handout (`trace --format table`, the default): a plain-text trace a terminal shows and a
printer prints, with every value of the vectors and matrices the markdown handout prints in full.

A lesson whose tick fits one row of ROW_CELLS (seed, temporal-xor-paper) keeps one row per tick. A
wider one (hello, letters, echo, text lessons) gets an overview (t, its symbols, its loss, one row
per tick) and then a section per tick: x, the hidden layer and the output layer unit by unit, as the
markdown handout lays them out (report_markdown.tick_layers). Vectors of up to VECTOR_FULL values and
matrices of up to MATRIX_FULL x MATRIX_FULL are printed whole, as grids cut into blocks of columns
that fit TABLE_CELLS; larger ones are one line with their size, norm and range (a vector: its largest
entries), in English as the rest of the table.

The ticks are read several times (a StreamedTrace recomputes them block by block), so a long trace
never holds more than a block of records: once for the widths, once for the rows, and for a wide
lesson once more for the sections.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator, Sequence
from typing import Protocol, TextIO

import numpy as np

from .engine import PARAM_NAMES, BackwardStep, FlowNorms, Model, Params, TickRecord
from .explain import loss_formula
from .loss_scale import LossScale
from .report_flow import flow_table
from .report_markdown import (
    INLINE_CELLS,
    MATRIX_FULL,
    PROSE_CELLS,
    ROW_HEADER,
    SYMBOL_COLUMNS,
    TICK_FIELDS,
    VECTOR_FULL,
    SymbolCells,
    cell,
    column_blocks,
    inline,
    matrix_summary,
    tick_layers,
    vector_summary,
)
from .text.handout import loss_summary, say, wrap

INDENT = "  "
# A tick this wide keeps one row: wider than the markdown's 150, whose cells are not padded to a column's
# width; the padded rows of a 1-2-1 network with its bits named (temporal-xor-paper) take 168.
ROW_CELLS = 180


class TableSource(Protocol):
    model: Model
    loss: float
    grads: Params

    def steps(self) -> Iterator[tuple[TickRecord, BackwardStep]]: ...


def grid_lines(
    corner: str, labels: Sequence[str], columns: Sequence[str], cells: list[list[str]], indent: str = INDENT
) -> list[str]:
    """An aligned ASCII grid (row labels down the left, numbers right-aligned so the decimal points line
    up), cut into blocks of columns that fit TABLE_CELLS."""
    label_w = max(len(s) for s in [corner, *labels])
    widths = [max(len(columns[i]), *(len(row[i]) for row in cells)) for i in range(len(columns))]
    lines: list[str] = []
    for start, stop in column_blocks(len(indent) + label_w, [w + 3 for w in widths]):
        ws = widths[start:stop]

        def line(label: str, row: Sequence[str], ws: list[int] = ws) -> str:
            return indent + " | ".join([label.rjust(label_w), *(c.rjust(w) for c, w in zip(row, ws, strict=True))])

        if lines:
            lines.append("")
        lines.append(line(corner, columns[start:stop]))
        lines.append(indent + "-+-".join("-" * w for w in [label_w, *ws]))
        lines += [line(label, row[start:stop]) for label, row in zip(labels, cells, strict=True)]
    return lines


def _idx(n: int) -> list[str]:
    return [str(i) for i in range(n)]


def vector_lines(name: str, v: np.ndarray) -> list[str]:
    """`name = [...]` in full (wrapped under its bracket when long), or its summary beyond VECTOR_FULL."""
    flat = np.ravel(v)
    if flat.size > VECTOR_FULL:
        return [f"{INDENT}{name}: {vector_summary(flat, 'en')}"]
    head = f"{INDENT}{name} = "
    body = textwrap.wrap(inline(flat), PROSE_CELLS - len(head), break_long_words=False)
    return [head + body[0], *(" " * len(head) + line for line in body[1:])]


def matrix_lines(name: str, m: np.ndarray) -> list[str]:
    rows, cols = m.shape
    if rows > MATRIX_FULL or cols > MATRIX_FULL or not np.size(m):
        return [f"{INDENT}{name}: {matrix_summary(m, 'en')}"]
    cells = [[cell(x) for x in row] for row in m]
    return [f"{INDENT}{name} ({rows} x {cols}):", *grid_lines(name, _idx(rows), _idx(cols), cells, 2 * INDENT)]


def parameter_lines(values: Params) -> list[str]:
    """Each parameter: on one line when short (`W_hy  = [[6.067]]`), else as a grid or a wrapped vector,
    set apart by blank lines."""
    lines: list[str] = []
    for name in PARAM_NAMES:
        v = np.asarray(values[name])
        if len(inline(v)) <= INLINE_CELLS:
            lines.append(f"{INDENT}{name:5} = {inline(v)}")
            continue
        block = matrix_lines(name, v) if v.ndim == 2 else vector_lines(f"{name:5}", v)
        lines += ([""] if lines and lines[-1] else []) + block + ([""] if len(block) > 1 else [])
    return lines[:-1] if lines and not lines[-1] else lines


def _named(rec: TickRecord, symbols: SymbolCells | None) -> list[str]:
    return [str(rec.t)] + ([] if symbols is None else _symbol_cells(rec, symbols))


def _symbol_cells(rec: TickRecord, symbols: SymbolCells) -> list[str]:
    """A tick's symbols, a space quoted (a text's ' ' would be a blank cell, read as no symbol)."""
    return [f"'{c}'" if c.isspace() else c for c in symbols(rec)]


def _loss(rec: TickRecord) -> str:
    return "-" if rec.loss is None else cell(rec.loss)


def _row(rec: TickRecord, back: BackwardStep, symbols: SymbolCells | None) -> list[str]:
    cells = _named(rec, symbols) + [inline(getattr(rec, f)) for f in TICK_FIELDS]
    return cells + [_loss(rec), inline(back.delta_h), inline(back.delta_a)]


def _at_least(model: Model) -> int:
    """A row's width if every value took 5 cells ('0.000'): more than ROW_CELLS means no row fits,
    found without formatting a number (a 400-unit layer's ticks would be millions of them)."""
    m = model
    values = m.input_size + m.context_size + 4 * m.hidden_size + 3 * m.output_size
    return 6 * values


def _fitted(header: list[str], rows: Iterator[list[str]]) -> tuple[list[int], bool]:
    widths = [len(h) for h in header]
    for cells in rows:
        widths = [max(w, len(c)) for w, c in zip(widths, cells, strict=True)]
    return widths, sum(widths) + 3 * (len(widths) - 1) <= ROW_CELLS


def _line(cells: Sequence[str], widths: Sequence[int]) -> str:
    return " | ".join(c.rjust(w) for c, w in zip(cells, widths, strict=True)).rstrip() + "\n"


def tick_section(rec: TickRecord, back: BackwardStep, model: Model, symbols: SymbolCells | None) -> list[str]:
    """One tick of a wide lesson: its symbols and loss, x, then the hidden and output layers unit by unit."""
    named = (
        ""
        if symbols is None
        else ": " + ", ".join(f"{n} {s}" for n, s in zip(SYMBOL_COLUMNS, _symbol_cells(rec, symbols), strict=True))
    )
    lines = ["", f"t = {rec.t}{named}"]
    vectors, hidden, output = tick_layers(rec, back, model)
    for name, v in vectors.items():
        lines += vector_lines(name, v)
    for layer in (hidden, output):
        size = next(iter(layer.values())).size
        lines.append("")
        if size > VECTOR_FULL:
            pad = max(map(len, layer))
            lines += [line for name, v in layer.items() for line in vector_lines(name.ljust(pad), v)]
        else:
            lines += grid_lines(
                "unit", _idx(size), list(layer), [[cell(v[i]) for v in layer.values()] for i in range(size)]
            )
    return [*lines, "", f"{INDENT}loss({rec.t}) = {_loss(rec)}"]


def write_table(
    out: TextIO,
    source: TableSource,
    title: str,
    scale: LossScale,
    flow: FlowNorms | None,
    symbols: SymbolCells | None = None,
) -> None:
    model = source.model
    named = ["t"] + ([] if symbols is None else SYMBOL_COLUMNS)
    header = [*named, *ROW_HEADER[1:]]
    compact = _at_least(model) <= ROW_CELLS
    if compact:  # the widths pass also says whether the rows fit
        widths, compact = _fitted(header, (_row(r, b, symbols) for r, b in source.steps()))
    out.write(f"{title}\n{loss_formula(model)}\n")
    if not compact:
        header = [*named, "loss"]
        widths, _ = _fitted(header, (_named(r, symbols) + [_loss(r)] for r, _ in source.steps()))
        out.writelines(
            f"{line}\n"
            for line in wrap(say("en", "bound", values=VECTOR_FULL, rows=MATRIX_FULL, cols=MATRIX_FULL), PROSE_CELLS)
        )
    out.writelines(f"{text}\n" for text in ["", "parameters:", *parameter_lines(model.params), ""])
    out.write(_line(header, widths) + "-+-".join("-" * w for w in widths) + "\n")
    for rec, back in source.steps():
        out.write(_line(_row(rec, back, symbols) if compact else [*_named(rec, symbols), _loss(rec)], widths))
    summary = [line[0].lower() + line[1:] for line in loss_summary(source.loss, scale)]
    out.writelines(f"{text}\n" for text in ["", *summary])
    if not compact:
        for rec, back in source.steps():
            out.writelines(f"{line}\n" for line in tick_section(rec, back, model, symbols))
    out.writelines(f"{text}\n" for text in ["", "gradients (BPTT):", *parameter_lines(source.grads)])
    out.writelines(f"{text}\n" for text in ["", *flow_table(flow)])
