"""Elman's (1990) sentence generator, Tables 3 and 4: 29 words in 12 categories, 16 templates.

The paper lists the categories with examples; the full lexicon here is the 29 words of its Figure 7
(the dendrogram), each placed in the categories the tables give it ("see" and "break" are in two).
Sentences are drawn template first (each of the 16 equally likely), then a word for each slot
(each of the category's words equally likely), and run together into one stream with no marker
between sentences.

Because the generator is known, so is the exact probability of every next word given all the words
before it: a hidden Markov model whose state is (template, slot) reads the stream (`next_word_probs`).
Elman compared the outputs with probabilities counted in his corpus; these are the same numbers
without the counting noise.
"""

from __future__ import annotations

import numpy as np

CATEGORIES: dict[str, tuple[str, ...]] = {
    "NOUN-HUM": ("man", "woman", "boy", "girl"),
    "NOUN-ANIM": ("cat", "mouse", "dog"),
    "NOUN-INANIM": ("book", "rock", "car"),
    "NOUN-AGRESS": ("dragon", "monster", "lion"),
    "NOUN-FRAG": ("glass", "plate"),
    "NOUN-FOOD": ("cookie", "bread", "sandwich"),
    "VERB-INTRAN": ("think", "sleep", "exist"),
    "VERB-TRAN": ("see", "chase", "like"),
    "VERB-AGPAT": ("move", "break"),
    "VERB-PERCEPT": ("smell", "see"),
    "VERB-DESTROY": ("break", "smash"),
    "VERB-EAT": ("eat",),
}

TEMPLATES: tuple[tuple[str, ...], ...] = (
    ("NOUN-HUM", "VERB-EAT", "NOUN-FOOD"),
    ("NOUN-HUM", "VERB-PERCEPT", "NOUN-INANIM"),
    ("NOUN-HUM", "VERB-DESTROY", "NOUN-FRAG"),
    ("NOUN-HUM", "VERB-INTRAN"),
    ("NOUN-HUM", "VERB-TRAN", "NOUN-HUM"),
    ("NOUN-HUM", "VERB-AGPAT", "NOUN-INANIM"),
    ("NOUN-HUM", "VERB-AGPAT"),
    ("NOUN-ANIM", "VERB-EAT", "NOUN-FOOD"),
    ("NOUN-ANIM", "VERB-TRAN", "NOUN-ANIM"),
    ("NOUN-ANIM", "VERB-AGPAT", "NOUN-INANIM"),
    ("NOUN-ANIM", "VERB-AGPAT"),
    ("NOUN-INANIM", "VERB-AGPAT"),
    ("NOUN-AGRESS", "VERB-DESTROY", "NOUN-FRAG"),
    ("NOUN-AGRESS", "VERB-EAT", "NOUN-HUM"),
    ("NOUN-AGRESS", "VERB-EAT", "NOUN-ANIM"),
    ("NOUN-AGRESS", "VERB-EAT", "NOUN-FOOD"),
)

LEXICON: tuple[str, ...] = tuple(dict.fromkeys(w for words in CATEGORIES.values() for w in words))
INDEX = {w: i for i, w in enumerate(LEXICON)}
NOUNS = frozenset(w for c, words in CATEGORIES.items() if c.startswith("NOUN") for w in words)
VERBS = frozenset(LEXICON) - NOUNS
ANIMATES = frozenset(CATEGORIES["NOUN-HUM"] + CATEGORIES["NOUN-ANIM"] + CATEGORIES["NOUN-AGRESS"])
INANIMATES = NOUNS - ANIMATES


def word_stream(count: int, rng: np.random.Generator) -> list[str]:
    """Whole sentences run together until there are at least `count` words, cut to `count`."""
    out: list[str] = []
    while len(out) < count:
        template = TEMPLATES[rng.integers(len(TEMPLATES))]
        out += [CATEGORIES[c][rng.integers(len(CATEGORIES[c]))] for c in template]
    return out[:count]


# The hidden Markov model: a state is (template j, slot k), the slot just filled.
_STATES = [(j, k) for j, template in enumerate(TEMPLATES) for k in range(len(template))]
_EMIT = np.zeros((len(_STATES), len(LEXICON)))
_MOVE = np.zeros((len(_STATES), len(_STATES)))
_FIRST = np.array([1 / len(TEMPLATES) if k == 0 else 0.0 for _, k in _STATES])  # a sentence's first word
for _s, (_j, _k) in enumerate(_STATES):
    for _w in CATEGORIES[TEMPLATES[_j][_k]]:
        _EMIT[_s, INDEX[_w]] += 1 / len(CATEGORIES[TEMPLATES[_j][_k]])
    if _k + 1 < len(TEMPLATES[_j]):
        _MOVE[_s, _STATES.index((_j, _k + 1))] = 1.0
    else:  # the sentence ends: the next word opens a new one
        _MOVE[_s] = _FIRST


def next_word_probs(words: list[str]) -> np.ndarray:
    """(len(words), 29): row t is P(word t+1 | words 0..t), exactly, for a stream that starts at a
    sentence's first word (forward filtering of the hidden Markov model). Rows from a word the grammar
    cannot produce there onwards are NaN."""
    belief = _FIRST.copy()
    rows = []
    for w in words:
        belief = belief * _EMIT[:, INDEX[w]]
        with np.errstate(invalid="ignore"):  # 0 / 0: an impossible word, NaN from here on
            belief /= belief.sum()
        belief = belief @ _MOVE
        rows.append(belief @ _EMIT)
    return np.array(rows)
