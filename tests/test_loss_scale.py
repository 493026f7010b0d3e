"""The loss beside its meaning: target ticks, mean per target tick, bits, and each lesson's baseline,
recomputed here by hand from the lesson's data (not through the engine's loss functions)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from srn_tui.engine import DataSequence, Model, forward
from srn_tui.lessons import Lesson, get_scenario
from srn_tui.loss_scale import LossScale, lesson_scale, loss_scale
from srn_tui.report import format_trace


def lesson(name: str) -> Lesson:
    return Lesson.from_scenario(get_scenario(name))


def _targets(lesson: Lesson) -> int:
    return int(sum(s.mask.sum() for s in lesson.sequences))


@pytest.mark.parametrize("name", ["temporal-xor", "temporal-xor-paper", "jordan", "echo", "echo-5"])
def test_bit_lessons_chance_is_half_a_quarter_per_tick(name):
    """Always guessing 0.5 costs 1/2 * 0.5^2 = 0.125 per bit in the 1/2 * squared-error convention."""
    les = lesson(name)
    scale = lesson_scale(les)
    assert scale.targets == _targets(les)
    assert scale.baseline_kind == "chance_half"
    assert scale.baseline == pytest.approx(0.125 * scale.targets, rel=1e-12)
    assert scale.baseline_mean == pytest.approx(0.125, rel=1e-12)
    assert not scale.bits


def test_sine_baseline_repeats_the_current_value():
    les = lesson("sine")
    scale = lesson_scale(les)
    by_hand = sum(0.5 * float(np.sum((s.inputs[s.mask] - s.targets[s.mask]) ** 2)) for s in les.sequences)
    assert scale.baseline_kind == "repeat" and scale.baseline == pytest.approx(by_hand, rel=1e-12)
    assert scale.baseline_mean == pytest.approx(0.0381, abs=5e-5)  # half of the unhalved 0.076


def test_letters_baseline_is_the_average_letter():
    les = lesson("letters")
    targets = np.concatenate([s.targets[s.mask] for s in les.sequences])
    by_hand = 0.5 * float(np.sum((targets.mean(axis=0) - targets) ** 2))
    scale = lesson_scale(les)
    assert scale.baseline_kind == "average" and scale.baseline == pytest.approx(by_hand, rel=1e-12)
    # on the shown sequence alone, the guess is still the average over all of the lesson's data
    shown = lesson_scale(les, shown_only=True)
    seq = les.sequence
    assert shown.baseline == pytest.approx(0.5 * float(np.sum((targets.mean(axis=0) - seq.targets[seq.mask]) ** 2)))


def test_hello_is_in_bits_per_character_and_chance_is_two_bits():
    scale = lesson_scale(lesson("hello"))
    assert scale.bits and scale.characters and scale.targets == 4
    assert scale.baseline == pytest.approx(4 * math.log(4), rel=1e-12)
    assert scale.in_bits(scale.baseline) == pytest.approx(2.0, rel=1e-12)
    trace = forward(lesson("hello").model, lesson("hello").sequence)
    assert scale.in_bits(trace.loss) == pytest.approx(
        -sum(math.log2(r.y[int(np.argmax(r.target))]) for r in trace.steps) / 4, rel=1e-12
    )


def test_the_baseline_follows_the_models_loss():
    """A sigmoid output with binary cross-entropy on temporal XOR: chance costs ln 2 per bit."""
    les = lesson("temporal-xor")
    model = Model(dict(les.model.params), "tanh", "sigmoid", "cross_entropy")
    scale = lesson_scale(les.with_model(model, "bce.json"), model)
    assert scale.baseline_mean == pytest.approx(math.log(2), rel=1e-12)
    assert not scale.bits  # bits per tick are for softmax outputs


def test_own_sequence_has_no_baseline_and_seed_has_none():
    les = lesson("sine").with_sequence(DataSequence.from_lists([0.0, 1.0], [[1.0], [0.0]]), "own.csv")
    assert lesson_scale(les) == LossScale(targets=2)
    assert lesson_scale(lesson("seed")) == LossScale(targets=1)


def test_mean_per_target_tick():
    scale = LossScale(targets=4, bits=True)
    assert scale.mean(2.0) == 0.5 and scale.in_bits(4 * math.log(2)) == pytest.approx(1.0)
    assert math.isnan(LossScale(targets=0).mean(1.0))
    model = Model({"W_xh": [[1.0]], "W_hh": [[0.0]], "b_h": [0.0], "W_hy": [[1.0]], "b_y": [0.0]})
    assert loss_scale(model, [DataSequence.from_lists([1.0, 2.0, 3.0], [None, [1.0], [2.0]])]).targets == 2


def test_trace_handouts_say_what_the_total_sums():
    seed = lesson("seed")
    trace = forward(seed.model, seed.sequence)
    from srn_tui.engine import bptt

    table = format_trace(trace, bptt(trace), "table", scale=lesson_scale(seed, shown_only=True))
    assert "loss(t) = 0.5*sum_k (y_k(t) - target_k(t))^2" in table
    assert "total loss: 12.555, summed over 1 target tick; mean 12.555 per target tick" in table
    hello = lesson("hello")
    trace = forward(hello.model, hello.sequence)
    md = format_trace(trace, bptt(trace), "markdown", scale=lesson_scale(hello, shown_only=True))
    bits = -sum(math.log2(r.y[int(np.argmax(r.target))]) for r in trace.steps) / 4
    assert f"Total loss: **{trace.loss:.3f}**, summed over 4 target ticks; mean **{trace.loss / 4:.3f}**" in md
    assert f"= {bits:.3f} bits per character" in md
    assert "Baseline, chance (every symbol equally likely): 5.545; mean 1.386 per target tick = 2.000 bits" in md
    assert "loss(t) = -sum_k target_k(t)*ln y_k(t) (cross_entropy)" in md


def test_narration_quotes_chance_in_the_shown_models_loss():
    """A random bit: guessing 0.5 costs 1/2 * 0.5^2 = 0.125 with the lesson's mse, ln 2 with binary
    cross-entropy; the claim's "always guessing 0.5" is the same number on its held-out bits."""
    from srn_tui.lessons import temporal_xor
    from srn_tui.narration.render import render

    les = lesson("temporal-xor")
    trace = forward(les.model, les.sequence)
    key, values = temporal_xor.random_bit_remark(trace, 1)
    assert key == "txor_random" and values["chance"] == pytest.approx(0.125, rel=1e-12)
    assert "costs a loss of 0.125" in render("en", key, **values)
    assert "损失为 0.125" in render("zh", key, **values)
    bce = Model(dict(les.model.params), "tanh", "sigmoid", "cross_entropy")
    assert temporal_xor.random_bit_remark(forward(bce, les.sequence), 4)[1]["chance"] == pytest.approx(math.log(2))
    jtrace = forward(lesson("jordan").model, les.sequence)
    assert get_scenario("jordan").remarks(jtrace, 1) == [("txor_random", {"chance": pytest.approx(0.125)})]
    for name in ("temporal-xor", "jordan"):
        claim = get_scenario(name).check_claim(lesson(name).model)
        assert claim.values["chance"] == pytest.approx(0.125, rel=1e-12)
    claim = get_scenario("echo").check_claim(lesson("echo").model)
    assert claim.values["chance"] == pytest.approx(0.125, rel=1e-12)
    # the claim's losses are the engine's own per-tick losses: half the squared error
    held_out = temporal_xor.build_sequences(count=8, triplets=12, seed=1000)
    xor_bits = [
        0.5 * (r.y[0] - r.target[0]) ** 2 for s in held_out for r in forward(les.model, s).steps if r.t % 3 == 2
    ]
    assert get_scenario("temporal-xor").check_claim(les.model).values["pred"] == pytest.approx(np.mean(xor_bits))
