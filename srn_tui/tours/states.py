"""What a tour caption may quote of the hidden states (`{pc[1]}`, `{nearest}`, `{merged[1]}`,
`{height[1]}`): read off the same analysis the state-space screen (p, d) draws, so the caption and
the screen agree. Headless; the numbers come from srn_tui/analysis, the words stay in the caption.
"""

from __future__ import annotations

from ..analysis import Analysis, merge_members, nearest_own_mean
from ..engine.errors import Problem
from ..text.state_space import percent


class NoStates(Problem, LookupError):
    """The value cannot be read here (no analysis, no such component or merge): a fact that quote.py
    raises again as its QuoteError (worded by text/problems.py)."""


def state_value(name: str, index: int | None, result: Analysis | None) -> str | float:
    """`pc` k (1 or 2): the share of the variance, as the screen writes it (str, "53.7%");
    `nearest`: the share of states nearest their own label's mean; `merged` k: the labels joined at
    the k-th merge ("2 + 4"; -1 the last), `height` k: its distance."""
    if result is None:
        raise NoStates("states_not_analysed")
    if name == "pc":
        if index not in (1, 2):
            raise NoStates("states_pc")
        return percent(float(result.projection.explained[index - 1]))
    if name == "nearest":
        return nearest_own_mean(result.states.states, result.states.labels)
    clusters = result.clusters
    merges = 0 if clusters is None else len(clusters.linkage)
    k = index - 1 if index is not None and index > 0 else merges + (index or 0)
    if clusters is None or not 0 <= k < merges or index == 0:
        raise NoStates("states_merges", name=name, index=index, merges=merges)
    if name == "merged":
        return " + ".join(merge_members(clusters, k))
    return float(clusters.linkage[k, 2])
