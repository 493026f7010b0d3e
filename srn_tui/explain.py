"""The equations of one tick with that tick's numbers substituted, as plain ASCII lines.

Small nets (I, H <= 3) are written out in full, one line per unit:
    a(3) = 0.500*3.000 + 0.100*0.780 + 0.000 = 1.578
    h(3) = tanh(1.578) = 0.918
Larger nets show the selected hidden unit j with its largest terms, since a sum of a hundred
products teaches nothing. No Textual import: the UI shows these lines as they are.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .engine import Model, TickRecord
from .text.labels import label
from .text.numbers import equation as num
from .text.numbers import probability as prob
from .text.numbers import signed

FULL_LIMIT = 3  # I and H up to this size get every term written out
TOP_TERMS = 4


def _factor(v: float) -> str:
    """A factor in a product: a negative one gets brackets so `*-` never appears."""
    return f"({num(v)})" if v < 0 else num(v)


def _join(terms: list[str]) -> str:
    return " + ".join(terms)


def _unit(name: str, j: int, size: int, t: int | str) -> str:
    """`h(3)` for a one-unit layer, `h_2(3)` otherwise (0-based, as the weights panel counts)."""
    return f"{name}({t})" if size == 1 else f"{name}_{j}({t})"


def is_small(model: Model) -> bool:
    return model.input_size <= FULL_LIMIT and model.hidden_size <= FULL_LIMIT


@dataclass(frozen=True)
class Term:
    label: str  # what the term is, e.g. "W_hh[1,3]*h_3(2)"
    weight: float
    value: float  # the input or state it multiplies; 1.0 for a bias
    is_bias: bool = False

    @property
    def product(self) -> float:
        return self.weight * self.value

    def numbers(self) -> str:
        return num(self.weight) if self.is_bias else f"{num(self.weight)}*{_factor(self.value)}"


def context_name(model: Model) -> str:
    """What the recurrent connection carries: h(t-1) (Elman), or the previous output y(t-1) (Jordan)."""
    return "y" if model.is_jordan else "h"


def hidden_terms(model: Model, rec: TickRecord, j: int) -> list[Term]:
    """Every term of a_j(t) = sum_i W_xh[j,i] x_i + sum_k W_hh[j,k] c_k(t-1) + b_h[j], c = h or y (Jordan)."""
    p = model.params
    t = rec.t
    c = context_name(model)
    terms = [Term(f"W_xh[{j},{i}]*x_{i}({t})", p["W_xh"][j, i], rec.x[i]) for i in range(rec.x.size)]
    C = rec.h_prev.size
    terms += [Term(f"W_hh[{j},{k}]*{_unit(c, k, C, t - 1)}", p["W_hh"][j, k], rec.h_prev[k]) for k in range(C)]
    terms.append(Term(f"b_h[{j}]", p["b_h"][j], 1.0, is_bias=True))
    return terms


def _activation_line(name: str, unit: str, pre: float, post: float) -> str:
    if name == "identity":
        return f"{unit} = {num(post)}"
    return f"{unit} = {name}({num(pre)}) = {num(post)}"


def _output_lines(model: Model, rec: TickRecord, lang: str = "en") -> list[str]:
    p = model.params
    t = rec.t
    O, H = model.output_size, model.hidden_size
    lines = []
    if O <= FULL_LIMIT and H <= FULL_LIMIT:
        for k in range(O):
            products = [f"{num(p['W_hy'][k, j])}*{_factor(rec.h[j])}" for j in range(H)]
            lines.append(f"{_unit('o', k, O, t)} = {_join([*products, num(p['b_y'][k])])} = {num(rec.o[k])}")
    else:
        k = int(np.argmax(np.abs(rec.o)))
        lines.append(label(lang, "eq_largest_o", o=_unit("o", k, O, t), k=k, t=t, value=num(rec.o[k])))
    act = model.output_activation
    if act == "softmax":
        k = int(np.argmax(rec.y))
        if O <= FULL_LIMIT:
            lines.append(f"y({t}) = softmax(o({t})) = [{', '.join(num(v) for v in rec.y)}]")
        else:
            lines.append(label(lang, "eq_largest_y", t=t, k=k, value=num(rec.y[k])))
    elif O <= FULL_LIMIT:
        lines += [_activation_line(act, _unit("y", k, O, t), rec.o[k], rec.y[k]) for k in range(O)]
    else:
        lines.append(label(lang, "eq_values", t=t, act=act, n=O))
    if rec.loss is not None and rec.target is not None:
        lines += loss_lines(model, rec, lang)
    return lines


def loss_formula(model: Model) -> str:
    """The loss of one tick in general, as the engine computes it (ASCII)."""
    if model.loss == "mse":
        return "loss(t) = 0.5*sum_k (y_k(t) - target_k(t))^2"
    if model.output_activation == "softmax":
        return "loss(t) = -sum_k target_k(t)*ln y_k(t)"
    return "loss(t) = -sum_k [target_k(t)*ln y_k(t) + (1 - target_k(t))*ln(1 - y_k(t))]"


def _bce_term(target: float, y: float, one_minus_y: float) -> str:
    """-[t*ln y + (1-t)*ln(1 - y)] for one unit, the zero half left out for a 0/1 target."""
    if target == 1.0:
        return f"-ln({prob(y)})"
    if target == 0.0:
        return f"-ln({prob(one_minus_y)})"
    return f"-[{num(target)}*ln({prob(y)}) + {num(1 - target)}*ln({prob(one_minus_y)})]"


def loss_lines(model: Model, rec: TickRecord, lang: str = "en") -> list[str]:
    """The loss of this tick as computed (engine/losses.py): the formula with the numbers put in.
    mse carries the 1/2 (0.5*(y - target)^2 summed over the outputs); cross-entropy uses ln."""
    t, y, target, loss = rec.t, rec.y, rec.target, float(rec.loss)
    O = y.size
    head = f"loss({t})"
    if model.loss == "mse":
        if O == 1:
            return [f"{head} = 0.5*({num(y[0])} - {_factor(target[0])})^2 = {num(loss)}"]
        k = int(np.argmax(np.abs(y - target)))
        return [
            f"{head} = 0.5*sum_k (y_k({t}) - target_k({t}))^2 = {num(loss)}",
            label(
                lang,
                "eq_largest_k",
                k=k,
                term=f"0.5*({num(y[k])} - {_factor(target[k])})^2 = {num(0.5 * (y[k] - target[k]) ** 2)}",
            ),
        ]
    if model.output_activation == "softmax":
        hot = np.flatnonzero(target)
        if hot.size == 1 and target[hot[0]] == 1.0:
            k = int(hot[0])
            return [f"{head} = -ln {_unit('y', k, O, t)} = -ln({prob(y[k])}) = {num(loss)}"]
        return [f"{head} = -sum_k target_k({t})*ln y_k({t}) = {num(loss)}"]
    # sigmoid: binary cross-entropy per unit; 1 - y from the logit, exact when y is near 1
    one_minus = 0.5 * (1.0 - np.tanh(0.5 * rec.o))
    if O == 1:
        return [f"{head} = {_bce_term(target[0], y[0], one_minus[0])} = {num(loss)}"]
    terms = -(target * np.log(y) + (1 - target) * np.log(one_minus))
    k = int(np.argmax(terms))
    return [
        f"{head} = -sum_k [t_k*ln y_k + (1-t_k)*ln(1 - y_k)] = {num(loss)}",
        label(lang, "eq_largest_k", k=k, term=f"{_bce_term(target[k], y[k], one_minus[k])} = {num(terms[k])}"),
    ]


def _hidden_full(model: Model, rec: TickRecord) -> list[str]:
    H = model.hidden_size
    lines = []
    for j in range(H):
        terms = hidden_terms(model, rec, j)
        a_name = _unit("a", j, H, rec.t)
        lines.append(f"{a_name} = {_join([term.numbers() for term in terms])} = {num(rec.a[j])}")
        lines.append(_activation_line(model.hidden_activation, _unit("h", j, H, rec.t), rec.a[j], rec.h[j]))
    return lines


def _hidden_top(model: Model, rec: TickRecord, j: int, top: int = TOP_TERMS, lang: str = "en") -> list[str]:
    H = model.hidden_size
    terms = sorted(hidden_terms(model, rec, j), key=lambda term: abs(term.product), reverse=True)
    shown, rest = terms[:top], terms[top:]
    a_name = _unit("a", j, H, rec.t)
    lines = [label(lang, "eq_sum", a=a_name, value=num(rec.a[j]), n=len(terms))]
    width = max(len(term.label) for term in shown)
    lines += [f"  {term.label:<{width}} = {term.numbers()} = {signed(term.product)}" for term in shown]
    if rest:
        lines.append(label(lang, "eq_smaller", n=len(rest), value=signed(sum(term.product for term in rest))))
    lines.append(_activation_line(model.hidden_activation, _unit("h", j, H, rec.t), rec.a[j], rec.h[j]))
    return lines


def explain_tick(
    model: Model, rec: TickRecord | None, unit: int = 0, lang: str = "en", top: int = TOP_TERMS
) -> list[str]:
    """The lines of the equation panel for tick `rec` (None: before the first tick, told in `lang`);
    a big layer's sum shows its `top` largest terms (a roomy screen asks for more); its words in `lang`."""
    if rec is None:
        c = context_name(model)
        size = model.context_size
        h0 = ", ".join(num(v) for v in model.params["h0"][: min(size, 8)]) + (", ..." if size > 8 else "")
        lang = "zh" if lang == "zh" else "en"
        return [
            label(lang, "eq_nothing"),
            label(lang, "eq_fed_back" if model.is_jordan else "eq_memory", c=c, h0=h0),
            f"{label(lang, 'eq_each')}a(t) = W_xh*x(t) + W_hh*{c}(t-1) + b_h",
            f"           h(t) = {model.hidden_activation}(a(t))",
            f"           y(t) = {model.output_activation}(W_hy*h(t) + b_y)",
        ]
    lang = "zh" if lang == "zh" else "en"
    hidden = _hidden_full(model, rec) if is_small(model) else _hidden_top(model, rec, unit, top, lang)
    return hidden + _output_lines(model, rec, lang)
