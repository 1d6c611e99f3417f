"""SIGKILL at evenly spread moments of ``demo`` (on an empty folder) and of ``backup --out`` (issue #15).

Each command is first run whole to measure it: when its first file appears (the scratch data file, the
``.part`` copy) and when it ends. The moments are spread evenly over that time of work, counted from
the first file of each run: counted from the start, most of them would fall into Python's start-up,
which writes nothing and whose length varies by seconds on a busy machine. For each moment a fresh
run is killed with SIGKILL. After each kill the data folder must be
usable: it holds a file that opens and passes ``check``, or no data file at all, so that ``demo`` runs
again and succeeds. Scratch files a kill leaves (a half-built ``.new-<pid>`` data file, a ``.part``
copy) must be gone after the next run, and no ``-journal`` or temporary file may stay anywhere.
N is 5 by default and 30 with ``--slow``; ``-s`` prints the figures (docs/reliability.md).
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from run_cli import cli

from emulation_desktop import paths

SCRATCH = (".part", ".new-", ".restoring-", "-journal", ".tmp-")


def _moments(request) -> int:
    return 30 if request.config.getoption("--slow") else 5  # CI time: each moment is a run and its recovery


def _argv(data_dir: Path, *args: object) -> list[str]:
    return [sys.executable, "-m", "emulation_desktop", "--data-dir", str(data_dir), *map(str, args)]


def _measure(argv: list[str], watched: Path) -> tuple[float, float]:
    """Run ``argv`` whole; return (seconds until a file first appears in ``watched``, total seconds)."""
    started = time.monotonic()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    first = None
    while process.poll() is None:
        if first is None and watched.exists() and any(watched.iterdir()):
            first = time.monotonic() - started
        time.sleep(0.005)
    total = time.monotonic() - started
    assert process.returncode == 0, process.stderr.read()
    return (first if first is not None else 0.0), total


def _spread(first: float, total: float, moments: int) -> list[float]:
    """Offsets after the first file appears, evenly over the rest of the run (the first at 0)."""
    return [(total - first) * i / moments for i in range(moments)]


def _kill_at(offset: float, argv: list[str], watched: Path) -> bool:
    """Start ``argv``; SIGKILL it ``offset`` seconds after its first file appears in ``watched`` (timed
    from there, not from the start: Python's start-up time varies by seconds on a busy machine).
    True when it was still running."""
    process = subprocess.Popen(
        argv,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "EMULATION_DESKTOP_LANG": "vi"},
    )
    while process.poll() is None and not (watched.exists() and any(watched.iterdir())):
        time.sleep(0.002)
    time.sleep(offset)
    alive = process.poll() is None
    process.send_signal(signal.SIGKILL)
    process.wait()  # reaped: its scratch files now belong to a process that has ended
    return alive


def _whole(copy: Path) -> bool:
    """SQLite's quick_check on a copy, read as it is (nothing written beside it)."""
    connection = sqlite3.connect(f"{copy.absolute().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        return connection.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    except sqlite3.DatabaseError:
        return False
    finally:
        connection.close()


def _scratch(*folders: Path) -> list[str]:
    return [
        str(path)
        for folder in folders
        if folder.exists()
        for path in folder.rglob("*")
        if any(mark in path.name for mark in SCRATCH)
    ]


def _report(name: str, kills: int, moments: list[float], unusable: list, left: list, found: int):
    print(
        f"\n{name}: {kills} kills (of {len(moments)} moments, {moments[0]:.2f} s to {moments[-1]:.2f} s after "
        "its first file appeared), "
        f"{len(unusable)} unusable, {len(left)} leftovers after the next run "
        f"({found} scratch files found right after a kill, all removed by the next run)"
    )


def test_kill_demo_at_spread_moments(request, tmp_path):
    moments = _moments(request)
    measured = tmp_path / "measure"
    measured.mkdir()
    first, duration = _measure(_argv(measured, "demo"), measured)
    unusable, left, found, kills = [], [], 0, 0
    spread = _spread(first, duration, moments)
    for i, moment in enumerate(spread):
        folder = tmp_path / f"kill-{i}"
        folder.mkdir()
        kills += _kill_at(moment, _argv(folder, "demo"), folder)
        found += len(_scratch(folder))
        if paths.database_path(folder).exists():
            outcome = cli("check", data_dir=folder)  # a demo cut short is fine, a damaged file is not
        else:
            outcome = cli("demo", data_dir=folder)  # nothing half-built: the demo simply runs again
        if outcome.returncode != 0:
            unusable.append((i, outcome.stdout, outcome.stderr))
        left += _scratch(folder)
        shutil.rmtree(folder)
    _report("demo", kills, spread, unusable, left, found)
    assert unusable == [] and left == []
    assert kills >= moments // 2  # the moments lie inside the run (a faster run may end first)


def test_kill_backup_at_spread_moments(request, tmp_path, demo_dir):
    moments = _moments(request)
    data = tmp_path / "data"
    shutil.copytree(demo_dir, data)
    stick = tmp_path / "stick"
    target = stick / "copy.sqlite3"
    stick.mkdir()
    for _run in range(3):  # the last of three: the first ones are slower (cold caches)
        first, duration = _measure(_argv(data, "backup", "--out", target), stick)
        target.unlink()
    unusable, left, found, kills = [], [], 0, 0
    spread = _spread(first, duration, moments)
    for i, moment in enumerate(spread):
        kills += _kill_at(moment, _argv(data, "backup", "--out", target), stick)
        found += len(_scratch(stick, data))
        if target.exists() and not _whole(target):
            unusable.append((i, "a copy was put in place unchecked"))
        checked = cli("check", data_dir=data)
        again = cli("backup", "--out", target, data_dir=data)  # removes a partial copy of the last run
        if checked.returncode != 0 or again.returncode != 0 or not _whole(target):
            unusable.append((i, checked.stdout, checked.stderr, again.stderr))
        left += _scratch(stick, data)
        target.unlink(missing_ok=True)
    _report("backup --out", kills, spread, unusable, left, found)
    assert unusable == [] and left == []
    assert kills >= moments // 2
