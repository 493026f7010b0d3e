"""What the hidden layer has come to mean: the hidden states over a lesson's data, their principal
components (the trajectory) and the mean state per label, clustered (Elman's 1990 Figure 7).

Pure NumPy + SciPy, no Textual and no words: it returns arrays and small records; the CLI
(`srn-tui analyze`, srn_tui/cli/analyze.py) and the app's views (ui/screens/state_space.py) draw them.
"""

from .clusters import MAX_CLUSTER_LABELS, Clusters, TooManyLabels, cluster_means, merge_members, nearest_own_mean
from .labels import input_label, state_labeler, symbol_decoder
from .projection import Projection, project
from .run import Analysis, analyze
from .states import HiddenStates, NonFiniteState, hidden_states

__all__ = [
    "Analysis",
    "analyze",
    "MAX_CLUSTER_LABELS",
    "Clusters",
    "HiddenStates",
    "NonFiniteState",
    "Projection",
    "TooManyLabels",
    "cluster_means",
    "hidden_states",
    "input_label",
    "merge_members",
    "nearest_own_mean",
    "state_labeler",
    "project",
    "symbol_decoder",
]
