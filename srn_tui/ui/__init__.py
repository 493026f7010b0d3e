"""The step-through TUI. Import this only when a terminal is attached (the CLI checks first)."""

from __future__ import annotations

import os
import sys

from ..lessons import Lesson, LessonSpec


def run_app(
    lesson: Lesson, lang: str = "en", startup: LessonSpec | None = None, tour=None, projector: bool = False
) -> int:
    """Run the app on `lesson` until the user quits; the exit code (0 after q). With `startup`, the
    app loads those files behind its first frame, showing `lesson` meanwhile; with `projector`, it
    opens in projector mode."""
    from .app import SrnApp
    from .loading import loads_running

    app = SrnApp(lesson, lang, startup, tour, projector=projector)
    result = app.run()
    code = int(app.return_code) if app.return_code not in (None, 0) else int(result or 0)
    if loads_running():
        # Quit during a load: its daemon thread is still computing, and finalizing the interpreter
        # around it took 1.1 s after the screen had closed (200,000 ticks). Nothing is left to write.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code


def record_tour(tour, lang: str, folder, size: tuple[int, int], projector: bool = False) -> list:
    """A tour's steps as SVG files, the app run headless (ui/tour_record.py); the paths written.
    With `projector`, as projector mode shows them."""
    from .tour_record import record_tour as record

    return record(tour, lang, folder, size, projector)
