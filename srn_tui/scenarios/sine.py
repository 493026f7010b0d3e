"""Sine: predict the next value of a sine wave (regression, identity output).

One sample does not tell whether the wave is rising or falling; the hidden layer's memory
of the previous sample does, so the network beats "repeat the current value" by far.
"""

from __future__ import annotations

import numpy as np

from ..engine import DataSequence, Model, Trace, TrainConfig, forward, init_model, loss_of_outputs
from .base import REPEAT_CURRENT, Claim, Remark, Scenario

SAMPLES_PER_PERIOD = 16
STEP = 2 * np.pi / SAMPLES_PER_PERIOD
HIDDEN = 8
MODEL_SEED = 0
DATA_SEED = 11
SEQUENCES = 8
LENGTH = 32


def sine_sequence(length: int, phase: float, step: float = STEP) -> DataSequence:
    """x(t) = sin(phase + t*step) for t = 0..length-1; the target is the next sample."""
    values = np.sin(phase + step * np.arange(length + 1))
    return DataSequence.from_lists(values[:-1], [[v] for v in values[1:]])


def build_model(seed: int = MODEL_SEED) -> Model:
    return init_model(1, HIDDEN, 1, "xavier", seed, hidden_activation="tanh", output_activation="identity")


def build_sequences(count: int = SEQUENCES, length: int = LENGTH, seed: int = DATA_SEED) -> list[DataSequence]:
    # The first sequence starts at phase 0 so the step-through view begins at sin(0) = 0.
    phases = np.concatenate([[0.0], np.random.default_rng(seed).uniform(0, 2 * np.pi, size=count - 1)])
    return [sine_sequence(length, p) for p in phases]


def remarks(trace: Trace, t: int) -> list[Remark]:
    if t == 0:
        return [("sine_start", {"n": SAMPLES_PER_PERIOD})]
    rec = trace.steps[t - 1]
    if rec.target is None:
        return []
    naive = abs(float(rec.target[0] - rec.x[0]))
    return [("sine_tick", {"naive": naive, "err": abs(float(rec.y[0] - rec.target[0]))})]


def check_claim(model: Model) -> Claim:
    """On held-out waves: the mean loss per tick (half the squared error) below a fifth of that of
    repeating the current value, measured with the same loss."""
    err, naive = [], []
    for seq in build_sequences(count=4, length=48, seed=77):
        for rec in forward(model, seq).steps:
            if rec.loss is not None:
                err.append(rec.loss)
                naive.append(float(loss_of_outputs(model.loss, model.output_activation, rec.x, rec.target)))
    e, n = float(np.mean(err)), float(np.mean(naive))
    return Claim("claim_sine", {"err": e, "naive": n}, e < 0.2 * n)


SCENARIO = Scenario(
    name="sine",
    title="Sine wave: predict the next sample",
    summary="the current value alone cannot say whether the wave rises or falls; memory can",
    description=(
        f"A sine wave sampled {SAMPLES_PER_PERIOD} times per period. At each tick the network reads one sample and "
        "predicts the next: regression, with an identity output and squared error. The same value, say 0.5, "
        "comes once on the way up and once on the way down, so a network without memory could only guess; "
        "the hidden layer keeps the previous sample through the recurrent connection, which gives the "
        "direction. The baseline to beat is repeating the current value: the lesson compares the two errors."
    ),
    build_model=build_model,
    build_sequences=build_sequences,
    training=TrainConfig(epochs=300, lr=0.01, optimizer="adam", batch_size=SEQUENCES),
    remarks=remarks,
    check_claim=check_claim,
    baseline=REPEAT_CURRENT,
)
