"""Every built-in lesson's claim, checked on seeds the lesson does not default to.

Each lesson that makes a claim is trained with its own recommended training from five starting draws
that are not its default, and its claim (Scenario.check_claim) must hold on every one. The seeds are
fixed here, so a failure names a lesson and a seed that anyone can re-run with
`srn-tui train --scenario NAME --seed S`. A claim with no yes/no verdict (holds is None) must still
measure finite numbers. Written against the Claim API only, so it follows the lessons' claims as they
change. About 8 s on one core (8 lessons, 5 seeds each), so it runs with the rest of the suite.
"""

from __future__ import annotations

import math

import pytest

from srn_tui.engine import Model, reinitialize, train
from srn_tui.lessons import SCENARIOS, Scenario
from srn_tui.narration import measure_claim

SEEDS = (1, 2, 3, 4, 5)  # five starting draws per lesson; a lesson defaulting to one of them gets the next
# Left out, and why (each is measured elsewhere):
NOT_HERE = {
    # One 600-pass run of per-tick SGD over 3,000 bits takes about 2 minutes, and the lesson's claim
    # is its measured table of which seeds learn (benchmarks/claims_over_seeds.py), not "every seed".
    "temporal-xor-paper": "minutes per seed; its per-seed table is measured by benchmarks/claims_over_seeds.py",
    # 3-10 s of training each: tests/test_elman_lessons.py checks them on three seeds (five would add a minute)
    "words": "checked on three non-default seeds in tests/test_elman_lessons.py",
    "lexical": "checked on three non-default seeds in tests/test_elman_lessons.py",
    "reber": "checked on three non-default seeds in tests/test_elman_lessons.py",
}
WITH_CLAIMS = [name for name, s in SCENARIOS.items() if s.check_claim is not None and name not in NOT_HERE]


def seeds_for(scenario: Scenario) -> list[int]:
    """Five seeds that are not the lesson's default."""
    return [s for s in range(1, 100) if s != scenario.default_seed][: len(SEEDS)]


def starting_model(scenario: Scenario, seed: int) -> Model:
    """The lesson's own starting weights drawn with `seed`; a lesson whose weights are fixed numbers
    (the seed lesson) starts from an engine initializer's draw instead, as `--init xavier --seed S`."""
    if scenario.default_seed is None:
        return reinitialize(scenario.model(), "xavier", seed)
    return scenario.model(seed=seed)


def finite_numbers(values: dict[str, object]) -> bool:
    return all(math.isfinite(v) for v in values.values() if isinstance(v, float))


def test_every_lesson_with_a_claim_is_checked_or_said_why_not():
    assert WITH_CLAIMS and set(NOT_HERE) <= set(SCENARIOS)
    for name in WITH_CLAIMS:
        assert SCENARIOS[name].default_seed not in seeds_for(SCENARIOS[name])


@pytest.mark.parametrize("name", WITH_CLAIMS)
def test_the_lessons_claim_holds_after_its_training_from_five_non_default_seeds(name):
    scenario = SCENARIOS[name]
    failures = []
    for seed in seeds_for(scenario):
        result = train(starting_model(scenario, seed), scenario.sequences(), scenario.training)
        assert result.divergence is None, (name, seed)
        claim = scenario.check_claim(result.model)
        assert finite_numbers(claim.values), (name, seed, claim.values)
        if claim.holds is False:
            failures.append((seed, claim.values))
        # the sentence the app and `train` print is made from these numbers, in both languages
        for lang in ("en", "zh"):
            holds, text = measure_claim(name, result.model, lang)
            assert holds == claim.holds and text and "{" not in text
    assert not failures, f"{name}: the claim fails for seed(s) {failures}"
