"""The mean hidden state per label, clustered hierarchically (Elman 1990, Figure 7).

Euclidean distance and average linkage (UPGMA), as SciPy computes them: a merge's height is the
mean distance between the members of the two groups, a distance in the state space a student can
read off the dendrogram. Single linkage chains groups through one close pair; Ward's heights are
increases of variance, not distances; complete linkage lets one outlying member decide.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.cluster.hierarchy import linkage

# Clustering is over the labels' means, not the states: the built-in lessons have at most a text
# lesson's 200 symbols. Past this, inputs are continuous values, and a dendrogram of thousands of
# leaves is no picture (and its distance matrix grows as the square).
MAX_CLUSTER_LABELS = 400


class TooManyLabels(ValueError):
    def __init__(self, count: int) -> None:
        super().__init__(f"{count} distinct labels, at most {MAX_CLUSTER_LABELS} are clustered")
        self.count = count


@dataclass(frozen=True)
class Clusters:
    """`labels` in the order they first occur; `means` (L, H) and `counts` (L,) per label;
    `linkage` ((L - 1), 4) in SciPy's format: rows [i, j, distance, count], where an index below L
    is a label and L + k is the group formed at row k. Empty (0, 4) when there is one label."""

    labels: tuple[str, ...]
    means: np.ndarray
    counts: np.ndarray
    linkage: np.ndarray


def label_means(states: np.ndarray, labels: tuple[str, ...]) -> tuple[tuple[str, ...], np.ndarray, np.ndarray]:
    """The distinct labels in order of first occurrence, the mean state of each and its count."""
    order: dict[str, int] = {}
    index = np.array([order.setdefault(label, len(order)) for label in labels], dtype=np.int64)
    counts = np.bincount(index, minlength=len(order))
    # Sum each label's rows as contiguous runs of the states sorted by label (np.add.at is ~20x slower).
    sort = np.argsort(index, kind="stable")
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    sums = np.add.reduceat(states[sort], starts, axis=0) if len(index) else np.zeros((0, states.shape[1]))
    return tuple(order), sums / counts[:, None], counts


def cluster_means(states: np.ndarray, labels: tuple[str, ...]) -> Clusters:
    """Average-linkage clustering of the mean state per label. TooManyLabels past MAX_CLUSTER_LABELS."""
    names, means, counts = label_means(np.asarray(states, dtype=np.float64), labels)
    if len(names) > MAX_CLUSTER_LABELS:
        raise TooManyLabels(len(names))
    tree = linkage(means, method="average", metric="euclidean") if len(names) > 1 else np.zeros((0, 4))
    return Clusters(names, means, counts, tree)


def nearest_own_mean(states: np.ndarray, labels: tuple[str, ...]) -> float:
    """The share of states nearer the mean state of their own label than any other label's mean
    (Euclidean; a tie goes to the label seen first): how well the labels' groups stand apart."""
    names, means, _ = label_means(np.asarray(states, dtype=np.float64), labels)
    if not len(labels):
        return float("nan")
    index = {name: i for i, name in enumerate(names)}
    own = np.fromiter((index[label] for label in labels), np.int64, len(labels))
    squared = ((np.asarray(states)[:, None, :] - means[None]) ** 2).sum(axis=2)
    return float(np.mean(np.argmin(squared, axis=1) == own))


def merge_members(clusters: Clusters, k: int) -> tuple[str, ...]:
    """The labels of the group formed at the k-th merge (from 0, lowest first), in first-seen order."""
    n = len(clusters.labels)

    def leaves(node: int) -> list[int]:
        if node < n:
            return [node]
        row = clusters.linkage[node - n]
        return leaves(int(row[0])) + leaves(int(row[1]))

    row = clusters.linkage[k]
    return tuple(clusters.labels[i] for i in sorted(leaves(int(row[0])) + leaves(int(row[1]))))
