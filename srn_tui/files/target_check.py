"""Targets the model's loss cannot take, refused when a model and a sequence meet (at load).

Cross-entropy reads targets as probabilities: a sigmoid output's targets must lie in [0, 1], a
softmax output's must be a distribution (no negative entry, summing to 1). The engine finds the
first offending target (engine.target_problem); this module places it (the file, the row, the
value) as an InputError, which text/problems.py words.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from ..engine import DataSequence, Model, TargetProblem, target_problem
from ..engine.errors import Place
from .errors import InputError


def _cell(problem: TargetProblem, source: str | os.PathLike, width: int) -> tuple[Place, ...]:
    """Where the target is in the sequence file, in that format's own words."""
    if Path(source).suffix.lower() == ".csv":
        column = "target" if width == 1 else f"target{problem.unit}"
        return (("row", problem.tick),) + (() if problem.unit is None else (("column", column),))
    place: tuple[Place, ...] = (("key", "targets"), ("row", problem.tick))
    return place + (() if problem.unit is None or width == 1 else (("column", problem.unit),))


def target_error(
    model: Model,
    problem: TargetProblem,
    width: int,
    model_source: str | os.PathLike | None = None,
    sequence_source: str | os.PathLike | None = None,
    data: str | None = None,
    sequence_number: int | None = None,
) -> InputError:
    """The file to blame (the sequence's if it is a file, else the model's), where, the value, and
    what the model's output and loss need. `data` names the lesson whose sequences these are when
    they are not a file ("sine", "text"; None: the lesson); `sequence_number` tells which of several."""
    facts = {"problem": problem.kind, "value": f"{problem.value:.6g}", "activation": model.output_activation}
    owner = None if model_source is None else os.fspath(model_source)
    if sequence_source is not None:
        where = _cell(problem, sequence_source, width)
        return InputError.at(sequence_source, "target_in_file", at=where, owner=owner, **facts)
    unit = None if problem.unit is None or width == 1 else problem.unit
    source = ("model", None) if model_source is None else model_source
    return InputError.at(
        source, "target_in_lesson", lesson=data, tick=problem.tick, unit=unit, sequence=sequence_number, **facts
    )


def check_targets(
    model: Model,
    sequences: Sequence[DataSequence],
    model_source: str | os.PathLike | None = None,
    sequence_source: str | os.PathLike | None = None,
    data: str | None = None,
) -> None:
    """InputError (one line) at the first target the model's loss cannot take; nothing otherwise.
    `sequence_source` names the sequence file when the sequences came from one, else `data` says
    whose they are ("sine": the sine lesson)."""
    for n, seq in enumerate(sequences, start=1):
        problem = target_problem(model.loss, model.output_activation, seq.targets, seq.mask)
        if problem is not None:
            number = n if len(sequences) > 1 else None
            raise target_error(model, problem, seq.output_size, model_source, sequence_source, data, number)
