"""Tour files headless: the parser's refusals (one line: file, step, field), the live-number
placeholders against hand-worked values, and the `tour` command line (list, refusals, --record)."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from srn_tui.cli import main
from srn_tui.engine import forward, target_flow
from srn_tui.tours import BUILTIN, TourError, builtin_tour, load_tour_file, parse_tour
from srn_tui.tours.actions import ACTIONS, SPOTLIGHTS
from srn_tui.tours.format import MAX_STEPS, open_lesson
from srn_tui.tours.quote import Facts, QuoteError, check_text, fill

STEP = """
[[step]]
lesson = "seed"
caption.en = "h(3) = {h[3]}"
caption.zh = "h(3) = {h[3]}"
"""
TITLE = 'title.en = "T"\ntitle.zh = "T"\n'


def parse(text: str):
    return parse_tour(text, "mine", "mine.toml")


def refusal(text: str) -> str:
    with pytest.raises(TourError) as info:
        parse(text)
    message = str(info.value)
    assert "\n" not in message and message.startswith("mine.toml: ")
    return message


def test_a_small_tour_parses_with_its_steps_and_actions():
    tour = parse(
        TITLE + STEP + '[[step]]\ncursor = 3\nactions = ["step 2", "train 10"]\nspotlight = "W_hy"\n'
        'caption.en = "x"\ncaption.zh = "x"\nexpect.en = ["h(3)"]\n'
    )
    assert [s.number for s in tour.steps] == [1, 2]
    assert tour.steps[1].actions == (("step", 2), ("train", 10))
    assert tour.steps[1].expect == {"en": ("h(3)",), "zh": ()}
    assert tour.epochs == 10


REFUSALS = [
    ("title = 3\n" + STEP, "title: needs title.en and title.zh"),
    ('title.en = "T"\n' + STEP, "title: needs title.en and title.zh"),
    (TITLE + "colour = 1\n" + STEP, "colour: unknown field"),
    (TITLE, "step: a tour needs at least one"),
    (TITLE + STEP * (MAX_STEPS + 1), f"step: {MAX_STEPS + 1} steps, at most {MAX_STEPS}"),
    (TITLE + STEP.replace('lesson = "seed"\n', ""), "step 1, lesson: the first step must open a lesson"),
    (TITLE + STEP.replace('"seed"', '"nope"'), "step 1, lesson: unknown scenario 'nope'"),
    (TITLE + STEP + "captoin = 1\n", "step 1, captoin: unknown field"),
    (TITLE + STEP + "seed = 3\n", "step 1, seed: "),
    (TITLE + STEP + "[[step]]\nseed = 3\ncaption.en = 'x'\ncaption.zh = 'x'\n", "step 2, seed: a seed goes with"),
    (TITLE + STEP + "cursor = 6\n", "step 1, cursor: a whole number from 0 to 5, found 6"),
    (TITLE + STEP + "cursor = true\n", "step 1, cursor: a whole number"),
    (TITLE + STEP + 'actions = ["jump"]\n', "step 1, actions[1]: unknown action 'jump'"),
    (TITLE + STEP + 'actions = ["step x"]\n', "step 1, actions[1]: step takes a whole number"),
    (TITLE + STEP + 'actions = ["undo 2"]\n', "step 1, actions[1]: undo takes no argument"),
    (TITLE + STEP + 'actions = ["go"]\n', "step 1, actions[1]: go needs a tick"),
    (TITLE + STEP + 'actions = ["go 9"]\n', "step 1, actions[1]: go 9: from 0 to 5"),
    (TITLE + STEP + 'actions = ["train 999999"]\n', "step 1, actions[1]: train 999999: from 1 to 5000"),
    (TITLE + STEP + 'actions = ["train 3000", "train 3000"]\n', "step 1, actions: 6000 epochs in one step"),
    (TITLE + STEP + "actions = " + str(["step"] * 21).replace("'", '"') + "\n", "step 1, actions: 21 actions"),
    (TITLE + STEP + 'spotlight = "stage"\n', "step 1, spotlight: unknown panel 'stage'"),
    (TITLE + STEP + 'keep = { h = "h[1]" }\n', "step 1, keep.h: a new name"),
    (TITLE + STEP + 'keep = { run_loss = "h[1]" }\n', "step 1, keep.run_loss: a new name"),
    (TITLE + STEP + "keep = { a1 = 3 }\n", "step 1, keep.a1: a placeholder without braces"),
    (TITLE + STEP.replace('caption.zh = "h(3) = {h[3]}"\n', ""), "step 1, caption: needs caption.en and"),
    (TITLE + STEP.replace("{h[3]}", "x" * 601), "step 1, caption.en: 1 to 600 characters, found 608"),
    (TITLE + STEP.replace("{h[3]}", "{hh[3]}"), "step 1, caption.en: unknown name 'hh'"),
    (TITLE + STEP.replace("{h[3]}", "{h[9]}"), "step 1, caption.en: h[9]: no such tick, the lesson has ticks 1..5"),
    (TITLE + STEP.replace("{h[3]}", "{h}"), "step 1, caption.en: h needs a tick"),
    (TITLE + STEP.replace("{h[3]}", "{h[3]"), "step 1, caption.en: a '{' without its '}'"),
    (TITLE + STEP.replace("{h[3]}", "{sqrt(h[3])}"), "step 1, caption.en: unknown function 'sqrt'"),
    (TITLE + STEP.replace("{h[3]}", "{ratio(h[3])}"), "step 1, caption.en: ratio() takes 2 argument(s)"),
    (TITLE + STEP + 'expect.en = "h"\n', "step 1, expect.en: a list of non-empty strings"),
    (TITLE + STEP + 'expect.fr = ["h"]\n', "step 1, expect: expect.en and expect.zh"),
    (TITLE + STEP + "expect.en = " + str(["h"] * 13).replace("'", '"') + "\n", "step 1, expect.en: at most 12"),
    ("title.en = \n", "not valid TOML"),
]


@pytest.mark.parametrize(("text", "where"), REFUSALS, ids=[where for _, where in REFUSALS])
def test_a_bad_tour_is_one_line_naming_the_step_and_field(text: str, where: str):
    assert where in refusal(text)


def test_the_whole_tours_training_is_bounded():
    # a few lines asking for minutes of training are refused, in epochs and in epoch-ticks
    step = STEP + 'actions = ["train 5000"]\n'
    assert "step 5, actions: the tour trains 25,000 epochs in all, at most 20,000" in refusal(TITLE + step * 5)
    heavy = TITLE + STEP.replace('"seed"', '"temporal-xor"').replace("{h[3]}", "x") + 'actions = ["train 5000"]\n'
    assert "step 1, actions: the tour's training adds up to 5,600,000 epoch-ticks, at most 5,000,000" in refusal(heavy)


def test_file_refusals_name_the_file(tmp_path: Path):
    big = tmp_path / "big.toml"
    big.write_text("#" * 70_000)
    with pytest.raises(TourError, match=r"big.toml: 70,000 bytes, more than the 64 KB"):
        load_tour_file(big)
    binary = tmp_path / "bin.toml"
    binary.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(TourError, match="bin.toml: not UTF-8 text"):
        load_tour_file(binary)
    with pytest.raises(TourError, match="a directory, not a tour file"):
        load_tour_file(tmp_path)
    with pytest.raises(TourError, match="missing.toml: cannot read it"):
        load_tour_file(tmp_path / "missing.toml")


@pytest.mark.parametrize("name", BUILTIN)
def test_every_built_in_tour_parses_and_says_everything_in_both_languages(name: str):
    tour = builtin_tour(name)
    assert tour.steps and tour.title["en"] != tour.title["zh"]
    for step in tour.steps:
        assert step.caption["en"] != step.caption["zh"]  # translated, not copied
        assert len(step.expect["en"]) == len(step.expect["zh"]) >= 1  # every step checks the screen
        assert all(name in ACTIONS for name, _ in step.actions)
        assert step.spotlight is None or step.spotlight in SPOTLIGHTS


# ----- placeholders against hand-worked numbers -----


def seed_facts(**changes) -> Facts:
    lesson = open_lesson("seed")
    trace = forward(lesson.model, lesson.sequence)
    flow = target_flow(trace, 5, None, None)
    return Facts(trace, changes.get("cursor", 3), 0, flow, lesson="seed", kept=changes.get("kept", {}))


def test_placeholders_quote_the_articles_numbers():
    h = [0.0]
    for x in (1, 2, 3, 4, 5):
        h.append(math.tanh(0.5 * x + 0.1 * h[-1]))
    facts = seed_facts()
    assert fill("{h[3]} {a[3]} {h[t]} {h[t-1]} {T} {t}", facts) == (
        f"{h[3]:.3f} {0.5 * 3 + 0.1 * h[2]:.3f} {h[3]:.3f} {h[2]:.3f} 5 3"
    )
    assert fill("{ratio(target[5], h[5])}", facts) == f"{6 / h[5]:.3f}" == "6.067"
    assert fill("{loss[5]} {loss}", facts) == f"{0.5 * (h[5] - 6) ** 2:.3f} {0.5 * (h[5] - 6) ** 2:.3f}"
    assert fill("{W_hh} {W_hy[0,0]} {W_hy[0]} {mul(W_hh, h[2])}", facts) == f"0.100 1.000 1.000 {0.1 * h[2]:.3f}"
    # one tick back through a tanh unit: dh(5)/dh(4) = W_hh * (1 - h(5)^2), by hand
    assert fill("{jac[4]}", facts) == fill("{mul(W_hh, diff(1, mul(h[5], h[5])))}", facts)
    assert float(fill("{jac[4]}", facts)) == pytest.approx(0.1 * (1 - h[5] ** 2), abs=5e-4)
    assert fill("{tau} {diff(tau, 2)}", facts) == "5 3"  # tick arithmetic stays whole


def test_run_loss_is_the_training_panels_loss_apart_from_the_traces():
    facts = seed_facts()
    facts.run_loss = 1.594e-16
    assert fill("{run_loss} {cmp(loss, run_loss)}", facts) == "1.59e-16 >"  # the untrained trace's 12.555
    for bad in ("{run_loss[3]}", "{mean(run_loss[1:3])}"):
        with pytest.raises(QuoteError):
            check_text(bad)


def test_cmp_and_mean_are_computed():
    facts = seed_facts(kept={"small": 0.001})
    assert fill("{cmp(h[1], h[2])} {cmp(h[3], h[2])} {cmp(h[2], h[2])} {cmp(small, 0.0012)}", facts) == "< > = ="
    mean = np.mean([facts.trace.steps[t - 1].h[0] for t in (1, 3, 5)])
    assert fill("{mean(h[1:T:2])}", facts) == f"{mean:.3f}"
    assert fill("{mean(loss[1:5])}", facts) == fill("{loss[5]}", facts)  # only tick 5 has a loss


def test_a_placeholder_that_cannot_be_resolved_shows_itself():
    facts = seed_facts(cursor=0)
    assert fill("{h[t]} and {{braces}}", facts) == "{h[t]?} and {braces}"
    assert fill("{run_loss}", facts) == "{run_loss?}"  # nothing trained yet
    with pytest.raises(QuoteError):
        check_text("{mean(h[1])}")


# ----- the command line -----


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_tours_lists_the_built_in_tours_with_their_step_counts(capsys):
    for argv, lang in ((("tours",), "en"), (("tour", "--list"), "en"), (("tour", "--list", "--lang", "zh"), "zh")):
        code, out, _ = run(capsys, *argv, "--lang", lang)
        assert code == 0
        lines = out.splitlines()
        assert [line.split()[0] for line in lines] == list(BUILTIN)
        for line, name in zip(lines, BUILTIN, strict=True):
            tour = builtin_tour(name)
            assert f" {len(tour.steps)} {'steps' if lang == 'en' else '步'} " in line and tour.title[lang] in line


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (("tour",), "give a tour's NAME or --file FILE"),
        (("tour", "seed", "--file", "x.toml"), "give a tour's NAME or --file FILE"),
        (("tour", "nope"), "unknown tour 'nope'; choose from seed, vanishing, temporal-xor"),
        (("tour", "seed"), "needs a terminal"),  # pytest's stdin is not a TTY
        (("tour", "seed", "--size", "10x10"), "WIDTHxHEIGHT"),
    ],
)
def test_tour_command_refusals_are_one_line_and_exit_2(capsys, argv, said):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert said in err and err.count("\n") == 1


def test_a_bad_tour_file_exits_2_naming_file_step_and_field(capsys, tmp_path: Path):
    path = tmp_path / "lesson1.toml"
    path.write_text(TITLE + STEP + '[[step]]\nspotlight = "stage"\ncaption.en = "x"\ncaption.zh = "x"\n')
    code, out, err = run(capsys, "tour", "--file", str(path))
    assert code == 2 and out == ""
    assert err.startswith("srn-tui: ") and "lesson1.toml: step 2, spotlight: unknown panel 'stage'" in err
    assert err.count("\n") == 1


def test_record_refuses_a_folder_it_cannot_write(capsys, tmp_path: Path):
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    for folder in (blocker, blocker / "sub"):
        code, out, err = run(capsys, "tour", "seed", "--record", str(folder))
        assert code == 2 and out == "" and err.count("\n") == 1
        assert "--record" in err and ("not a folder" in err or "cannot write there" in err)


def test_record_writes_one_svg_per_step(capsys, tmp_path: Path):
    folder = tmp_path / "handout"
    code, out, err = run(capsys, "tour", "seed", "--record", str(folder), "--size", "80x24")
    steps = len(builtin_tour("seed").steps)
    assert code == 0, err
    assert out == f"wrote {steps} SVG files, one per step, to {folder}\n"
    files = sorted(folder.glob("*.svg"))
    assert [f.name for f in files] == [f"seed-{i:02d}.svg" for i in range(1, steps + 1)]
    last = files[-1].read_text()
    assert last.startswith("<svg") and "6.067" in last


def test_the_readme_example_tour_is_a_valid_tour():
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Guided tours") :]
    example = section[section.index("```toml") + len("```toml") : section.index("```\n\nActions")]
    tour = parse_tour(example, "example", "README")
    assert [s.number for s in tour.steps] == [1, 2] and tour.epochs == 400
