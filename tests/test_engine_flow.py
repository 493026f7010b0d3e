"""One target's gradient flow (engine/flow.py) against central finite differences.

The finite-difference side perturbs h(t), re-runs the forward pass from tick t to the target with
the engine's forward `step` (no backward code), and differences L(tau) and h(tau).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shared import random_params

from srn_tui.engine import DataSequence, FlowTargetError, Model, Trace, bptt, forward, step, target_flow, target_ticks
from srn_tui.engine.activations import output as output_activation
from srn_tui.engine.losses import loss_and_delta_o

EPS = 1e-6


def rerun_from(trace: Trace, t: int, h_t: np.ndarray, tau: int) -> tuple[np.ndarray, float]:
    """h(tau) and L(tau) when h(t) is replaced by h_t and ticks t+1..tau are recomputed."""
    model = trace.model
    p = model.params
    h = h_t
    o = p["W_hy"] @ h + p["b_y"]
    y = output_activation(model.output_activation, o)
    for s in range(t + 1, tau + 1):
        fed = y if model.is_jordan else h  # what tick s is fed back
        rec = step(model, s, trace.sequence.inputs[s - 1], fed)
        h, o, y = rec.h, rec.o, rec.y
    target = trace.sequence.target_at(tau - 1)
    loss, _ = loss_and_delta_o(model.loss, model.output_activation, o, y, target)
    return h, float(loss)


def fd_flow(trace: Trace, t: int, tau: int) -> tuple[np.ndarray, np.ndarray]:
    """dL(tau)/dh(t) and dh(tau)/dh(t) by central differences."""
    h_t = trace.steps[t - 1].h
    H = h_t.size
    grad, jac = np.zeros(H), np.zeros((H, H))
    for j in range(H):
        e = np.zeros(H)
        e[j] = EPS
        h_plus, l_plus = rerun_from(trace, t, h_t + e, tau)
        h_minus, l_minus = rerun_from(trace, t, h_t - e, tau)
        grad[j] = (l_plus - l_minus) / (2 * EPS)
        jac[:, j] = (h_plus - h_minus) / (2 * EPS)
    return grad, jac


def random_trace(seed: int, I: int, H: int, O: int, T: int, hidden: str, output: str, jordan: bool) -> Trace:
    rng = np.random.default_rng(seed)
    params = random_params(rng, I, H, O, context=O if jordan else H)
    model = Model(params, hidden, output, feedback="output" if jordan else "hidden")
    mask = rng.random(T) < 0.6
    mask[rng.integers(T)] = True  # at least one target
    if output == "softmax":
        rows = [np.eye(O)[rng.integers(O)] if m else None for m in mask]
    elif output == "sigmoid":
        rows = [rng.uniform(size=O) if m else None for m in mask]
    else:
        rows = [rng.normal(size=O) if m else None for m in mask]
    return forward(model, DataSequence.from_lists(rng.normal(size=(T, I)), rows, output_size=O))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 2**32 - 1),
    I=st.integers(1, 3),
    H=st.integers(1, 4),
    O=st.integers(1, 3),
    T=st.integers(1, 7),
    hidden=st.sampled_from(("tanh", "sigmoid", "identity")),
    output=st.sampled_from(("identity", "sigmoid", "softmax")),
    jordan=st.booleans(),
    k=st.one_of(st.none(), st.integers(1, 7)),
    pick=st.integers(0, 100),
)
def test_flow_matches_finite_differences(seed, I, H, O, T, hidden, output, jordan, k, pick):
    trace = random_trace(seed, I, H, O, T, hidden, output, jordan)
    targets = target_ticks(trace.sequence)
    tau = targets[pick % len(targets)]
    flow = target_flow(trace, tau, k)
    first = 1 if k is None else ((tau - 1) // k) * k + 1
    assert (flow.target, flow.first) == (tau, first)
    assert [s.t for s in flow.steps] == list(range(first, tau + 1))
    for s in flow.steps:
        grad, jac = fd_flow(trace, s.t, tau)
        np.testing.assert_allclose(s.delta_h, grad, rtol=1e-5, atol=1e-7, err_msg=f"dL({tau})/dh({s.t})")
        assert s.grad_norm == pytest.approx(np.linalg.norm(grad), rel=1e-5, abs=1e-7)
        assert s.jacobian_norm == pytest.approx(np.linalg.norm(jac, 2), rel=1e-5, abs=1e-7)
        # everything L(tau) gets from h(t) passes through h(tau)
        assert s.grad_norm <= s.jacobian_norm * flow.steps[-1].grad_norm * (1 + 1e-9) + 1e-12
    assert flow.steps[-1].jacobian_norm == pytest.approx(1.0)


@pytest.mark.parametrize("jordan", [False, True])
@pytest.mark.parametrize("k", [None, 1, 2, 3])
def test_per_target_flows_sum_to_the_whole_loss_delta_h(jordan, k):
    """bptt's delta_h(t) of the whole loss is the sum of dL(tau)/dh(t) over the targets tau >= t that reach t."""
    trace = random_trace(7, 2, 3, 2, 8, "tanh", "sigmoid", jordan)
    whole = bptt(trace, k)
    total = np.zeros((len(trace), trace.model.hidden_size))
    for tau in target_ticks(trace.sequence):
        for s in target_flow(trace, tau, k).steps:
            total[s.t - 1] += s.delta_h
    np.testing.assert_allclose(total, [b.delta_h for b in whole.steps], rtol=1e-12, atol=1e-15)


def test_hand_worked_linear_chain():
    """1-1-1, identity f, W_hh = w, W_hy = 2: dL(T)/dh(t) = 2 (y(T) - target) w^(T-t), |dh(T)/dh(t)| = |w|^(T-t)."""
    w, T = -0.5, 6
    model = Model(
        {"W_xh": [[1.0]], "W_hh": [[w]], "b_h": [0.0], "W_hy": [[2.0]], "b_y": [0.0]}, hidden_activation="identity"
    )
    trace = forward(model, DataSequence.from_lists([0.3] * T, [[1.0]] * T))
    err = trace.steps[-1].y[0] - 1.0
    flow = target_flow(trace, T)
    np.testing.assert_allclose(flow.grad_norms, [abs(2 * err * w ** (T - t)) for t in range(1, T + 1)], rtol=1e-13)
    np.testing.assert_allclose(flow.jacobian_norms, [abs(w) ** (T - t) for t in range(1, T + 1)], rtol=1e-13)
    mid = target_flow(trace, 4, truncate=3)  # chunks 1-3, 4-6: the loss at 4 reaches tick 4 only
    assert (mid.first, [s.t for s in mid.steps]) == (4, [4])
    assert mid.at(3) is None and mid.at(5) is None and mid.at(4) is mid.steps[0]


def test_the_spectral_norm_is_the_largest_singular_value():
    """Two identity units, W_hh = diag(0.9, 0.2): after n ticks the Jacobian is diag(0.9^n, 0.2^n), norm 0.9^n
    (the Frobenius norm would mix in 0.2^n)."""
    model = Model(
        {
            "W_xh": [[0.0], [0.0]],
            "W_hh": [[0.9, 0.0], [0.0, 0.2]],
            "b_h": [0.0, 0.0],
            "W_hy": [[1.0, 1.0]],
            "b_y": [0.0],
        },
        hidden_activation="identity",
    )
    trace = forward(model, DataSequence.from_lists([1.0] * 5, [None] * 4 + [[1.0]]))
    np.testing.assert_allclose(target_flow(trace, 5).jacobian_norms, [0.9**n for n in (4, 3, 2, 1, 0)], rtol=1e-13)


def test_targets_that_cannot_be_flow_targets():
    trace = random_trace(3, 1, 2, 1, 5, "tanh", "identity", False)
    mask = trace.sequence.mask
    missing = int(np.flatnonzero(~mask)[0]) + 1 if not mask.all() else None
    for tau, reason in [(0, "out of range"), (6, "out of range"), (missing, "no target")]:
        if tau is None:
            continue
        with pytest.raises(FlowTargetError) as info:
            target_flow(trace, tau)
        assert (info.value.target, info.value.reason, info.value.length) == (tau, reason, 5)
    no_targets = forward(trace.model, DataSequence.from_lists([[0.1]] * 3, [None] * 3, output_size=1))
    with pytest.raises(FlowTargetError) as info:
        target_flow(no_targets, 1)
    assert info.value.reason == "no targets" and target_ticks(no_targets.sequence) == ()


def test_diverged_weights_give_nan_or_inf_not_an_exception():
    model = Model({"W_xh": [[1e200]], "W_hh": [[1e200]], "b_h": [0.0], "W_hy": [[1e200]], "b_y": [0.0]})
    with np.errstate(all="ignore"):
        trace = forward(model, DataSequence.from_lists([1.0, 1.0, 1.0], [None, None, [0.0]]))
        flow = target_flow(trace, 3)
    assert len(flow.steps) == 3
    assert not np.all(np.isfinite(flow.jacobian_norms)) or not np.all(np.isfinite(flow.grad_norms))


def test_jacobian_depth_bounds_the_ticks_whose_jacobian_is_computed():
    trace = random_trace(5, 2, 3, 1, 8, "tanh", "identity", False)
    tau = target_ticks(trace.sequence)[-1]
    full, near = target_flow(trace, tau), target_flow(trace, tau, jacobian_depth=2)
    for a, b in zip(full.steps, near.steps, strict=True):
        assert a.grad_norm == b.grad_norm
        assert b.jacobian_norm == (a.jacobian_norm if tau - a.t <= 2 else None)
    with pytest.raises(ValueError):
        target_flow(trace, tau, jacobian_depth=-1)


def test_spectral_norm_of_tiny_and_zero_matrices():
    from srn_tui.engine.flow import spectral_norm

    m = np.array([[3e-200, 0.0], [4e-200, 1e-201]])
    assert spectral_norm(m) == pytest.approx(np.linalg.norm(m / 1e-200, 2) * 1e-200, rel=1e-12)
    assert spectral_norm(np.zeros((2, 2))) == 0.0
    assert np.isnan(spectral_norm(np.array([[np.nan]]))) and spectral_norm(np.array([[np.inf]])) == np.inf


def test_spectral_norms_of_a_mixed_stack_match_svd_one_by_one():
    from srn_tui.engine.flow import spectral_norms

    rng = np.random.default_rng(4)
    stack = rng.normal(size=(6, 3, 3)) * np.array([1.0, 1e-150, 1e150, 0.0, 1.0, 1.0])[:, None, None]
    stack[4, 1, 2], stack[5, 0, 0] = np.inf, np.nan
    norms = spectral_norms(stack)
    for i in (0, 1, 2):
        assert norms[i] == pytest.approx(np.linalg.norm(stack[i], 2), rel=1e-12)
    assert norms[3] == 0.0 and norms[4] == np.inf and np.isnan(norms[5])
