"""Waiting for the app's loads (ui/loading.py) in Pilot tests: they run in a worker thread."""

from __future__ import annotations

import contextlib

from textual.worker import WorkerCancelled


async def finish_loading(app, pilot) -> None:
    """Until the load under way (if any) has ended and its message has been handled."""
    worker = app.loader.worker
    if worker is not None:
        with contextlib.suppress(WorkerCancelled):
            await worker.wait()
    await pilot.pause()
    await pilot.pause()
