"""Regenerate docs/screenshot.svg: the real app at 100x30 on the default lesson at t = 3.

python docs/screenshot.py
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from srn_tui.lessons import Lesson, get_scenario
from srn_tui.ui.app import SrnApp


async def main() -> None:
    app = SrnApp(Lesson.from_scenario(get_scenario("seed")))
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(3):
            await pilot.press("right")
        await pilot.pause(0.3)
        here = Path(__file__).parent
        app.save_screenshot(filename="screenshot.svg", path=str(here))
        print(here / "screenshot.svg")


if __name__ == "__main__":
    asyncio.run(main())
