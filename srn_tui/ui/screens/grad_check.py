"""The g dialog: BPTT against central finite differences, the largest relative error per parameter."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from ...live import GradCheck, ParamCheck
from ...text import numbers
from ...text.dialogs import say
from .closing import DismissOnce

TOLERANCE = 1e-6


def param_row(p: ParamCheck, lang: str = "en") -> str:
    """The worst *compared* entry of one parameter (dashes when every entry was too small to compare)."""
    if p.worst_index is None:
        cells = f"{'-':>13} {'-':>8} {'-':>11} {'-':>11}"
    else:
        where = str(list(p.worst_index))
        cells = f"{p.max_rel_error:13.2e} {where:>8} {p.analytic:11.4g} {p.numeric:11.4g}"
    row = f"{p.name:6} {cells}  {p.compared}/{p.total}"
    return row + (say(lang, "check_tiny_row", n=p.below_floor) if p.below_floor else "")


def _right(text: str, cells: int) -> str:
    """`text` right-aligned in `cells` terminal cells (a Chinese character takes two)."""
    return " " * max(0, cells - cell_len(text)) + text


def header_row(lang: str) -> str:
    """The table's column heads, padded by cells so the columns line up in either language."""
    param, error, at, bptt, numeric, compared = say(lang, "check_columns").split("|")
    cells = f"{_right(error, 13)} {_right(at, 8)} {_right(bptt, 11)} {_right(numeric, 11)}"
    return f"{param}{' ' * max(0, 6 - cell_len(param))} {cells}  {compared}"


def check_text(check: GradCheck, lang: str = "en") -> Text:
    """One row per parameter (its worst compared entry), then the verdict; plain text, no markup.
    The table is an aligned grid, ASCII in both languages; the lines around it are in `lang`."""
    lines = [
        Text(say(lang, "check_head", eps=numbers.short(check.eps)), style="bold"),
        Text(header_row(lang), style="dim"),
    ]
    for p in check.params:
        lines.append(Text(param_row(p, lang), style="" if p.passed(TOLERANCE, check.floor) else "bold red"))
    ok = check.passed(TOLERANCE)
    compared = sum(p.compared for p in check.params)
    verdict = say(lang, "check_agree" if ok else "check_disagree")
    lines.append(
        Text(
            say(
                lang,
                "check_verdict",
                error=f"{check.max_rel_error:.2e}",
                compared=compared,
                verdict=verdict,
                tol=f"{TOLERANCE:g}",
            ),
            style="bold green" if ok else "bold red",
        )
    )
    if check.below_floor:
        # what "tiny" means, and that those entries were checked too, in absolute terms
        n, limit = check.below_floor, TOLERANCE * check.floor
        within = check.tiny_max_abs_error < limit
        lines.append(
            Text(
                say(lang, "check_tiny_one" if n == 1 else "check_tiny_many", n=n, floor=f"{check.floor:.1e}")
                + "\n"
                + say(
                    lang,
                    "check_tiny_within" if within else "check_tiny_over",
                    error=f"{check.tiny_max_abs_error:.1e}",
                    limit=f"{limit:.1e}",
                ),
                style="dim" if within else "bold red",
            )
        )
    lines.append(Text(say(lang, "check_keys"), style="dim"))
    return Text("\n").join(lines)


class GradCheckScreen(DismissOnce, ModalScreen[None]):
    BINDINGS = [Binding("escape,g,enter,q", "close", "Close")]

    def __init__(self, check: GradCheck, lang: str = "en") -> None:
        super().__init__()
        self.check = check
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(id="gradcheck"):
            yield Static(check_text(self.check, self.lang), id="gradcheck-text")

    def action_close(self) -> None:
        self.dismiss(None)
