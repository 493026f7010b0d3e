"""What a(t) is made of: the input term, the recurrent (memory) term and the bias, each as it is.

a(t) = W_xh x(t) + W_hh c(t-1) + b_h, with c = h (Elman) or the fed-back output y (Jordan).
Each term is described by its value (one hidden unit) or its norm (several), and the sentence
that compares them is computed from those sizes: a term that is zero is said to be zero and why
(an input of 0 is still information), a term "dominates" only when it is at least DOMINANCE
times each of the others, and shares are of the sum of the terms' sizes.
"""

from __future__ import annotations

import numpy as np

from ..engine import Model, TickRecord
from .render import render

# One term "dominates" a(t) when its size is at least this many times every other term's.
DOMINANCE = 2.0
TERMS = ("input", "memory", "bias")


def term_sizes(model: Model, rec: TickRecord) -> dict[str, float]:
    """|term| for one hidden unit, the vector norm otherwise; the order of TERMS."""
    p = model.params
    vectors = (p["W_xh"] @ rec.x, p["W_hh"] @ rec.h_prev, p["b_h"])
    return {name: float(np.linalg.norm(v)) for name, v in zip(TERMS, vectors, strict=True)}


def dominant_term(sizes: dict[str, float]) -> str | None:
    """The term at least DOMINANCE times as large as each of the others; None when no term is."""
    name = max(TERMS, key=lambda k: sizes[k])
    others = [sizes[k] for k in TERMS if k != name]
    return name if sizes[name] > 0 and all(sizes[name] >= DOMINANCE * s for s in others) else None


def percent(share: float) -> str:
    """A share as a whole percentage; never "0%" for a nonzero share nor "100%" for less than all."""
    text = f"{100 * share:.0f}%"
    if text == "0%" and share > 0:
        return "<1%"
    if text == "100%" and share < 1:
        return ">99%"
    return text


def _name(lang: str, term: str, jordan: bool) -> str:
    return render(lang, f"term_{term}_jordan" if jordan and term == "memory" else f"term_{term}")


def _shares(lang: str, names: dict[str, str], sizes: dict[str, float], which: list[str]) -> str:
    total = sum(sizes.values())
    items = [render(lang, "share_item", name=names[k], pct=percent(sizes[k] / total)) for k in which]
    return render(lang, "list_sep").join(items)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def mix_sentences(lang: str, model: Model, rec: TickRecord) -> list[str]:
    """The sentences on a(t): its terms with their numbers, which are zero and why, and which dominates."""
    p = model.params
    t, tp = rec.t, rec.t - 1
    jordan = model.is_jordan
    suffix = "_jordan" if jordan else ""
    sizes = term_sizes(model, rec)
    if rec.a.size == 1:
        inp, mem = (p["W_xh"] @ rec.x)[0], (p["W_hh"] @ rec.h_prev)[0]
        parts = [render(lang, "mix_scalar" + suffix, t=t, tp=tp, inp=inp, rec=mem, bias=p["b_h"][0], a=rec.a[0])]
    else:
        values = {"inp": sizes["input"], "rec": sizes["memory"], "bias": sizes["bias"]}
        parts = [render(lang, "mix_vector" + suffix, t=t, tp=tp, **values)]
    if not np.any(rec.x):
        if rec.x.size == 1:
            push = p["W_xh"][:, 0]
            key, value = (
                ("zero_input_scalar", push[0]) if push.size == 1 else ("zero_input_vector", np.linalg.norm(push))
            )
            parts.append(render(lang, key, t=t, push=value))
        else:
            parts.append(render(lang, "zero_inputs", t=t))
    if not np.any(rec.h_prev):
        parts.append(render(lang, "zero_memory" + suffix, tp=tp))
    names = {k: _name(lang, k, jordan) for k in TERMS}
    nonzero = [k for k in TERMS if sizes[k] > 0]
    if not nonzero:
        parts.append(render(lang, "from_nothing", t=t))
    elif len(nonzero) == 1:
        parts.append(render(lang, "from_one", t=t, name=names[nonzero[0]]))
    else:
        top = dominant_term(sizes)
        if top is None:
            parts.append(render(lang, "dom_no_term", shares=_shares(lang, names, sizes, nonzero)))
        else:
            rest = [k for k in nonzero if k != top]
            total = sum(sizes.values())
            name = _capital(names[top]) if lang == "en" else names[top]
            shares = _shares(lang, names, sizes, rest)
            parts.append(render(lang, "dom_term", t=t, name=name, pct=percent(sizes[top] / total), rest=shares))
    return parts
