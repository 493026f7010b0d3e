"""srn-tui runs NumPy's BLAS on one thread unless the user chose otherwise (srn_tui/__init__.py)."""

from __future__ import annotations

import os
import subprocess
import sys

SHOW = "import srn_tui, numpy, os; print(os.environ['OPENBLAS_NUM_THREADS'], os.environ['OMP_NUM_THREADS'])"


def _run(extra: dict[str, str]) -> str:
    env = {k: v for k, v in os.environ.items() if not k.endswith("_NUM_THREADS")}
    env.update(extra)
    return subprocess.run([sys.executable, "-c", SHOW], env=env, capture_output=True, text=True, check=True).stdout


def test_one_blas_thread_by_default() -> None:
    assert _run({}).split() == ["1", "1"]


def test_a_users_choice_is_kept() -> None:
    assert _run({"OPENBLAS_NUM_THREADS": "4"}).split() == ["4", "1"]
