"""One narration paragraph per tick, built from the trace's actual numbers."""

from __future__ import annotations

import numpy as np

from ..engine import TickRecord, Trace
from ..scenarios import Scenario, find_scenario
from .lang import check_lang
from .render import fmt_number, fmt_vector, render

# Output error thresholds (largest absolute error): below CLOSE is "close", above FAR is "far".
CLOSE, FAR = 0.1, 0.5
# One term "dominates" a(t) when its size is at least this many times the other's.
DOMINANCE = 2.0


def _scenario(lesson_name: str, trace: Trace) -> tuple[Scenario | None, bool]:
    """The built-in lesson behind `lesson_name` and whether its remarks apply.

    "letters + my.csv" (a lesson with the user's files) keeps the lesson's symbol decoders
    when the sizes still fit, but not its remarks, which assume the lesson's own data.
    """
    exact = find_scenario(lesson_name)
    if exact is not None:
        return exact, True
    base = find_scenario(lesson_name.split(" + ")[0])
    if base is None:
        return None, False
    model = base.model()
    fits = (model.input_size, model.output_size) == (trace.model.input_size, trace.model.output_size)
    return (base if fits else None), False


def _number_or_vector(v: np.ndarray) -> str:
    return fmt_number(v[0]) if v.size == 1 else fmt_vector(v)


def _input(lang: str, rec: TickRecord, scenario: Scenario | None) -> str:
    symbol = scenario.decode_input(rec.x) if scenario and scenario.decode_input else None
    if symbol is not None:
        return render(lang, "input_symbol", t=rec.t, symbol=symbol)
    return render(lang, "input_value", t=rec.t, x=_number_or_vector(rec.x))


def _mix(lang: str, trace: Trace, rec: TickRecord) -> list[str]:
    p = trace.model.params
    inp = p["W_xh"] @ rec.x
    rec_term = p["W_hh"] @ rec.h_prev
    tp = rec.t - 1
    # A Jordan network's recurrent term is W_hh*y(t-1): rec.h_prev holds the fed-back output.
    suffix = "_jordan" if trace.model.is_jordan else ""
    if rec.a.size == 1:
        values = {"inp": inp[0], "rec": rec_term[0], "bias": p["b_h"][0], "a": rec.a[0]}
        parts = [render(lang, "mix_scalar" + suffix, t=rec.t, tp=tp, **values)]
        size_in, size_rec = abs(float(inp[0])), abs(float(rec_term[0]))
    else:
        size_in, size_rec = float(np.linalg.norm(inp)), float(np.linalg.norm(rec_term))
        parts = [render(lang, "mix_vector" + suffix, t=rec.t, tp=tp, inp=size_in, rec=size_rec)]
    if not np.any(rec.h_prev):
        parts.append(render(lang, "dom_none" + suffix, t=rec.t, tp=tp))
        return parts
    share = size_rec / (size_in + size_rec) if size_in + size_rec > 0 else 0.0
    if size_in >= DOMINANCE * size_rec:
        key = "dom_input"
    elif size_rec >= DOMINANCE * size_in:
        key = "dom_memory"
    else:
        key = "dom_balanced"
    parts.append(render(lang, key, share=share))
    return parts


def _hidden(lang: str, trace: Trace, rec: TickRecord) -> str:
    f = trace.model.hidden_activation
    if rec.h.size == 1:
        return render(lang, "hidden_scalar", t=rec.t, f=f, a=rec.a[0], h=rec.h[0])
    return render(lang, "hidden_vector", t=rec.t, f=f, n=rec.h.size, norm=float(np.linalg.norm(rec.h)))


def _closeness(err: float) -> str:
    return "close" if err < CLOSE else ("far" if err > FAR else "off")


def _output(lang: str, trace: Trace, rec: TickRecord, scenario: Scenario | None) -> str:
    t, y, target = rec.t, rec.y, rec.target
    err = None if target is None else float(np.max(np.abs(y - target)))
    decode = scenario.decode_output if scenario else None
    symbol = decode(y) if decode else None
    if symbol is not None and decode is not None:
        wanted = None if target is None else decode(target)
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


def narrate_tick(lesson_name: str, trace: Trace, t: int, lang: str = "en") -> str:
    """The narration of tick t of `trace` (t = 0: before the first tick) in `lang` ("en" or "zh")."""
    check_lang(lang)
    if not 0 <= t <= len(trace):
        raise ValueError(f"tick {t} is outside 0..{len(trace)}")
    scenario, own_data = _scenario(lesson_name, trace)
    if t == 0:
        h0 = trace.model.params["h0"]
        start = "start_jordan" if trace.model.is_jordan else "start"
        parts = [render(lang, start, h0=_number_or_vector(h0) if h0.size <= 4 else _h0_summary(h0), T=len(trace))]
    else:
        rec = trace.steps[t - 1]
        parts = [_input(lang, rec, scenario), *_mix(lang, trace, rec), _hidden(lang, trace, rec)]
        parts.append(_output(lang, trace, rec, scenario))
    if scenario is not None and own_data and scenario.remarks is not None:
        parts += [render(lang, key, **values) for key, values in scenario.remarks(trace, t)]
    return (" " if lang == "en" else "").join(parts)


def _h0_summary(h0: np.ndarray) -> str:
    if np.all(h0 == h0[0]):
        return f"{fmt_number(h0[0])} (x{h0.size})"
    return f"[{fmt_number(h0[0])}, ..., {fmt_number(h0[-1])}] ({h0.size})"
