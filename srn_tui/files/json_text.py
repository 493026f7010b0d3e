"""JSON text that people can read: tables (lists of rows) keep one row per line."""

from __future__ import annotations

import json
from typing import Any


def object_text(obj: dict[str, Any]) -> str:
    """A JSON object, one key per line; a list of rows (lists or nulls) is written one row per line."""
    fields = [f"  {json.dumps(key)}: {_value_text(value)}" for key, value in obj.items()]
    return "{\n" + ",\n".join(fields) + "\n}\n"


def _value_text(value: Any) -> str:
    if isinstance(value, list) and value and all(row is None or isinstance(row, list) for row in value):
        return "[\n" + ",\n".join(f"    {_dump(row)}" for row in value) + "\n  ]"
    return _dump(value)


def _dump(value: Any) -> str:
    # allow_nan=False: NaN and Infinity are not JSON; the engine never holds them anyway.
    return json.dumps(value, allow_nan=False, ensure_ascii=False)
