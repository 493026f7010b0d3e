"""Errors the engine raises for models and sequences that do not fit together."""


class ModelError(ValueError):
    """A model or sequence is malformed; the message is one line naming the key and the problem."""
