"""The losses themselves: binary cross-entropy in full and stable, gradients by finite differences
on o, the loss of a baseline's outputs, and which targets cross-entropy refuses."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from srn_tui.engine import DataSequence, Model, forward, loss_of_outputs, target_problem
from srn_tui.engine.losses import loss_and_delta_o

OUTPUT_LOSS = [
    ("identity", "mse"),
    ("sigmoid", "mse"),
    ("softmax", "mse"),
    ("sigmoid", "cross_entropy"),
    ("softmax", "cross_entropy"),
]


def _g(name: str, o: np.ndarray) -> np.ndarray:
    if name == "softmax":
        e = np.exp(o - o.max())
        return e / e.sum()
    if name == "sigmoid":
        return 1.0 / (1.0 + np.exp(-o))
    return o.copy()


def test_binary_cross_entropy_counts_a_target_of_zero():
    """The issue's two-tick file: y(1) = 0.614 with target 0 costs -ln(1 - 0.614) = 0.952, not 0."""
    model = Model(
        {"W_xh": [[1.0]], "W_hh": [[0.0]], "b_h": [0.0], "W_hy": [[1.0]], "b_y": [0.0]},
        "identity",
        "sigmoid",
        "cross_entropy",
    )
    o1 = math.log(0.614 / 0.386)
    trace = forward(model, DataSequence.from_lists([[o1], [2.0]], [[0.0], [1.0]]))
    y1, y2 = trace.steps[0].y[0], trace.steps[1].y[0]
    assert y1 == pytest.approx(0.614)
    assert trace.steps[0].loss == pytest.approx(-math.log(1 - 0.614), rel=1e-12)
    assert round(trace.steps[0].loss, 3) == 0.952
    assert trace.steps[1].loss == pytest.approx(-math.log(y2), rel=1e-12)
    assert trace.loss == pytest.approx(-math.log(1 - y1) - math.log(y2), rel=1e-12)


@pytest.mark.parametrize(
    ("o", "t", "expected"),
    [
        (40.0, 1.0, math.log1p(math.exp(-40.0))),  # tiny loss: no cancellation of 40 - 40
        (-40.0, 0.0, math.log1p(math.exp(-40.0))),
        (800.0, 0.0, 800.0),  # exp(800) overflows; softplus does not
        (-800.0, 1.0, 800.0),
        (0.0, 0.3, math.log(2.0)),
        (2.0, 0.25, 0.25 * math.log1p(math.exp(-2.0)) + 0.75 * (2.0 + math.log1p(math.exp(-2.0)))),
    ],
)
def test_binary_cross_entropy_is_stable_from_the_logits(o, t, expected):
    y = 0.5 * (1 + math.tanh(0.5 * o))
    value, delta = loss_and_delta_o("cross_entropy", "sigmoid", np.array([o]), np.array([y]), np.array([t]))
    assert np.isfinite(value) and np.isfinite(delta).all()
    assert float(value) == pytest.approx(expected, rel=1e-12, abs=0)
    assert float(delta[0]) == pytest.approx(y - t, rel=1e-12, abs=1e-300)


@st.composite
def output_cases(draw, output: str, loss: str):
    O = draw(st.integers(1, 5))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    o = rng.normal(scale=2.0, size=O)
    if loss == "cross_entropy" and output == "softmax":
        target = rng.dirichlet(np.ones(O))
    elif loss == "cross_entropy" or output == "sigmoid":
        target = rng.uniform(0, 1, size=O)
    else:
        target = rng.normal(size=O)
    return o, target


@pytest.mark.parametrize(("output", "loss"), OUTPUT_LOSS)
def test_delta_o_is_the_derivative_of_the_loss(output, loss):
    @settings(max_examples=30, deadline=None)
    @given(output_cases(output, loss))
    def check(case) -> None:
        o, target = case
        value, delta = loss_and_delta_o(loss, output, o, _g(output, o), target)
        eps = 1e-6
        numeric = np.zeros_like(o)
        for k in range(o.size):
            bump = np.zeros_like(o)
            bump[k] = eps
            plus, _ = loss_and_delta_o(loss, output, o + bump, _g(output, o + bump), target)
            minus, _ = loss_and_delta_o(loss, output, o - bump, _g(output, o - bump), target)
            numeric[k] = (plus - minus) / (2 * eps)
        np.testing.assert_allclose(delta, numeric, rtol=1e-6, atol=1e-8)
        if loss == "cross_entropy":  # the gradient is y - t for both outputs
            np.testing.assert_allclose(delta, _g(output, o) - target, rtol=1e-12, atol=1e-15)

    check()


@pytest.mark.parametrize(("output", "loss"), OUTPUT_LOSS)
def test_loss_of_outputs_is_the_networks_loss_for_its_own_outputs(output, loss):
    rng = np.random.default_rng(3)
    for _ in range(20):
        o = rng.normal(size=4)
        target = rng.dirichlet(np.ones(4)) if loss == "cross_entropy" else rng.uniform(0, 1, size=4)
        y = _g(output, o)
        expected, _ = loss_and_delta_o(loss, output, o, y, target)
        assert float(loss_of_outputs(loss, output, y, target)) == pytest.approx(float(expected), rel=1e-9)


def test_loss_of_outputs_by_hand():
    assert float(loss_of_outputs("mse", "sigmoid", [0.5], [1.0])) == 0.125
    assert float(loss_of_outputs("mse", "identity", [0.989, 2.0], [6.0, 1.0])) == pytest.approx(0.5 * (5.011**2 + 1))
    assert float(loss_of_outputs("cross_entropy", "softmax", np.full(4, 0.25), np.eye(4)[2])) == pytest.approx(
        math.log(4)
    )
    assert float(loss_of_outputs("cross_entropy", "sigmoid", [0.5, 0.5], [1.0, 0.0])) == pytest.approx(2 * math.log(2))


def _problem(loss, output, rows):
    width = len(next(r for r in rows if r is not None))
    targets = np.array([r if r is not None else [0.0] * width for r in rows], dtype=float)
    mask = np.array([r is not None for r in rows])
    return target_problem(loss, output, targets, mask)


def test_targets_cross_entropy_refuses():
    assert _problem("cross_entropy", "sigmoid", [[0.0], [1.0], [0.5]]) is None
    found = _problem("cross_entropy", "sigmoid", [[0.0], [1.0], [1.5], [-1.0]])
    assert (found.kind, found.tick, found.unit, found.value) == ("outside_0_1", 3, 1, 1.5)
    found = _problem("cross_entropy", "sigmoid", [[0.0, -0.25]])
    assert (found.kind, found.tick, found.unit, found.value) == ("outside_0_1", 1, 2, -0.25)
    assert _problem("cross_entropy", "softmax", [[0.25, 0.75], None, [1.0, 0.0]]) is None
    assert _problem("cross_entropy", "softmax", [[0.3333333, 0.6666667]]) is None  # rounding in the file
    found = _problem("cross_entropy", "softmax", [[0.5, 0.5], [1.2, -0.2]])
    assert (found.kind, found.tick, found.unit, found.value) == ("negative", 2, 2, -0.2)
    found = _problem("cross_entropy", "softmax", [[0.5, 0.5], [0.5, 0.4]])
    assert (found.kind, found.tick, found.unit) == ("not_distribution", 2, None)
    assert found.value == pytest.approx(0.9)


def test_ticks_without_target_and_mse_are_never_refused():
    assert _problem("cross_entropy", "sigmoid", [None, [0.0]]) is None
    assert _problem("mse", "sigmoid", [[7.0], [-3.0]]) is None
    assert _problem("mse", "softmax", [[2.0, 2.0]]) is None
