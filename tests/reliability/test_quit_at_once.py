"""Quitting the moment the window shows (the session ends, the system shuts down: ``QApplication.quit``
on the first turn of the event loop), while the data file's full check has just started on its thread
(docs/reliability.md): the process ends cleanly every time. The check used to run on while Qt and the
interpreter were torn down, and about one quit in five ended in a segmentation fault."""

from __future__ import annotations

from pathlib import Path

from run_cli import cli, window_process

# The real entry point, with a quit armed for the event loop's first turn, as the benchmarks arm their
# marker (benchmarks/ui_startup.py).
QUIT_AT_ONCE = """
import sys
from emulation_desktop import main
from emulation_desktop.ui import app as ui_app
from emulation_desktop.ui.qt import QApplication, QTimer
opened = ui_app.open_window
def open_window(*args, **kwargs):
    window = opened(*args, **kwargs)
    QTimer.singleShot(0, QApplication.instance().quit)
    return window
ui_app.open_window = open_window
sys.exit(main.main(["--data-dir", sys.argv[1]]))
"""
RUNS = 12  # at one crash in five, twelve clean runs by chance: 7 %


def test_quitting_right_after_the_window_shows_never_crashes(tmp_path: Path) -> None:
    data = tmp_path / "data"
    cli("demo", data_dir=data, check=True)
    codes = [window_process(QUIT_AT_ONCE, data, home=tmp_path / "home").returncode for _ in range(RUNS)]
    assert codes == [0] * RUNS, codes
