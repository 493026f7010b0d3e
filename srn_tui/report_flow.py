"""The per-target gradient flow in the trace formats: a JSON object, a table section, a markdown section.

`grad_norm` = ||dL(tau)/dh(t)||_2 (L(tau) is the loss at tick tau alone) and `jacobian_norm` =
||dh(tau)/dh(t)||_2, the spectral norm (largest singular value), for t = 1..tau (engine/flow.py).
A sequence without any target has no flow: `"flow": null` in JSON, one line in the readable formats.
"""

from __future__ import annotations

import numpy as np

from .engine import TargetFlow, Trace, target_flow, target_ticks

NO_TARGETS = "no tick has a target, so no loss flows back"


def trace_flow(trace: Trace, target: int | None = None) -> TargetFlow | None:
    """The flow from `target` (default: the last tick with a target), under full BPTT; None when no
    tick has a target and none was asked for. engine.FlowTargetError for a tick that cannot be one."""
    if target is None:
        ticks = target_ticks(trace.sequence)
        if not ticks:
            return None
        target = ticks[-1]
    with np.errstate(all="ignore"):  # diverged weights give NaN/Inf norms, not warnings
        return target_flow(trace, target)


def flow_to_dict(flow: TargetFlow | None) -> dict | None:
    """The `"flow"` member of `trace --format json`."""
    if flow is None:
        return None
    steps = [{"t": s.t, "grad_norm": s.grad_norm, "jacobian_norm": s.jacobian_norm} for s in flow.steps]
    return {"target": flow.target, "steps": steps}


def fmt_norm(v: float | None) -> str:
    """4 significant digits: a norm of 3e-09 stays readable where 3 decimals would print 0.000."""
    return "-" if v is None else f"{v:.4g}"


def _heading(flow: TargetFlow) -> str:
    return f"gradient flow from the loss at t = {flow.target} alone, back to t = {flow.first}"


def flow_table(flow: TargetFlow | None) -> list[str]:
    """The section `trace --format table` ends with."""
    if flow is None:
        return [f"gradient flow: {NO_TARGETS}"]
    tau = flow.target
    head = ("t", f"|dL({tau})/dh(t)|", f"|dh({tau})/dh(t)|_2")
    rows = [(str(s.t), fmt_norm(s.grad_norm), fmt_norm(s.jacobian_norm)) for s in flow.steps]
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(3)]
    lines = [f"{_heading(flow)}:"]
    lines += ["  " + "  ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)) for r in [head, *rows]]
    return [*lines, f"  (|dh({tau})/dh(t)|_2 is the spectral norm: the largest singular value)"]


def flow_markdown(flow: TargetFlow | None) -> list[str]:
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
    return lines + [f"| {s.t} | {fmt_norm(s.grad_norm)} | {fmt_norm(s.jacobian_norm)} |" for s in flow.steps]
