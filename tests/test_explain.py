"""Equation text with the tick's numbers, checked against hand-worked values."""

from __future__ import annotations

import math

import numpy as np
import pytest

from srn_tui.engine import DataSequence, Model, forward, init_model
from srn_tui.explain import explain_tick, hidden_terms
from srn_tui.lessons import Lesson, get_scenario


def seed_trace():
    lesson = Lesson.from_scenario(get_scenario("seed"))
    return lesson.model, forward(lesson.model, lesson.sequence)


def test_seed_tick_one_and_three_by_hand() -> None:
    model, trace = seed_trace()
    assert explain_tick(model, trace.steps[0])[:2] == [
        "a(1) = 0.500*1.000 + 0.100*0.000 + 0.000 = 0.500",
        f"h(1) = tanh(0.500) = {math.tanh(0.5):.3f}",
    ]
    h2 = math.tanh(1.0 + 0.1 * math.tanh(0.5))
    a3 = 1.5 + 0.1 * h2
    lines = explain_tick(model, trace.steps[2])
    assert lines == [
        f"a(3) = 0.500*3.000 + 0.100*{h2:.3f} + 0.000 = {a3:.3f}",
        f"h(3) = tanh({a3:.3f}) = {math.tanh(a3):.3f}",
        f"o(3) = 1.000*{math.tanh(a3):.3f} + 0.000 = {math.tanh(a3):.3f}",
        f"y(3) = {math.tanh(a3):.3f}",
    ]
    assert lines[1] == "h(3) = tanh(1.578) = 0.918"


def test_last_tick_has_its_loss() -> None:
    model, trace = seed_trace()
    lines = explain_tick(model, trace.steps[4])
    y5 = trace.steps[4].y[0]
    assert lines[-1] == f"loss(5) = 0.5*({y5:.3f} - 6.000)^2 = {0.5 * (y5 - 6) ** 2:.3f}"
    assert lines[-1] == "loss(5) = 0.5*(0.989 - 6.000)^2 = 12.555"  # the article's numbers, halved square


def _one_tick(output: str, loss: str, o: list[float], target: list[float]):
    """A tick whose output pre-activation is exactly `o` (identity hidden layer, W_hy = I)."""
    from srn_tui.engine import Model

    O = len(o)
    model = Model(
        {
            "W_xh": np.array(o)[:, None],
            "W_hh": np.zeros((O, O)),
            "b_h": np.zeros(O),
            "W_hy": np.eye(O),
            "b_y": np.zeros(O),
        },
        "identity",
        output,
        loss,
    )
    rec = forward(model, DataSequence.from_lists([[1.0]], [target])).steps[0]
    return explain_tick(model, rec), rec


def _sig(o: float) -> float:
    return 1 / (1 + math.exp(-o))


def test_loss_lines_say_how_each_loss_is_computed() -> None:
    lines, rec = _one_tick("sigmoid", "cross_entropy", [math.log(0.614 / 0.386)], [0.0])
    assert lines[-1] == "loss(1) = -ln(0.386) = 0.952"  # binary cross-entropy of a target 0
    lines, rec = _one_tick("sigmoid", "cross_entropy", [0.4], [1.0])
    assert lines[-1] == f"loss(1) = -ln({_sig(0.4):.3f}) = {-math.log(_sig(0.4)):.3f}"
    lines, rec = _one_tick("sigmoid", "cross_entropy", [0.4], [0.3])
    y = _sig(0.4)
    value = -(0.3 * math.log(y) + 0.7 * math.log(1 - y))
    assert lines[-1] == f"loss(1) = -[0.300*ln({y:.3f}) + 0.700*ln({1 - y:.3f})] = {value:.3f}"
    lines, rec = _one_tick("sigmoid", "cross_entropy", [30.0], [0.0])
    assert lines[-1] == f"loss(1) = -ln({_sig(-30.0):.2e}) = {30 + math.log1p(math.exp(-30)):.3f}"  # 1 - y from o

    o = [0.2, 1.0, -0.5]
    p = np.exp(o) / np.exp(o).sum()
    lines, rec = _one_tick("softmax", "cross_entropy", o, [0.0, 0.0, 1.0])
    assert lines[-1] == f"loss(1) = -ln y_2(1) = -ln({p[2]:.3f}) = {-math.log(p[2]):.3f}"
    lines, rec = _one_tick("softmax", "cross_entropy", o, [0.5, 0.0, 0.5])
    assert lines[-1] == f"loss(1) = -sum_k target_k(1)*ln y_k(1) = {-0.5 * math.log(p[0]) - 0.5 * math.log(p[2]):.3f}"

    lines, rec = _one_tick("identity", "mse", [0.5, -1.0, 2.0, 0.0], [0.0, 1.0, 2.0, 0.0])
    assert lines[-2:] == [
        f"loss(1) = 0.5*sum_k (y_k(1) - target_k(1))^2 = {0.5 * (0.25 + 4):.3f}",
        "  largest, k = 1: 0.5*(-1.000 - 1.000)^2 = 2.000",
    ]
    lines, rec = _one_tick("identity", "mse", [0.5], [-2.0])
    assert lines[-1] == "loss(1) = 0.5*(0.500 - (-2.000))^2 = 3.125"
    lines, rec = _one_tick("sigmoid", "cross_entropy", [0.4, -3.0], [1.0, 1.0])
    assert lines[-1] == f"  largest, k = 1: -ln({_sig(-3.0):.3f}) = {-math.log(_sig(-3.0)):.3f}"
    assert all(line.isascii() for line in lines)


def test_before_the_first_tick() -> None:
    model, _ = seed_trace()
    assert explain_tick(model, None)[0].startswith("t = 0")


def test_big_net_shows_the_largest_terms_of_the_selected_unit() -> None:
    model = init_model(5, 20, 6, seed=1)
    seq = DataSequence.from_lists(np.random.default_rng(0).normal(size=(3, 5)))
    rec = forward(model, seq).steps[2]
    lines = explain_tick(model, rec, unit=7)
    terms = hidden_terms(model, rec, 7)
    assert math.isclose(sum(t.product for t in terms), rec.a[7], abs_tol=1e-12)
    biggest = max(terms, key=lambda t: abs(t.product))
    assert lines[0] == f"a_7(3) = {rec.a[7]:.3f}, the sum of 26 terms; largest:"
    assert biggest.label in lines[1]
    assert lines[5] == f"  + 22 smaller terms = {sum(sorted((t.product for t in terms), key=abs)[:22]):+.3f}"
    assert lines[6] == f"h_7(3) = tanh({rec.a[7]:.3f}) = {rec.h[7]:.3f}"
    assert all(line.isascii() for line in lines)


def test_negative_factors_are_bracketed() -> None:
    model = init_model(2, 2, 1, seed=3)
    seq = DataSequence.from_lists([[-1.0, 2.0]])
    lines = explain_tick(model, forward(model, seq).steps[0])
    assert "*(-1.000)" in lines[0]
    assert "*-" not in " ".join(lines)


def test_jordan_recurrent_term_is_labelled_with_the_previous_output() -> None:
    """1-4-1 Jordan net: the terms of a_j(t) multiply W_hh by y(t-1), the fed-back output."""
    lesson = Lesson.from_scenario(get_scenario("jordan"))
    trace = forward(lesson.model, lesson.sequence)
    before = explain_tick(lesson.model, None)
    assert "Each tick: a(t) = W_xh*x(t) + W_hh*y(t-1) + b_h" in before
    assert any(line.startswith("The fed-back output starts at y(0)") for line in before)
    rec = trace.steps[3]
    terms = hidden_terms(lesson.model, rec, 2)
    recurrent = [term for term in terms if term.label.startswith("W_hh")]
    assert [term.label for term in recurrent] == ["W_hh[2,0]*y(3)"]
    assert recurrent[0].value == trace.steps[2].y[0]
    assert sum(term.product for term in terms) == pytest.approx(rec.a[2])
    assert not any("W_hh[2,0]*h" in line for line in explain_tick(lesson.model, rec, 2))
    assert any("W_hh[2,0]*y(3)" in line for line in explain_tick(lesson.model, rec, 2))
    # An Elman net keeps h(t-1).
    elman = init_model(1, 4, 1, "xavier", 0)
    assert "W_hh*h(t-1)" in explain_tick(elman, None)[2]


def test_an_overflowing_tick_is_written_in_scientific_notation_not_hundreds_of_digits():
    import re

    model = Model({"W_xh": [[1e200]], "W_hh": [[1e200]], "b_h": [0.0], "W_hy": [[1e100]], "b_y": [0.0]}, "relu")
    with np.errstate(all="ignore"):
        trace = forward(model, DataSequence.from_lists([1.0, 2.0]))
    lines = explain_tick(model, trace.steps[1])
    assert not any(re.search(r"\d{13,}", line) for line in lines), lines
    assert lines[0] == "a(2) = 1.00e+200*2.000 + 1.00e+200*1.00e+200 + 0.000 = inf"
