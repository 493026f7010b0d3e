"""Developer entry: `python -m srn_tui.ui.demo [scenario]` opens the app without the CLI."""

from __future__ import annotations

import sys

from ..lessons import Lesson, get_scenario
from . import run_app

if __name__ == "__main__":
    name = sys.argv[1] if len(sys.argv) > 1 else "seed"
    sys.exit(run_app(Lesson.from_scenario(get_scenario(name))))
