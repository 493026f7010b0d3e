"""Importing torch for the twin tests: skipped where torch is not installed, except when
SRN_TUI_REQUIRE_TORCH=1 (CI sets it), where a missing torch fails instead of hiding the twins."""

from __future__ import annotations

import os
from types import ModuleType

import pytest

REQUIRE_ENV = "SRN_TUI_REQUIRE_TORCH"


def require_torch() -> ModuleType:
    if os.environ.get(REQUIRE_ENV) == "1":
        try:
            import torch
        except ImportError as exc:
            pytest.fail(f"{REQUIRE_ENV}=1 but torch cannot be imported: {exc}")
        return torch
    return pytest.importorskip("torch")
