"""Elman (1990), letters: consonants b, d, g expand to ba, dii, guuu; predict the next letter.

Each letter is six features [consonant, vowel, interrupted, high, back, voiced]. The vowels
after a consonant are predictable, so error on them falls near zero; which consonant comes
next is random, so error stays high there, except on the consonant bit itself: the network
learns *that* a consonant comes (it counts the vowels), not which one.
"""

from __future__ import annotations

import numpy as np

from ..engine import DataSequence, Model, Trace, TrainConfig, forward, init_model
from .base import AVERAGE_TARGET, Claim, Remark, Scenario
from .symbols import Vocabulary

FEATURE_NAMES = ("consonant", "vowel", "interrupted", "high", "back", "voiced")
LETTERS = Vocabulary.features(
    {"b": "101001", "d": "101101", "g": "101011", "a": "010011", "i": "010101", "u": "010111"}
)
EXPANSION = {"b": "ba", "d": "dii", "g": "guuu"}
CONSONANTS = tuple(EXPANSION)

HIDDEN = 20
MODEL_SEED = 0
DATA_SEED = 5
SEQUENCES = 16
CONSONANTS_PER_SEQUENCE = 20


def letter_stream(consonants: int, seed: int) -> str:
    """Random consonants (uniform over b, d, g), each followed by its vowels: e.g. "diibaguuu..."."""
    rng = np.random.default_rng(seed)
    return "".join(EXPANSION[CONSONANTS[i]] for i in rng.integers(0, 3, size=consonants))


def next_letter_sequence(text: str) -> DataSequence:
    codes = LETTERS.encode(text)
    return DataSequence.from_lists(codes[:-1], codes[1:])


def is_vowel(letter: str) -> bool:
    return letter in "aiu"


def build_model(seed: int = MODEL_SEED) -> Model:
    return init_model(6, HIDDEN, 6, "xavier", seed, hidden_activation="tanh", output_activation="sigmoid", loss="mse")


def build_sequences(
    count: int = SEQUENCES, consonants: int = CONSONANTS_PER_SEQUENCE, seed: int = DATA_SEED
) -> list[DataSequence]:
    # Equal consonant counts give unequal lengths; cut to the shortest so all sequences batch together.
    texts = [letter_stream(consonants, seed + i) for i in range(count)]
    shortest = min(len(t) for t in texts)
    return [next_letter_sequence(t[:shortest]) for t in texts]


def remarks(trace: Trace, t: int) -> list[Remark]:
    if t == 0:
        return [("letters_start", {})]
    rec = trace.steps[t - 1]
    nxt = LETTERS.exact(rec.target) if rec.target is not None else None
    if nxt is None:
        return []
    if is_vowel(nxt):
        return [("letters_vowel_next", {"next": nxt})]
    return [("letters_consonant_next", {"cbit": float(rec.y[0])})]


def check_claim(model: Model) -> Claim:
    """On held-out streams: the mean loss per letter on vowel targets far (10x) below consonant
    targets, and the consonant feature right (within 0.2) at every tick."""
    vowel, consonant, consonant_bit = [], [], []
    for seq in build_sequences(count=4, consonants=30, seed=500):
        for rec in forward(model, seq).steps:
            if rec.target is None:
                continue
            error = float(rec.loss)  # the engine's: half the squared error, summed over the six features
            (vowel if is_vowel(LETTERS.exact(rec.target) or "") else consonant).append(error)
            consonant_bit.append(abs(float(rec.y[0] - rec.target[0])))
    v, c, cbit = float(np.mean(vowel)), float(np.mean(consonant)), max(consonant_bit)
    return Claim("claim_letters", {"vowel": v, "consonant": c, "cbit": cbit}, v < 0.1 * c and cbit < 0.2)


SCENARIO = Scenario(
    name="letters",
    title="Letters (Elman 1990): predictable vowels, unpredictable consonants",
    summary="b, d, g become ba, dii, guuu; the network learns the vowels and *that* a consonant comes",
    description=(
        "Elman's letter-prediction task. The consonants b, d and g come in random order, and each is "
        "followed by its vowels: b by a, d by ii, g by uuu. Every letter is a vector of six features "
        "[consonant, vowel, interrupted, high, back, voiced] (b 101001, d 101101, g 101011, a 010011, "
        "i 010101, u 010111). A 6-20-6 network reads one letter per tick and predicts the features of the "
        "next. After training, error is near zero when the next letter is a vowel (the consonant just read, "
        "held in the hidden layer, tells which vowel and how many) and high when it is a consonant, which "
        "is random. Yet even there the consonant feature is predicted right: the network has learned to "
        "count the vowels and knows that a consonant comes, just not which one."
    ),
    build_model=build_model,
    build_sequences=build_sequences,
    training=TrainConfig(epochs=150, lr=0.01, optimizer="adam", batch_size=SEQUENCES),
    decode_input=LETTERS.exact,
    decode_output=LETTERS.nearest,
    remarks=remarks,
    check_claim=check_claim,
    baseline=AVERAGE_TARGET,
)
