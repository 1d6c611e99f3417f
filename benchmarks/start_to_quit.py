"""start_to_quit: the whole process, from start to a window and back out, with no edit.

Core: ``python -m emulation_desktop --data-dir D`` over the demo data, with
``EMULATION_DESKTOP_QUIT_AFTER_MS=1`` (``ui/smoke.py``): the window opens as it does for a clerk, and at
the first turn of its event loop it is closed the ordinary way (``close()``: the close handler runs,
settings are remembered, the closing backup is decided) and the process ends. Nothing was edited, so
the quit must take no backup: the run fails if a timed run leaves one.

Baseline: a ``python -c`` process that makes a QApplication and a bare QMainWindow of the same size,
shows it and closes it at its first event-loop turn the same way, then exits.

Each side is the wall time from spawning the process to reaping it, and the child's own CPU time (its
rusage). The environment is ui_startup's: offscreen, HOME and XDG_* in a temporary folder, compiled
bytecode and catalogs, one untimed warm-up run of each side (which takes the demo folder's first
backup and fills the settings, as a returning clerk's folder has them).

The same core on an empty data folder (a new one for each run: the data file is made at that start,
and the set-up assistant is offered) is timed too, after the pair, and reported beside the ratio
(``params.empty_folder``), against the baseline's median.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.harness import Outcome, Sample, Scale, compare
from benchmarks.ui_startup import ROOT, compiled_catalogs, environment, make_demo_folder

NAME = "start_to_quit"
TARGET = 2.5
TIMEOUT_S = 120
SMOKE_MARK = "smoke: window shown, closing (visible=True)"
ENV_QUIT_AFTER_MS = "EMULATION_DESKTOP_QUIT_AFTER_MS"

BASELINE_CODE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1366, 740)
window.show()

def finish():
    print("smoke: window shown, closing (visible=%s)" % window.isVisible(), flush=True)
    window.close()
    app.quit()

QTimer.singleShot(1, finish)
sys.exit(app.exec())
"""


def _spawn(command: list[str], env: dict[str, str]) -> tuple[Sample, str]:
    """Run ``command`` to its end; ((wall seconds, the child's CPU seconds), its output)."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        out, err = process.communicate(timeout=TIMEOUT_S)
    except BaseException:
        process.kill()
        process.wait()
        raise
    wall = time.perf_counter() - start
    if process.returncode != 0:
        raise RuntimeError(
            f"{command[1:3]} exited with {process.returncode}:\n{err.decode(errors='replace')[-2000:]}"
        )
    return (wall, _child_cpu(process)), out.decode(errors="replace")


_cpu_seen = 0.0


def _child_cpu(process: subprocess.Popen[bytes]) -> float:
    """The CPU seconds of the child just reaped (children are reaped one at a time here)."""
    import resource

    global _cpu_seen
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    total = usage.ru_utime + usage.ru_stime
    cpu, _cpu_seen = total - _cpu_seen, total
    return cpu


def _backups(folder: Path) -> list[str]:
    return sorted(p.name for p in (folder / "backups").glob("backup-*.sqlite3"))


def run(scale: Scale, repeat: int, log: Callable[[str], None]) -> Outcome:
    scratch = Path(tempfile.mkdtemp(prefix="emud-bench-quit-"))
    try:
        home = scratch / "home"
        (home / "runtime").mkdir(parents=True)
        (home / "runtime").chmod(0o700)
        env = {**environment(home), ENV_QUIT_AFTER_MS: "1"}
        compiled_catalogs(log)
        folder = make_demo_folder(scratch / "data", env, log)
        core_command = [sys.executable, "-m", "emulation_desktop", "--data-dir", str(folder)]
        baseline_command = [sys.executable, "-c", BASELINE_CODE]
        _child_cpu_reset()

        def core(i: int) -> Sample:
            sample, out = _spawn(core_command, env)
            if SMOKE_MARK not in out:
                raise RuntimeError(f"the window was not shown before it closed:\n{out[-2000:]}")
            return sample

        def baseline(i: int) -> Sample:
            sample, out = _spawn(baseline_command, env)
            if SMOKE_MARK not in out:
                raise RuntimeError(f"the bare window was not shown before it closed:\n{out[-2000:]}")
            return sample

        # Untimed warm-up: bytecode, OS caches, settings, and the demo folder's first backup.
        warm_core, warm_base = core(-1), baseline(-1)
        log(f"  warm-up: core {warm_core[0] * 1000:.0f} ms, baseline {warm_base[0] * 1000:.0f} ms (untimed)")
        kept_before = _backups(folder)
        core_side, base_side = compare(
            repeat,
            (
                "python -m emulation_desktop --data-dir demo, closed at its first event-loop turn, to exit",
                core,
            ),
            ("python -c: QApplication + bare QMainWindow shown, closed at its first turn, to exit", baseline),
            log,
        )
        taken = sorted(set(_backups(folder)) - set(kept_before))
        if taken:
            raise RuntimeError(f"a quit with nothing changed took a backup: {taken}")

        empty: list[float] = []
        for i in range(repeat):
            fresh = scratch / f"empty-{i}"
            (wall, _cpu), _out = _spawn([*core_command[:-1], str(fresh)], env)
            empty.append(wall)
            shutil.rmtree(fresh, ignore_errors=True)
        empty_ms = statistics.median(empty) * 1000
        log(f"  empty folder (a new data file each run): median {empty_ms:.0f} ms")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return Outcome(
        NAME,
        "process start to the window and back out, no edit, over the demo data, vs a bare QMainWindow process",
        core_side,
        base_side,
        TARGET,
        {
            "quit_after_ms": 1,
            "measured_to": "the child reaped (its exit), from its spawn",
            "backups_taken_by_timed_runs": 0,
            "cpu_is": "the child's own user + system CPU (rusage)",
            "empty_folder": {
                "median_ms": round(empty_ms, 1),
                "runs_ms": [round(s * 1000, 1) for s in empty],
                "ratio_to_baseline_median": round(empty_ms / base_side.median_ms, 2),
                "what": "the same core on a new empty folder each run: the data file is created at that "
                "start and the set-up assistant offered (a first start, once per office)",
            },
            "platform": "offscreen",
        },
    )


def _child_cpu_reset() -> None:
    import resource

    global _cpu_seen
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    _cpu_seen = usage.ru_utime + usage.ru_stime
