"""One running copy of the app per data folder.

The operating system holds the lock (filelock: fcntl on Linux/macOS, msvcrt on Windows), so a crash
releases it by itself: a lock file left behind by a dead process is simply taken over, with no dialog.
A small JSON beside it says who holds the lock, for a friendly message to the second copy.
"""

from __future__ import annotations

import json
import os
import socket
from datetime import datetime
from pathlib import Path

from filelock import FileLock, Timeout

from emulation_desktop.errors import AppError
from emulation_desktop.locale.i18n import _

LOCK_NAME = "emulation.lock"
INFO_NAME = "emulation.lock.json"


class AlreadyOpenError(AppError):
    """Another copy of the app has this data folder open."""

    exit_code = 2

    def __init__(self, message: str, holder: dict[str, object]) -> None:
        super().__init__(message)
        self.holder = holder


class InstanceLock:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._lock = FileLock(str(folder / LOCK_NAME), timeout=0)
        self.recovered_stale = False

    def acquire(self) -> InstanceLock:
        info_path = self.folder / INFO_NAME
        try:
            self._lock.acquire()
        except Timeout:
            holder = _read(info_path)
            raise AlreadyOpenError(
                _(
                    "The data is already open in another window of the application (since {since}). "
                    "Use that window, or close it first."
                ).format(since=holder.get("since", "?")),
                holder,
            ) from None
        # We hold the OS lock; an info file still present means the last holder died without closing.
        self.recovered_stale = info_path.exists()
        info_path.write_text(
            json.dumps(
                {
                    "pid": os.getpid(),
                    "host": socket.gethostname(),
                    "since": datetime.now().strftime("%H:%M %d/%m/%Y"),
                }
            ),
            encoding="utf-8",
        )
        return self

    def release(self) -> None:
        if self._lock.is_locked:
            (self.folder / INFO_NAME).unlink(missing_ok=True)
            self._lock.release()

    def __enter__(self) -> InstanceLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


def _read(path: Path) -> dict[str, object]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
