"""Trace formats for handouts and scripts: table, markdown, csv, json.

`table` and `markdown` are for people (3 decimals, long vectors abbreviated);
`csv` and `json` are for programs (full precision, every element).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

import numpy as np

from .engine import PARAM_NAMES, Backward, TargetFlow, Trace
from .explain import loss_formula
from .loss_scale import LossScale, loss_scale
from .report_flow import flow_markdown, flow_table, flow_to_dict, trace_flow

FORMATS = ("table", "markdown", "csv", "json")
EXPORT_SUFFIXES = {"markdown": ".md", "csv": ".csv", "json": ".json"}
TICK_FIELDS = ("x", "h_prev", "a", "h", "o", "y", "target")
MAX_SHOWN = 6  # vector elements shown in a readable cell before abbreviating
BASELINE_NAMES = {
    "chance_half": "chance (always 0.5)",
    "chance_uniform": "chance (every symbol equally likely)",
    "repeat": "repeating the current value",
    "average": "always the average target",
}


def fmt_number(v: float) -> str:
    """3 decimals; tiny non-zero values in scientific notation, because a vanishing gradient
    printed as -0.000 would hide exactly what the lesson is about."""
    if not np.isfinite(v):
        return str(v)
    if v != 0 and abs(v) < 0.0005:
        return f"{v:.1e}"
    return f"{v:.3f}"


def fmt_vector(v: np.ndarray | None) -> str:
    """'0.462' for one element, '[0.100 -0.200]' for several, '-' for none."""
    if v is None:
        return "-"
    flat = np.ravel(v)
    if flat.size == 1:
        return fmt_number(float(flat[0]))
    shown = " ".join(fmt_number(float(x)) for x in flat[:MAX_SHOWN])
    more = f" ... +{flat.size - MAX_SHOWN}" if flat.size > MAX_SHOWN else ""
    return f"[{shown}{more}]"


def fmt_matrix(m: np.ndarray) -> str:
    if np.ndim(m) == 1:
        return f"[{fmt_vector(m).strip('[]')}]"
    rows = np.atleast_2d(m)
    if rows.shape[0] > MAX_SHOWN:
        return f"{rows.shape[0]}x{rows.shape[1]} matrix, norm {float(np.linalg.norm(m)):.3f}"
    return "[" + ", ".join(fmt_vector(r) if r.size > 1 else f"[{fmt_vector(r)}]" for r in rows) + "]"


def _rows(trace: Trace, backward: Backward) -> tuple[list[str], list[list[str]]]:
    header = ["t", *TICK_FIELDS, "loss", "delta_h", "delta_a"]
    rows = []
    for rec, back in zip(trace.steps, backward.steps, strict=True):
        cells = [str(rec.t)] + [fmt_vector(getattr(rec, f)) for f in TICK_FIELDS]
        cells += ["-" if rec.loss is None else fmt_number(rec.loss), fmt_vector(back.delta_h), fmt_vector(back.delta_a)]
        rows.append(cells)
    return header, rows


def loss_summary(trace: Trace, scale: LossScale, bold: str = "") -> list[str]:
    """The total loss, the number of target ticks it sums, the mean per target tick (and bits),
    and the lesson's baseline on the same ticks. `bold` wraps the numbers (markdown's "**")."""

    def b(v: float) -> str:
        return f"{bold}{fmt_number(v)}{bold}"

    n = scale.targets
    mean = f"; mean {b(scale.mean(trace.loss))} per target tick" if n else ""
    if n and scale.bits:
        mean += f" = {fmt_number(scale.in_bits(trace.loss))} bits per {'character' if scale.characters else 'tick'}"
    lines = [f"total loss: {b(trace.loss)}, summed over {n} target tick{'' if n == 1 else 's'}{mean}"]
    if scale.baseline is not None and scale.baseline_kind is not None:
        base = f"baseline, {BASELINE_NAMES[scale.baseline_kind]}: {fmt_number(scale.baseline)}"
        base += f"; mean {fmt_number(scale.mean(scale.baseline))} per target tick"
        if scale.bits:
            base += f" = {fmt_number(scale.in_bits(scale.baseline))} bits"
        lines.append(base)
    return lines


def _table(trace: Trace, backward: Backward, title: str, scale: LossScale, flow: TargetFlow | None) -> str:
    header, rows = _rows(trace, backward)
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return " | ".join(c.rjust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    out = [title, loss_formula(trace.model), "", line(header), "-+-".join("-" * w for w in widths)]
    out += [line(r) for r in rows]
    out += ["", *loss_summary(trace, scale), "gradients (BPTT):"]
    out += [f"  {name:5} = {fmt_matrix(backward.grads[name])}" for name in PARAM_NAMES]
    out += ["", *flow_table(flow)]
    return "\n".join(out) + "\n"


def _markdown(
    trace: Trace,
    backward: Backward,
    title: str,
    narration: Sequence[str] | None,
    scale: LossScale,
    flow: TargetFlow | None,
) -> str:
    header, rows = _rows(trace, backward)
    if narration is not None:
        header = [*header, "narration"]
        rows = [[*r, n.replace("|", "\\|")] for r, n in zip(rows, narration, strict=True)]
    m = trace.model
    out = [f"# {title}", ""]
    out += [
        f"h(t) = {m.hidden_activation}(W_xh x(t) + W_hh {'y' if m.is_jordan else 'h'}(t-1) + b_h), "
        f"y(t) = {m.output_activation}(W_hy h(t) + b_y), {loss_formula(m)} ({m.loss})",
        "",
        "| parameter | value |",
        "|---|---|",
    ]
    out += [f"| {name} | {fmt_matrix(m.params[name])} |" for name in PARAM_NAMES]
    out += ["", "## Forward pass", "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    summary = loss_summary(trace, scale, bold="**")
    out += ["", summary[0][0].upper() + summary[0][1:], *[f"\n{line[0].upper()}{line[1:]}" for line in summary[1:]]]
    out += ["", "## Gradients (BPTT)", "", "| parameter | gradient |"]
    out += ["|---|---|"] + [f"| {name} | {fmt_matrix(backward.grads[name])} |" for name in PARAM_NAMES]
    out += ["", *flow_markdown(flow)]
    return "\n".join(out) + "\n"


def _columns(name: str, width: int) -> list[str]:
    return [name] if width == 1 else [f"{name}{i + 1}" for i in range(width)]


def _csv(trace: Trace, backward: Backward) -> str:
    m = trace.model
    widths = {"x": m.input_size, "h_prev": m.context_size, "a": m.hidden_size, "h": m.hidden_size}
    widths |= {"o": m.output_size, "y": m.output_size, "target": m.output_size}
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    header = ["t"] + [c for f in TICK_FIELDS for c in _columns(f, widths[f])] + ["loss"]
    header += _columns("delta_h", m.hidden_size) + _columns("delta_a", m.hidden_size)
    writer.writerow(header)
    for rec, back in zip(trace.steps, backward.steps, strict=True):
        row: list[object] = [rec.t]
        for f in TICK_FIELDS:
            v = getattr(rec, f)
            row += [""] * widths[f] if v is None else [repr(float(x)) for x in v]
        row.append("" if rec.loss is None else repr(rec.loss))
        row += [repr(float(x)) for x in back.delta_h] + [repr(float(x)) for x in back.delta_a]
        writer.writerow(row)
    return buf.getvalue()


def trace_to_dict(trace: Trace, backward: Backward, flow: TargetFlow | None = None) -> dict:
    """The `trace --format json` document; "flow" is null without a flow (no tick has a target)."""
    from .files import model_to_dict

    def vec(v: np.ndarray | None) -> list[float] | None:
        return None if v is None else [float(x) for x in v]

    return {
        "model": model_to_dict(trace.model),
        "steps": [{"t": r.t, **{f: vec(getattr(r, f)) for f in TICK_FIELDS}, "loss": r.loss} for r in trace.steps],
        "loss": trace.loss,
        "backward": {
            "steps": [{"t": b.t, "delta_h": vec(b.delta_h), "delta_a": vec(b.delta_a)} for b in backward.steps],
            "grads": {name: backward.grads[name].tolist() for name in PARAM_NAMES},
        },
        "flow": flow_to_dict(flow),
    }


def format_trace(
    trace: Trace,
    backward: Backward,
    fmt: str,
    title: str = "srn-tui trace",
    narration: Sequence[str] | None = None,
    scale: LossScale | None = None,
    flow: TargetFlow | None = None,
) -> str:
    """Render a forward pass and its BPTT in one of FORMATS. `narration` (one line per tick)
    adds a column to the markdown handout; `scale` (default: the trace's own target ticks, no
    baseline) says what the total loss sums, in table and markdown; `flow` (one target's gradient
    flow) adds a section to table and markdown and a "flow" member to json (csv leaves it out)."""
    scale = scale or loss_scale(trace.model, [trace.sequence])
    if fmt == "table":
        return _table(trace, backward, title, scale, flow)
    if fmt == "markdown":
        return _markdown(trace, backward, title, narration, scale, flow)
    if fmt == "csv":
        return _csv(trace, backward)
    if fmt == "json":
        return json.dumps(trace_to_dict(trace, backward, flow), indent=2) + "\n"
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


def lesson_report(
    lesson_name: str,
    title: str,
    trace: Trace,
    backward: Backward,
    fmt: str,
    lang: str = "en",
    scale: LossScale | None = None,
    flow_target: int | None = None,
) -> str:
    """A lesson's trace as the command line and the app export it: titled with the lesson, for
    markdown with the narration (in `lang`) beside each tick, and with the gradient flow from
    `flow_target` (default: the last tick with a target; engine.FlowTargetError if it has none)."""
    flow = trace_flow(trace, flow_target)
    narration = None
    if fmt == "markdown":
        from .narration import narrate_tick

        narration = [narrate_tick(lesson_name, trace, t, lang) for t in range(1, len(trace) + 1)]
    return format_trace(trace, backward, fmt, f"{lesson_name}: {title}", narration, scale, flow)
