"""`srn-tui tour`: play a guided tour in the app, list the built-in ones, or record one SVG per step;
`srn-tui tours` lists them.

Reading and checking the tour is headless (srn_tui/tours); the app (or the headless recording) is
imported only after that, so a bad file is one line and exit 2 before Textual loads.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import TextIO

from ..printable import printable
from ..text.problems import Reason
from .arguments import EXIT_OK, Command, UsageError, lang_of

DEFAULT_RECORD_SIZE = (100, 30)
PROJECTOR_RECORD_SIZE = (60, 20)  # what a projector's zoom leaves


def _size(text: str) -> tuple[int, int]:
    m = re.fullmatch(r"(\d{2,3})x(\d{2,3})", text)
    if not m or not (60 <= int(m.group(1)) <= 400 and 20 <= int(m.group(2)) <= 200):
        raise argparse.ArgumentTypeError(f"WIDTHxHEIGHT from 60x20 to 400x200, found '{printable(text, 20)}'")
    return int(m.group(1)), int(m.group(2))


def _language(parser: argparse.ArgumentParser, what: str = "the captions, the app and its error lines") -> None:
    # `srn-tui --lang zh tour seed` and `srn-tui tour seed --lang zh` both work (SUPPRESS keeps the first)
    parser.add_argument(
        "--lang",
        choices=("en", "zh"),
        default=argparse.SUPPRESS,
        help=f"language of {what} (default: from LANG)",
    )


def _list_language(parser: argparse.ArgumentParser) -> None:
    _language(parser, "the listed titles")


def add_arguments(tour: argparse.ArgumentParser) -> None:
    tour.add_argument(
        "name", nargs="?", metavar="NAME", help="a built-in tour (see --list); give NAME or --file (default: none)"
    )
    tour.add_argument("--file", metavar="FILE", help="a tour file of your own (.toml), instead of NAME (default: none)")
    tour.add_argument(
        "--list", action="store_true", help="list the built-in tours with their step counts (default: off)"
    )
    tour.add_argument(
        "--record",
        metavar="DIR",
        help="write one SVG screenshot per step into DIR (created if missing) instead of playing the tour "
        "(default: play it in the app)",
    )
    tour.add_argument(
        "--size",
        type=_size,
        default=None,
        metavar="WxH",
        help=f"terminal size of the recording (default: {DEFAULT_RECORD_SIZE[0]}x{DEFAULT_RECORD_SIZE[1]}, "
        f"{PROJECTOR_RECORD_SIZE[0]}x{PROJECTOR_RECORD_SIZE[1]} with --projector)",
    )
    # `srn-tui --projector tour seed` and `srn-tui tour seed --projector` both work (as --lang)
    tour.add_argument(
        "--projector",
        action="store_true",
        default=argparse.SUPPRESS,
        help="play (or record) the tour in projector mode: large digits, high contrast, the caption in its "
        "own panel, readable at 60x20 (default: off)",
    )
    _language(tour)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from ..text.tours import tour_word
    from ..tours import BUILTIN, builtin_tour, load_tour_file

    lang = lang_of(args)
    if args.command == "tours" or args.list:
        for name in BUILTIN:
            tour = builtin_tour(name)
            count = tour_word(lang, "steps", n=f"{len(tour.steps):>2}")
            out.write(f"{name:<13} {count:<9} {tour.title[lang]}\n")
        return EXIT_OK
    if (args.name is None) == (args.file is None):
        raise UsageError("tour_name_or_file")
    tour = builtin_tour(args.name) if args.name is not None else load_tour_file(args.file)
    projector = getattr(args, "projector", False)
    if args.record is not None:
        folder = _record_folder(args.record)
        from ..ui import record_tour  # Textual, run headless

        size = args.size or (PROJECTOR_RECORD_SIZE if projector else DEFAULT_RECORD_SIZE)
        paths = record_tour(tour, lang, folder, size, projector)
        out.write(f"wrote {len(paths)} SVG files, one per step, to {printable(str(folder))}\n")
        return EXIT_OK
    if not (sys.stdin is not None and sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError("tour_needs_terminal")
    from ..tours.format import open_lesson
    from ..ui import run_app  # Textual is imported only here

    return run_app(open_lesson(tour.steps[0].lesson), lang, None, tour, projector)


def _record_folder(text: str) -> Path:
    """The folder to record into, created if missing; one line (exit 2) if it cannot be written."""
    folder = Path(text)
    shown = printable(text)
    if folder.exists() and not folder.is_dir():
        raise UsageError("record_not_folder", path=shown)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".srn-tui-probe-"):
            pass
    except OSError as exc:
        raise UsageError("record_cannot_write", path=shown, reason=Reason(exc.strerror or str(exc))) from None
    if not os.access(folder, os.W_OK):
        raise UsageError("record_not_writable", path=shown)
    return folder


COMMAND = Command(
    "tour",
    help="play a guided tour of a lesson (tour --list shows them)",
    description="Play a guided tour in the app: PgDn/Space/Right next step, PgUp/Left back, Escape leaves "
    "the tour and keeps the app where it is. With --projector, in projector mode (F5 switches during the tour). "
    "With --record DIR, writes one SVG per step instead (no terminal needed).",
    run=run,
    add_arguments=add_arguments,
    reads_lesson=False,
)
LIST_COMMAND = Command(
    "tours",
    help="list the built-in tours",
    description="List the built-in tours with their step counts.",
    run=run,
    add_arguments=_list_language,
    reads_lesson=False,
)
