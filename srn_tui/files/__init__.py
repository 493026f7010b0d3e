"""Reading and writing model and sequence files, with one-line errors and atomic writes.

Every loader raises InputError ("<path>: <where> <problem>") for any bad file, never another
exception; every writer goes through a temporary file and os.replace.
"""

from .atomic import write_text_atomic
from .errors import InputError
from .limits import MAX_FILE_BYTES
from .model_files import load_model, model_from_dict, model_to_dict, save_model
from .sequence_files import load_sequence, save_sequence

__all__ = [
    "MAX_FILE_BYTES",
    "InputError",
    "load_model",
    "load_sequence",
    "model_from_dict",
    "model_to_dict",
    "save_model",
    "save_sequence",
    "write_text_atomic",
]
