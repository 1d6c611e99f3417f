"""The command line as a user runs it, for every test that needs it: a real process on a real data
folder, in Vietnamese. Importable from any test module as ``from run_cli import cli`` (pytest puts
``tests/`` on ``sys.path`` for the rootdir conftest, which has no package above it)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def cli(*args: object, data_dir: Path | str, check: bool = False) -> subprocess.CompletedProcess[str]:
    """``python -m emulation_desktop --data-dir DATA_DIR ARGS...`` (arguments may be paths or numbers);
    ``check``: fail the test unless it exits 0."""
    result = subprocess.run(
        [sys.executable, "-m", "emulation_desktop", "--data-dir", str(data_dir), *map(str, args)],
        capture_output=True,
        text=True,
        env={**os.environ, "EMULATION_DESKTOP_LANG": "vi"},
        timeout=600,
    )
    if check:
        assert result.returncode == 0, (args, result.stdout, result.stderr)
    return result


def window_process(code: str, *args: object, home: Path) -> subprocess.CompletedProcess[str]:
    """``python -c CODE ARGS...`` for a test that starts the window in a process of its own: offscreen,
    with ``home`` as its HOME and configuration folder, so no real settings are read or written."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "cfg"),
    }
    return subprocess.run(
        [sys.executable, "-c", code, *map(str, args)], env=env, capture_output=True, text=True, timeout=120
    )
