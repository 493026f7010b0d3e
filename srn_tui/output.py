"""Standard output for the headless commands: a failed write is one line, not a traceback.

`Output` wraps sys.stdout so that an OSError *writing the output* (a full disk: `> /dev/full`)
becomes OutputError, told apart from errors reading or writing the user's files. Text that the
stream's encoding cannot hold (PYTHONIOENCODING=ascii with Chinese narration or a CJK text lesson)
is written as backslash escapes and counted, so the command can say so once at the end.
"""

from __future__ import annotations

import codecs
import os
from typing import TextIO

_HANDLER = "srn-tui-escape"


class OutputError(Exception):
    """Standard output could not be written; the message is the reason ("no space left on device")."""


class Output:
    """The few TextIO methods the commands use, over a real stream (or None: stdout was closed)."""

    def __init__(self, stream: TextIO | None) -> None:
        self.stream = stream
        self._escaped_before = _ESCAPED[0]
        if stream is not None and not _is_unicode(stream):
            _register_handler()
            stream.reconfigure(errors=_HANDLER)  # type: ignore[attr-defined]

    def write(self, text: str) -> int:
        return self._call("write", text)

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        self._call("flush")

    def isatty(self) -> bool:
        return self.stream is not None and self.stream.isatty()

    @property
    def encoding(self) -> str:
        return getattr(self.stream, "encoding", None) or "utf-8"

    @property
    def escaped(self) -> int:
        """How many characters the encoding could not hold (written as escapes) so far."""
        return _ESCAPED[0] - self._escaped_before

    def __getattr__(self, name: str):
        # Anything else a writer may ask of a stream (fileno, buffer, ...) comes from the stream.
        return getattr(self.stream, name)

    def _call(self, method: str, *args):
        if self.stream is None:
            raise OutputError("standard output is closed")
        try:
            return getattr(self.stream, method)(*args)
        except BrokenPipeError:
            raise  # the reader went away (`| head`): the caller ends quietly
        except OSError as exc:
            raise OutputError((exc.strerror or type(exc).__name__).lower()) from None


def silence_stdout(stream: TextIO | None) -> None:
    """Point file descriptor 1 at /dev/null, so that the interpreter's own flush at exit (of what
    is still buffered) cannot fail again and print "Exception ignored ..." after our one line."""
    if stream is None:
        return
    try:
        fd = stream.fileno()
    except (OSError, ValueError):
        return
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, fd)
    os.close(null)


_ESCAPED = [0]  # characters escaped by the error handler, ever (one process, one stdout)


def _is_unicode(stream: TextIO) -> bool:
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        return codecs.lookup(encoding).name.startswith("utf")
    except LookupError:
        return False


def _escape_unencodable(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    _ESCAPED[0] += exc.end - exc.start
    return codecs.backslashreplace_errors(exc)


def _register_handler() -> None:
    try:
        codecs.lookup_error(_HANDLER)
    except LookupError:
        codecs.register_error(_HANDLER, _escape_unencodable)
