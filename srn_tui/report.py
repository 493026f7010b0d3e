"""Trace formats for handouts and scripts: table, markdown, csv, json.

`table` (report_table.py) and `markdown` (report_markdown.py) are for people: 3 decimals, every value
of vectors and matrices up to a bound, a summary beyond it; `csv` and `json` are for programs (full
precision, every element).
"""

from __future__ import annotations

import io
import json
import math
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Protocol, TextIO

import numpy as np

from .engine import PARAM_NAMES, Backward, BackwardStep, DataSequence, FlowNorms, Model, Params, TickRecord, Trace
from .engine.flow import check_target
from .engine.stream import Overflow, StoredTrace
from .lessons.symbols import NO_SYMBOLS, Decoding, TickSymbols
from .loss_scale import LossScale, loss_scale
from .report_flow import flow_to_dict, trace_flow
from .report_markdown import SYMBOL_COLUMNS, SymbolCells, title_of, write_markdown
from .report_table import write_table
from .text.numbers import table as fmt_number

if TYPE_CHECKING:
    from .lessons import Lesson

FORMATS = ("table", "markdown", "csv", "json")
EXPORT_SUFFIXES = {"markdown": ".md", "csv": ".csv", "json": ".json"}
TICK_FIELDS = ("x", "h_prev", "a", "h", "o", "y", "target")


class TraceSource(Protocol):
    """What the formats read: a StreamedTrace (recomputed block by block) or a StoredTrace."""

    model: Model
    sequence: DataSequence
    loss: float
    grads: Params
    overflow: Overflow | None

    def __len__(self) -> int: ...

    def steps(self) -> Iterable[tuple[TickRecord, BackwardStep]]: ...

    def records_back(self, t: int) -> Iterator[TickRecord]: ...


def _symbol_cells(symbols: Decoding | None, model: Model) -> SymbolCells | None:
    """The markdown handout's symbol cells of a tick, under `symbols`."""
    return None if symbols is None else lambda rec: symbol_cells(tick_symbols(symbols, model, rec))


def tick_symbols(symbols: Decoding | None, model: Model, rec: TickRecord) -> TickSymbols:
    """A tick's symbols under `symbols` (NO_SYMBOLS without)."""
    return NO_SYMBOLS if symbols is None else symbols.tick(rec, model.output_activation == "softmax")


def symbol_cells(ts: TickSymbols) -> list[str]:
    """x, y (with its probability for a softmax output) and target symbols for a readable row; '-' for none."""
    y = ts.y if ts.y is None or ts.p is None else f"{ts.y} (p {fmt_number(ts.p)})"
    return [s if s is not None else "-" for s in (ts.x, y, ts.target)]


def _columns(name: str, width: int) -> list[str]:
    return [name] if width == 1 else [f"{name}{i + 1}" for i in range(width)]


def _csv_text(s: str | None) -> str:
    """A text cell as csv.writer quotes it (a text lesson's symbols include ',', '"' and a newline);
    empty for no symbol."""
    if s is None:
        return ""
    return '"' + s.replace('"', '""') + '"' if any(c in s for c in ',"\r\n') else s


def _write_csv(out: TextIO, source: TraceSource, symbols: Decoding | None = None) -> None:
    m = source.model
    widths = {"x": m.input_size, "h_prev": m.context_size, "a": m.hidden_size, "h": m.hidden_size}
    widths |= {"o": m.output_size, "y": m.output_size, "target": m.output_size}
    header = ["t"] + ([] if symbols is None else SYMBOL_COLUMNS)
    header += [c for f in TICK_FIELDS for c in _columns(f, widths[f])] + ["loss"]
    header += _columns("delta_h", m.hidden_size) + _columns("delta_a", m.hidden_size)
    out.write(",".join(header) + "\n")
    # Numbers never need CSV quoting, so a joined row is what csv.writer would write, at a fraction of the cost.
    no_target = "," * (widths["target"] - 1)
    for rec, back in source.steps():
        row = [str(rec.t)]
        if symbols is not None:  # as json names them: the predicted symbol alone (its probability is in y)
            ts = tick_symbols(symbols, m, rec)
            row += [_csv_text(ts.x), _csv_text(ts.y), _csv_text(ts.target)]
        for f in TICK_FIELDS:
            v = getattr(rec, f)
            row.append(no_target if v is None else ",".join(map(repr, v.tolist())))
        row.append("" if rec.loss is None else repr(rec.loss))
        row += [",".join(map(repr, back.delta_h.tolist())), ",".join(map(repr, back.delta_a.tolist()))]
        out.write(",".join(row) + "\n")


def _json_number(x: float) -> float | None:
    return x if math.isfinite(x) else None  # NaN and Infinity are not JSON


def _write_json(out: TextIO, source: TraceSource, flow: FlowNorms | None, symbols: Decoding | None = None) -> None:
    """The `trace --format json` document, written tick by tick; the text is what json.dumps(doc,
    indent=2) gives. Non-finite numbers (only after an overflow) are written as null; "flow" is null
    without a flow (no tick has a target). Every step names its symbols ("x_symbol", "y_symbol",
    "target_symbol"), null where the lesson has none or the vector is no symbol's code."""
    from .files import model_to_dict

    clean = source.overflow is not None

    def vec(v: np.ndarray | None) -> list | None:
        if v is None:
            return None
        values = v.tolist()
        return [_json_number(x) for x in values] if clean else values

    def nested(value: object) -> list:
        rows = np.asarray(value).tolist()
        if clean:
            return [[_json_number(x) for x in r] if isinstance(r, list) else _json_number(r) for r in rows]
        return rows

    def dump(value: object, depth: int) -> str:
        return json.dumps(value, indent=2, allow_nan=False).replace("\n", "\n" + "  " * depth)

    def items(dicts: Iterable[dict], depth: int) -> None:
        pad, first = "  " * depth, True
        for d in dicts:
            out.write(("" if first else ",\n") + pad + dump(d, depth))
            first = False
        out.write("\n" + "  " * (depth - 1) if not first else "")

    def num(x: float | None) -> float | None:
        return x if x is None or not clean else _json_number(x)

    overflow = None if source.overflow is None else {"quantity": source.overflow.quantity, "t": source.overflow.t}
    out.write(
        '{\n  "model": ' + dump(model_to_dict(source.model), 1) + ',\n  "steps": [' + ("\n" if len(source) else "")
    )

    def step(r: TickRecord) -> dict:
        ts = tick_symbols(symbols, source.model, r)
        names = {"x_symbol": ts.x, "y_symbol": ts.y, "target_symbol": ts.target}
        return {"t": r.t, **{f: vec(getattr(r, f)) for f in TICK_FIELDS}, "loss": num(r.loss), **names}

    ticks = (step(r) for r, _ in source.steps())
    items(ticks, 2)
    out.write("],\n" + f'  "loss": {dump(num(source.loss), 1)},\n  "overflow": {dump(overflow, 1)},\n')
    out.write('  "backward": {\n    "steps": [' + ("\n" if len(source) else ""))
    items(({"t": b.t, "delta_h": vec(b.delta_h), "delta_a": vec(b.delta_a)} for _, b in source.steps()), 3)
    grads = {name: nested(source.grads[name]) for name in PARAM_NAMES}
    out.write("],\n" + f'    "grads": {dump(grads, 2)}\n  }},\n  "flow": {dump(flow_to_dict(flow), 1)}\n}}\n')


def overflow_message(overflow: Overflow, fmt: str) -> str:
    """One line saying that (and where) values overflowed, for stderr."""
    where = f"the gradient of {overflow.quantity}" if overflow.t is None else f"{overflow.quantity}({overflow.t})"
    shown = "null" if fmt == "json" else "inf or nan"
    return f"values overflowed to Inf or NaN, first in {where}; they are written as {shown}"


def write_trace(
    out: TextIO,
    source: TraceSource,
    fmt: str,
    title: str = "srn-tui trace",
    narration: Sequence[str] | None = None,
    scale: LossScale | None = None,
    flow: FlowNorms | None = None,
    lang: str = "en",
    subtitle: str | None = None,
    symbols: Decoding | None = None,
) -> None:
    """Write a forward pass and its BPTT in one of FORMATS to `out`, tick by tick. `narration`
    (one line per tick) adds a column to the markdown handout; `scale` (default: the trace's own
    target ticks, no baseline) says what the total loss sums, in table and markdown; `flow` (one
    target's gradient flow, report_flow.trace_flow) adds a section to table and markdown and is the
    "flow" member of json (csv leaves it out). The markdown handout is in `lang`, with `subtitle`
    under its title; `symbols` names each tick's symbols in every format
    (x_symbol, y_symbol, target_symbol)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    scale = scale or loss_scale(source.model, [source.sequence])
    if fmt == "table":
        write_table(out, source, title, scale, flow, _symbol_cells(symbols, source.model))
    elif fmt == "markdown":
        write_markdown(out, source, title, narration, scale, flow, lang, subtitle, _symbol_cells(symbols, source.model))
    elif fmt == "csv":
        _write_csv(out, source, symbols)
    else:
        _write_json(out, source, flow, symbols)


def format_trace(
    trace: Trace,
    backward: Backward,
    fmt: str,
    title: str = "srn-tui trace",
    narration: Sequence[str] | None = None,
    scale: LossScale | None = None,
    flow: FlowNorms | None = None,
) -> str:
    """write_trace for a trace held in memory, as one string."""
    buf = io.StringIO()
    write_trace(buf, StoredTrace(trace, backward), fmt, title, narration, scale, flow)
    return buf.getvalue()


def write_lesson_report(
    out: TextIO,
    lesson: Lesson | str,
    title: str,
    source: TraceSource,
    fmt: str,
    lang: str = "en",
    scale: LossScale | None = None,
    flow_target: int | None = None,
) -> None:
    """A lesson's trace as the command line and the app export it: titled with the lesson (the Lesson
    that runs, or a built-in lesson's name), for
    markdown with the narration (in `lang`) beside each tick, which needs the whole trace (a
    StoredTrace), and with the gradient flow from `flow_target` (default: the last tick with a
    target; engine.FlowTargetError, before anything is written, if it has none). An overflowed
    trace is written with inf/nan (null in JSON), without NumPy's warnings."""
    with np.errstate(all="ignore"):
        if fmt == "csv":  # csv leaves the flow out: a bad flow_target is still refused
            flow = None
            if flow_target is not None:
                check_target(source.sequence, flow_target)
        else:
            flow = trace_flow(source, flow_target)
        narration = None
        if fmt == "markdown":
            from .narration import narrate_tick

            if not isinstance(source, StoredTrace):
                raise TypeError("the markdown handout's narration reads the whole trace: pass a StoredTrace")
            trace = source.trace
            narration = [narrate_tick(lesson, trace, t, lang) for t in range(1, len(trace) + 1)]
        subtitle = None
        if isinstance(lesson, str):
            title = f"{lesson}: {title}"
        else:  # titled by what it shows: the lesson as made, or the user's files
            title, subtitle = title_of(lesson, lang if fmt == "markdown" else "en")
        write_trace(out, source, fmt, title, narration, scale, flow, lang, subtitle, _symbols(lesson, source.model))


def _symbols(lesson: Lesson | str, model: Model) -> Decoding | None:
    """The lesson's symbols where `model` reads them (a built-in lesson's name: as it was made)."""
    if isinstance(lesson, str):
        from .lessons import find_scenario

        scenario = find_scenario(lesson)
        symbols = scenario.symbols if scenario is not None else None
        return symbols if symbols is not None and symbols.fits(model.input_size, model.output_size) else None
    return lesson.decoding(model)


def lesson_report(
    lesson: Lesson | str,
    title: str,
    trace: Trace,
    backward: Backward,
    fmt: str,
    lang: str = "en",
    scale: LossScale | None = None,
    flow_target: int | None = None,
) -> str:
    """write_lesson_report for a trace held in memory (the app's), as one string."""
    buf = io.StringIO()
    write_lesson_report(buf, lesson, title, StoredTrace(trace, backward), fmt, lang, scale, flow_target)
    return buf.getvalue()
