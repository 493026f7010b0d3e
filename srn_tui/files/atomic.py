"""Atomic writes: the new content goes to a temporary file beside the target, then os.replace.

A reader (or a crash) sees either the old file or the new one, never half of one. A failed write,
Ctrl-C, SIGTERM or SIGHUP leaves the target untouched and no temporary file behind: while the
main thread writes, those two signals raise inside the write, the temporary file is removed, the
previous handlers are put back and the signal is delivered again to them (so the process still
ends as it would have). Only SIGKILL (or a power cut) can leave a temporary file: its name says
whose it is (`.<target>.srn-tui-<pid>-<random>.tmp`) and a later save into the same directory
removes such files once they are a minute old and their process is gone.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import signal
import stat
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ..text.problems import Reason
from .errors import InputError
from .reading import os_reason

STALE_SECONDS = 60  # a temporary file this old, whose process is gone, is a leftover
_TEMP_NAME = re.compile(r"\..+\.srn-tui-(?P<pid>[0-9]+)-[0-9a-f]{8}\.tmp")
# POSIX only: signal masks are needed to make the clean-up safe (Windows has neither SIGHUP nor masks).
_SIGNALS = (signal.SIGTERM, signal.SIGHUP) if hasattr(signal, "pthread_sigmask") else ()


class _Signalled(BaseException):
    """Raised by our handler inside the write; BaseException so no `except Exception` swallows it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def atomic_file(path: str | os.PathLike) -> Iterator[BinaryIO]:
    """Yield a binary file to write; on a clean exit it replaces `path`, on any error it is removed.

    OSErrors (no such directory, permission denied, target is a directory) become InputError;
    other exceptions from the writer propagate unchanged after the clean-up. SIGTERM/SIGHUP during
    the write remove the temporary file, then reach the handlers that were there before.
    """
    target = Path(path)
    remove_stale_temps(target.parent)
    tmp, fd = _create_temp(target)
    with _signals_raise():
        try:
            with os.fdopen(fd, "wb") as f:
                yield f
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, target)
        except BaseException as exc:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            if isinstance(exc, _Signalled):
                # Seen only if the previous handler lets the process live on (the default ends it).
                raise InputError.at(path, "interrupted", signal=signal.Signals(exc.signum).name) from None
            if isinstance(exc, OSError):
                raise InputError.at(path, "cannot_write", reason=os_reason(exc)) from None
            raise


def write_bytes_atomic(path: str | os.PathLike, data: bytes) -> None:
    with atomic_file(path) as f:
        f.write(data)


def write_text_atomic(path: str | os.PathLike, text: str) -> None:
    """Write `text` as UTF-8 (newlines as given) atomically; InputError if the file cannot be written."""
    write_bytes_atomic(path, text.encode("utf-8"))


def temp_name(target: Path, pid: int | None = None) -> Path:
    """A fresh temporary name beside `target`, hidden, marked as ours and with the writer's pid."""
    return target.with_name(f".{target.name}.srn-tui-{pid or os.getpid()}-{secrets.token_hex(4)}.tmp")


def remove_stale_temps(directory: Path, now: float | None = None) -> list[Path]:
    """Remove our temporary files in `directory` that a killed run left: our name pattern, a regular
    file of ours, untouched for STALE_SECONDS, and its process no longer running. Returns them."""
    now = time.time() if now is None else now
    removed = []
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return removed  # _create_temp reports an unusable directory
    for entry in entries:
        match = _TEMP_NAME.fullmatch(entry.name)
        if match is None:
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if (
            stat.S_ISREG(info.st_mode)
            and info.st_uid == os.getuid()
            and now - info.st_mtime > STALE_SECONDS
            and not _running(int(match["pid"]))
        ):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True  # someone else's process (or a pid we cannot ask about): leave its file alone
    return True


@contextlib.contextmanager
def _signals_raise() -> Iterator[None]:
    """While inside, SIGTERM and SIGHUP raise _Signalled (main thread only: elsewhere Python allows
    no handlers). On the way out the previous handlers are restored and a caught signal is sent
    again, so they see it as if we had never been there."""
    caught: list[int] = []

    def handler(signum: int, _frame) -> None:
        # Hold back further signals until the handlers are restored: the clean-up runs to its end.
        signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
        caught.append(signum)
        raise _Signalled(signum)

    previous: dict[int, object] = {}
    if threading.current_thread() is threading.main_thread():
        for signum in _SIGNALS:
            before = signal.getsignal(signum)
            if before is None or before == signal.SIG_IGN:
                continue  # set outside Python (cannot be put back) or ignored on purpose (nohup)
            previous[signum] = before
            signal.signal(signum, handler)
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, []) if previous else set()  # the mask as it was
    try:
        yield
    except _Signalled:
        pass  # arrived after os.replace: the file is complete, only the signal remains to deliver
    finally:
        if previous:
            signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
            for signum, before in previous.items():
                signal.signal(signum, before)  # type: ignore[arg-type]
            for signum in caught:
                signal.raise_signal(signum)  # pending while blocked ...
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)  # ... and delivered to its owner here


def _create_temp(target: Path) -> tuple[Path, int]:
    # os.open with 0o666 lets the umask decide permissions, as a plain open() would
    # (tempfile.mkstemp would leave the saved file readable by its owner only).
    if target.is_dir():
        raise InputError.at(target, "cannot_write", reason=Reason("is a directory"))
    while True:
        tmp = temp_name(target)
        try:
            return tmp, os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        except OSError as exc:
            raise InputError.at(target, "cannot_write", reason=os_reason(exc)) from None
