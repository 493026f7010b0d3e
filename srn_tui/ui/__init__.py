"""The step-through TUI. Import this only when a terminal is attached (the CLI checks first)."""

from __future__ import annotations

from ..lesson import Lesson, LessonSpec


def run_app(lesson: Lesson, lang: str = "en", startup: LessonSpec | None = None) -> int:
    """Run the app on `lesson` until the user quits; the exit code (0 after q). With `startup`, the
    app loads those files behind its first frame, showing `lesson` meanwhile."""
    from .app import SrnApp

    app = SrnApp(lesson, lang, startup)
    result = app.run()
    if app.return_code not in (None, 0):
        return int(app.return_code)
    return int(result or 0)
