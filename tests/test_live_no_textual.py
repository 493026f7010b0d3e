"""The live-training package is UI-free: importing it must not load Textual (checked in a fresh interpreter)."""

from __future__ import annotations

import subprocess
import sys


def test_live_package_does_not_import_textual():
    code = "import sys, srn_tui.live; print(any(m.split('.')[0] == 'textual' for m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "False"
