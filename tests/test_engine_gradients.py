"""BPTT against central finite differences of an independent, plain per-tick NumPy forward pass.

Nothing on the finite-difference side uses the engine: `ref_loss` below re-derives the
SRN equations, activations and losses from the issue text, so a shared mistake is unlikely.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from shared import random_params

from srn_tui.engine import (
    HIDDEN_ACTIVATIONS,
    LOSSES,
    OUTPUT_ACTIVATIONS,
    PARAM_NAMES,
    DataSequence,
    Model,
    bptt,
    forward,
)

HIDDEN = ("tanh", "relu", "sigmoid", "identity")
OUTPUT_LOSS = (
    ("identity", "mse"),
    ("sigmoid", "mse"),
    ("softmax", "mse"),
    ("sigmoid", "cross_entropy"),
    ("softmax", "cross_entropy"),
)
EPS = 1e-6
RTOL, ATOL = 1e-6, 1e-8
FD_SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])


# ---------- the independent reference ----------


def _f(name: str, a: np.ndarray) -> np.ndarray:
    return {
        "tanh": np.tanh,
        "relu": lambda v: np.where(v > 0, v, 0.0),
        "sigmoid": lambda v: 1.0 / (1.0 + np.exp(-v)),
        "identity": lambda v: v,
    }[name](a)


def _g(name: str, o: np.ndarray) -> np.ndarray:
    if name == "softmax":
        e = np.exp(o - o.max())
        return e / e.sum()
    return _f(name, o)


def _tick_loss(loss: str, output: str, o: np.ndarray, y: np.ndarray, target: np.ndarray) -> float:
    if loss == "mse":
        return 0.5 * float(np.sum((y - target) ** 2))
    if output == "sigmoid":  # binary cross-entropy, each output unit its own yes/no
        # -[t ln y + (1-t) ln(1-y)] with ln y = -ln(1 + e^-o) and ln(1-y) = -ln(1 + e^o): taken from o,
        # because ln(1 - y) computed from a y near 1 keeps only a few digits, and finite differences
        # of those digits would test the reference's rounding instead of the engine.
        return float(np.sum(target * np.log1p(np.exp(-o)) + (1 - target) * np.log1p(np.exp(o))))
    return -float(np.sum(target * np.log(y)))


@dataclass
class Case:
    params: dict[str, np.ndarray]
    hidden: str
    output: str
    loss: str
    inputs: np.ndarray  # (T, I)
    targets: list[np.ndarray | None]

    def model(self, h0: np.ndarray | None = None) -> Model:
        params = dict(self.params)
        if h0 is not None:
            params["h0"] = h0
        return Model(params, self.hidden, self.output, self.loss)

    def sequence(self, start: int = 0, stop: int | None = None) -> DataSequence:
        return DataSequence.from_lists(
            self.inputs[start:stop], self.targets[start:stop], output_size=len(self.params["b_y"])
        )


def ref_run(
    case: Case,
    params: dict[str, np.ndarray] | None = None,
    start: int = 0,
    stop: int | None = None,
    h_start: np.ndarray | None = None,
    h_bump: tuple[int, np.ndarray] | None = None,
    a_bump: tuple[int, np.ndarray] | None = None,
) -> tuple[float, list[np.ndarray], list[np.ndarray]]:
    """Loss of ticks start..stop-1 (0-based) from h_start (default h0), plus every a(t) and h(t).

    a_bump/h_bump = (tick index, vector) add a perturbation to a(t) before f, or to h(t) after f.
    """
    p = case.params if params is None else params
    h = p["h0"] if h_start is None else h_start
    total, a_list, h_list = 0.0, [], []
    stop = len(case.inputs) if stop is None else stop
    for i in range(start, stop):
        a = p["W_xh"] @ case.inputs[i] + p["W_hh"] @ h + p["b_h"]
        if a_bump is not None and a_bump[0] == i:
            a = a + a_bump[1]
        h = _f(case.hidden, a)
        if h_bump is not None and h_bump[0] == i:
            h = h + h_bump[1]
        a_list.append(a)
        h_list.append(h)
        o = p["W_hy"] @ h + p["b_y"]
        y = _g(case.output, o)
        if case.targets[i] is not None:
            total += _tick_loss(case.loss, case.output, o, y, case.targets[i])
    return total, a_list, h_list


def fd_param_grads(case: Case, names=PARAM_NAMES, **run_kwargs) -> dict[str, np.ndarray]:
    """Central differences of ref_run's loss with respect to each named parameter."""
    grads = {}
    for name in names:
        g = np.zeros_like(case.params[name])
        for idx in np.ndindex(g.shape):
            vals = []
            for sign in (1.0, -1.0):
                bumped = {k: v.copy() for k, v in case.params.items()}
                bumped[name][idx] += sign * EPS
                vals.append(ref_run(case, bumped, **run_kwargs)[0])
            g[idx] = (vals[0] - vals[1]) / (2 * EPS)
        grads[name] = g
    return grads


def fd_state_grad(case: Case, kind: str, tick: int, **run_kwargs) -> np.ndarray:
    """dL/dh(t) (kind 'h') or dL/da(t) (kind 'a') at 0-based tick index, by central differences."""
    H = len(case.params["b_h"])
    g = np.zeros(H)
    for j in range(H):
        e = np.zeros(H)
        e[j] = EPS
        plus = ref_run(case, **{f"{kind}_bump": (tick, e)}, **run_kwargs)[0]
        minus = ref_run(case, **{f"{kind}_bump": (tick, -e)}, **run_kwargs)[0]
        g[j] = (plus - minus) / (2 * EPS)
    return g


def fd_atol(case: Case) -> float:
    """Central differences lose about ulp(L) / EPS to rounding, so a large loss needs a larger
    absolute tolerance on small gradient entries (every tick's loss is >= 0, so L bounds them)."""
    return ATOL + 10 * np.finfo(float).eps * max(1.0, ref_run(case)[0]) / EPS


def assert_close(actual: np.ndarray, expected: np.ndarray, what: str, atol: float = ATOL) -> None:
    np.testing.assert_allclose(actual, expected, rtol=RTOL, atol=atol, err_msg=what)


# ---------- random cases ----------


def _target(rng: np.random.Generator, loss: str, output: str, O: int) -> np.ndarray:
    if loss == "cross_entropy":
        if rng.random() < 0.5:
            return np.eye(O)[rng.integers(O)]
        return rng.dirichlet(np.ones(O))  # a probability vector
    if output == "identity":
        return rng.normal(size=O)
    return rng.uniform(0.0, 1.0, size=O)


@st.composite
def cases(draw, hidden: str, output: str, loss: str) -> Case:
    I, H, O = (draw(st.integers(1, 4)) for _ in range(3))
    T = draw(st.integers(1, 6))
    has_target = draw(st.lists(st.booleans(), min_size=T, max_size=T))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    params = random_params(rng, I, H, O)
    inputs = rng.normal(size=(T, I))
    targets = [_target(rng, loss, output, O) if m else None for m in has_target]
    case = Case(params, hidden, output, loss, inputs, targets)
    loss, a_list, _ = ref_run(case)
    # The reference takes the log of the softmax probability (the definition, not the engine's
    # log-sum-exp); where that probability underflows to 0 (identity units and a W_hh that grows h
    # to logits hundreds apart) its loss is infinite and its central differences say nothing, so
    # such a case cannot judge the engine.
    assume(np.isfinite(loss))
    if hidden == "relu":  # keep every pre-activation off the kink, where f' jumps
        assume(min(np.min(np.abs(a)) for a in a_list) > 1e-3)
    return case


COMBOS = [(h, o, loss) for h in HIDDEN for o, loss in OUTPUT_LOSS]


def _ids(combo: tuple[str, str, str]) -> str:
    return "-".join(combo)


def test_every_engine_activation_and_loss_is_covered():
    assert set(HIDDEN) == set(HIDDEN_ACTIVATIONS)
    assert {o for o, _ in OUTPUT_LOSS} == set(OUTPUT_ACTIVATIONS)
    assert {loss for _, loss in OUTPUT_LOSS} == set(LOSSES)


# ---------- the reference itself agrees with the engine's forward pass ----------


@pytest.mark.parametrize("combo", COMBOS, ids=_ids)
def test_forward_matches_independent_reference(combo):
    @settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
    @given(cases(*combo))
    def check(case: Case) -> None:
        ref_loss, a_list, h_list = ref_run(case)
        trace = forward(case.model(), case.sequence())
        assert trace.loss == pytest.approx(ref_loss, rel=1e-12, abs=1e-12)
        for rec, a, h, target in zip(trace.steps, a_list, h_list, case.targets, strict=True):
            assert_close(rec.a, a, f"a({rec.t})")
            assert_close(rec.h, h, f"h({rec.t})")
            assert (rec.loss is None) == (target is None)

    check()


# ---------- full BPTT ----------


@pytest.mark.parametrize("combo", COMBOS, ids=_ids)
def test_full_bptt_matches_finite_differences(combo):
    @FD_SETTINGS
    @given(cases(*combo))
    def check(case: Case) -> None:
        back = bptt(forward(case.model(), case.sequence()))
        expected, atol = fd_param_grads(case), fd_atol(case)
        for name in PARAM_NAMES:
            assert_close(back.grads[name], expected[name], f"grad {name}", atol)
        for i, step in enumerate(back.steps):
            assert step.t == i + 1
            assert_close(step.delta_h, fd_state_grad(case, "h", i), f"delta_h({i + 1})", atol)
            assert_close(step.delta_a, fd_state_grad(case, "a", i), f"delta_a({i + 1})", atol)

    check()


def test_no_targets_means_zero_gradient():
    case = Case(
        {
            "W_xh": np.ones((2, 1)),
            "W_hh": np.eye(2),
            "b_h": np.zeros(2),
            "W_hy": np.ones((1, 2)),
            "b_y": np.zeros(1),
            "h0": np.zeros(2),
        },
        "tanh",
        "identity",
        "mse",
        np.array([[1.0], [2.0]]),
        [None, None],
    )
    trace = forward(case.model(), case.sequence())
    back = bptt(trace)
    assert trace.loss == 0.0
    for name in PARAM_NAMES:
        assert not np.any(back.grads[name]), name


# ---------- truncated BPTT ----------


def truncated_reference(case: Case, k: int) -> tuple[dict[str, np.ndarray], list[np.ndarray]]:
    """The definition: sum over chunks of the gradient of that chunk's loss, the chunk starting
    from the carried-in h held constant (only chunk 1 starts from the parameter h0).
    Also returns dL_chunk/dh(t) for each tick, the delta_h truncated BPTT should report."""
    T = len(case.inputs)
    _, _, h_list = ref_run(case)
    weights = [n for n in PARAM_NAMES if n != "h0"]
    total = {n: np.zeros_like(case.params[n]) for n in PARAM_NAMES}
    delta_h = []
    for start in range(0, T, k):
        stop = min(start + k, T)
        h_start = None if start == 0 else h_list[start - 1]
        chunk = fd_param_grads(case, PARAM_NAMES if start == 0 else weights, start=start, stop=stop, h_start=h_start)
        for name, g in chunk.items():
            total[name] += g
        delta_h += [fd_state_grad(case, "h", i, start=start, stop=stop, h_start=h_start) for i in range(start, stop)]
    return total, delta_h


@pytest.mark.parametrize("hidden", HIDDEN)
@pytest.mark.parametrize("output_loss", [("identity", "mse"), ("softmax", "cross_entropy")], ids=_ids)
def test_truncated_bptt_matches_its_definition(hidden, output_loss):
    @FD_SETTINGS
    @given(cases(hidden, *output_loss), st.integers(1, 7))
    def check(case: Case, k: int) -> None:
        back = bptt(forward(case.model(), case.sequence()), truncate=k)
        (expected, delta_h), atol = truncated_reference(case, k), fd_atol(case)
        for name in PARAM_NAMES:
            assert_close(back.grads[name], expected[name], f"grad {name}, k={k}", atol)
        for step, dh in zip(back.steps, delta_h, strict=True):
            assert_close(step.delta_h, dh, f"delta_h({step.t}), k={k}", atol)

    check()


@pytest.mark.parametrize("hidden", HIDDEN)
def test_truncate_at_least_T_is_full_bptt(hidden):
    @settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
    @given(cases(hidden, "sigmoid", "mse"), st.integers(0, 3))
    def check(case: Case, extra: int) -> None:
        trace = forward(case.model(), case.sequence())
        full, cut = bptt(trace), bptt(trace, truncate=len(case.inputs) + extra)
        for name in PARAM_NAMES:
            np.testing.assert_array_equal(cut.grads[name], full.grads[name], err_msg=name)

    check()


def test_truncate_one_is_elmans_one_tick_rule():
    """k = 1: each target's error reaches only its own tick's weights, computed by hand here."""
    rng = np.random.default_rng(7)
    H, I, O, T = 3, 2, 2, 5
    p = {
        "W_xh": rng.normal(size=(H, I)),
        "W_hh": rng.normal(size=(H, H)),
        "b_h": rng.normal(size=H),
        "W_hy": rng.normal(size=(O, H)),
        "b_y": rng.normal(size=O),
        "h0": rng.normal(size=H),
    }
    x = rng.normal(size=(T, I))
    targets = [rng.normal(size=O) if t % 2 == 0 else None for t in range(T)]
    case = Case(p, "tanh", "identity", "mse", x, targets)
    back = bptt(forward(case.model(), case.sequence()), truncate=1)

    expected = {n: np.zeros_like(v) for n, v in p.items()}
    h = p["h0"]
    for t in range(T):
        h_prev, h = h, np.tanh(p["W_xh"] @ x[t] + p["W_hh"] @ h + p["b_h"])
        if targets[t] is None:
            continue
        d_o = p["W_hy"] @ h + p["b_y"] - targets[t]
        d_a = (p["W_hy"].T @ d_o) * (1 - h * h)
        expected["W_hy"] += np.outer(d_o, h)
        expected["b_y"] += d_o
        expected["W_xh"] += np.outer(d_a, x[t])
        expected["W_hh"] += np.outer(d_a, h_prev)
        expected["b_h"] += d_a
        if t == 0:
            expected["h0"] += p["W_hh"].T @ d_a
    for name in PARAM_NAMES:
        assert_close(back.grads[name], expected[name], name)


def test_truncate_below_one_is_rejected():
    model = Model({"W_xh": [[1.0]], "W_hh": [[0.5]], "b_h": [0.0], "W_hy": [[1.0]], "b_y": [0.0]})
    trace = forward(model, DataSequence.from_lists([1.0, 2.0], [None, [1.0]]))
    with pytest.raises(ValueError, match="truncate"):
        bptt(trace, truncate=0)
