"""Gradient flow: one target's reading, the target the view follows, NaN-free log bars."""

from __future__ import annotations

import numpy as np
import pytest

from srn_tui.engine import DataSequence, Model, bptt, forward, target_flow, target_ticks
from srn_tui.lessons import get_scenario
from srn_tui.live import FlowReading, default_target, delta_h_norms, flow_bars, read_flow, step_target
from srn_tui.live.flow_target import FlowFollower, jacobian_depth
from srn_tui.live.gradient_flow import LOG_CEILING, LOG_FLOOR


def linear_chain(w_hh: float, T: int = 6) -> tuple[Model, DataSequence]:
    """1-1-1 identity network with one target at the last tick: delta_h(t) = w_hh^(T-t) delta_h(T)."""
    model = Model(
        {"W_xh": [[1.0]], "W_hh": [[w_hh]], "b_h": [0.0], "W_hy": [[1.0]], "b_y": [0.0]},
        hidden_activation="identity",
    )
    return model, DataSequence.from_lists([0.1] * T, [None] * (T - 1) + [[5.0]])


def reading_for(model: Model, seq: DataSequence, target: int | None = None, truncate: int | None = None):
    trace = forward(model, seq)
    return read_flow(target_flow(trace, target or target_ticks(seq)[-1], truncate))


def test_whole_loss_norms_are_delta_h_norms_per_tick():
    model, seq = linear_chain(3.0)
    norms = delta_h_norms(bptt(forward(model, seq)))
    h_last = forward(model, seq).steps[-1].h[0]
    expected = [abs(h_last - 5.0) * 3.0 ** (6 - t) for t in range(1, 7)]
    np.testing.assert_allclose(norms, expected, rtol=1e-12)


def test_seed_reading_is_vanishing():
    lesson = get_scenario("seed")
    reading = reading_for(lesson.model(), lesson.sequences()[0])
    assert (reading.first, reading.target, reading.span, reading.verdict) == (1, 5, 4, "vanishing")
    assert reading.ratio < 1e-7


@pytest.mark.parametrize(
    ("w_hh", "verdict"),
    [(3.0, "exploding"), (1.3, "growing"), (1.0, "stable"), (0.8, "shrinking"), (0.5, "vanishing")],
)
def test_reading_thresholds(w_hh, verdict):
    # ratio = w_hh^5: 243, 3.71, 1, 0.328, 0.03125
    reading = reading_for(*linear_chain(w_hh))
    assert reading.ratio == pytest.approx(w_hh**5, rel=1e-9)
    assert reading.verdict == verdict


def test_the_reading_is_of_one_target_where_the_whole_loss_does_not_shrink():
    """A target at every tick: each target's own gradient vanishes (x0.5 a tick back), but the whole
    loss's dL/dh(t) sums what every later target sends, so it does not shrink at all toward t = 1:
    the per-target reading is the vanishing one, the whole-loss row is not."""
    model, _ = linear_chain(0.5, T=12)
    seq = DataSequence.from_lists([0.1] * 12, [[1.0]] * 12)
    reading = reading_for(model, seq)
    assert reading.verdict == "vanishing" and reading.ratio == pytest.approx(0.5**11, rel=1e-9)
    whole = delta_h_norms(bptt(forward(model, seq)))
    assert whole[0] > whole[-1]  # the old reading, of the whole loss, called this "growing"


def test_reading_of_a_target_mid_sequence_and_under_truncation():
    model, _ = linear_chain(3.0, T=8)
    seq = DataSequence.from_lists([0.1] * 8, [None, None, None, None, [5.0], None, None, [1.0]])
    reading = reading_for(model, seq, target=5)
    assert (reading.first, reading.target) == (1, 5) and reading.ratio == pytest.approx(81.0)
    truncated = reading_for(model, seq, target=5, truncate=3)  # chunks 1-3, 4-6: the flow from t = 5 stops at t = 4
    assert (truncated.first, truncated.span) == (4, 1) and truncated.ratio == pytest.approx(3.0)
    assert truncated.verdict == "growing"
    assert reading_for(model, seq, target=5, truncate=4).verdict == "single tick"  # chunk 5-8 starts at 5


def test_reading_edge_cases():
    assert read_flow(None) == FlowReading(0, 0, None, "no targets")
    model, seq = linear_chain(0.5)
    zero_error = DataSequence.from_lists([0.0] * 6, [None] * 5 + [[0.0]])  # y(6) = 0 = target
    assert reading_for(model, zero_error).verdict == "none"
    with np.errstate(all="ignore"):
        huge = Model({"W_xh": [[1e200]], "W_hh": [[1e200]], "b_h": [0.0], "W_hy": [[1e200]], "b_y": [0.0]})
        bad = reading_for(huge, seq)
    assert bad.verdict == "not finite" and bad.ratio is None


def test_default_and_stepped_targets():
    ticks = (3, 5, 9)
    assert [default_target(ticks, c) for c in (0, 2, 3, 4, 5, 8, 9, 20)] == [3, 3, 3, 3, 5, 5, 9, 9]
    assert default_target((), 4) is None
    assert [
        step_target(ticks, 5, -1),
        step_target(ticks, 5, 1),
        step_target(ticks, 3, -1),
        step_target(ticks, 9, 1),
    ] == [
        3,
        9,
        3,
        9,
    ]
    assert step_target(ticks, None, -1) == 9 and step_target(ticks, None, 1) == 3 and step_target((), 4, 1) is None


def test_the_follower_pins_a_moved_target_until_the_sequence_changes():
    model, seq = linear_chain(0.5, T=8)
    seq = DataSequence.from_lists([0.1] * 8, [None, [1.0], None, [1.0], None, [1.0], None, None])
    trace = forward(model, seq)
    follower = FlowFollower()
    assert follower.target(seq, 5) == 4 and follower.flow(trace, 5, None).target == 4
    assert follower.move(seq, 5, -1) == 2 and follower.target(seq, 8) == 2  # pinned: the cursor no longer moves it
    assert follower.move(seq, 8, 1) == 4 and follower.move(seq, 8, 1) == 6 and follower.move(seq, 8, 1) == 6
    flow = follower.flow(trace, 1, 2)
    assert (flow.target, flow.first) == (6, 5) and follower.flow(trace, 1, 2) is flow  # cached
    assert follower.flow(forward(model, seq), 1, 2) is not flow  # a new trace: computed again
    other = DataSequence.from_lists([0.1] * 8, [None] * 7 + [[1.0]])
    assert follower.target(other, 0) == 8 and follower.pinned is None  # another sequence: the pin goes
    follower.move(seq, 3, 1)
    follower.unpin()
    assert follower.target(seq, 3) == 2


def test_the_live_jacobian_is_bounded_for_large_models():
    assert jacobian_depth(8, 60) is None and jacobian_depth(32, 100) is None  # every lesson: every tick
    assert jacobian_depth(256, 300) == int(2e7 // 256**3) and jacobian_depth(1000, 5) == 1


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
