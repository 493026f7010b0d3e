"""The tour `hidden` (what the hidden layer learned, on the Reber grammar) and what it needs: the
memory view and the state-space screen as tour actions, and captions quoting the hidden states.

Every step's expect lines are asserted on the rendered screen (outside the caption panel, on the
screen the step shows: the main one or the state-space screen) at 80x24 and 100x30 in English and
Chinese; the caption's numbers are checked against an independent computation (SVD, SciPy's
cdist and linkage, hand-worked values) on model seeds the lesson does not default to.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy.cluster.hierarchy import linkage
from scipy.spatial.distance import cdist

from srn_tui.analysis import analyze, state_labeler, symbol_decoder
from srn_tui.analysis.clusters import Clusters, merge_members, nearest_own_mean
from srn_tui.analysis.projection import Projection
from srn_tui.analysis.run import Analysis
from srn_tui.analysis.states import HiddenStates
from srn_tui.engine import forward
from srn_tui.lessons import reber
from srn_tui.narration.render import fmt_number
from srn_tui.text.state_space import states_line
from srn_tui.tours import BUILTIN, BUILTIN_DIR, builtin_tour, parse_tour
from srn_tui.tours.actions import ACTIONS, SPOTLIGHTS
from srn_tui.tours.format import TourError, open_lesson
from srn_tui.tours.quote import Facts, QuoteError, check_text, fill
from srn_tui.ui.app import SrnApp
from srn_tui.ui.screens.state_space import StateSpaceScreen
from srn_tui.ui.widgets.tour_caption import WORDS, TourCaption

TOUR = "hidden"


def screen_lines(app: SrnApp) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


def caption_of(app: SrnApp) -> TourCaption:
    """The caption panel on the screen shown (the main screen's, or the state-space screen's)."""
    return app.screen.query_one(TourCaption)


def outside_caption(app: SrnApp) -> str:
    lines, region = screen_lines(app), caption_of(app).region
    return "\n".join(lines[: region.y] + lines[region.y + region.height :])


async def settle(app: SrnApp, pilot) -> None:
    await pilot.pause()
    await app.tour.settled()
    await pilot.pause()


def tour_text(seed: int | None = None) -> str:
    text = (BUILTIN_DIR / f"{TOUR}.toml").read_text(encoding="utf-8")
    return text if seed is None else text.replace('lesson = "reber"\n', f'lesson = "reber"\nseed = {seed}\n')


def app_for(lang: str = "en", seed: int | None = None) -> SrnApp:
    tour = parse_tour(tour_text(seed), TOUR, TOUR)
    return SrnApp(open_lesson("reber"), lang, tour=tour)


# ----- the tour, played -----
# 80x24 (the tightest) in the default run; 100x30 with `pytest -m slow`: tests/test_ui_tours.py plays every
# built-in tour, this one too, at 80x24 and 100x30 in both languages in the default run already
@pytest.mark.parametrize("size", [(80, 24), pytest.param((100, 30), marks=pytest.mark.slow)])
@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_every_step_shows_its_expect_lines_and_its_whole_caption(lang: str, size: tuple[int, int]):
    tour = builtin_tour(TOUR)
    app = SrnApp(open_lesson("reber"), lang, tour=tour)
    on_states = {3, 6, 7}  # the steps that show the state-space screen (from 1)
    async with app.run_test(size=size) as pilot:
        for index, step in enumerate(tour.steps):
            if index:
                await pilot.press("pagedown")
            await settle(app, pilot)
            where = f"step {index + 1} ({lang}, {size[0]}x{size[1]})"
            assert app.tour.index == index, where
            assert isinstance(app.screen, StateSpaceScreen) == (index + 1 in on_states), where
            screen = outside_caption(app)
            for line in app.tour.expect_lines():
                assert line in screen, f"{where}: {line!r} not on screen"
            assert "?}" not in app.tour.caption_text(), f"{where}: a placeholder did not resolve"
            caption = caption_of(app)
            lines = caption.get_content_height(caption.size, caption.size, caption.size.width)
            assert lines <= caption.size.height, f"{where}: the caption is cut"  # every line of it shows
            shown = "\n".join(screen_lines(app))
            assert WORDS[lang]["step"].format(i=index + 1, n=len(tour.steps)) in shown, where
            if step.spotlight is not None:
                assert [w.id for w in app.main.query(".tour-spot")] == [SPOTLIGHTS[step.spotlight].lstrip("#")]
            if index + 1 in (2, 5):  # the memory view: every hidden unit's row, above the caption
                memory = app.main.query_one("#memory-h")
                assert memory.region.bottom <= caption.region.y and all(
                    any(line.lstrip("│ ").startswith(f"h{j} ") for line in screen.splitlines()) for j in range(3)
                ), where  # a row per unit, its label first after the borders (not "h1" anywhere on screen)
        assert app.session.epoch == 100


async def test_the_clicker_keys_step_the_tour_on_the_state_space_screen_and_back_replays():
    app = app_for()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("pagedown", "pagedown")
        await settle(app, pilot)
        assert isinstance(app.screen, StateSpaceScreen) and app.tour.index == 2
        assert app.screen.query(TourCaption)
        await pilot.press("pageup")  # back to step 2: replayed from the start, on the main screen
        await settle(app, pilot)
        assert app.screen is app.main and app.tour.index == 1
        assert app.main.memory_view.has_class("memory-view") and app.session.cursor == 12
        # Right twice, the second while step 3 opens the state-space screen: the walk is cut short and
        # step 4 is replayed from the start; no state-space screen is left behind
        await pilot.press("right", "right")
        await settle(app, pilot)
        assert app.tour.index == 3 and app.screen is app.main and app.session.epoch == 100
        assert len(app.screen_stack) == 2  # Textual's default screen and the main one
        await pilot.press("down")
        await settle(app, pilot)
        assert app.tour.index == 4 and app.main.memory_view.has_class("memory-view")


async def test_escape_on_the_state_space_screen_leaves_the_tour_and_keeps_the_screen():
    app = app_for()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("pagedown", "pagedown")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, StateSpaceScreen)
        cursor = app.session.cursor
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and not screen.query(TourCaption) and not app.main.query(TourCaption)
        await pilot.press("left")  # the screen's own keys again: Left steps the cursor
        await pilot.pause()
        assert app.session.cursor == cursor - 1
        await pilot.press("escape")  # and Escape closes it, as without a tour
        await pilot.pause()
        assert app.screen is app.main


# ----- the captions' numbers, on seeds the lesson does not default to -----
def independent_states(model, lesson):
    """Every tick's h(t) over the lesson's sequences, labelled by grammar node, from the engine's
    forward pass and the lesson's own node walk (not through srn_tui.analysis)."""
    rows, labels = [], []
    for sequence in lesson.sequences:
        trace = forward(model, sequence)
        rows += [rec.h for rec in trace.steps]
        labels += reber.node_labels(trace)
    return np.array(rows), labels


def independent_numbers(model, lesson) -> dict[str, object]:
    h, labels = independent_states(model, lesson)
    names = sorted(set(labels))
    means = np.array([h[[lab == n for lab in labels]].mean(axis=0) for n in names])
    nearest = np.argmin(cdist(h, means), axis=1)
    share = np.mean([names[k] == lab for k, lab in zip(nearest, labels, strict=True)])
    singular = np.linalg.svd(h - h.mean(axis=0), compute_uv=False)
    explained = singular**2 / np.sum(singular**2)
    tree = linkage(means, method="average", metric="euclidean")
    first = {names[int(tree[0, 0])], names[int(tree[0, 1])]}
    return {"nearest": share, "pc": explained, "height": tree[:, 2], "first": first}


@pytest.mark.parametrize("seed", [6])  # not the default 0; untrained, h(7) is nearer h(2) than h(6) is (0.534 < 0.894)
async def test_the_captions_quote_the_shown_network_on_other_seeds(seed: int):
    app = app_for(seed=seed)
    lesson = open_lesson("reber")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        captions, numbers = {}, {}
        for index in range(1, 7):
            await pilot.press("pagedown")
            await settle(app, pilot)
            captions[index + 1] = app.tour.caption_text()
            model = app.session.model.copy()
            trace = forward(model, lesson.sequence)
            h = [rec.h for rec in trace.steps]
            numbers[index + 1] = (independent_numbers(model, lesson), h)
    assert app.session.model.params["W_xh"].shape == (3, 7)
    for step in (2, 5):  # the memory view: same node vs same letter, and the comparison's symbol
        h = numbers[step][1]
        same_node, same_letter = np.linalg.norm(h[6] - h[1]), np.linalg.norm(h[5] - h[1])
        shown = fmt_number(same_node), fmt_number(same_letter)
        symbol = "=" if shown[0] == shown[1] else ("<" if same_node < same_letter else ">")
        assert f"{shown[0]} {symbol} {shown[1]}." in captions[step], (seed, step)
    assert "<" in captions[2].split("same letter")[1]  # not the default seed's ">"
    for step in (3, 6):
        found = numbers[step][0]
        assert f"a share of {fmt_number(found['nearest'])} of the states" in captions[step]
        assert f"PC1 explains {100 * found['pc'][0]:.1f}%" in captions[3] or step == 6
        assert f"PC1 {100 * found['pc'][0]:.1f}%, PC2 {100 * found['pc'][1]:.1f}%" in captions[6] or step == 3
    found = numbers[7][0]
    pair = " + ".join(sorted(found["first"]))
    shown_pair = captions[7].split("closest first: ")[1].split(" at a distance")[0]
    assert " + ".join(sorted(shown_pair.split(" + "))) == pair
    assert f"distance of {fmt_number(found['height'][0])}" in captions[7]
    assert f"all six at {fmt_number(found['height'][-1])}" in captions[7]


def test_the_grammar_facts_the_captions_state_hold_for_the_shown_string():
    """The captions name letters, ticks and nodes of the shown string and the grammar's moves (fixed
    data, not numbers of the network): they must stay true if the lesson's data ever changes."""
    lesson = open_lesson("reber")
    trace = forward(lesson.model, lesson.sequence)
    letters = "".join(reber.LETTERS.exact(rec.x) for rec in trace.steps)
    nodes = reber.tick_nodes(trace)
    assert len(letters) == 12  # "this string has {T} ticks" is quoted; the steps go to tick 12 and 11
    assert [(letters[t - 1], nodes[t - 1]) for t in (2, 6, 7, 11)] == [("P", 3), ("P", 4), ("X", 3), ("P", 4)]
    offers = {node: sorted(letter for letter, _ in moves) for node, moves in reber.GRAPH.items()}
    assert offers[2] == offers[4] == ["S", "X"] and offers[1] == ["P", "T"] and offers[3] == ["T", "V"]
    assert offers[5] == ["P", "V"] and offers[6] == ["E"]
    assert dict(reber.GRAPH[1])["P"] == 3  # read at node 1, P leads to node 3
    assert len(lesson.sequences) == 500 and reber.HIDDEN == 3


# ----- the placeholders, on hand-worked values -----
SEED_TRACE = forward(open_lesson("seed").model, open_lesson("seed").sequence)


def handmade(states, labels) -> Analysis:
    states = np.asarray(states, dtype=float)
    from srn_tui.analysis import cluster_means, project

    hidden = HiddenStates(states, np.zeros(len(states), dtype=np.int64), np.arange(1, len(states) + 1), tuple(labels))
    return Analysis(hidden, project(states), cluster_means(states, tuple(labels)), None, True)


def test_nearest_and_merges_by_hand():
    # a = (0, 1) and b = (3, 1) as means; every state is nearer its own
    assert nearest_own_mean(np.array([[0, 0], [0, 2], [3, 0], [3, 2]], float), ("a", "a", "b", "b")) == 1.0
    # an `a` at x = 2.5 moves a's mean to (0.833, 1): it lies nearer b's (3, 1); 4 of 5 stand by their own
    labels = ("a", "a", "b", "b", "a")
    assert nearest_own_mean(np.array([[0, 0], [0, 2], [3, 0], [3, 2], [2.5, 1]], float), labels) == 0.8
    # on a line: a = 0, b = 1, c = 5: a and b join at 1, then c at the mean of 5 and 4 (average linkage)
    result = handmade([[0.0], [1.0], [5.0]], ["a", "b", "c"])
    facts = Facts(SEED_TRACE, 0, 0, states=lambda: result)
    merges = fill("{merged[1]} at {height[1]}; {merged[-1]} at {height[-1]}", facts)
    assert merges == "a + b at 1.000; a + b + c at 4.500"
    assert merge_members(result.clusters, 0) == ("a", "b")
    # states on one line: PC1 explains all of their variance
    line = handmade([[0, 0], [1, 1], [2, 2], [3, 3]], ["a", "a", "b", "b"])
    assert fill("{pc[1]} {pc[2]} {nearest}", Facts(SEED_TRACE, 0, 0, states=lambda: line)) == "100.0% 0.0% 1.000"


def test_dist_is_the_euclidean_distance_of_two_vectors_or_numbers():
    facts = Facts(SEED_TRACE, 5, 0)
    h = [rec.h for rec in SEED_TRACE.steps]
    assert fill("{dist(h[5], h[1])}", facts) == fmt_number(float(np.linalg.norm(h[4] - h[0])))
    assert fill("{dist(h[5], h[1])}", facts) == fmt_number(0.989 - 0.462)  # one unit: |h(5) - h(1)|, by hand
    assert fill("{dist(2, 5)}", facts) == "3.000"
    assert fill("{dist(h[1], W_xh)}", facts) == "{dist(h[1], W_xh)?}"  # shapes differ (1,) vs (1, 1)


def test_state_placeholders_that_cannot_be_read_show_themselves():
    result = handmade([[0.0], [1.0], [5.0]], ["a", "b", "c"])
    facts = Facts(SEED_TRACE, 0, 0, states=lambda: result)
    for text in ("{pc[3]}", "{merged[3]}", "{height[0]}", "{merged[-3]}"):
        assert fill(text, facts) == text[:-1] + "?}"
    assert fill("{nearest}", Facts(SEED_TRACE, 0, 0)) == "{nearest?}"  # no analysis here
    for bad in ("{nearest[1]}", "{pc}", "{merged[1:3]}", "{height[1][2]}"):
        with pytest.raises(QuoteError):
            check_text(bad)


def test_state_names_are_reserved_and_the_new_actions_parse():
    head = 'title.en = "T"\ntitle.zh = "T"\n[[step]]\nlesson = "reber"\ncaption.en = "x"\ncaption.zh = "x"\n'
    with pytest.raises(TourError, match="keep.nearest: a new name"):
        parse_tour(head + 'keep = { nearest = "h[1]" }\n', "t", "t.toml")
    names = ["memory-view", "trajectory", "dendrogram", "leave-states", "memory-off"]
    tour = parse_tour(head + f"actions = {names!r}\n".replace("'", '"'), "t", "t")
    assert [name for name, _ in tour.steps[0].actions] == names and set(names) <= set(ACTIONS)
    assert SPOTLIGHTS["memory"] == "#memory"


def test_the_tour_is_built_in_and_listed_last():
    assert BUILTIN[-1] == TOUR
    tour = builtin_tour(TOUR)
    assert tour.steps[0].lesson == "reber" and tour.epochs == reber.SCENARIO.training.epochs


def test_the_heading_names_the_lessons_own_labels():
    lesson = open_lesson("reber")
    result = analyze(lesson.model, lesson.sequences[:5], symbol_decoder(lesson), state_labels=state_labeler(lesson))
    assert result.states.own and set(result.states.labels) <= {"1", "2", "3", "4", "5", "6", "end"}
    assert "grammar node" in states_line(result, "en") and "文法节点" in states_line(result, "zh")
    words = open_lesson("words")
    other = analyze(words.model, words.sequences[:2], symbol_decoder(words), state_labels=state_labeler(words))
    assert not other.states.own and "input symbols" in states_line(other, "en")


def test_handmade_analysis_matches_the_analysis_types():
    # the helper above builds what analyze() builds (guards the hand-worked tests against drift)
    result = handmade([[0.0], [1.0]], ["a", "b"])
    assert isinstance(result.projection, Projection) and isinstance(result.clusters, Clusters)
