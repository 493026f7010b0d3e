"""Targets the model's loss cannot take, refused when a model and a sequence meet (at load).

Cross-entropy reads targets as probabilities: a sigmoid output's targets must lie in [0, 1], a
softmax output's must be a distribution (no negative entry, summing to 1). The engine finds the
first offending target (engine.target_problem); this module words it as one line naming the file,
the row and the value.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from ..engine import DataSequence, Model, TargetProblem, target_problem
from .errors import InputError

_WHAT = {
    "outside_0_1": "{value} is outside [0, 1]",
    "negative": "{value} is negative",
    "not_distribution": "the targets sum to {value}, not 1",
}
_NEEDS = {
    "sigmoid": "targets in [0, 1]",
    "softmax": "each target row to be a probability distribution (no negative entry, summing to 1)",
}


def _value(v: float) -> str:
    return f"{v:.6g}"


def _cell(problem: TargetProblem, source: str | os.PathLike, width: int) -> str:
    """Where the target is in the sequence file, in that format's own words."""
    if Path(source).suffix.lower() == ".csv":
        column = "target" if width == 1 else f"target{problem.unit}"
        return f"row {problem.tick}" + ("" if problem.unit is None else f", column {column}")
    place = f"targets: row {problem.tick}"
    return place + ("" if problem.unit is None or width == 1 else f", column {problem.unit}")


def target_message(
    model: Model,
    problem: TargetProblem,
    width: int,
    model_source: str | os.PathLike | None = None,
    sequence_source: str | os.PathLike | None = None,
    data: str = "the lesson",
    sequence_number: int | None = None,
) -> str:
    """One line: the file to blame (the sequence's if it is a file, else the model's), where, the
    value, and what the model's output and loss need. `data` names where the sequences came from
    when they are not a file; `sequence_number` tells which of several."""
    needs = f"{model.output_activation} output with cross_entropy loss needs {_NEEDS[model.output_activation]}"
    if sequence_source is not None:
        what = _WHAT[problem.kind].format(value=_value(problem.value))
        owner = f"{os.fspath(model_source)}'s" if model_source is not None else "the model's"
        return f"{os.fspath(sequence_source)}: {_cell(problem, sequence_source, width)}: {what}; {owner} {needs}"
    which = "" if sequence_number is None else f" (sequence {sequence_number})"
    output = "" if problem.unit is None or width == 1 else f", output {problem.unit}"
    if problem.kind == "not_distribution":
        found = f"{data}'s targets at tick {problem.tick}{which} sum to {_value(problem.value)}"
    else:
        found = f"{data} has {_value(problem.value)} at tick {problem.tick}{output}{which}"
    return f"{os.fspath(model_source or 'model')}: a {needs}, but {found}"


def check_targets(
    model: Model,
    sequences: Sequence[DataSequence],
    model_source: str | os.PathLike | None = None,
    sequence_source: str | os.PathLike | None = None,
    data: str = "the lesson",
) -> None:
    """InputError (one line) at the first target the model's loss cannot take; nothing otherwise.
    `sequence_source` names the sequence file when the sequences came from one, else `data` says
    whose they are ("the sine lesson")."""
    for n, seq in enumerate(sequences, start=1):
        problem = target_problem(model.loss, model.output_activation, seq.targets, seq.mask)
        if problem is not None:
            number = n if len(sequences) > 1 else None
            message = target_message(model, problem, seq.output_size, model_source, sequence_source, data, number)
            raise InputError(message)
