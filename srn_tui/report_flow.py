"""The per-target gradient flow in the trace formats: a JSON object, a table section, a markdown section.

`grad_norm` = ||dL(tau)/dh(t)||_2 (L(tau) is the loss at tick tau alone) and `jacobian_norm` =
||dh(tau)/dh(t)||_2, the spectral norm (largest singular value), for t = 1..tau (engine/flow.py).
A sequence without any target has no flow: `"flow": null` in JSON, one line in the readable formats.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Protocol

import numpy as np

from .engine import DataSequence, FlowNorms, Model, TickRecord, flow_norms, target_ticks
from .engine.flow import jacobian_depth
from .text import numbers
from .text.handout import say, wrap

NO_TARGETS = "no tick has a target, so no loss flows back"
# A handout computes dh(tau)/dh(t) for at most this many H^3 multiply-adds (a few seconds): every tick
# of every lesson (echo-9999's 29,997 ticks at H = 8 are 1.5e7), the nearest ticks of a long trace
# through a wide layer (1,000 ticks at H = 100, 15 at H = 400), which would otherwise take hours.
TRACE_JACOBIAN_BUDGET = 1e9


class FlowSource(Protocol):
    """A StreamedTrace or a StoredTrace: the model, its sequence and the ticks read backwards."""

    model: Model
    sequence: DataSequence

    def records_back(self, t: int) -> Iterator[TickRecord]: ...


def trace_flow(source: FlowSource, target: int | None = None) -> FlowNorms | None:
    """The flow's norms from `target` (default: the last tick with a target), under full BPTT; None
    when no tick has a target and none was asked for. engine.FlowTargetError for a tick that cannot
    be one. The Jacobian row stops after TRACE_JACOBIAN_BUDGET (FlowNorms.jacobian_depth)."""
    if target is None:
        ticks = target_ticks(source.sequence)
        if not ticks:
            return None
        target = ticks[-1]
    model = source.model
    depth = jacobian_depth(model.hidden_size, max(target - 1, 0), TRACE_JACOBIAN_BUDGET)
    with np.errstate(all="ignore"):  # diverged weights give NaN/Inf norms, not warnings
        return flow_norms(model, source.sequence, source.records_back(target), target, None, depth)


def _json_number(x: float | None) -> float | None:
    return x if x is None or math.isfinite(x) else None  # NaN and Infinity are not JSON


def flow_to_dict(flow: FlowNorms | None) -> dict | None:
    """The `"flow"` member of `trace --format json`; NaN and Inf (diverged weights) are null."""
    if flow is None:
        return None
    steps = [
        {"t": s.t, "grad_norm": _json_number(s.grad_norm), "jacobian_norm": _json_number(s.jacobian_norm)}
        for s in flow.steps
    ]
    return {"target": flow.target, "steps": steps}


def fmt_norm(v: float | None) -> str:
    """4 significant digits: a norm of 3e-09 stays readable where 3 decimals would print 0.000."""
    return "-" if v is None else numbers.short(v)


def flow_table(flow: FlowNorms | None) -> list[str]:
    """The section `trace --format table` ends with."""
    if flow is None:
        return [f"gradient flow: {NO_TARGETS}"]
    tau = flow.target
    head = ("t", f"|dL({tau})/dh(t)|", f"|dh({tau})/dh(t)|_2")
    rows = [(str(s.t), fmt_norm(s.grad_norm), fmt_norm(s.jacobian_norm)) for s in flow.steps]
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(3)]
    cut = []
    if flow.jacobian_depth is not None:
        cut = ["  " + say("en", "flow_cut", tau=tau, since=tau - flow.jacobian_depth)]
    lines = [say("en", "flow_heading", tau=tau, first=flow.first) + ":"]
    lines += ["  " + "  ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)) for r in [head, *rows]]
    return [*lines, f"  (|dh({tau})/dh(t)|_2 is the spectral norm: the largest singular value)", *cut]


def flow_markdown(flow: FlowNorms | None, lang: str = "en") -> list[str]:
    """The section `trace --format markdown` ends with, in `lang`."""
    lines = [f"## {say(lang, 'flow')}", ""]
    if flow is None:
        return [*lines, say(lang, "flow_none")]
    tau = flow.target
    lines += [*wrap(say(lang, "flow_intro", tau=tau, first=flow.first)), "", "| t | grad_norm | jacobian_norm |"]
    lines += ["|---|---|---|"]
    lines += [f"| {s.t} | {fmt_norm(s.grad_norm)} | {fmt_norm(s.jacobian_norm)} |" for s in flow.steps]
    if flow.jacobian_depth is not None:
        lines += ["", *wrap(say(lang, "flow_cut", tau=tau, since=tau - flow.jacobian_depth))]
    return lines
