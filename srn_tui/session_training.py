"""The training half of the Session: the settings, the optimizer that animated and continuous
epochs share, the epoch count and loss history, undo, and re-initialisation.

A mixin, so that `session.epoch`, `session.undo_training()` ... stay where the UI and the tests
call them; the step-through half (cursor, trace, loading) is in session.py. No Textual import here.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping

import numpy as np

from .engine import DataSequence, Model, TrainConfig, reinitialize
from .engine.optimizers import Optimizer, make_optimizer
from .lessons import Lesson
from .live import LossHistory, UndoStack

UNDO_DEPTH = 20


class SessionTraining:
    """Training state of one Session; the Session provides the model shown and `_set_model`."""

    lesson: Lesson
    model: Model
    sequence: DataSequence
    drawn_with: tuple[str | None, int | None]  # how the starting weights were drawn: see Session.adopt
    training: TrainConfig
    optimizer: Optimizer | None

    def _set_model(self, model: Model) -> None:
        raise NotImplementedError

    @property
    def training_sequences(self) -> list[DataSequence]:
        """What an epoch trains on: the lesson's sequences, or the user's own sequence when one is loaded."""
        return list(self.lesson.sequences)

    def set_training(self, config: TrainConfig) -> None:
        """Use other training settings (already validated by TrainConfig); the BPTT shown follows the
        new truncation. The optimizer's state (momentum, Adam's moments) carries on when only other
        settings change, a new learning rate included, as in PyTorch; another optimizer starts fresh."""
        if self.optimizer is not None and self.optimizer.name != config.optimizer:
            self.optimizer = None
        self.training = config
        self._set_model(self.model)

    def epoch_optimizer(self) -> Optimizer:
        """The optimizer animated and continuous epochs share, so Adam/momentum state carries over.
        The learning rate's one owner is `training.lr`: it is handed to the optimizer here, the only
        place an optimizer is given to training, so training never sees a stale one."""
        if self.optimizer is None:
            self.optimizer = make_optimizer(self.training.optimizer, self.training.lr)
        self.optimizer.lr = self.training.lr
        return self.optimizer

    def begin_training(self) -> None:
        """Remember the exact weights before a training run (or a re-initialisation) for `undo_training`."""
        self._undo.push(self.model.params)
        self._undo_epochs.append((self.epoch, self.drawn_with))

    def show_trained(self, params: Mapping[str, np.ndarray]) -> None:
        """Show weights training produced (same shapes), keeping the cursor and what is revealed."""
        self._set_model(self.model.with_params({name: np.array(v, dtype=np.float64) for name, v in params.items()}))

    @property
    def epoch(self) -> int:
        """The epochs trained on the weights shown, numbered over the session's life."""
        return self._epoch

    @property
    def history(self) -> LossHistory:
        """The loss curve and its CSV: one point per trained epoch (thinned when long)."""
        return self._history

    def record_epoch(self, epoch: int, loss: float, grad_norm: float) -> None:
        """One trained epoch (numbered over the session's life) for the loss curve and the CSV."""
        self._history.append(epoch, loss, grad_norm)
        self._trained_to(max(self._epoch, epoch), self._history)

    def run_history(self) -> LossHistory:
        """A copy of the loss history for a training thread to extend; `record_run` takes it back, so
        the session's own history is never written from another thread."""
        return self._history.copy()

    def record_run(self, epoch: int, history: LossHistory) -> None:
        """A continuous run ended at `epoch` with `history` (grown from `run_history()`)."""
        self._trained_to(epoch, history)

    def _trained_to(self, epoch: int, history: LossHistory) -> None:
        # The one writer of the epoch count and the loss history: they always move together.
        self._epoch, self._history = epoch, history

    @property
    def undo_levels(self) -> int:
        return len(self._undo)

    def undo_training(self) -> int | None:
        """Back to the exact weights from before the last run; the epoch count then, or None if nothing to undo."""
        params = self._undo.undo()
        if params is None:
            return None
        epoch, self.drawn_with = self._undo_epochs.pop()
        self._history.rewind(epoch)  # the loss curve and the CSV end where the weights are now
        self._trained_to(epoch, self._history)
        self.optimizer = None
        self._set_model(self.model.with_params(params))
        return epoch

    def reinitialize(self, initializer: str | None, seed: int) -> None:
        """Fresh random weights, undoable like a training run: the lesson's own draw for `seed` (its
        own initializer and ranges, h0 included) when `initializer` is None, else an engine initializer
        (h0 kept). ValueError (one line) for an unknown initializer, or None where the lesson's
        weights are fixed or came from a file; the session is unchanged then."""
        if initializer is None:
            model = self.lesson.seeded_model(seed)
            self.sequence.check_fits(model.input_size, model.output_size)
        else:
            model = reinitialize(self.model, initializer, seed)
        self.begin_training()
        self.drawn_with = (initializer, int(seed))
        self.optimizer = None
        self._set_model(model)

    def _reset_training(self, config: TrainConfig) -> None:
        self.training = config
        self.optimizer = None
        self._trained_to(0, LossHistory())
        self._undo = UndoStack(UNDO_DEPTH)
        self._undo_epochs: deque[tuple[int, tuple[str | None, int | None]]] = deque(maxlen=UNDO_DEPTH)
