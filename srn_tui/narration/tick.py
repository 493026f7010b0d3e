"""One narration paragraph per tick, built from the trace's actual numbers."""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from ..engine import DataSequence, TickRecord, Trace
from ..lessons import Lesson, Scenario, find_scenario
from ..lessons.symbols import Decoding
from ..text.lang import check_lang
from .mix import mix_sentences
from .render import fmt_number, fmt_vector, render

# Output error thresholds (largest absolute error): below CLOSE is "close", above FAR is "far".
# At a tick whose target cannot be predicted, an output within CLOSE of the best guess is "the best".
CLOSE, FAR = 0.1, 0.5


def _scenario(lesson: Lesson | str, trace: Trace) -> tuple[Scenario | None, bool]:
    """The lesson whose hooks narrate `trace` and whether its remarks apply. `lesson` is the Lesson
    that runs, or the name of a built-in lesson as --scenario takes it (which runs as it was made).

    A lesson with the user's model or sequence file in place of a part ("letters + my.json") keeps
    its symbol decoders when the sizes still fit. Its remarks describe the lesson's own data, so they
    apply when the trace runs on one of the lesson's sequences, whatever model it runs (the
    remarks take their numbers from the trace); on the user's own sequence they do not. The user's
    files run without a lesson (no --scenario) are narrated without one.
    """
    if isinstance(lesson, str):
        found = find_scenario(lesson)
        return found, found is not None
    if lesson.as_made:
        return lesson.scenario, True
    if lesson.files_only:
        return None, False
    base = lesson.scenario
    sizes, sequences = _lesson_data(base)
    if sizes != (trace.model.input_size, trace.model.output_size):
        return None, False
    return base, any(_same_data(trace.sequence, seq) for seq in sequences)


@lru_cache(maxsize=8)
def _lesson_data(scenario: Scenario) -> tuple[tuple[int, int], tuple[DataSequence, ...]]:
    """A lesson's (input, output) sizes and sequences, built once: narration runs at every step of
    the cursor, and building them takes tens of milliseconds (letters: ~45 ms)."""
    model = scenario.model()
    return (model.input_size, model.output_size), tuple(scenario.sequences())


def _same_data(a: DataSequence, b: DataSequence) -> bool:
    return all(np.array_equal(getattr(a, k), getattr(b, k)) for k in ("inputs", "targets", "mask"))


def _number_or_vector(v: np.ndarray) -> str:
    return fmt_number(v[0]) if v.size == 1 else fmt_vector(v)


def _named(scenario: Scenario | None) -> Decoding | None:
    """The decoding whose symbols the narration names: vectors (one-hot, features). A single number
    (a bit, a sign) is told as itself, which already says which symbol it is."""
    decoding = scenario.symbols if scenario else None
    return decoding if decoding is not None and decoding.vectors else None


def _input(lang: str, rec: TickRecord, scenario: Scenario | None) -> str:
    decoding = _named(scenario)
    symbol = decoding.input(rec.x) if decoding else None
    if symbol is not None:
        return render(lang, "input_symbol", t=rec.t, symbol=symbol)
    return render(lang, "input_value", t=rec.t, x=_number_or_vector(rec.x))


def _hidden(lang: str, trace: Trace, rec: TickRecord) -> str:
    f = trace.model.hidden_activation
    if rec.h.size == 1:
        return render(lang, "hidden_scalar", t=rec.t, f=f, a=rec.a[0], h=rec.h[0])
    return render(lang, "hidden_vector", t=rec.t, f=f, n=rec.h.size, norm=float(np.linalg.norm(rec.h)))


def _closeness(err: float) -> str:
    return "close" if err < CLOSE else ("far" if err > FAR else "off")


def _guess(lang: str, rec: TickRecord, best: np.ndarray, symbol: str | None, wanted: str | None) -> str:
    """The output at a tick whose target cannot be predicted, against the best possible output."""
    assert rec.target is not None
    gap = float(np.max(np.abs(rec.y - best)))
    err = float(np.max(np.abs(rec.y - rec.target)))
    verdict = "best" if gap < CLOSE else "off"
    values = {"t": rec.t, "gap": gap, "err": err, "best": _number_or_vector(best)}
    if symbol is not None:
        return render(lang, f"predict_near_guess_{verdict}", symbol=symbol, target=wanted, **values)
    if rec.y.size == 1:
        return render(lang, f"out_scalar_guess_{verdict}", y=rec.y[0], target=rec.target[0], **values)
    return render(lang, f"out_vector_guess_{verdict}", **values)


# A next symbol the data gives at least this probability counts as determined: right or wrong apply.
CERTAIN = 0.999


def _output(lang: str, trace: Trace, rec: TickRecord, scenario: Scenario | None, own_data: bool) -> str:
    t, y, target = rec.t, rec.y, rec.target
    err = None if target is None else float(np.max(np.abs(y - target)))
    decoding = _named(scenario)
    symbol = decoding.output(y) if decoding else None
    best = scenario.best_guess(trace, t) if own_data and scenario and scenario.best_guess else None
    if best is not None and target is not None and trace.model.output_activation != "softmax":
        return _guess(lang, rec, best, symbol, None if decoding is None else decoding.target(target))
    if best is not None and target is not None and symbol is not None and decoding is not None:
        # A softmax lesson whose next symbol is not determined (a grammar's branch): "right" or
        # "wrong" would judge a coin toss; say what the network gave the symbol that came, beside
        # the most any network could (the data's own probability).
        k = int(np.argmax(target))
        if float(best[k]) < CERTAIN:
            values = {
                "symbol": symbol,
                "p": float(np.max(y)),
                "target": decoding.target(target),
                "p_target": float(y[k]),
            }
            return render(lang, "predict_prob_best", p_best=float(best[k]), **values)
    if symbol is not None and decoding is not None:
        wanted = decoding.target(target)
        if trace.model.output_activation == "softmax":
            p = float(np.max(y))
            if target is None:
                return render(lang, "predict_prob_none", symbol=symbol, p=p)
            if symbol == wanted:
                return render(lang, "predict_prob_right", symbol=symbol, p=p, target=wanted)
            p_target = float(y[int(np.argmax(target))])
            return render(lang, "predict_prob_wrong", symbol=symbol, p=p, target=wanted, p_target=p_target)
        if target is None:
            return render(lang, "predict_near_none", t=t, symbol=symbol)
        key = "predict_near_right" if symbol == wanted else "predict_near_wrong"
        return render(lang, key, t=t, symbol=symbol, target=wanted, err=err)
    if y.size == 1:
        if target is None or err is None:
            return render(lang, "out_scalar_none", t=t, y=y[0])
        return render(lang, f"out_scalar_{_closeness(err)}", t=t, y=y[0], target=target[0], err=err)
    if target is None or err is None:
        return render(lang, "out_vector_none", t=t, n=y.size)
    return render(lang, f"out_vector_{_closeness(err)}", t=t, err=err)


def narrate_tick(lesson: Lesson | str, trace: Trace, t: int, lang: str = "en") -> str:
    """The narration of tick t of `trace` (t = 0: before the first tick) in `lang` ("en" or "zh"), for
    `lesson` (the Lesson that runs, or a built-in lesson's name)."""
    check_lang(lang)
    if not 0 <= t <= len(trace):
        raise ValueError(f"tick {t} is outside 0..{len(trace)}")
    scenario, own_data = _scenario(lesson, trace)
    if t == 0:
        h0 = trace.model.params["h0"]
        start = "start_jordan" if trace.model.is_jordan else "start"
        parts = [render(lang, start, h0=_number_or_vector(h0) if h0.size <= 4 else _h0_summary(h0), T=len(trace))]
    else:
        rec = trace.steps[t - 1]
        parts = [_input(lang, rec, scenario), *mix_sentences(lang, trace.model, rec), _hidden(lang, trace, rec)]
        parts.append(_output(lang, trace, rec, scenario, own_data))
    if scenario is not None and own_data and scenario.remarks is not None:
        parts += [render(lang, key, **values) for key, values in scenario.remarks(trace, t)]
    return (" " if lang == "en" else "").join(parts)


def _h0_summary(h0: np.ndarray) -> str:
    if np.all(h0 == h0[0]):
        return f"{fmt_number(h0[0])} (x{h0.size})"
    return f"[{fmt_number(h0[0])}, ..., {fmt_number(h0[-1])}] ({h0.size})"
