"""The SRN's parameters and settings, named as in the source article.

h(t) = f(W_xh x(t) + W_hh h(t-1) + b_h)
y(t) = g(W_hy h(t) + b_y)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .activations import HIDDEN_ACTIVATIONS, OUTPUT_ACTIVATIONS
from .errors import ModelError
from .losses import LOSSES, default_loss

PARAM_NAMES = ("W_xh", "W_hh", "b_h", "W_hy", "b_y", "h0")
FEEDBACKS = ("hidden", "output")  # Elman feeds back h(t-1); Jordan feeds back y(t-1)
WEIGHT_NAMES = PARAM_NAMES[:5]

Params = dict[str, np.ndarray]


@dataclass
class Model:
    """An Elman network. `params` maps each name in PARAM_NAMES to a float64 array.

    Shapes: W_xh (H, I), W_hh (H, C), b_h (H,), W_hy (O, H), b_y (O,), h0 (C,), where the fed-back
    context has C = H units (Elman, feedback="hidden") or C = O (Jordan, feedback="output").
    `loss` defaults to cross_entropy for a softmax output, mse otherwise.
    """

    params: Params
    hidden_activation: str = "tanh"
    output_activation: str = "identity"
    loss: str = ""
    feedback: str = "hidden"

    def __post_init__(self) -> None:
        if not self.loss:
            self.loss = default_loss(self.output_activation)
        params = dict(self.params)
        if "h0" not in params and "W_hh" in params:
            params["h0"] = np.zeros(np.shape(params["W_hh"])[-1])
        self.params = {name: np.array(params[name], dtype=np.float64) for name in PARAM_NAMES if name in params}
        self.validate()

    @property
    def input_size(self) -> int:
        return self.params["W_xh"].shape[1]

    @property
    def hidden_size(self) -> int:
        return self.params["W_hh"].shape[0]

    @property
    def output_size(self) -> int:
        return self.params["W_hy"].shape[0]

    @property
    def is_jordan(self) -> bool:
        return self.feedback == "output"

    @property
    def context_size(self) -> int:
        """Units fed back from one tick to the next: H for Elman, O for Jordan."""
        return self.output_size if self.is_jordan else self.hidden_size

    def copy(self) -> Model:
        return Model(
            {k: v.copy() for k, v in self.params.items()},
            self.hidden_activation,
            self.output_activation,
            self.loss,
            self.feedback,
        )

    def with_params(self, params: Params) -> Model:
        return Model(params, self.hidden_activation, self.output_activation, self.loss, self.feedback)

    def validate(self) -> None:
        """Raise ModelError naming the first key that is missing, mis-shaped or not finite."""
        for key, value, choices in (
            ("hidden_activation", self.hidden_activation, HIDDEN_ACTIVATIONS),
            ("output_activation", self.output_activation, OUTPUT_ACTIVATIONS),
            ("feedback", self.feedback, FEEDBACKS),
            ("loss", self.loss, LOSSES),
        ):
            if value not in choices:
                raise ModelError("unknown_choice", at=(("key", key),), found=repr(value), choices=tuple(choices))
        if self.loss == "cross_entropy" and self.output_activation == "identity":
            raise ModelError("cross_entropy_identity", at=(("key", "loss"),))
        for name in PARAM_NAMES:
            if name not in self.params:
                raise ModelError("missing", at=(("key", name),))
        p = self.params
        for name in ("W_xh", "W_hh", "W_hy"):
            if p[name].ndim != 2:
                raise ModelError("matrix_dimensions", at=(("key", name),), ndim=p[name].ndim)
        for name in ("b_h", "b_y", "h0"):
            if p[name].ndim != 1:
                raise ModelError("vector_dimensions", at=(("key", name),), ndim=p[name].ndim)
        hidden = p["W_hh"].shape[0]
        context = p["W_hy"].shape[0] if self.is_jordan else hidden
        if min(p["W_xh"].shape + p["W_hh"].shape + p["W_hy"].shape) == 0:
            raise ModelError("empty_matrix_size")
        expected = {
            "W_xh": (hidden, p["W_xh"].shape[1]),
            "W_hh": (hidden, context),
            "b_h": (hidden,),
            "W_hy": (p["W_hy"].shape[0], hidden),
            "b_y": (p["W_hy"].shape[0],),
            "h0": (context,),
        }
        for name, shape in expected.items():
            if p[name].shape != shape:
                found, wanted = _fmt(p[name].shape), _fmt(shape)
                raise ModelError("shape", at=(("key", name),), shape=found, expected=wanted, hidden=hidden)
        for name in PARAM_NAMES:
            if not np.all(np.isfinite(p[name])):
                raise ModelError("not_finite_values", at=(("key", name),))


def _fmt(shape: tuple[int, ...]) -> str:
    return "x".join(str(n) for n in shape) if shape else "scalar"
