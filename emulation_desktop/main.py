"""The program's entry point: open the window, or run a command of the command line.

A plain start (no command, only ``--data-dir`` and ``--lang``) is read by a parser of those options
alone, so the window does not wait for the full parser and the commands' modules. A lone file given by
the file manager (a data package) opens in the window.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from emulation_desktop import collector
from emulation_desktop.locale.i18n import LANGUAGES, set_language


class _NotTheWindow(Exception):
    """The arguments are more than the window's options: the full parser reads them."""


class _WindowParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _NotTheWindow(message)


def window_parser() -> argparse.ArgumentParser:
    """The window's two options as the command line declares them (``cli.common_options``,
    ``cli.add_lang``; tests/ui/test_start_options.py holds them equal), written here so that a clerk's
    start does not import the command line's module (benchmarks/README.md, ``ui_startup``)."""
    parser = _WindowParser(prog="emulation-desktop", add_help=False)
    parser.add_argument("--data-dir", default=argparse.SUPPRESS)
    parser.add_argument("--lang", choices=LANGUAGES)
    return parser


def window_args(argv: Sequence[str]) -> argparse.Namespace | None:
    """The options of a plain start of the window (``--data-dir``, ``--lang``), or None when ``argv``
    holds anything else (a command, ``--help``, ``--version``, a mistake) for the full parser to read."""
    try:
        args, rest = window_parser().parse_known_args(argv)
    except _NotTheWindow:
        return None
    return None if rest else args


def package_to_open(argv: Sequence[str]) -> str | None:
    """A lone existing file with an extension (no command has a dot): a data package opened from Explorer."""
    if len(argv) == 1 and not argv[0].startswith("-") and Path(argv[0]).suffix and Path(argv[0]).is_file():
        return argv[0]
    return None


def main(argv: Sequence[str] | None = None) -> int:
    collector.pause()  # until the window's first turn, or until a command starts (see collector.py)
    argv = sys.argv[1:] if argv is None else list(argv)
    package = package_to_open(argv)
    if package is not None:
        from emulation_desktop.ui.app import run

        return _closed(run(None, open_file=package))
    window = window_args(argv)
    if window is not None:
        from emulation_desktop.ui.app import run

        if window.lang:
            set_language(window.lang)
        return _closed(run(getattr(window, "data_dir", None), language=window.lang))
    from emulation_desktop import cli

    args = cli.parse(argv)
    if args.command is None:
        from emulation_desktop.ui.app import run

        return _closed(run(getattr(args, "data_dir", None), language=args.lang))
    _utf8_output()
    collector.resume()
    try:
        code = cli.run_command(args)
        sys.stdout.flush()
    except BrokenPipeError:
        # ``emulation-desktop indicators | head``: the reader has all it wanted. Python would print
        # "Broken pipe" at exit while flushing, so stdout is pointed at nothing first.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    return code


def _closed(code: int) -> int:
    """The window has closed: its data is saved, backed up if it changed, the file and the lock are
    released, and the process ends. Python's exit would still walk every object the window left (Qt's
    wrappers, SQLAlchemy's classes) with its cycle collector, more than once: frozen, they are left to
    the operating system, as everything else is at exit. Exit handlers still run (logs flushed)."""
    gc.freeze()
    return code


def _utf8_output() -> None:
    """Commands print Vietnamese. Output redirected to a file under a legacy code page (cp1252 on an
    English Windows, PYTHONIOENCODING) cannot hold it, and a command must never fail for its output:
    write UTF-8 whatever the locale, replacing what cannot be written."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(encoding="utf-8", errors="replace")
