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


def _heading(flow: FlowNorms) -> str:
    return f"gradient flow from the loss at t = {flow.target} alone, back to t = {flow.first}"


def flow_table(flow: FlowNorms | None) -> list[str]:
    """The section `trace --format table` ends with."""
    if flow is None:
        return [f"gradient flow: {NO_TARGETS}"]
    tau = flow.target
    head = ("t", f"|dL({tau})/dh(t)|", f"|dh({tau})/dh(t)|_2")
    rows = [(str(s.t), fmt_norm(s.grad_norm), fmt_norm(s.jacobian_norm)) for s in flow.steps]
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(3)]
    lines = [f"{_heading(flow)}:"]
    lines += ["  " + "  ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)) for r in [head, *rows]]
    return [*lines, f"  (|dh({tau})/dh(t)|_2 is the spectral norm: the largest singular value)", *_cut(flow, "  ")]


def flow_markdown(flow: FlowNorms | None) -> list[str]:
    """The section `trace --format markdown` ends with."""
    lines = ["## Gradient flow from one target", ""]
    if flow is None:
        return [*lines, NO_TARGETS.capitalize() + "."]
    tau = flow.target
    lines += [
        f"The {_heading(flow)}: grad_norm is the length of dL({tau})/dh(t), jacobian_norm the spectral "
        f"norm (largest singular value) of dh({tau})/dh(t), how much of a change in h(t) survives to h({tau}).",
        "",
        "| t | grad_norm | jacobian_norm |",
        "|---|---|---|",
    ]
    lines += [f"| {s.t} | {fmt_norm(s.grad_norm)} | {fmt_norm(s.jacobian_norm)} |" for s in flow.steps]
    return lines + [line for cut in _cut(flow, "") for line in ("", cut)]


def _cut(flow: FlowNorms, indent: str) -> list[str]:
    """A line saying where the Jacobian row stops, when it stops before the flow does."""
    if flow.jacobian_depth is None:
        return []
    since = flow.target - flow.jacobian_depth
    return [
        f"{indent}(dh({flow.target})/dh(t) computed for t = {since}..{flow.target} only, '-' before: each tick "
        "further back costs another H x H matrix product, too many for this trace)"
    ]
