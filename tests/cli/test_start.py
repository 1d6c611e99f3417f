"""Opening the window from the command line: only its own options are read, and the commands' modules
(documents, packages, the review) are not imported for it."""

import os
import subprocess
import sys

import pytest

from emulation_desktop import main as entry

# Modules a plain start of the window must not wait for: they serve commands or other tabs.
NOT_AT_START = (
    "emulation_desktop.reports.registry",
    "emulation_desktop.exchange.cli_commands",
    "emulation_desktop.review.cli_commands",
    "emulation_desktop.ui.documents_tab",
    "emulation_desktop.ui.exchange_tab",
    "emulation_desktop.ui.review",
    "emulation_desktop.ui.record_editor",
    "reportlab",
    "openpyxl",
    "pypdf",
    "cryptography",
)

START = """
import atexit, sys
from emulation_desktop.main import main
atexit.register(lambda: print("LOADED", *sorted(name for name in {names!r} if name in sys.modules)))
sys.exit(main(["--data-dir", sys.argv[1]]))
"""


def test_the_window_options_alone_are_read_by_the_window_parser():
    args = entry.window_args(["--lang", "en", "--data-dir", "D"])
    assert args is not None and (args.data_dir, args.lang) == ("D", "en")
    plain = entry.window_args([])
    assert plain is not None and getattr(plain, "data_dir", None) is None and plain.lang is None


@pytest.mark.parametrize(
    "argv",
    [
        ["demo"],
        ["--data-dir", "D", "check"],
        ["check", "--data-dir", "D"],
        ["--help"],
        ["-h"],
        ["--version"],
        ["--lang", "xx"],
        ["--data-dir"],
        ["--no-such-option"],
    ],
)
def test_anything_else_goes_to_the_full_parser(argv):
    assert entry.window_args(argv) is None


def test_a_wrong_language_is_still_refused_with_exit_code_2(data_dir):
    result = subprocess.run(
        [sys.executable, "-m", "emulation_desktop", "--data-dir", str(data_dir), "--lang", "xx"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "--lang" in result.stderr


def test_opening_the_window_imports_none_of_the_commands_or_other_tabs(data_dir, tmp_path):
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "EMULATION_DESKTOP_QUIT_AFTER_MS": "300",  # the window opens, then closes itself
        "HOME": str(tmp_path / "home"),
        "XDG_CONFIG_HOME": str(tmp_path / "home" / ".config"),
    }
    result = subprocess.run(
        [sys.executable, "-c", START.format(names=NOT_AT_START), str(data_dir)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "smoke: window shown" in result.stdout
    loaded = next(line for line in result.stdout.splitlines() if line.startswith("LOADED"))
    assert loaded.split()[1:] == []


def test_the_window_starts_with_the_collector_paused_and_a_command_runs_with_it(monkeypatch, data_dir):
    """``main`` pauses Python's cycle collector first (emulation_desktop/collector.py): the window
    resumes it on its first turn (tests/ui/test_after_first_paint.py), a command before it runs."""
    import gc

    from emulation_desktop import cli, collector
    from emulation_desktop.ui import app as ui_app

    seen: dict[str, bool] = {}

    def record(what: str) -> int:
        seen[what] = gc.isenabled()
        return 0

    monkeypatch.setattr(ui_app, "run", lambda *args, **kwargs: record("window"))
    monkeypatch.setattr(cli, "run_command", lambda args: record("command"))
    try:
        assert entry.main(["--data-dir", str(data_dir)]) == 0
        assert seen["window"] is False
        collector.resume()  # what the window's first turn does
        assert gc.isenabled()
        assert entry.main(["--data-dir", str(data_dir), "check"]) == 0
        assert seen["command"] is True
    finally:
        collector.resume()
        gc.unfreeze()  # main leaves the window's objects to the operating system at exit (gc.freeze)
    assert gc.isenabled()
