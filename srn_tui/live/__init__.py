"""Live training, without any UI: animated epochs, continuous training, gradient flow, undo, gradient check.

Nothing here imports Textual. Every object handed to a caller is an immutable snapshot holding
read-only copies, so a UI thread can keep it while a worker thread goes on training.
"""

from .continuous import ContinuousTrainer, PlateauRule, ProgressReport, StopReason
from .epoch_frames import BackwardFrame, ForwardFrame, Frame, UpdateFrame, epoch_frames, frame_count
from .gradcheck import GradCheck, ParamCheck, gradient_check
from .gradient_flow import (
    FlowBar,
    FlowReading,
    default_target,
    delta_h_norms,
    flow_bars,
    read_flow,
    step_target,
)
from .loss_history import HistorySnapshot, LossHistory, history_csv
from .undo import UndoStack

__all__ = [
    "BackwardFrame",
    "ContinuousTrainer",
    "FlowBar",
    "FlowReading",
    "ForwardFrame",
    "Frame",
    "GradCheck",
    "HistorySnapshot",
    "LossHistory",
    "ParamCheck",
    "PlateauRule",
    "ProgressReport",
    "StopReason",
    "UndoStack",
    "UpdateFrame",
    "default_target",
    "delta_h_norms",
    "epoch_frames",
    "flow_bars",
    "frame_count",
    "gradient_check",
    "history_csv",
    "read_flow",
    "step_target",
]
