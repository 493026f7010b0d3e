"""The vectorized batched path against the readable one-sequence path (forward + bptt), which
test_engine_gradients.py holds to finite differences."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from srn_tui.engine import (
    HIDDEN_ACTIVATIONS,
    LOSSES,
    OUTPUT_ACTIVATIONS,
    PARAM_NAMES,
    Batch,
    DataSequence,
    Model,
    bptt,
    forward,
    loss_and_grads,
)

HIDDEN = HIDDEN_ACTIVATIONS
# Every output activation with every loss, except cross-entropy on an unbounded (identity) output.
OUTPUT_LOSS = [(o, loss) for o in OUTPUT_ACTIVATIONS for loss in LOSSES if (o, loss) != ("identity", "cross_entropy")]


def _random_problem(seed: int, hidden: str, output: str, loss: str, B: int, T: int, sizes: tuple[int, int, int]):
    rng = np.random.default_rng(seed)
    I, H, O = sizes
    params = {
        "W_xh": rng.normal(size=(H, I)),
        "W_hh": rng.normal(scale=0.7, size=(H, H)),
        "b_h": rng.normal(scale=0.3, size=H),
        "W_hy": rng.normal(size=(O, H)),
        "b_y": rng.normal(scale=0.3, size=O),
        "h0": rng.normal(scale=0.5, size=H),
    }
    model = Model(params, hidden, output, loss)
    sequences = []
    for _ in range(B):
        targets = []
        for _ in range(T):
            if rng.random() < 0.35:
                targets.append(None)
            elif loss == "cross_entropy":
                targets.append(rng.dirichlet(np.ones(O)))
            else:
                targets.append(rng.uniform(0, 1, size=O))
        sequences.append(DataSequence.from_lists(rng.normal(size=(T, I)), targets, output_size=O))
    return model, sequences


def _assert_grads_equal(actual: dict, expected: dict, what: str) -> None:
    for name in PARAM_NAMES:
        np.testing.assert_allclose(actual[name], expected[name], rtol=1e-10, atol=1e-12, err_msg=f"{what}: {name}")


@pytest.mark.parametrize("output_loss", OUTPUT_LOSS, ids="-".join)
@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    hidden=st.sampled_from(HIDDEN),
    B=st.integers(1, 5),
    T=st.integers(1, 7),
    sizes=st.tuples(st.integers(1, 4), st.integers(1, 4), st.integers(1, 4)),
    truncate=st.one_of(st.none(), st.integers(1, 8)),
)
def test_batch_equals_sum_over_sequences(output_loss, seed, hidden, B, T, sizes, truncate):
    model, sequences = _random_problem(seed, hidden, *output_loss, B, T, sizes)
    loss, grads, h_last = loss_and_grads(model, Batch.stack(sequences, model.output_size), truncate=truncate)

    expected = {n: np.zeros_like(v) for n, v in model.params.items()}
    expected_loss = 0.0
    for b, seq in enumerate(sequences):
        trace = forward(model, seq)
        for name, g in bptt(trace, truncate=truncate).grads.items():
            expected[name] += g
        expected_loss += trace.loss
        np.testing.assert_allclose(h_last[b], trace.steps[-1].h, rtol=1e-12, atol=1e-14)
    assert loss == pytest.approx(expected_loss, rel=1e-12, abs=1e-12)
    assert h_last.shape == (B, model.hidden_size)
    _assert_grads_equal(grads, expected, f"B={B} T={T} truncate={truncate}")


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    hidden=st.sampled_from(HIDDEN),
    output_loss=st.sampled_from(OUTPUT_LOSS),
    B=st.integers(1, 4),
    T=st.integers(1, 6),
    truncate=st.one_of(st.none(), st.integers(1, 4)),
)
def test_h_init_starts_from_a_constant_state(seed, hidden, output_loss, B, T, truncate):
    model, sequences = _random_problem(seed, hidden, *output_loss, B, T, (2, 3, 2))
    h_init = np.random.default_rng(seed + 1).normal(size=(B, model.hidden_size))
    loss, grads, h_last = loss_and_grads(model, Batch.stack(sequences, model.output_size), h_init, truncate)

    assert not np.any(grads["h0"])
    expected = {n: np.zeros_like(v) for n, v in model.params.items()}
    expected_loss = 0.0
    for b, seq in enumerate(sequences):
        trace = forward(model, seq, h0=h_init[b])
        for name, g in bptt(trace, truncate=truncate).grads.items():
            if name != "h0":
                expected[name] += g
        expected_loss += trace.loss
        np.testing.assert_allclose(h_last[b], trace.steps[-1].h, rtol=1e-12, atol=1e-14)
    assert loss == pytest.approx(expected_loss, rel=1e-12, abs=1e-12)
    _assert_grads_equal(grads, expected, "h_init")


def test_batch_leaves_model_and_inputs_untouched():
    model, sequences = _random_problem(3, "relu", "softmax", "cross_entropy", 3, 4, (2, 3, 2))
    before = {n: v.copy() for n, v in model.params.items()}
    batch = Batch.stack(sequences, model.output_size)
    inputs = batch.inputs.copy()
    loss_and_grads(model, batch, truncate=2)
    loss_and_grads(model, batch)
    for name in PARAM_NAMES:
        np.testing.assert_array_equal(model.params[name], before[name])
    np.testing.assert_array_equal(batch.inputs, inputs)


def test_stack_rejects_mixed_lengths():
    a = DataSequence.from_lists([1.0, 2.0], [None, [1.0]])
    b = DataSequence.from_lists([1.0, 2.0, 3.0], [None, None, [1.0]])
    with pytest.raises(ValueError, match="one length"):
        Batch.stack([a, b], 1)
