"""Snapshots of the main screen on the seed lesson at 80x24 and 120x40, at t = 0, 3 and 5, and of
the training view (v) at 80x24 and 100x30.

Regenerate after an intended change with `pytest tests/test_ui_snapshots.py --snapshot-update`
and look at the SVGs under tests/__snapshots__/ before committing them.
"""

from __future__ import annotations

import pytest
from shared import seed_app


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("t", [0, 3, 5])
def test_main_screen(snap_compare, size: tuple[int, int], t: int) -> None:
    app = seed_app()
    assert snap_compare(app, terminal_size=size, press=["right"] * t)


@pytest.mark.parametrize("size", [(80, 24), (100, 30)], ids=["80x24", "100x30"])
def test_training_view(snap_compare, size: tuple[int, int]) -> None:
    """v at t = 5: the gradient flow, the idle training status and the (empty) loss curve."""
    app = seed_app()
    assert snap_compare(app, terminal_size=size, press=["right"] * 5 + ["v"])
