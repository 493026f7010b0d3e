"""The capped loss history and its CSV export."""

from __future__ import annotations

import csv
import io

import numpy as np
import pytest

from srn_tui.live import LossHistory, history_csv


def test_short_history_is_kept_exactly():
    history = LossHistory(recent=10, older=4)
    for epoch in range(1, 8):
        history.append(epoch, 1.0 / epoch, 2.0 * epoch)
    snap = history.snapshot()
    assert list(snap.epochs) == list(range(1, 8))
    np.testing.assert_array_equal(snap.losses, [1.0 / e for e in range(1, 8)])
    with pytest.raises(ValueError):
        snap.losses[0] = 0.0


def test_long_history_stays_bounded_and_covers_the_whole_run():
    history = LossHistory(recent=100, older=50)
    for epoch in range(1, 100_001):
        history.append(epoch, float(epoch), 0.0)
        assert len(history) <= 150
    snap = history.snapshot()
    assert list(snap.epochs[-100:]) == list(range(99_901, 100_001))
    older = snap.epochs[:-100]
    assert older[0] == 1 and len(older) > 25
    gaps = np.diff(older)
    assert np.all(gaps == gaps[0])  # evenly spaced
    assert np.array_equal(snap.losses, snap.epochs.astype(float))  # every point is a real epoch's value


@pytest.mark.parametrize("start", [0, 7, 130, 1_000])
def test_a_copy_grows_as_the_original_would_and_leaves_it_alone(start: int):
    original, straight = LossHistory(recent=20, older=8), LossHistory(recent=20, older=8)
    for epoch in range(1, start + 1):
        original.append(epoch, float(epoch), 0.0)
        straight.append(epoch, float(epoch), 0.0)
    kept = original.snapshot().epochs
    copy = original.copy()
    for epoch in range(start + 1, start + 500):
        copy.append(epoch, float(epoch), 1.0)
        straight.append(epoch, float(epoch), 1.0)
    assert np.array_equal(copy.snapshot().epochs, straight.snapshot().epochs)  # same thinning from there on
    assert np.array_equal(original.snapshot().epochs, kept)


@pytest.mark.parametrize("to", [0, 1, 500, 9_999, 10_000, 10_001])
def test_rewind_forgets_exactly_the_points_after_an_epoch(to: int):
    history = LossHistory(recent=100, older=50)
    for epoch in range(1, 10_001):
        history.append(epoch, float(epoch), 0.0)
    before = history.snapshot().epochs
    history.rewind(to)
    after = history.snapshot()
    assert list(after.epochs) == [e for e in before if e <= to]
    assert np.array_equal(after.losses, after.epochs.astype(float))
    history.append(to + 1, -1.0, 0.0)  # training goes on from there
    assert history.snapshot().epochs[-1] == to + 1 and history.snapshot().losses[-1] == -1.0


def test_csv_round_trips_and_spells_non_finite_values():
    history = LossHistory()
    history.append(1, 0.1 + 0.2, 3.5)
    history.append(2, float("nan"), float("inf"))
    text = history_csv(history.snapshot())
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["epoch", "loss", "grad_norm"]
    assert rows[1] == ["1", repr(0.1 + 0.2), "3.5"] and float(rows[1][1]) == 0.1 + 0.2
    assert rows[2] == ["2", "nan", "inf"]
    assert text.endswith("\n") and text.isascii()


def test_empty_history_exports_a_header():
    assert history_csv(LossHistory().snapshot()) == "epoch,loss,grad_norm\n"
