"""Scratch files: the copies and new files built under a temporary name and renamed into place once
whole. Each name carries the id of the process that writes it, so a later run removes the ones whose
process has ended (killed, or a power cut) and never one that another running copy is still writing."""

from __future__ import annotations

import contextlib
import logging
import os
import re
from pathlib import Path

log = logging.getLogger(__name__)


def tagged(path: Path, mark: str) -> Path:
    """``path`` plus ``.<mark>-<pid>``: this process's scratch file for it."""
    return path.with_name(f"{path.name}.{mark}-{os.getpid()}")


def pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name == "nt":  # pragma: no cover - Windows refuses to delete a file a live process holds open
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists but is not ours to signal
    return True


def remove_dead(folder: Path, name_pattern: str) -> list[Path]:
    """Remove the files of ``folder`` whose name matches ``name_pattern`` (a regular expression whose
    first group is the writer's process id) when that process has ended; with their journals."""
    pattern = re.compile(name_pattern)
    removed = []
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    for name in names:
        match = pattern.match(name)
        if match and not pid_alive(int(match.group(1))):
            with contextlib.suppress(OSError):
                os.unlink(folder / name)
                removed.append(folder / name)
    if removed:
        log.info("removed scratch files of an interrupted run: %s", [p.name for p in removed])
    return removed
