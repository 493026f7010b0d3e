"""The Jordan network (output fed back instead of the hidden state): exact BPTT, checked against
central finite differences of an independent per-tick forward pass, and the batched path."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from srn_tui.engine import PARAM_NAMES, Batch, DataSequence, ModelError, bptt, forward, init_model, loss_and_grads
from srn_tui.files import load_model, save_model

SETUPS = [
    ("tanh", "sigmoid", "mse"),
    ("tanh", "softmax", "cross_entropy"),
    ("sigmoid", "identity", "mse"),
    ("tanh", "sigmoid", "cross_entropy"),
]


def independent_loss(params: dict, setup: tuple[str, str, str], seq: DataSequence) -> float:
    """h(t) = f(W_xh x + W_hh y(t-1) + b_h), y(t) = g(W_hy h + b_y), written out by hand."""
    f_name, g_name, loss_name = setup
    f = {"tanh": np.tanh, "sigmoid": lambda a: 1 / (1 + np.exp(-a))}[f_name]
    g = {
        "sigmoid": lambda o: 1 / (1 + np.exp(-o)),
        "identity": lambda o: o,
        "softmax": lambda o: np.exp(o - o.max()) / np.exp(o - o.max()).sum(),
    }[g_name]
    y_prev, total = params["h0"], 0.0
    for t in range(seq.length):
        h = f(params["W_xh"] @ seq.inputs[t] + params["W_hh"] @ y_prev + params["b_h"])
        y = g(params["W_hy"] @ h + params["b_y"])
        if seq.mask[t]:
            target = seq.targets[t]
            if loss_name == "mse":
                total += 0.5 * np.sum((y - target) ** 2)
            elif g_name == "softmax":
                total += -np.sum(target * np.log(y))
            else:  # binary cross-entropy, per output unit
                total += -np.sum(target * np.log(y) + (1 - target) * np.log(1 - y))
        y_prev = y
    return total


def assert_bptt_matches_finite_differences(model, setup: tuple[str, str, str], seq: DataSequence) -> None:
    """Every parameter's BPTT gradient against central differences of `independent_loss`."""
    grads = bptt(forward(model, seq)).grads
    eps = 1e-6
    for name in PARAM_NAMES:
        numeric = np.zeros_like(model.params[name])
        for idx in np.ndindex(numeric.shape):
            plus = {k: v.copy() for k, v in model.params.items()}
            minus = {k: v.copy() for k, v in model.params.items()}
            plus[name][idx] += eps
            minus[name][idx] -= eps
            numeric[idx] = (independent_loss(plus, setup, seq) - independent_loss(minus, setup, seq)) / (2 * eps)
        np.testing.assert_allclose(grads[name], numeric, rtol=1e-5, atol=1e-8, err_msg=name)


def random_case(seed: int, setup, sizes=(2, 3, 2), length=5):
    rng = np.random.default_rng(seed)
    I, H, O = sizes
    f_name, g_name, loss_name = setup
    model = init_model(I, H, O, "xavier", seed, f_name, g_name, loss_name, feedback="output")
    model.params["h0"][:] = rng.uniform(0, 1, O)
    model.params["b_y"][:] = rng.normal(0, 0.3, O)
    targets = []
    for t in range(length):
        if t > 0 and rng.random() < 0.3:
            targets.append(None)
        elif g_name == "softmax":
            targets.append(np.eye(O)[rng.integers(O)])
        else:
            targets.append(rng.uniform(0, 1, O))
    return model, DataSequence.from_lists(rng.normal(0, 1, (length, I)), targets)


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10_000), setup=st.sampled_from(SETUPS), length=st.integers(1, 6))
def test_jordan_bptt_matches_central_finite_differences(seed, setup, length):
    model, seq = random_case(seed, setup, length=length)
    trace = forward(model, seq)
    assert trace.loss == pytest.approx(independent_loss(model.params, setup, seq), rel=1e-12)
    assert_bptt_matches_finite_differences(model, setup, seq)


@pytest.mark.parametrize("truncate", [None, 1, 2, 4])
@pytest.mark.parametrize("setup", SETUPS)
def test_batched_jordan_equals_the_reference_sum(setup, truncate):
    cases = [random_case(s, setup, length=6) for s in (1, 2, 3)]
    model = cases[0][0]
    seqs = [seq for _, seq in cases]
    loss, grads, last = loss_and_grads(model, Batch.stack(seqs, model.output_size), truncate=truncate)
    traces = [forward(model, s) for s in seqs]
    assert loss == pytest.approx(sum(t.loss for t in traces), rel=1e-12)
    for name in PARAM_NAMES:
        expected = sum(bptt(t, truncate=truncate).grads[name] for t in traces)
        np.testing.assert_allclose(grads[name], expected, rtol=1e-10, atol=1e-13, err_msg=name)
    np.testing.assert_allclose(last, np.stack([t.steps[-1].y for t in traces]), rtol=0, atol=1e-15)


def test_jordan_feeds_back_the_output_not_the_hidden_state():
    model, seq = random_case(7, SETUPS[0])
    trace = forward(model, seq)
    np.testing.assert_array_equal(trace.steps[0].h_prev, model.params["h0"])
    for before, after in zip(trace.steps, trace.steps[1:], strict=False):
        np.testing.assert_array_equal(after.h_prev, before.y)


def test_jordan_shapes_are_validated_and_files_round_trip(tmp_path):
    model, _ = random_case(3, SETUPS[1], sizes=(2, 4, 3))
    assert model.params["W_hh"].shape == (4, 3) and model.params["h0"].shape == (3,)
    for suffix in (".json", ".npz"):
        save_model(model, tmp_path / f"jordan{suffix}")
        loaded = load_model(tmp_path / f"jordan{suffix}")
        assert loaded.feedback == "output"
        for name in PARAM_NAMES:
            np.testing.assert_array_equal(loaded.params[name], model.params[name])
    bad = {**model.params, "W_hh": np.zeros((4, 4))}
    with pytest.raises(ModelError, match="W_hh: shape 4x4, expected 4x3"):
        model.with_params(bad)
