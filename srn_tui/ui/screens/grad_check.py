"""The g dialog: BPTT against central finite differences, the largest relative error per parameter."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from ...live import GradCheck
from ...live.snapshots import fmt_number
from .closing import DismissOnce

TOLERANCE = 1e-6


def check_text(check: GradCheck) -> Text:
    """One row per parameter, then the verdict; plain text, no markup."""
    lines = [
        Text(f"BPTT gradient vs central finite differences (eps {fmt_number(check.eps)})", style="bold"),
        Text(f"{'param':6} {'max rel error':>13} {'at':>8} {'BPTT':>11} {'numeric':>11}  checked", style="dim"),
    ]
    for p in check.params:
        bad = not p.max_rel_error < TOLERANCE
        row = (
            f"{p.name:6} {p.max_rel_error:13.2e} {str(list(p.worst_index)):>8} {p.analytic:11.4g} {p.numeric:11.4g}"
            f"  {p.checked}/{p.total}"
        )
        if p.below_floor:
            row += f" ({p.below_floor} tiny)"
        lines.append(Text(row, style="bold red" if bad else ""))
    verdict = "agree" if check.passed(TOLERANCE) else "DISAGREE"
    lines.append(
        Text(
            f"max relative error {check.max_rel_error:.2e}: the gradients {verdict} (tolerance {TOLERANCE:g})",
            style="bold green" if check.passed(TOLERANCE) else "bold red",
        )
    )
    lines.append(Text("Escape, g or Enter closes", style="dim"))
    return Text("\n").join(lines)


class GradCheckScreen(DismissOnce, ModalScreen[None]):
    BINDINGS = [Binding("escape,g,enter,q", "close", "Close")]

    def __init__(self, check: GradCheck) -> None:
        super().__init__()
        self.check = check

    def compose(self) -> ComposeResult:
        with Vertical(id="gradcheck"):
            yield Static(check_text(self.check), id="gradcheck-text")

    def action_close(self) -> None:
        self.dismiss(None)
