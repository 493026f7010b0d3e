"""Fixtures shared by the tests; plain helpers are in shared.py (see its docstring for why)."""

from __future__ import annotations

# isort: off
# First: srn_tui sets one BLAS thread before NumPy loads (srn_tui/__init__.py); no plugin loads
# NumPy before this file, so the whole suite computes as the app does.
import srn_tui  # noqa: F401
# isort: on

import pytest
from shared import Toasts
from textual.app import App
from textual.notifications import Notification


@pytest.fixture
def toasts(monkeypatch: pytest.MonkeyPatch) -> Toasts:
    """Every notification any app in the test is asked to show, recorded at Textual's public
    App.notify (SrnApp.notify escapes, then calls it), in the order they were asked for."""
    recorder = Toasts()
    show = App.notify

    def notify(self: App, message: str, *, title: str = "", severity="information", timeout=None, markup=True) -> None:
        shown_for = self.NOTIFICATION_TIMEOUT if timeout is None else timeout
        recorder.shown.append(Notification(message, title, severity, shown_for, markup=markup))
        show(self, message, title=title, severity=severity, timeout=timeout, markup=markup)

    monkeypatch.setattr(App, "notify", notify)
    return recorder
