"""Where the data does not decide the next symbol (a grammar's branch), the narration does not call
the network's pick right or wrong: it quotes what the network gave the symbol that came beside the
data's own probability, computed from the lesson's grammar (reber: the node's legal letters, equally
likely; lexical: the grammar's exact next-word probabilities). Checked on seeds the lessons do not
default to, untrained and after a short training."""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np
import pytest

from srn_tui.engine import forward, train
from srn_tui.lessons import Lesson, get_scenario, reber
from srn_tui.narration import narrate_tick


def _lesson(name: str, seed: int, epochs: int) -> Lesson:
    lesson = Lesson.from_scenario(get_scenario(name))
    model = lesson.seeded_model(seed)
    if epochs:
        model = train(model, list(lesson.sequences), replace(lesson.training, epochs=epochs)).model
    return replace(lesson, model=model)


@pytest.mark.parametrize(("seed", "epochs"), [(3, 0), (5, 20)])
def test_reber_branches_quote_the_grammars_half_and_never_say_wrong(seed: int, epochs: int) -> None:
    lesson = _lesson("reber", seed, epochs)
    trace = forward(lesson.model, lesson.sequences[0])
    nodes = reber.tick_nodes(trace)
    assert nodes is not None
    branches = 0
    for t in range(1, len(trace.steps) + 1):
        rec = trace.steps[t - 1]
        if rec.target is None or nodes[t - 1] == reber.END:
            continue
        text = narrate_tick(lesson, trace, t, "en")
        came = reber.LETTERS.symbols[int(np.argmax(rec.target))]
        legal = reber.GRAPH[nodes[t - 1]]
        if len(legal) == 2:
            branches += 1
            assert ": wrong." not in text and ": right." not in text
            quoted = re.search(r'The symbol that came is "(.)": the network gave it probability ([0-9.]+)', text)
            assert quoted and quoted.group(1) == came
            assert float(quoted.group(2)) == pytest.approx(float(rec.y[reber.LETTERS.symbols.index(came)]), abs=5e-4)
            assert f'the best it can give "{came}" is 0.500' in text
        else:  # one legal letter: the data decides, so right / wrong still applies
            assert ": wrong." in text or ": right." in text
    assert branches >= 2


def test_lexical_quotes_the_grammars_exact_probability_of_the_word_that_came() -> None:
    from srn_tui.lessons.lexical import words_of
    from srn_tui.lessons.lexical_grammar import INDEX, next_word_probs

    lesson = _lesson("lexical", 4, 0)
    trace = forward(lesson.model, lesson.sequences[0])
    words = words_of(trace)
    assert words is not None
    probs = next_word_probs(words)
    checked = 0
    for t in range(1, 30):
        p_came = float(probs[t - 1][INDEX[words[t]]])
        text = narrate_tick(lesson, trace, t, "en")
        if p_came < 0.999:
            assert f'the best it can give "{words[t]}" is {p_came:.3f}' in text
            assert ": wrong." not in text
            checked += 1
    assert checked >= 10
    zh = narrate_tick(lesson, trace, 1, "zh")
    assert "最好概率" in zh and "wrong" not in zh
