"""Echo: output the input from k ticks ago. Small k trains; larger k fails, and BPTT shows why:
the gradient that reaches k ticks back shrinks geometrically, the vanishing gradient.
"""

from __future__ import annotations

import numpy as np

from ..engine import DataSequence, Model, Trace, TrainConfig, bptt, forward, init_model
from ..files.limits import tick_units_problem, ticks_problem
from .base import Claim, Remark, Scenario

DEFAULT_K = 2
HIDDEN = 8
MODEL_SEED = 0
DATA_SEED = 7
SEQUENCES = 16
LENGTH = 24
# Mean squared error below LEARNED counts as learned; a gradient share below VANISHED as vanished.
LEARNED = 0.05
VANISHED = 0.05


def echo_sequence(k: int, length: int, seed: int) -> DataSequence:
    """Random bits; the target at tick t is the bit read at tick t - k (no target for t <= k)."""
    bits = np.random.default_rng(seed).integers(0, 2, size=length).astype(float)
    targets = [None if i < k else [bits[i - k]] for i in range(length)]
    return DataSequence.from_lists(bits, targets)


def build_model(seed: int = MODEL_SEED) -> Model:
    return init_model(1, HIDDEN, 1, "xavier", seed, hidden_activation="tanh", output_activation="sigmoid", loss="mse")


def build_sequences(k: int, count: int = SEQUENCES, length: int = LENGTH, seed: int = DATA_SEED) -> list[DataSequence]:
    return [echo_sequence(k, max(length, 3 * k), seed + i) for i in range(count)]


def echo_remarks(k: int):
    def remarks(trace: Trace, t: int) -> list[Remark]:
        if t == 0:
            return [("echo_start", {"k": k})]
        if t <= k:
            return [("echo_wait", {"k": k})]
        return [("echo_tick", {"k": k, "src": t - k, "v": float(trace.sequence.inputs[t - k - 1, 0])})]

    return remarks


def gradient_reaching_back(model: Model, k: int, seed: int) -> float:
    """|dL/dh(T-k)| / |dL/dh(T)| for the error at the last tick T alone: the share of the
    gradient that flows back k ticks through the recurrent connection."""
    seq = echo_sequence(k, 3 * k, seed)
    last_only = np.zeros(seq.length, dtype=bool)
    last_only[-1] = True
    steps = bptt(forward(model, DataSequence(seq.inputs, seq.targets, last_only))).steps
    return float(np.linalg.norm(steps[-1 - k].delta_h) / np.linalg.norm(steps[-1].delta_h))


def echo_claim(k: int):
    def check_claim(model: Model) -> Claim:
        """Error on held-out bits (learned: below 0.05) and the median share of the gradient reaching k back."""
        err = [
            float((rec.y[0] - rec.target[0]) ** 2)
            for seq in build_sequences(k, count=8, seed=900)
            for rec in forward(model, seq).steps
            if rec.target is not None
        ]
        error = float(np.mean(err))
        ratio = float(np.median([gradient_reaching_back(model, k, s) for s in range(10)]))
        if error < LEARNED:
            message = "claim_echo_learned"
        else:
            message = "claim_echo_failed" if ratio < VANISHED else "claim_echo_not_yet"
        return Claim(message, {"err": error, "ratio": ratio, "k": k}, None)

    return check_claim


def echo_scenario(k: int = DEFAULT_K) -> Scenario:
    """The echo lesson with delay k (at least 1). Named "echo" for the default k, "echo-K" otherwise."""
    if k < 1:
        raise ValueError(f"echo delay k must be at least 1, found {k}")
    length = max(LENGTH, 3 * k)  # checked before any sequence is built
    problem = ticks_problem(length) or tick_units_problem(length, 1, HIDDEN, 1)
    if problem:
        raise ValueError(f"echo-{k}: k = {k:,} needs sequences of {problem}")
    return Scenario(
        name="echo" if k == DEFAULT_K else f"echo-{k}",
        title=f"Echo: repeat the input from {k} tick(s) ago",
        summary=f"the target is x(t-{k}); small k trains, large k fails: the gradient vanishes on the way back",
        description=(
            f"Random bits go in; the output at tick t must be the bit read at tick t-{k}. The only place to keep "
            f"a bit for {k} ticks is the hidden layer, passing it on through the recurrent connection at every "
            "tick. Unrolled in time, that is a chain k layers deep with shared weights, and BPTT sends the error "
            "back along it: each step back multiplies the gradient by W_hh and by f'(a), so what reaches k ticks "
            "back shrinks geometrically. For k = 1 or 2 the network learns the task quickly; try echo-20: "
            "training stalls near chance, and the gradient-flow view shows the error signal fading to almost "
            "nothing before it reaches the tick it needs. This is the vanishing gradient that led to LSTM and GRU."
        ),
        build_model=build_model,
        build_sequences=lambda: build_sequences(k),
        training=TrainConfig(epochs=200, lr=0.02, optimizer="adam", batch_size=SEQUENCES),
        remarks=echo_remarks(k),
        check_claim=echo_claim(k),
    )


SCENARIO = echo_scenario()
