"""BPTT against an autograd twin in torch: the same equations written with torch operations and
torch's own losses, differentiated by autograd. Every hidden activation, every output/loss pair,
Elman and Jordan, full and truncated BPTT, both the reference (forward + bptt) and the batched
engine. Without torch these skip, except under SRN_TUI_REQUIRE_TORCH=1 (CI), where they fail."""

from __future__ import annotations

import numpy as np
import pytest
from shared import random_params
from torch_twin import require_torch

from srn_tui.engine import (
    HIDDEN_ACTIVATIONS,
    PARAM_NAMES,
    Batch,
    DataSequence,
    Model,
    bptt,
    forward,
    loss_and_grads,
)

HIDDEN = ("tanh", "relu", "sigmoid", "identity")
OUTPUT_LOSS = (
    ("identity", "mse"),
    ("sigmoid", "mse"),
    ("sigmoid", "cross_entropy"),
    ("softmax", "cross_entropy"),
)
FEEDBACK = ("hidden", "output")
CASES = [(f, g, loss, fb) for fb in FEEDBACK for f in HIDDEN for g, loss in OUTPUT_LOSS]


def _id(case: tuple[str, str, str, str]) -> str:
    f, g, loss, fb = case
    return f"{'elman' if fb == 'hidden' else 'jordan'}-{f}-{g}-{loss}"


def test_every_hidden_activation_has_a_twin():
    assert set(HIDDEN) == set(HIDDEN_ACTIVATIONS)


def random_problem(case, seed: int, sequences: int = 3, length: int = 6, sizes=(2, 3, 3)):
    """A model and `sequences` sequences of one length, about a third of the ticks without a target."""
    f, g, loss, feedback = case
    rng = np.random.default_rng(seed)
    I, H, O = sizes
    params = random_params(rng, I, H, O, context=O if feedback == "output" else H, h0_range=(0.1, 0.9))
    model = Model(params, f, g, loss, feedback)
    seqs = []
    for _ in range(sequences):
        targets = []
        for _t in range(length):
            if rng.random() < 0.3:
                targets.append(None)
            elif g == "softmax":
                targets.append(rng.dirichlet(np.ones(O)) if rng.random() < 0.5 else np.eye(O)[rng.integers(O)])
            elif g == "sigmoid":
                targets.append(rng.uniform(0, 1, size=O) if rng.random() < 0.5 else rng.integers(0, 2, O).astype(float))
            else:
                targets.append(rng.normal(size=O))
        seqs.append(DataSequence.from_lists(rng.normal(size=(length, I)), targets, output_size=O))
    return model, seqs


def torch_loss_and_grads(torch, model: Model, seqs: list[DataSequence], truncate: int | None = None):
    """The twin: forward written with torch, each sequence's loss with torch's own loss function
    (summed), gradients by autograd. Truncation detaches the carried state at every chunk start."""
    F = torch.nn.functional
    p = {k: torch.tensor(v, dtype=torch.float64, requires_grad=True) for k, v in model.params.items()}
    f = {"tanh": torch.tanh, "relu": torch.relu, "sigmoid": torch.sigmoid, "identity": lambda a: a}[
        model.hidden_activation
    ]
    total = torch.zeros((), dtype=torch.float64)
    for seq in seqs:
        state = p["h0"]
        for i in range(seq.length):
            if truncate is not None and i > 0 and i % truncate == 0:
                state = state.detach()
            x = torch.tensor(seq.inputs[i], dtype=torch.float64)
            h = f(p["W_xh"] @ x + p["W_hh"] @ state + p["b_h"])
            o = p["W_hy"] @ h + p["b_y"]
            g = model.output_activation
            y = {"identity": o, "sigmoid": torch.sigmoid(o), "softmax": torch.softmax(o, dim=0)}[g]
            if seq.mask[i]:
                t = torch.tensor(seq.targets[i], dtype=torch.float64)
                if model.loss == "mse":
                    total = total + F.mse_loss(y, t, reduction="sum") / 2  # the engine's 1/2 convention
                elif g == "sigmoid":
                    total = total + torch.nn.BCEWithLogitsLoss(reduction="sum")(o, t)
                else:  # probabilities as targets: torch's soft-label cross-entropy
                    total = total + F.cross_entropy(o.unsqueeze(0), t.unsqueeze(0), reduction="sum")
            state = y if model.is_jordan else h
    total.backward()
    return float(total.detach()), {k: v.grad.numpy() for k, v in p.items()}


@pytest.mark.parametrize("case", CASES, ids=_id)
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_bptt_equals_autograd(case, seed):
    torch = require_torch()
    model, seqs = random_problem(case, seed)
    twin_loss, twin = torch_loss_and_grads(torch, model, seqs)
    traces = [forward(model, s) for s in seqs]
    assert sum(t.loss for t in traces) == pytest.approx(twin_loss, rel=1e-12, abs=1e-14)
    for name in PARAM_NAMES:
        ours = sum(bptt(t).grads[name] for t in traces)
        np.testing.assert_allclose(ours, twin[name], rtol=1e-10, atol=1e-12, err_msg=name)
    loss, grads, _ = loss_and_grads(model, Batch.stack(seqs, model.output_size))
    assert loss == pytest.approx(twin_loss, rel=1e-12, abs=1e-14)
    for name in PARAM_NAMES:
        np.testing.assert_allclose(grads[name], twin[name], rtol=1e-10, atol=1e-12, err_msg=f"batched {name}")


@pytest.mark.parametrize("case", [c for c in CASES if c[0] == "tanh"], ids=_id)
@pytest.mark.parametrize("truncate", [1, 2, 4])
def test_truncated_bptt_equals_autograd_with_detached_chunks(case, truncate):
    """Truncated BPTT is autograd with the carried state detached at each chunk start: no gradient
    crosses it, and only the first chunk reaches h0."""
    torch = require_torch()
    model, seqs = random_problem(case, 10 + truncate, length=7)
    _, twin = torch_loss_and_grads(torch, model, seqs, truncate)
    traces = [forward(model, s) for s in seqs]
    for name in PARAM_NAMES:
        ours = sum(bptt(t, truncate=truncate).grads[name] for t in traces)
        np.testing.assert_allclose(ours, twin[name], rtol=1e-10, atol=1e-12, err_msg=name)


def test_binary_cross_entropy_is_torchs_with_logits_on_extreme_logits():
    """Saturated sigmoid outputs: the loss from the logits stays finite and equal to torch's."""
    torch = require_torch()
    model = Model(
        {"W_xh": [[30.0], [-30.0]], "W_hh": np.zeros((2, 2)), "b_h": [0.0, 0.0], "W_hy": [[25.0, -25.0]], "b_y": [0.0]},
        "identity",
        "sigmoid",
        "cross_entropy",
    )
    seq = DataSequence.from_lists([[1.0], [-1.0], [0.5]], [[0.0], [1.0], [0.3]])
    trace = forward(model, seq)
    o = torch.tensor(np.array([r.o for r in trace.steps]), dtype=torch.float64)
    expected = torch.nn.BCEWithLogitsLoss(reduction="sum")(o, torch.tensor(seq.targets, dtype=torch.float64))
    assert np.isfinite(trace.loss)
    assert trace.loss == pytest.approx(float(expected), rel=1e-12)


def test_required_torch_fails_instead_of_skipping(monkeypatch):
    """Under SRN_TUI_REQUIRE_TORCH=1 (set by .ci/run) a missing torch is a failure, not a skip."""
    import sys

    from torch_twin import REQUIRE_ENV

    monkeypatch.setitem(sys.modules, "torch", None)  # `import torch` now raises ImportError
    monkeypatch.setenv(REQUIRE_ENV, "1")
    with pytest.raises(pytest.fail.Exception, match="torch cannot be imported"):
        require_torch()
    monkeypatch.delenv(REQUIRE_ENV)
    with pytest.raises(pytest.skip.Exception):
        require_torch()


def test_ci_installs_the_cpu_torch_and_requires_the_twins():
    """.ci/run pins the torch that is on disk (an unpinned torch pulls a CUDA build of several GB)
    and sets the variable before the README's test command."""
    from pathlib import Path

    script = (Path(__file__).parent.parent / ".ci" / "run").read_text()
    lines = [line.strip() for line in script.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    install = lines.index("pip install --quiet torch==2.13.0")
    require = lines.index("export SRN_TUI_REQUIRE_TORCH=1")
    assert install < require < lines.index('pip install ".[test]" && pytest')
