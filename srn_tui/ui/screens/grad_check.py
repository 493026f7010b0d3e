"""The g dialog: BPTT against central finite differences, the largest relative error per parameter."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from ...live import GradCheck, ParamCheck
from ...text import numbers
from .closing import DismissOnce

TOLERANCE = 1e-6


def param_row(p: ParamCheck) -> str:
    """The worst *compared* entry of one parameter (dashes when every entry was too small to compare)."""
    if p.worst_index is None:
        cells = f"{'-':>13} {'-':>8} {'-':>11} {'-':>11}"
    else:
        where = str(list(p.worst_index))
        cells = f"{p.max_rel_error:13.2e} {where:>8} {p.analytic:11.4g} {p.numeric:11.4g}"
    row = f"{p.name:6} {cells}  {p.compared}/{p.total}"
    return row + (f" (+{p.below_floor} tiny)" if p.below_floor else "")


def check_text(check: GradCheck) -> Text:
    """One row per parameter (its worst compared entry), then the verdict; plain text, no markup."""
    lines = [
        Text(f"BPTT gradient vs central finite differences (eps {numbers.short(check.eps)})", style="bold"),
        Text(f"{'param':6} {'max rel error':>13} {'at':>8} {'BPTT':>11} {'numeric':>11}  compared", style="dim"),
    ]
    for p in check.params:
        lines.append(Text(param_row(p), style="" if p.passed(TOLERANCE, check.floor) else "bold red"))
    ok = check.passed(TOLERANCE)
    compared = sum(p.compared for p in check.params)
    verdict = "agree" if ok else "DISAGREE"
    lines.append(
        Text(
            f"max relative error {check.max_rel_error:.2e} over {compared} compared: "
            f"gradients {verdict} (tol {TOLERANCE:g})",
            style="bold green" if ok else "bold red",
        )
    )
    if check.below_floor:
        # what "tiny" means, and that those entries were checked too, in absolute terms
        n, limit = check.below_floor, TOLERANCE * check.floor
        within = check.tiny_max_abs_error < limit
        lines.append(
            Text(
                f"{n} tiny {'entry' if n == 1 else 'entries'} not compared (both gradients < {check.floor:.1e});\n"
                f"their largest absolute difference, {check.tiny_max_abs_error:.1e}, is "
                f"{'under' if within else 'OVER'} the limit {limit:.1e}",
                style="dim" if within else "bold red",
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
