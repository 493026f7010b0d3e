"""Jordan (1986): the other simple recurrent network, on Elman's temporal XOR.

The same task, sizes and training budget as the temporal-xor lesson, but what is fed back is the
network's previous output y(t-1), not its hidden state h(t-1). That output is one squashed number,
the guess for the bit being read now; training pulls it towards 0.5 for the random bits, which
wipes out the earlier bit a. When the XOR bit is due, the network sees b but has lost a, so it stays
near chance where the Elman network learns.
"""

from __future__ import annotations

from ..engine import DataSequence, Model, Trace, init_model
from . import temporal_xor
from .base import CHANCE_HALF, Claim, Remark, Scenario

HIDDEN = temporal_xor.HIDDEN
MODEL_SEED = temporal_xor.MODEL_SEED


def build_model(hidden: int = HIDDEN, seed: int = MODEL_SEED) -> Model:
    return init_model(
        1,
        hidden,
        1,
        "xavier",
        seed,
        hidden_activation="tanh",
        output_activation="sigmoid",
        loss="mse",
        feedback="output",
    )


def build_sequences() -> list[DataSequence]:
    return temporal_xor.build_sequences()


def remarks(trace: Trace, t: int) -> list[Remark]:
    if t == 0:
        return [("jordan_start", {})]
    if temporal_xor.predictable(t):
        bits = trace.sequence.inputs[:, 0]
        a, b = int(bits[t - 2]), int(bits[t - 1])
        y_prev = float(trace.steps[t - 1].h_prev[0])
        return [("jordan_predictable", {"a": a, "b": b, "c": a ^ b, "tp": t - 1, "y_prev": y_prev})]
    return [temporal_xor.random_bit_remark(trace, t)]


def check_claim(model: Model) -> Claim:
    """The claim is a failure: on held-out streams the XOR bit is NOT learned, i.e. its error is not
    below half the error at the random bits (the temporal-xor lesson's success criterion)."""
    held_out = temporal_xor.build_sequences(count=8, triplets=12, seed=1000)
    a, b, xor = temporal_xor.error_by_position(model, held_out)
    values = {"pred": xor, "a": a, "b": b, "chance": temporal_xor.chance_loss(model, held_out)}
    return Claim("claim_jordan", values, not xor < 0.5 * (a + b) / 2)


SCENARIO = Scenario(
    name="jordan",
    title="Jordan network (Jordan 1986) on temporal XOR: feeding back the output is not enough",
    summary="temporal XOR again, but y(t-1), not h(t-1), is fed back: it stays near chance where Elman learns",
    description=(
        "The other simple recurrent network. Jordan (1986) fed the network's previous output y(t-1) back into "
        "the hidden layer, where Elman (1990) feeds back the hidden state h(t-1): a(t) = W_xh*x(t) + W_hh*y(t-1) "
        "+ b_h. Same task as temporal-xor (triplets a, b, a XOR b; predict the next bit), same sizes "
        f"({HIDDEN} tanh hidden units, sigmoid output, squared error, full BPTT) and the same training budget "
        "(300 epochs of Adam, learning rate 0.05), so the comparison is fair. It stays near chance: the only "
        "memory is y(t-1), a single squashed number that is the network's guess for the bit it is now reading. "
        "For a random bit the best guess is 0.5 whatever came before, so training wipes the earlier bit a out "
        "of it; when the XOR bit is due the network sees b but no longer knows a, and it cannot hold both "
        "bits a and b that the XOR needs. Measured on held-out streams (model seeds 0-3): a mean loss (half the "
        "squared error) of 0.105 at the XOR bit (always guessing 0.5: 0.125; still 0.10 after 10 times the "
        "epochs), against 0.0015-0.02 for the Elman network of the temporal-xor lesson with the same budget."
    ),
    build_model=build_model,
    build_sequences=build_sequences,
    training=temporal_xor.SCENARIO.training,
    remarks=remarks,
    check_claim=check_claim,
    baseline=CHANCE_HALF,
)
