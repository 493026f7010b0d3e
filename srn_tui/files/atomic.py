"""Atomic writes: the new content goes to a temporary file beside the target, then os.replace.

A reader (or a crash) sees either the old file or the new one, never half of one, and a failed
write leaves the target untouched and no temporary file behind.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from .errors import InputError
from .reading import os_reason


@contextlib.contextmanager
def atomic_file(path: str | os.PathLike) -> Iterator[BinaryIO]:
    """Yield a binary file to write; on a clean exit it replaces `path`, on any error it is removed.

    OSErrors (no such directory, permission denied, target is a directory) become InputError;
    other exceptions from the writer propagate unchanged after the clean-up.
    """
    target = Path(path)
    tmp, fd = _create_temp(target)
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise InputError.at(path, f"cannot write ({os_reason(exc)})") from None
        raise


def write_bytes_atomic(path: str | os.PathLike, data: bytes) -> None:
    with atomic_file(path) as f:
        f.write(data)


def write_text_atomic(path: str | os.PathLike, text: str) -> None:
    """Write `text` as UTF-8 (newlines as given) atomically; InputError if the file cannot be written."""
    write_bytes_atomic(path, text.encode("utf-8"))


def _create_temp(target: Path) -> tuple[Path, int]:
    # os.open with 0o666 lets the umask decide permissions, as a plain open() would
    # (tempfile.mkstemp would leave the saved file readable by its owner only).
    if target.is_dir():
        raise InputError.at(target, "cannot write (is a directory)")
    while True:
        tmp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
        try:
            return tmp, os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        except OSError as exc:
            raise InputError.at(target, f"cannot write ({os_reason(exc)})") from None
