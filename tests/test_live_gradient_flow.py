"""Gradient flow: per-tick norms, NaN-free log bars and the one-line reading."""

from __future__ import annotations

import numpy as np
import pytest

from srn_tui.engine import DataSequence, Model, bptt, forward
from srn_tui.live import delta_h_norms, flow_bars, flow_reading
from srn_tui.live.gradient_flow import LOG_CEILING, LOG_FLOOR
from srn_tui.scenarios import get_scenario


def linear_chain(w_hh: float, T: int = 6) -> tuple[Model, DataSequence]:
    """1-1-1 identity network with one target at the last tick: delta_h(t) = w_hh^(T-t) delta_h(T)."""
    model = Model(
        {"W_xh": [[1.0]], "W_hh": [[w_hh]], "b_h": [0.0], "W_hy": [[1.0]], "b_y": [0.0]},
        hidden_activation="identity",
    )
    return model, DataSequence.from_lists([0.1] * T, [None] * (T - 1) + [[5.0]])


def reading_for(model: Model, seq: DataSequence, truncate: int | None = None):
    backward = bptt(forward(model, seq), truncate=truncate)
    return flow_reading(delta_h_norms(backward), seq.mask, truncate)


def test_norms_are_delta_h_norms_per_tick():
    model, seq = linear_chain(3.0)
    norms = delta_h_norms(bptt(forward(model, seq)))
    h_last = forward(model, seq).steps[-1].h[0]
    expected = [abs(h_last - 5.0) * 3.0 ** (6 - t) for t in range(1, 7)]
    np.testing.assert_allclose(norms, expected, rtol=1e-12)


def test_seed_reading_is_vanishing():
    lesson = get_scenario("seed")
    reading = reading_for(lesson.model(), lesson.sequences()[0])
    assert (reading.first, reading.last, reading.verdict) == (1, 5, "vanishing")
    assert reading.ratio < 1e-7
    assert reading.text.startswith("gradient shrinks x") and reading.text.endswith("over 4 ticks: vanishing")
    assert reading.text.isascii()


@pytest.mark.parametrize(
    ("w_hh", "verdict", "text"),
    [
        (3.0, "exploding", "gradient grows x243 over 5 ticks: exploding"),
        (1.3, "growing", "gradient grows x3.71 over 5 ticks: growing"),
        (1.0, "stable", "gradient changes x1 over 5 ticks: stable (within x0.5-x2)"),
        (0.8, "shrinking", "gradient shrinks x0.33 over 5 ticks: fading"),
        (0.5, "vanishing", "gradient shrinks x0.031 over 5 ticks: vanishing"),
    ],
)
def test_reading_thresholds(w_hh, verdict, text):
    # ratio = w_hh^5: 243, 3.71, 1, 0.328, 0.03125
    reading = reading_for(*linear_chain(w_hh))
    assert reading.ratio == pytest.approx(w_hh**5, rel=1e-9)
    assert (reading.verdict, reading.text) == (verdict, text)


def test_reading_uses_latest_target_and_truncation_chunk():
    model, _ = linear_chain(3.0, T=8)
    seq = DataSequence.from_lists([0.1] * 8, [None, None, None, None, [5.0], None, None, None])
    reading = reading_for(model, seq)
    assert (reading.first, reading.last) == (1, 5) and reading.ratio == pytest.approx(81.0)
    truncated = reading_for(model, seq, truncate=3)  # chunks 1-3, 4-6: the flow from t = 5 stops at t = 4
    assert (truncated.first, truncated.last) == (4, 5) and truncated.ratio == pytest.approx(3.0)
    assert truncated.text == "gradient grows x3 over 1 tick: growing"


def test_reading_edge_cases():
    assert flow_reading([]).verdict == "none"
    assert flow_reading([2.0]).verdict == "single tick"
    assert flow_reading([1.0, 0.0]).verdict == "none"
    assert flow_reading([0.0, 3.0]).text == "gradient shrinks x0 over 1 tick: vanishing"
    bad = flow_reading([1.0, float("nan"), 2.0])
    assert bad.verdict == "not finite" and bad.ratio is None and bad.text.isascii()


def test_bars_never_hold_nan_or_inf():
    norms = [1e-3, 0.0, float("nan"), float("inf"), 10.0, 1e-40, 1e40]
    bars = flow_bars(norms)
    assert [b.flag for b in bars] == ["ok", "zero", "nan", "inf", "ok", "ok", "ok"]
    assert [b.t for b in bars] == list(range(1, 8))
    for bar in bars:
        assert np.isfinite(bar.log10) and LOG_FLOOR <= bar.log10 <= LOG_CEILING
        assert np.isfinite(bar.height) and 0.0 <= bar.height <= 1.0
    assert bars[0].log10 == pytest.approx(-3.0) and bars[4].log10 == pytest.approx(1.0)
    assert bars[5].log10 == LOG_FLOOR and bars[6].log10 == LOG_CEILING  # clamped
    assert bars[1].height == 0.0 and bars[3].height == 1.0
    assert bars[4].height > bars[0].height > bars[5].height > 0.0  # log order, smallest still visible


def test_bars_of_equal_norms_and_of_nothing_finite():
    assert [b.height for b in flow_bars([2.0, 2.0])] == [1.0, 1.0]
    bars = flow_bars([float("nan"), float("-inf")])
    assert all(np.isfinite(b.log10) and np.isfinite(b.height) for b in bars)
