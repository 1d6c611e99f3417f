"""The window's start reads its two options with a parser of its own (``main.window_parser``), so that
it need not import the command line; they must stay the command line's (``cli``)."""

from __future__ import annotations

import argparse

from emulation_desktop import cli, main


def _options(parser: argparse.ArgumentParser) -> dict[str, tuple[object, ...]]:
    return {
        action.dest: (tuple(action.option_strings), action.choices, action.default, action.nargs)
        for action in parser._actions
        if action.dest in ("data_dir", "lang")
    }


def test_the_window_reads_the_command_lines_options():
    full = argparse.ArgumentParser(add_help=False, parents=[cli.common_options()])
    cli.add_lang(full)
    assert _options(main.window_parser()) == _options(full)
    assert set(_options(full)) == {"data_dir", "lang"}


def test_a_plain_start_does_not_import_the_command_line():
    import subprocess
    import sys

    code = (
        "import sys; from emulation_desktop import main; "
        "assert main.window_args(['--data-dir', 'D', '--lang', 'vi']).data_dir == 'D'; "
        "print('emulation_desktop.cli' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
