"""The state-space analysis (srn_tui/analysis) against independent computations: the projection
against NumPy's SVD of the centred states, the clusters against SciPy's own distances and a tree
worked by hand, the states against the engine's trace read tick by tick."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.cluster.hierarchy import linkage as scipy_linkage
from scipy.spatial.distance import pdist

from srn_tui.analysis import (
    MAX_CLUSTER_LABELS,
    NonFiniteState,
    TooManyLabels,
    analyze,
    cluster_means,
    hidden_states,
    input_label,
    project,
    symbol_decoder,
)
from srn_tui.analysis.dendrogram import fit_label, tree_rows
from srn_tui.analysis.raster import Bounds, ascii_scatter, braille_grid, markers
from srn_tui.engine import DataSequence, Model, forward
from srn_tui.lessons import Lesson, get_scenario

SHAPES = st.tuples(st.integers(3, 60), st.integers(2, 12), st.integers(0, 2**32 - 1))


def svd_reference(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The first two principal axes and explained shares by the SVD of the centred data."""
    c = x - x.mean(axis=0)
    _, s, vt = np.linalg.svd(c, full_matrices=False)
    return vt[:2], s[:2] ** 2 / np.sum(s**2)


@settings(max_examples=60, deadline=None)
@given(SHAPES)
def test_projection_matches_svd(shape):
    n, h, seed = shape
    rng = np.random.default_rng(seed)
    # Distinct variances along random directions, so the two axes are well defined (no near-ties).
    x = rng.normal(size=(n, h)) * np.geomspace(4.0, 0.5, h) @ np.linalg.qr(rng.normal(size=(h, h)))[0]
    axes, shares = svd_reference(x)
    gaps = np.diff(np.linalg.svd(x - x.mean(axis=0), compute_uv=False)[:3])
    if n <= 2 or np.any(np.abs(gaps) < 1e-3):
        return  # a tie makes the axes arbitrary: nothing to compare
    p = project(x)
    np.testing.assert_allclose(p.explained, shares, rtol=1e-9, atol=1e-12)
    for k in range(2):  # the same axis up to sign
        assert abs(abs(float(p.axes[k] @ axes[k])) - 1.0) < 1e-8
    np.testing.assert_allclose(p.points, (x - x.mean(axis=0)) @ p.axes.T, atol=1e-12)
    # the largest-magnitude loading of each axis is positive (no previous basis)
    for axis in p.axes:
        assert axis[np.argmax(np.abs(axis))] > 0


def test_projection_keeps_the_previous_signs():
    rng = np.random.default_rng(3)
    x = rng.normal(size=(200, 5)) * [5, 3, 1, 0.5, 0.2]
    first = project(x)
    # The axes as a mirrored earlier picture had them: the next projection follows their signs.
    mirrored = project(x, previous=-first.axes)
    np.testing.assert_allclose(mirrored.axes, -first.axes)
    np.testing.assert_allclose(mirrored.points, -first.points)
    # A previous basis of another size (another lesson) is ignored: the largest-loading rule.
    np.testing.assert_allclose(project(x, previous=np.ones((2, 3))).axes, first.axes)


def test_small_changes_never_flip_the_picture_with_a_previous_basis():
    """The loadings of the first axis pass each other in magnitude: the largest-loading rule flips the
    picture there, the previous-basis rule does not."""
    rng = np.random.default_rng(0)
    base = rng.normal(size=(400, 1))
    noise = rng.normal(size=(400, 3)) * 0.05
    prev, flips_alone, flips_aligned = None, 0, 0
    last_alone = None
    for a in np.linspace(0.6, 1.4, 41):  # axis 1 turns from (0.6, -1) to (1.4, -1) (roughly)
        x = np.hstack([base * a, -base, base * 0.1]) + noise
        alone, aligned = project(x), project(x, previous=prev)
        if last_alone is not None and float(alone.axes[0] @ last_alone) < 0:
            flips_alone += 1
        if prev is not None and float(aligned.axes[0] @ prev[0]) < 0:
            flips_aligned += 1
        last_alone, prev = alone.axes[0], aligned.axes
    assert flips_alone == 1  # the case the rule exists for
    assert flips_aligned == 0


def test_covariance_route_equals_eigh_of_covariance():
    """Cross-check with a second route: eigenvectors of np.cov (which divides by n - 1)."""
    rng = np.random.default_rng(11)
    x = rng.normal(size=(500, 6)) @ rng.normal(size=(6, 6))
    values, vectors = np.linalg.eigh(np.cov(x, rowvar=False))
    p = project(x)
    np.testing.assert_allclose(p.explained, values[::-1][:2] / values.sum(), rtol=1e-10)
    np.testing.assert_allclose(np.abs(p.axes @ vectors[:, ::-1][:, :2]), np.eye(2), atol=1e-8)


@pytest.mark.parametrize(
    ("states", "explained", "components"),
    [
        (np.arange(5.0)[:, None], [1.0, 0.0], 1),  # H = 1: no second component
        (np.ones((4, 3)), [0.0, 0.0], 0),  # no variance at all
        (np.array([[0.0, 0.0], [1.0, 2.0], [2.0, 4.0]]), [1.0, 0.0], 1),  # rank 1 in two dimensions
        (np.array([[1.0, 2.0, 3.0]]), [0.0, 0.0], 0),  # one state
    ],
)
def test_degenerate_projections(states, explained, components):
    p = project(states)
    np.testing.assert_allclose(p.explained, explained, atol=1e-12)
    assert p.components == components
    assert np.all(np.isfinite(p.points))
    assert not p.axes[components:].any()  # missing axes are zero, their coordinates 0
    assert not p.points[:, components:].any()


def test_clusters_hand_worked():
    """Five points on a line: a-b and c-d at distance 1; {a,b}-{c,d} is the mean of the four cross
    distances (5 + sqrt 26 + 4 + sqrt 17) / 4; e joins last at the mean of its four distances."""
    x = np.array([[0.0, 0], [1, 0], [5, 0], [5, 1], [20, 0]])
    c = cluster_means(x, ("a", "b", "c", "d", "e"))
    ab_cd = (5 + np.sqrt(26) + 4 + np.sqrt(17)) / 4
    e = (20 + 19 + 15 + np.sqrt(226)) / 4
    expected = [[0, 1, 1.0, 2], [2, 3, 1.0, 2], [5, 6, ab_cd, 4], [4, 7, e, 5]]
    np.testing.assert_allclose(c.linkage, expected)
    order, rows = tree_rows(c.linkage, 5, 41)
    assert [c.labels[i] for i in order] == ["e", "a", "b", "c", "d"]
    # columns are proportional to the height: ab_cd / e * 40 = 10.6 -> 11; e at 40
    assert rows[0] == "-" * 40 + "+"
    assert rows[1][:3] == "--+" and rows[1][11] == "+" and rows[2][2] == "+"
    assert rows[3][11] == "+" and rows[2][11] == "|"


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 30), st.integers(1, 8), st.integers(0, 2**32 - 1))
def test_clusters_match_scipy_on_its_own_distances(n_labels, h, seed):
    rng = np.random.default_rng(seed)
    labels = tuple(f"w{i}" for i in rng.integers(0, n_labels, size=120))
    x = rng.normal(size=(120, h))
    c = cluster_means(x, labels)
    # means worked out independently, in the same first-occurrence order
    names = list(dict.fromkeys(labels))
    means = np.array([x[[lab == name for lab in labels]].mean(axis=0) for name in names])
    np.testing.assert_allclose(c.means, means, atol=1e-12)
    assert c.labels == tuple(names)
    assert list(c.counts) == [labels.count(name) for name in names]
    if len(names) > 1:
        expected = scipy_linkage(pdist(means, "euclidean"), method="average")  # condensed distances
        np.testing.assert_allclose(c.linkage, expected, atol=1e-12)
    else:
        assert c.linkage.shape == (0, 4)


def test_one_label_and_too_many():
    assert cluster_means(np.ones((3, 2)), ("x", "x", "x")).linkage.shape == (0, 4)
    many = tuple(str(i) for i in range(MAX_CLUSTER_LABELS + 1))
    with pytest.raises(TooManyLabels):
        cluster_means(np.zeros((len(many), 2)), many)


def test_states_are_the_engines_trace_in_order():
    lesson = Lesson.from_scenario(get_scenario("letters"))
    decode = symbol_decoder(lesson)
    s = hidden_states(lesson.model, lesson.sequences, lambda x: input_label(x, decode))
    rows = [(i, rec) for i, seq in enumerate(lesson.sequences) for rec in forward(lesson.model, seq).steps]
    assert len(s) == len(rows)
    for k, (i, rec) in enumerate(rows):
        assert s.seq[k] == i and s.t[k] == rec.t
        np.testing.assert_array_equal(s.states[k], rec.h)
        assert s.labels[k] == decode(rec.x)
    assert set(s.labels) == {"b", "d", "g", "a", "i", "u"}


def test_labels_without_symbols_round_the_input():
    assert input_label(np.array([3.0])) == "3"
    assert input_label(np.array([-0.04])) == "0"  # not "-0"
    assert input_label(np.array([0.25, -1.0])) == "0.2,-1"
    seed = Lesson.from_scenario(get_scenario("seed"))
    assert symbol_decoder(seed) is None


def test_overflow_names_the_tick():
    """An identity unit: 1e200 at t = 2 of the second sequence, 1e150 * 1e200 = inf at t = 3."""
    model = Model(
        {"W_xh": [[1e200]], "W_hh": [[1e150]], "b_h": [0.0], "W_hy": [[1.0]], "b_y": [0.0]},
        hidden_activation="identity",
    )
    calm = DataSequence.from_lists([[0.0]] * 3, [None] * 3)
    wild = DataSequence.from_lists([[0.0], [1.0], [0.0], [0.0]], [None] * 4)
    with pytest.raises(NonFiniteState) as info:
        hidden_states(model, [calm, wild], lambda x: "x")
    assert (info.value.seq, info.value.t) == (1, 3)


def test_analyze_cancelled_returns_none():
    lesson = Lesson.from_scenario(get_scenario("letters"))
    assert analyze(lesson.model, lesson.sequences, cancelled=lambda: True) is None


def test_markers_and_scatter():
    assert markers(("a", "b", "ab", "-0.4", "中")) == {"a": "a", "b": "b", "ab": "c", "-0.4": "d", "中": "e"}
    points = np.array([[0.0, 0.0], [1.0, 1.0], [1.0, 0.0], [0.99, 0.01]])
    lines = ascii_scatter(points, ("x", "y", "z", "z"), 4, 2, highlight=1)
    assert lines == ["   @", "x  z"]
    b = Bounds.around(np.array([[2.0, 5.0], [2.0, 5.0]]))
    assert (b.x0, b.x1, b.y0, b.y1) == (1.0, 3.0, 4.0, 6.0)  # a zero range widened by 1


def test_braille_grid_dots_and_path():
    points = np.array([[0.0, 0.0], [1.0, 1.0]])
    g = braille_grid(points, np.array([0, 1]), 2, 2, 1, path=np.array([0, 1]), current=1, bounds=Bounds(0, 1, 0, 1))
    # (0, 0) is the bottom-left dot of cell (0, 0): bit 0x40; (1, 1) the top-right of cell (0, 1): 0x08
    assert g.bits.tolist() == [[0x40, 0x08]]
    assert g.owner.tolist() == [[0, 1]]
    assert g.current == (0, 1)
    assert g.path[0, 0] & 0x40 and g.path[0, 1] & 0x08 and g.path.sum() > g.bits.sum()  # the line between


def test_fit_label_counts_cells():
    assert fit_label("ab", 4) == "ab  "
    assert fit_label("中文中文", 6) == "中 ..."
