"""The markdown handout (`trace --format markdown`, the app's markdown export): every number a
student follows, in full where it fits, in lines a text editor and a printer can show.

What is printed in full (the handout says so in its first lines): vectors of up to VECTOR_FULL values,
matrices of up to MATRIX_FULL x MATRIX_FULL, as markdown tables cut into blocks of columns so that
no table line passes TABLE_CELLS terminal cells; larger ones get a one-line summary (norm, range,
largest entries), and csv/json carry every value. Prose (the narration, the flow's explanation) is
wrapped at PROSE_CELLS cells. A lesson whose tick fits one table row of ROW_CELLS (seed,
temporal-xor-paper) keeps one row per tick; a wider one (hello, letters, echo, text lessons) gets a
section per tick with its vectors as tables, one row per unit. So no line is wider than ROW_CELLS.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Protocol, TextIO

import numpy as np

from .engine import PARAM_NAMES, BackwardStep, FlowNorms, Model, Params, TickRecord
from .explain import loss_formula
from .loss_scale import LossScale
from .report_flow import flow_markdown
from .text import numbers
from .text.handout import loss_summary, say, width, wrap

if TYPE_CHECKING:
    from .lessons import Lesson

VECTOR_FULL = 32  # values of a vector printed in full
MATRIX_FULL = 32  # rows, and columns, of a matrix printed in full
TABLE_CELLS = 120  # a table line's width at most (a matrix's columns are cut into blocks to fit)
PROSE_CELLS = 100  # prose lines are wrapped here
INLINE_CELLS = 60  # a parameter this short in one cell of the parameter table; longer ones get their own table
ROW_CELLS = 150  # a tick whose row fits keeps one table row per tick (a 1-2-1 network's, with its bits named: 145)
TICK_FIELDS = ("x", "h_prev", "a", "h", "o", "y", "target")
SYMBOL_COLUMNS = ["x_symbol", "y_symbol", "target_symbol"]  # after "t", for lessons with symbols
SymbolCells = Callable[[TickRecord], list[str]]  # a tick's x, y and target symbols as cells ('-' for none)


class MarkdownSource(Protocol):
    model: Model
    loss: float
    grads: Params

    def steps(self) -> Iterator[tuple[TickRecord, BackwardStep]]: ...


def cell(v: float) -> str:
    return numbers.table(float(v))


def inline(v: np.ndarray | None) -> str:
    """'0.462' for one value, '[0.100 -0.200]' for several, '[[0.500]]' for a matrix, '-' for none."""
    if v is None:
        return "-"
    a = np.asarray(v)
    if a.ndim == 2:
        return "[" + ", ".join(inline(row) if row.size > 1 else f"[{inline(row)}]" for row in a) + "]"
    if a.size == 1:
        return cell(a.ravel()[0])
    return "[" + " ".join(cell(x) for x in a) + "]"


def vector_summary(v: np.ndarray, lang: str) -> str:
    flat = np.ravel(v)
    order = np.argsort(-np.abs(np.nan_to_num(flat, nan=np.inf)), kind="stable")[:3]
    top = ", ".join(f"#{i} = {cell(flat[i])}" for i in order if flat[i] != 0) or "0"
    return say(lang, "vector_summary", n=flat.size, norm=cell(np.linalg.norm(flat)), top=top)


def matrix_summary(m: np.ndarray, lang: str) -> str:
    rows, cols = m.shape
    norm, low, high = cell(np.linalg.norm(m)), cell(np.min(m)), cell(np.max(m))
    return say(lang, "matrix_summary", rows=rows, cols=cols, norm=norm, low=low, high=high)


def column_blocks(label_w: int, widths: Sequence[int], cells: int = TABLE_CELLS) -> list[tuple[int, int]]:
    """A table's columns (each `widths[i]` wide with its separator, after row labels `label_w` wide)
    cut into blocks [start, stop) whose lines fit `cells`; a column wider than that gets a block alone."""
    blocks: list[tuple[int, int]] = []
    start = 0
    while start < len(widths):
        used, stop = label_w, start
        while stop < len(widths) and (stop == start or used + widths[stop] <= cells):
            used, stop = used + widths[stop], stop + 1
        blocks.append((start, stop))
        start = stop
    return blocks


def table_lines(corner: str, labels: Sequence[str], columns: Sequence[str], cells: list[list[str]]) -> list[str]:
    """A markdown table (row labels down the left), cut into blocks of columns that fit TABLE_CELLS."""
    lines: list[str] = []
    label_w = max(width(s) for s in [corner, *labels]) + 4
    widths = [max(width(columns[i]), *(width(row[i]) for row in cells)) + 3 for i in range(len(columns))]
    for start, stop in column_blocks(label_w, widths):
        if lines:
            lines.append("")
        lines.append("| " + " | ".join([corner, *columns[start:stop]]) + " |")
        lines.append("|---|" + "---:|" * (stop - start))  # numbers right-aligned: the decimal points line up
        lines += ["| " + " | ".join([label, *row[start:stop]]) + " |" for label, row in zip(labels, cells, strict=True)]
    return lines


def matrix_lines(name: str, m: np.ndarray, lang: str) -> list[str]:
    rows, cols = m.shape
    if rows > MATRIX_FULL or cols > MATRIX_FULL or not np.size(m):
        return [f"**{name}**: {matrix_summary(m, lang)}"]
    cells = [[cell(x) for x in row] for row in m]
    return [f"**{name}** ({rows} x {cols}):", "", *table_lines(name, [str(i) for i in range(rows)], _idx(cols), cells)]


def vector_lines(name: str, v: np.ndarray, lang: str) -> list[str]:
    if v.size > VECTOR_FULL:
        return [f"**{name}**: {vector_summary(v, lang)}"]
    return wrap(f"**{name}** = {inline(v)}", PROSE_CELLS)


def _idx(n: int) -> list[str]:
    return [str(i) for i in range(n)]


def parameter_lines(values: Params, header: str, lang: str) -> list[str]:
    """Short parameters in one table (name | `header`); each longer one after it, in full or summarised."""
    short = [name for name in PARAM_NAMES if width(inline(values[name])) <= INLINE_CELLS]
    lines = [f"| {say(lang, 'param_col')} | {header} |", "|---|---|"] if short else []
    lines += [f"| {name} | {inline(values[name])} |" for name in short]
    for name in PARAM_NAMES:
        if name not in short:
            v = np.asarray(values[name])
            lines += ["", *(matrix_lines(name, v, lang) if v.ndim == 2 else vector_lines(name, v, lang))]
    return lines[1:] if not short else lines


def _named(rec: TickRecord, symbols: SymbolCells | None) -> list[str]:
    """t and, for a lesson with symbols, the tick's symbols ('|' escaped and a space quoted: a text may
    hold them, and a blank cell would read as no symbol)."""
    return [str(rec.t)] + ([] if symbols is None else [_symbol_cell(c) for c in symbols(rec)])


def _symbol_cell(symbol: str) -> str:
    return f"'{symbol}'" if symbol.isspace() else symbol.replace("|", "\\|")


def _row(rec: TickRecord, back: BackwardStep, symbols: SymbolCells | None = None) -> list[str]:
    cells = _named(rec, symbols) + [inline(getattr(rec, f)) for f in TICK_FIELDS]
    return cells + ["-" if rec.loss is None else cell(rec.loss), inline(back.delta_h), inline(back.delta_a)]


ROW_HEADER = ["t", *TICK_FIELDS, "loss", "delta_h", "delta_a"]


def fits_one_row(source: MarkdownSource, symbols: SymbolCells | None = None) -> bool:
    return all(width("| " + " | ".join(_row(r, b, symbols)) + " |") <= ROW_CELLS for r, b in source.steps())


Layer = dict[str, np.ndarray]


def tick_layers(rec: TickRecord, back: BackwardStep, model: Model) -> tuple[Layer, Layer, Layer]:
    """A tick's numbers as a handout lays them out: vectors on their own (x; a Jordan network's fed-back
    y(t-1), whose O values are no hidden unit's), the hidden layer unit by unit, the output layer."""
    vectors = {f"x({rec.t})": rec.x}
    hidden = {"a": rec.a, "h": rec.h, "delta_h": back.delta_h, "delta_a": back.delta_a}
    if model.context_size == model.hidden_size:
        hidden = {"h_prev": rec.h_prev, **hidden}
    else:
        vectors[f"h_prev (y({rec.t - 1}))"] = rec.h_prev
    output = {"o": rec.o, "y": rec.y} | ({} if rec.target is None else {"target": rec.target})
    return vectors, hidden, output


def tick_lines(rec: TickRecord, back: BackwardStep, model: Model, note: str | None, lang: str) -> list[str]:
    """One tick's section: its narration, then x, the hidden layer and the output layer, unit by unit."""
    lines = ["", f"### {say(lang, 'tick', t=rec.t)}", ""]
    if note is not None:
        lines += [*prose(note), ""]
    vectors, hidden, output = tick_layers(rec, back, model)
    for i, (name, v) in enumerate(vectors.items()):
        lines += ([""] if i else []) + vector_lines(name, v, lang)
    for layer in (hidden, output):
        lines.append("")
        size = next(iter(layer.values())).size
        if size > VECTOR_FULL:
            lines += [line for name, v in layer.items() for line in (*vector_lines(name, v, lang), "")][:-1]
        else:
            cells = [[cell(v[i]) for v in layer.values()] for i in range(size)]
            lines += table_lines(say(lang, "unit"), _idx(size), list(layer), cells)
    loss = "-" if rec.loss is None else cell(rec.loss)
    return [*lines, "", f"loss({rec.t}) = {loss}"]


def prose(text: str) -> list[str]:
    """A paragraph of outside words (the narration): wrapped, with '*' kept from starting emphasis."""
    return wrap(text.replace("*", "\\*"), PROSE_CELLS)


def write_markdown(
    out: TextIO,
    source: MarkdownSource,
    title: str,
    narration: Sequence[str] | None,
    scale: LossScale,
    flow: FlowNorms | None,
    lang: str = "en",
    subtitle: str | None = None,
    symbols: SymbolCells | None = None,
) -> None:
    m = source.model
    named = ["t"] + ([] if symbols is None else SYMBOL_COLUMNS)
    recurrent = "y" if m.is_jordan else "h"
    lines = [f"# {title}", ""]
    lines += [  # a code block: the formulas keep their lines, and '*' is no emphasis
        "```",
        f"h(t) = {m.hidden_activation}(W_xh x(t) + W_hh {recurrent}(t-1) + b_h)",
        f"y(t) = {m.output_activation}(W_hy h(t) + b_y)",
        f"{loss_formula(m)} ({m.loss})",
        "```",
    ]
    if subtitle:
        lines += ["", *wrap(subtitle, PROSE_CELLS)]
    lines += ["", *wrap(say(lang, "bound", values=VECTOR_FULL, rows=MATRIX_FULL, cols=MATRIX_FULL), PROSE_CELLS)]
    lines += ["", f"## {say(lang, 'parameters')}", "", *parameter_lines(m.params, say(lang, "value_col"), lang)]
    lines += ["", f"## {say(lang, 'forward')}", ""]
    compact = fits_one_row(source, symbols)
    header = [*named, *ROW_HEADER[1:]] if compact else [*named, "loss"]
    lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    if compact:
        lines += ["| " + " | ".join(_row(r, b, symbols)) + " |" for r, b in source.steps()]
    else:
        loss = {r.t: "-" if r.loss is None else cell(r.loss) for r, _ in source.steps()}
        lines += ["| " + " | ".join([*_named(r, symbols), loss[r.t]]) + " |" for r, _ in source.steps()]
    summary = loss_summary(source.loss, scale, bold="**", lang=lang)
    lines += [line for text in summary for line in ("", text)]  # short enough (~110 cells) to stay one line
    out.writelines(line + "\n" for line in lines)
    notes = list(narration) if narration is not None else None
    if compact:
        if notes is not None:
            lines = ["", f"## {say(lang, 'narration')}"]
            lines += [line for note in notes for line in ("", *prose(note))]
            out.writelines(line + "\n" for line in lines)
    else:
        out.write(f"\n## {say(lang, 'narration')}\n")
        for i, (rec, back) in enumerate(source.steps()):
            note = notes[i] if notes is not None else None
            out.writelines(line + "\n" for line in tick_lines(rec, back, m, note, lang))
    lines = ["", f"## {say(lang, 'gradients')}", "", *parameter_lines(source.grads, say(lang, "grad_col"), lang)]
    lines += ["", *flow_markdown(flow, lang)]
    out.writelines(line + "\n" for line in lines)


def title_of(lesson: Lesson, lang: str = "en") -> tuple[str, str | None]:
    """A handout's title, by what it shows, and a line saying which lesson it was built on (or None):
    a lesson as made is titled by its own title; with the user's files, by the files."""
    scenario = lesson.scenario.name
    models = [name for part, name in lesson.files if part == "model"]
    sequences = [name for part, name in lesson.files if part == "sequence"]
    if not lesson.files:
        return say(lang, "title_lesson", lesson=lesson.name, title=lesson.about(lang).title), None
    if models and sequences:
        title = say(lang, "title_files", model=models[-1], sequence=sequences[-1])
    elif models:
        title = say(lang, "title_model_on_lesson", model=models[-1], lesson=scenario)
    else:
        title = say(lang, "title_lesson_on_sequence", lesson=scenario, sequence=sequences[-1])
    if lesson.files_only:
        return title, None
    parts = say(lang, "part_both" if models and sequences else "part_model" if models else "part_sequence")
    return title, say(lang, "from_lesson", lesson=scenario, title=lesson.about(lang).title, parts=parts)
