"""A plain-text view of the weights, used when the heatmap panel is not available."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ...engine import WEIGHT_NAMES, Model
from .values import styled


class WeightsText(Static):
    """Same `show` signature as WeightsPanel; draws each parameter's first rows as numbers."""

    MAX_ROWS = 8
    MAX_COLS = 10

    def show(self, model: Model, selected_unit: int | None, version: int) -> None:
        out = Text()
        for name in WEIGHT_NAMES:
            value = model.params[name]
            matrix = value if value.ndim == 2 else value[None, :]
            out.append(f"{name} {'x'.join(map(str, value.shape))}\n", style="bold")
            for r, row in enumerate(matrix[: self.MAX_ROWS]):
                out.append("  ")
                for v in row[: self.MAX_COLS]:
                    out.append_text(styled(float(v), 6))
                    out.append(" ")
                if row.size > self.MAX_COLS:
                    out.append(f"+{row.size - self.MAX_COLS}")
                out.append("\n")
                if r + 1 == self.MAX_ROWS and len(matrix) > self.MAX_ROWS:
                    out.append(f"  +{len(matrix) - self.MAX_ROWS} rows\n")
        self.update(out)
