"""A modal file picker: a directory tree filtered to the relevant suffixes, and a path input.

Enter in the input (or choosing a file in the tree) accepts; Escape cancels. The dialog shows
its folder (the initial path's, else the current directory), where a name typed without a folder is
read or written; it dismisses with the chosen path made absolute against that folder, so what the
app then says ("exported the trace to ...") names the folder too. Or None.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rich.text import Text, TextType
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DirectoryTree, Input, Label

from ...printable import printable
from ...text.dialogs import say
from ...text.labels import label
from .closing import DismissOnce


class FilteredTree(DirectoryTree):
    """Directories, and files with one of `suffixes` (all files when empty); no hidden entries.

    Names are shown escaped and never as markup: Tree would parse "[red]x.json" as markup and send
    a name holding ESC ] 52 ... (write the clipboard) or ESC [ 2 J (clear the screen) to the terminal.
    """

    def __init__(self, path: str | Path, suffixes: tuple[str, ...], **kwargs) -> None:
        self.suffixes = tuple(s.lower() for s in suffixes)
        super().__init__(path, **kwargs)

    def process_label(self, label: TextType) -> Text:
        # Every node's label (the root's path, each entry's name) is made here, once per node.
        return Text(printable(label.plain if isinstance(label, Text) else label))

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        return [
            p
            for p in paths
            if not p.name.startswith(".") and (p.is_dir() or not self.suffixes or p.suffix.lower() in self.suffixes)
        ]


def dialog_folder(initial: str) -> Path:
    """The folder a dialog opens on: the initial path's when it names an existing folder, else the
    current directory; absolute, so the dialog can show it."""
    parent = Path(initial).expanduser().parent if initial else Path()
    folder = parent if str(parent) not in ("", ".") and parent.is_dir() else Path.cwd()
    return folder.resolve()


class FileDialog(DismissOnce, ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, suffixes: tuple[str, ...] = (), initial: str = "", lang: str = "en") -> None:
        super().__init__()
        self.title_text = title
        self.suffixes = suffixes
        self.initial = initial
        self.lang = lang
        self.folder = dialog_folder(initial)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self.title_text, id="dialog-title", markup=False)
            folder = label(self.lang, "dialog_folder", folder=printable(str(self.folder)))
            yield Label(folder, id="dialog-folder", markup=False)
            yield FilteredTree(self.folder, self.suffixes, id="dialog-tree")
            yield Input(self.initial, placeholder=say(self.lang, "file_placeholder"), id="dialog-path")
            yield Label(say(self.lang, "file_keys"), id="dialog-help")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(DirectoryTree.FileSelected)
    def _picked(self, event: DirectoryTree.FileSelected) -> None:
        self.query_one(Input).value = str(event.path)
        self.dismiss(str(event.path))

    @on(Input.Submitted)
    def _typed(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        if value:
            self.dismiss(str(self.folder / Path(value).expanduser()))  # an absolute path stays as it is

    def action_cancel(self) -> None:
        self.dismiss(None)
