"""`srn-tui analyze`: the hidden states of a lesson's model over all its data, projected on their two
principal components, and the mean state per label clustered (text, json or csv). Headless: never
imports Textual.

Degenerate cases are stated results (exit 0): H = 1 has no second component (PC2 is 0 everywhere,
its explained share 0); states that do not vary have no component at all (every point at 0, 0);
one label has nothing to cluster (`linkage` is empty). Refused with one line and exit 2: a hidden
state that is not finite, and more labels than can be clustered (continuous inputs).
"""

from __future__ import annotations

import argparse
import csv
import json
from typing import TextIO

from ..analysis import MAX_CLUSTER_LABELS, Analysis, NonFiniteState, analyze, state_labeler, symbol_decoder
from ..analysis.dendrogram import fit_label, tree_rows
from ..analysis.raster import Bounds, ascii_scatter, markers
from ..engine import ModelError
from ..text.state_space import axes_line, explained_line, states_line, word
from .arguments import EXIT_OK, Command, lang_of, lesson_of

FORMATS = ("text", "json", "csv")
SCATTER = (64, 18)  # columns, rows of the text scatter
TREE_WIDTH = 50


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")


def document(result: Analysis) -> dict:
    """The JSON contract: {"pca": {"explained", "points"}, "clusters": {"labels", "linkage"}}."""
    s, p = result.states, result.projection
    points = [
        {"seq": int(i), "t": int(t), "label": label, "xy": [float(a), float(b)]}
        for i, t, label, (a, b) in zip(s.seq, s.t, s.labels, p.points, strict=True)
    ]
    c = result.clusters
    assert c is not None  # the command refuses too many labels before it writes
    linkage = [[int(i), int(j), float(d), int(n)] for i, j, d, n in c.linkage]
    return {
        "pca": {"explained": [float(v) for v in p.explained], "points": points},
        "clusters": {"labels": list(c.labels), "linkage": linkage},
    }


def _g(v: float) -> str:
    return f"{v:.3g}"


def marker_line(labels: tuple[str, ...], lang: str) -> str | None:
    """'markers: a = dragon, b = smash' for the labels not drawn as themselves; None when all are."""
    marks = markers(labels)
    pairs = [f"{marks[label]} = {label}" for label in labels if marks[label] != label]
    return word(lang, "markers", pairs=", ".join(pairs)) if pairs else None


def dendrogram_lines(result: Analysis, lang: str, width: int = TREE_WIDTH) -> list[str]:
    c = result.clusters
    assert c is not None
    if len(c.labels) < 2:
        return [word(lang, "one_label", label=c.labels[0] if c.labels else "")]
    order, rows = tree_rows(c.linkage, len(c.labels), width)
    lines = [f"{fit_label(c.labels[i])} {row}" for i, row in zip(order, rows, strict=True)]
    top = _g(float(c.linkage[-1, 2]))
    scale = f"{fit_label(word(lang, 'distance'))} 0{' ' * max(1, width - 1 - len(top))}{top}"
    return [*lines, scale]


def write_text(out: TextIO, result: Analysis, lesson_name: str, lang: str) -> None:
    p = result.projection
    out.write(f"{lesson_name}: {states_line(result, lang)}\n\n{word(lang, 'title_trajectory')}\n")
    out.write(explained_line(result, lang) + "\n")
    bounds = Bounds.around(p.points)
    cols, rows = SCATTER
    for line in ascii_scatter(p.points, result.states.labels, cols, rows):
        out.write(f"|{line}\n")
    out.write("+" + "-" * cols + "\n")
    out.write(axes_line(bounds.x0, bounds.x1, bounds.y0, bounds.y1, lang) + "\n")
    legend = marker_line(tuple(dict.fromkeys(result.states.labels)), lang)
    if legend:
        out.write(legend + "\n")
    out.write(f"\n{word(lang, 'title_dendrogram')}\n")
    out.writelines(line + "\n" for line in dendrogram_lines(result, lang))


def write_csv(out: TextIO, result: Analysis) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["seq", "t", "label", "pc1", "pc2"])
    s = result.states
    for i, t, label, (a, b) in zip(s.seq, s.t, s.labels, result.projection.points, strict=True):
        writer.writerow([int(i), int(t), label, repr(float(a)), repr(float(b))])


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Writes the analysis of the lesson; ValueError (one line, exit 2) for what cannot be analysed."""
    lesson, lang = lesson_of(args), lang_of(args)
    try:
        result = analyze(lesson.model, lesson.sequences, symbol_decoder(lesson), state_labels=state_labeler(lesson))
    except NonFiniteState as exc:
        raise ModelError("state_not_finite", source=lesson.name, sequence=exc.seq, tick=exc.t) from None
    assert result is not None  # never cancelled here
    if result.too_many is not None and args.format != "csv":  # csv has no clusters: it still works
        raise ModelError("too_many_labels", source=lesson.name, count=result.too_many, limit=MAX_CLUSTER_LABELS)
    if args.format == "json":
        out.write(json.dumps(document(result)) + "\n")
    elif args.format == "csv":
        write_csv(out, result)
    else:
        write_text(out, result, lesson.name, lang)
    return EXIT_OK


COMMAND = Command(
    "analyze",
    help="the hidden states' principal components and clusters",
    description="Project the hidden states h(t) of every sequence on their two principal components, "
    "and cluster the mean h(t) per label (average linkage, Euclidean distance).",
    run=run,
    add_arguments=add_arguments,
)
