"""Live numbers inside a tour's caption: `{h[3]}`, `{W_hy}`, `{ratio(target[5], h[5])}`.

A caption quotes the network it shows instead of typing numbers in, so a sentence that compares or
explains stays true of the numbers on the screen. The grammar is small and parsed here (never eval):

    {NAME}  {NAME[i]}  {NAME[i][k]}  {NAME[i,j]}  {FUNC(A, B)}  {mean(NAME[a:b:c])}
    (A and B: names, numbers or calls: {diff(1, mul(h[5], h[5]))})
    index i: a whole number, t (the cursor), T (the last tick), tau (the flow's target tick),
             or one of those plus or minus a whole number (t-1, T-2)

Names by tick (`h[3]` is h(3), ticks count from 1): x, h, h_prev, a, y, o, target, loss; `grad[t]` is
|dL(tau)/dh(t)| and `jac[t]` the spectral norm of dh(tau)/dh(t) (the flow view's two rows). Weights:
W_xh, W_hh, W_hy, b_h, b_y, h0 (whole, or one entry). Counts: t, T, tau, epoch. `loss` alone is the
total loss of the trace shown, `run_loss` the loss the last training epoch reported (the training
panel's `loss`: measured before that epoch's update, so not the loss of the weights shown), `claim`
the lesson's claim measured on the weights shown, `lesson` its name. A step's
`keep` names a value for later captions (`{share20}`). Functions: ratio(A, B) = A / B, mul(A, B) =
A * B, diff(A, B) = A - B; cmp(A, B) is `<`, `>` or `=` (equal as shown); mean(NAME[a:b:c]) is the
mean over ticks a to b (both included), every c-th, of the ticks that have a value; dist(A, B) is
the Euclidean distance |A - B| (of two vectors, e.g. dist(h[2], h[7]), or two numbers).
The hidden states over all the lesson's sequences, as the state-space screen (p, d) analyses them:
`pc[1]`, `pc[2]` the share of their variance along each principal component, as the screen writes it
(53.7%); `nearest` the share of states nearer their own label's mean state than any other label's;
`merged[k]` the labels joined at the dendrogram's k-th merge (lowest first, from 1; -1 the last),
e.g. `2 + 4`, and `height[k]` that merge's distance.
Numbers are written as the narration writes them (3 decimals; tiny ones as 4.71e-04). `{{` is a `{`.
No Textual here: the parser checks a tour file headless, the UI resolves against its session.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np

from ..engine.errors import Problem
from ..text.numbers import sentence as fmt_number
from .states import NoStates, state_value

TICK_NAMES = ("x", "h", "h_prev", "a", "y", "o", "target", "loss", "grad", "jac")
WEIGHT_NAMES = ("W_xh", "W_hh", "W_hy", "b_h", "b_y", "h0")
COUNT_NAMES = ("t", "T", "tau", "epoch")
RUN_NAMES = ("run_loss",)
TEXT_NAMES = ("claim", "lesson")
STATE_NAMES = ("pc", "nearest", "merged", "height")  # the hidden states' analysis (tours/states.py)
FUNCTIONS = ("ratio", "mul", "diff", "cmp", "mean", "dist")
MAX_PLACEHOLDERS = 24  # per text: each one is cheap, but a caption is read, not computed
_INDEX = re.compile(r"\s*(?:(-?\d{1,6})|(t|T|tau)\s*(?:([+-])\s*(\d{1,6}))?)\s*$")
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class QuoteError(Problem, ValueError):
    """A placeholder that cannot be read (syntax, unknown name) or resolved (no such tick): a fact
    worded by text/problems.py (str() is the English line)."""


@dataclass(frozen=True)
class Index:
    """A tick or entry index: `base` (None: a plain number) plus `offset`."""

    base: str | None
    offset: int

    def value(self, counts: Mapping[str, int | None]) -> int:
        if self.base is None:
            return self.offset
        base = counts.get(self.base)
        if base is None:
            raise QuoteError("quote_unknown_base", base=self.base)
        return base + self.offset


@dataclass(frozen=True)
class Ref:
    """A name with up to two index groups: h[3][0] is ((3,), (0,)); W_hh[0,1] is ((0, 1),)."""

    name: str
    groups: tuple[tuple[Index, ...], ...] = ()
    span: tuple[Index | None, Index | None, int] | None = None  # mean(loss[2:T:3])


@dataclass(frozen=True)
class Num:
    """A number written in the placeholder: diff(1, mul(h[5], h[5]))."""

    value: float | int


@dataclass(frozen=True)
class Call:
    func: str
    args: tuple[Ref | Num | Call, ...]


Expr = Ref | Num | Call
MAX_DEPTH = 4  # calls inside calls


@dataclass
class Facts:
    """What a caption may quote, read from the session shown (the UI fills it in)."""

    trace: object  # engine Trace
    cursor: int
    epoch: int
    flow: object | None = None  # engine TargetFlow of the flow view's target, or None
    claim: Callable[[], str | None] = lambda: None
    lesson: str = ""
    kept: dict[str, float] = field(default_factory=dict)
    run_loss: float | None = None  # the last trained epoch's loss, before its update; None: untrained
    states: Callable[[], object | None] = lambda: None  # analysis.Analysis of the shown network, or None


def parse_index(text: str) -> Index:
    m = _INDEX.match(text)
    if not m:
        raise QuoteError("quote_bad_index", index=repr(text.strip()))
    if m.group(1) is not None:
        return Index(None, int(m.group(1)))
    offset = int(m.group(4) or 0) * (-1 if m.group(3) == "-" else 1)
    return Index(m.group(2), offset)


def _parse_ref(text: str, kept: frozenset[str]) -> Ref:
    text = text.strip()
    m = _IDENT.match(text)
    if not m:
        raise QuoteError("quote_not_name", text=repr(text))
    name, rest = m.group(0), text[m.end() :].strip()
    known = (*TICK_NAMES, *WEIGHT_NAMES, *COUNT_NAMES, *RUN_NAMES, *TEXT_NAMES, *STATE_NAMES)
    if name not in known and name not in kept:
        raise QuoteError("quote_unknown_name", name=repr(name), known=known)
    groups: list[tuple[Index, ...]] = []
    span = None
    while rest:
        if not rest.startswith("[") or "]" not in rest:
            raise QuoteError("quote_expected_index", text=repr(text), name=name)
        inside, rest = rest[1 : rest.index("]")], rest[rest.index("]") + 1 :].strip()
        if ":" in inside:
            span = _parse_span(inside, text)
        else:
            groups.append(tuple(parse_index(part) for part in inside.split(",")))
    if len(groups) > 2 or any(len(g) > 2 for g in groups):
        raise QuoteError("quote_two_indices", text=repr(text))
    if name in TICK_NAMES and not groups and not span and name != "loss":
        raise QuoteError("quote_needs_tick", name=name)
    if name in (*COUNT_NAMES, *RUN_NAMES, *TEXT_NAMES, "nearest") and (groups or span):
        raise QuoteError("quote_no_index", name=name)
    if name in STATE_NAMES and name != "nearest" and (span or len(groups) != 1 or len(groups[0]) != 1):
        raise QuoteError("quote_one_index", name=name)
    return Ref(name, tuple(groups), span)


def _parse_span(inside: str, text: str) -> tuple[Index | None, Index | None, int]:
    parts = inside.split(":")
    if len(parts) not in (2, 3):
        raise QuoteError("quote_slice", text=repr(text))
    start = parse_index(parts[0]) if parts[0].strip() else None
    stop = parse_index(parts[1]) if parts[1].strip() else None
    step = parse_index(parts[2]) if len(parts) == 3 and parts[2].strip() else Index(None, 1)
    if step.base is not None or step.offset < 1:
        raise QuoteError("quote_slice_step", text=repr(text))
    return start, stop, step.offset


def parse_expr(text: str, kept: frozenset[str] = frozenset(), depth: int = 0) -> Expr:
    text = text.strip()
    if re.fullmatch(r"-?\d{1,9}(\.\d{1,9})?", text):
        return Num(float(text) if "." in text else int(text))
    m = re.fullmatch(r"([a-z]+)\s*\((.*)\)", text, flags=re.S)
    if m and m.group(1) in FUNCTIONS:
        if depth >= MAX_DEPTH:
            raise QuoteError("quote_too_deep", limit=MAX_DEPTH)
        func, body = m.group(1), m.group(2)
        args = tuple(
            parse_expr(part, kept, depth + 1) if func != "mean" else _parse_ref(part, kept)
            for part in _split_args(body)
        )
        wanted = 1 if func == "mean" else 2
        if len(args) != wanted:
            raise QuoteError("quote_arguments", func=func, wanted=wanted, count=len(args))
        if func == "mean" and (args[0].span is None or args[0].name not in TICK_NAMES):
            raise QuoteError("quote_mean_slice")
        if func != "mean" and any(isinstance(a, Ref) and a.span is not None for a in args):
            raise QuoteError("quote_single_values", func=func)
        return Call(func, args)
    if m:
        raise QuoteError("quote_unknown_function", name=repr(m.group(1)), known=FUNCTIONS)
    ref = _parse_ref(text, kept)
    if ref.span is not None:
        raise QuoteError("quote_slice_outside_mean", text=repr(text))
    return ref


def _split_args(body: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(body):
        depth += ch in "(["
        depth -= ch in ")]"
        if ch == "," and depth == 0:
            parts.append(body[start:i])
            start = i + 1
    parts.append(body[start:])
    return [p for p in parts if p.strip()]


def split_text(text: str) -> list[str]:
    """Literal text and placeholders, alternating: ["h(3) = ", "h[3]", ""]; `{{`/`}}` are braces."""
    pieces: list[str] = []
    literal: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if text.startswith("{{", i) or text.startswith("}}", i):
            literal.append(ch)
            i += 2
        elif ch == "{":
            end = text.find("}", i)
            if end < 0:
                raise QuoteError("quote_open_brace")
            pieces += ["".join(literal), text[i + 1 : end]]
            literal = []
            i = end + 1
        elif ch == "}":
            raise QuoteError("quote_close_brace")
        else:
            literal.append(ch)
            i += 1
    pieces.append("".join(literal))
    return pieces


def check_text(text: str, kept: frozenset[str] = frozenset()) -> list[Expr]:
    """The placeholders of `text`, parsed; QuoteError for the first bad one."""
    pieces = split_text(text)
    exprs = [parse_expr(p, kept) for p in pieces[1::2]]
    if len(exprs) > MAX_PLACEHOLDERS:
        raise QuoteError("quote_too_many", count=len(exprs), limit=MAX_PLACEHOLDERS)
    return exprs


def fill(text: str, facts: Facts) -> str:
    """`text` with every placeholder replaced by its value in `facts`. A placeholder that cannot be
    resolved here (a tick past the end) reads `{h[9]?}`, so a tour's test finds it on the screen."""
    pieces = split_text(text)
    out = []
    for i, piece in enumerate(pieces):
        if i % 2 == 0:
            out.append(piece)
            continue
        try:
            out.append(show(evaluate(parse_expr(piece, frozenset(facts.kept)), facts)))
        except QuoteError:
            out.append("{" + piece + "?}")
    return "".join(out)


# ----- values -----
Value = float | int | str | np.ndarray


def show(value: Value) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    array = np.asarray(value, dtype=float)
    if array.ndim == 0 or array.size == 1:
        return fmt_number(float(array.ravel()[0]))
    if array.ndim == 1:
        return "[" + ", ".join(fmt_number(v) for v in array) + "]"
    return "[" + "; ".join(", ".join(fmt_number(v) for v in row) for row in array) + "]"


def evaluate(expr: Expr, facts: Facts) -> Value:
    if isinstance(expr, Num):
        return expr.value
    if isinstance(expr, Call):
        if expr.func == "mean":
            return float(np.mean(_span_values(expr.args[0], facts)))
        values = [evaluate(arg, facts) for arg in expr.args]
        if expr.func == "dist":
            return _distance(*values)
        a, b = (_number(v) for v in values)
        if expr.func in ("mul", "diff") and all(isinstance(v, (int, np.integer)) for v in values):
            return int(a * b if expr.func == "mul" else a - b)  # tick arithmetic stays a tick: h(14)
        if expr.func == "ratio":
            return a / b if b != 0 else float("nan")
        if expr.func == "mul":
            return a * b
        if expr.func == "diff":
            return a - b
        if fmt_number(a) == fmt_number(b):
            return "="
        return "<" if a < b else ">"
    return _ref_value(expr, facts)


def _number(value: Value) -> float:
    array = np.asarray(value)
    if isinstance(value, str) or array.size != 1:
        raise QuoteError("quote_single_numbers")
    return float(array.ravel()[0])


def _distance(a: Value, b: Value) -> float:
    if isinstance(a, str) or isinstance(b, str) or np.shape(a) != np.shape(b):
        raise QuoteError("quote_dist")
    return float(np.linalg.norm(np.asarray(a, dtype=float) - np.asarray(b, dtype=float)))


def counts_of(facts: Facts) -> dict[str, int | None]:
    tau = getattr(facts.flow, "target", None)
    return {"t": facts.cursor, "T": len(facts.trace.steps), "tau": tau, "epoch": facts.epoch}


def _ref_value(ref: Ref, facts: Facts) -> Value:
    counts = counts_of(facts)
    if ref.name in facts.kept and ref.name not in (*TICK_NAMES, *WEIGHT_NAMES, *COUNT_NAMES, *STATE_NAMES):
        return facts.kept[ref.name]
    if ref.name in COUNT_NAMES:
        value = counts[ref.name]
        if value is None:
            raise QuoteError("quote_not_known", name=ref.name)
        return value
    if ref.name == "run_loss":
        if facts.run_loss is None:
            raise QuoteError("quote_untrained")
        return facts.run_loss
    if ref.name == "claim":
        return facts.claim() or ""
    if ref.name == "lesson":
        return facts.lesson
    if ref.name in STATE_NAMES:
        try:
            return state_value(ref.name, ref.groups[0][0].value(counts) if ref.groups else None, facts.states())
        except NoStates as exc:
            raise QuoteError(exc.kind, **exc.values) from None
    if ref.name == "loss" and not ref.groups:
        return float(sum(r.loss for r in facts.trace.steps if r.loss is not None))
    if ref.name in WEIGHT_NAMES:
        return _entry(np.asarray(facts.trace.model.params[ref.name]), ref.groups, ref.name, counts)
    t = ref.groups[0][0].value(counts) if len(ref.groups[0]) == 1 else None
    if t is None:
        raise QuoteError("quote_one_tick", name=ref.name)
    return _entry(_tick_value(ref.name, t, facts), ref.groups[1:], ref.name, counts)


def _tick_value(name: str, t: int, facts: Facts) -> np.ndarray | float:
    steps = facts.trace.steps
    if not 1 <= t <= len(steps):
        raise QuoteError("quote_no_tick", t=t, count=len(steps))
    if name in ("grad", "jac"):
        flow = facts.flow
        step = None if flow is None else flow.at(t)
        value = None if step is None else (step.grad_norm if name == "grad" else step.jacobian_norm)
        if value is None:
            raise QuoteError("quote_flow_missing", name=name, t=t)
        return float(value)
    value = getattr(steps[t - 1], name)
    if value is None:
        raise QuoteError("quote_tick_missing", t=t, name=name)
    return value


def _entry(value, groups: tuple[tuple[Index, ...], ...], name: str, counts) -> Value:
    if not groups:
        return value
    array = np.asarray(value)
    index = tuple(i.value(counts) for i in groups[0])
    if array.ndim == 2 and len(index) == 1 and array.shape[0] == 1:
        index = (0, index[0])  # W_hy[2] of a one-output network: its third column
    try:
        if len(index) != array.ndim or any(not 0 <= i < n for i, n in zip(index, array.shape, strict=False)):
            raise IndexError
        return float(array[index])
    except IndexError:
        raise QuoteError("quote_out_of_range", name=name, index=str(list(index)), shape=str(array.shape)) from None


def _span_values(ref: Ref, facts: Facts) -> list[float]:
    counts = counts_of(facts)
    start, stop, step = ref.span
    length = len(facts.trace.steps)
    first = 1 if start is None else start.value(counts)
    last = length if stop is None else stop.value(counts)
    values = []
    for t in range(max(1, first), min(length, last) + 1, step):
        try:
            values.append(_number(_entry(_tick_value(ref.name, t, facts), ref.groups, ref.name, counts)))
        except QuoteError:
            continue  # a tick without a target has no loss: the mean is over those that have one
    if not values:
        raise QuoteError("quote_no_values", name=ref.name, first=first, last=last)
    return values
