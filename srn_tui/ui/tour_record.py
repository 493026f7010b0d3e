"""A tour recorded as a handout: the app runs headless at a fixed size and saves one SVG per step."""

from __future__ import annotations

from pathlib import Path

from ..tours import Tour
from ..tours.format import open_lesson


def record_tour(tour: Tour, lang: str, folder: Path, size: tuple[int, int], projector: bool = False) -> list[Path]:
    """Play every step of `tour` headless and write `<tour>-NN.svg` for each into `folder` (as
    projector mode shows it with `projector`)."""
    from .app import SrnApp

    app = SrnApp(open_lesson(tour.steps[0].lesson), lang, tour=tour, projector=projector)
    written: list[Path] = []

    async def walk(pilot) -> None:
        player = app.tour
        while player is None or player.worker is None:  # on_mount starts the first step
            await pilot.pause()
        for index in range(len(tour.steps)):
            if index:
                player.go(index)
            await player.settled()
            await pilot.pause()
            name = f"{tour.name}-{index + 1:02d}.svg"
            app.save_screenshot(filename=name, path=str(folder))
            written.append(folder / name)
        app.exit(0)

    app.run(headless=True, size=size, auto_pilot=walk)
    return written
