"""The SRN engine: pure NumPy, no UI. Import what you need from here.

Flow: a Model and a DataSequence go into `forward`, giving a Trace of TickRecords;
`bptt` reads the Trace and gives per-tick deltas and gradients; `target_flow` itemizes it for
one target's loss. `Trainer`/`train`
use the vectorized `batched.loss_and_grads` for speed.
"""

from .activations import HIDDEN_ACTIVATIONS, OUTPUT_ACTIVATIONS
from .batch import Batch
from .batched import loss_and_grads
from .bptt import Backward, BackwardStep, bptt
from .errors import ModelError
from .flow import FlowNorm, FlowNorms, FlowStep, FlowTargetError, TargetFlow, flow_norms, target_flow, target_ticks
from .forward import TickRecord, Trace, forward, step
from .initializers import INITIALIZERS, init_model, init_params, reinitialize
from .losses import LOSSES, TargetProblem, default_loss, loss_of_outputs, target_problem
from .model import FEEDBACKS, PARAM_NAMES, WEIGHT_NAMES, Model, Params
from .optimizers import OPTIMIZERS, clip_by_global_norm, global_norm, make_optimizer
from .sequence import DataSequence
from .training import Divergence, EpochResult, TrainConfig, Trainer, TrainResult, train

__all__ = [
    "FEEDBACKS",
    "HIDDEN_ACTIVATIONS",
    "OUTPUT_ACTIVATIONS",
    "LOSSES",
    "OPTIMIZERS",
    "INITIALIZERS",
    "PARAM_NAMES",
    "WEIGHT_NAMES",
    "Backward",
    "BackwardStep",
    "Batch",
    "DataSequence",
    "Divergence",
    "EpochResult",
    "FlowNorm",
    "FlowNorms",
    "FlowStep",
    "FlowTargetError",
    "Model",
    "ModelError",
    "Params",
    "TargetProblem",
    "TargetFlow",
    "TickRecord",
    "Trace",
    "TrainConfig",
    "TrainResult",
    "Trainer",
    "bptt",
    "clip_by_global_norm",
    "default_loss",
    "flow_norms",
    "forward",
    "global_norm",
    "init_model",
    "init_params",
    "loss_and_grads",
    "loss_of_outputs",
    "make_optimizer",
    "reinitialize",
    "step",
    "target_flow",
    "target_problem",
    "target_ticks",
    "train",
]
