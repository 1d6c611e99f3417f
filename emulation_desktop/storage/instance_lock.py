"""One running copy of the app per data folder.

The operating system holds the lock (``flock`` on Linux/macOS, ``msvcrt.locking`` on Windows), so a
crash releases it by itself: a lock file left behind by a dead process is simply taken over, with no
dialog. A small JSON beside it says who holds the lock, for a friendly message to the second copy.

The two system calls are used directly rather than through a locking package: this lock is taken at
every start, before the window opens, and the package's import cost more than the rest of this module.
"""

from __future__ import annotations

import errno
import json
import os
import sys
from datetime import datetime
from pathlib import Path

from emulation_desktop.errors import AppError
from emulation_desktop.locale.i18n import _
from emulation_desktop.storage import sqlite

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
        self._fd: int | None = None
        self.recovered_stale = False
        self.read_only = False

    @property
    def is_locked(self) -> bool:
        return self._fd is not None

    def acquire(self) -> InstanceLock:
        if self._fd is not None:
            return self
        if not sqlite.folder_writable(self.folder):
            # A read-only folder cannot hold the lock file, and needs none: no copy can write there,
            # and the data opens read-only (docs/reliability.md).
            self.read_only = True
            return self
        info_path = self.folder / INFO_NAME
        self._fd = _try_lock(self.folder / LOCK_NAME)
        if self._fd is None:
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
                    "host": _host_name(),
                    "since": datetime.now().strftime("%H:%M %d/%m/%Y"),
                }
            ),
            encoding="utf-8",
        )
        return self

    def release(self) -> None:
        fd, self._fd = self._fd, None  # forgotten first: a descriptor is never unlocked or closed twice
        if fd is not None:
            (self.folder / INFO_NAME).unlink(missing_ok=True)
            _unlock(fd)

    def __enter__(self) -> InstanceLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


# What the lock calls answer when another holder has the lock; anything else (a network drive without
# locks, say) is a real failure, not "already open".
_HELD = {errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES, getattr(errno, "EDEADLOCK", errno.EDEADLK)}


def _try_lock(path: Path) -> int | None:
    """An open descriptor holding the OS lock on ``path``, or None when another holder has it."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        if sys.platform == "win32":  # pragma: no cover - Windows only
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        os.close(fd)
        if exc.errno in _HELD:  # held by another process (or another descriptor of this one)
            return None
        raise AppError(
            _(
                "The data folder cannot be locked for this window ({detail}). "
                "Keep the data on this computer's own disk."
            ).format(detail=exc.strerror or exc)
        ) from exc
    return fd


def _unlock(fd: int) -> None:
    try:
        if sys.platform == "win32":  # pragma: no cover - Windows only
            import msvcrt

            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _host_name() -> str:
    """This computer's name, as ``socket.gethostname`` gives it: ``uname`` where there is one, else
    Windows' own variable. The socket module itself cost ~5 ms of every start (docs/startup.md)."""
    uname = getattr(os, "uname", None)
    return uname().nodename if uname is not None else os.environ.get("COMPUTERNAME", "")


def _read(path: Path) -> dict[str, object]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
