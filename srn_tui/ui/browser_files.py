"""Files when the app runs in a browser (`srn-tui serve`).

The app process then runs on the serving machine, whose disk is not the visitor's: what the app
would write to a file is sent to the visitor's browser as a download (Textual's `deliver_text` /
`deliver_binary`), and the serving machine's files are neither offered for loading nor written.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path
from typing import Protocol

from ..text.messages import message
from .notifies import Notifies


class BrowserHost(Notifies, Protocol):
    """What a delivery needs of the app (SrnApp is one)."""

    @property
    def is_web(self) -> bool: ...

    def deliver_text(self, path_or_file, *, save_filename: str | None = None, **kwargs) -> str | None: ...

    def deliver_binary(self, path_or_file, *, save_filename: str | None = None, **kwargs) -> str | None: ...

    @property
    def lang(self) -> str: ...


def deliver(app: BrowserHost, name: str, content: str | bytes) -> None:
    """Send `content` to the browser as the download `name`, and say so."""
    if isinstance(content, bytes):
        app.deliver_binary(io.BytesIO(content), save_filename=name)
    else:
        app.deliver_text(io.StringIO(content), save_filename=name)
    app.notify(message(app.lang, "sent_download", name=name), markup=False)


def written_bytes(write, name: str) -> bytes:
    """What `write(path)` puts in a file called `name`, read back: the same writer (and the same
    checks: a model the loader would refuse is refused here too) as a save to disk."""
    with tempfile.TemporaryDirectory(prefix="srn-tui-") as directory:
        path = Path(directory) / name
        write(path)
        return path.read_bytes()
