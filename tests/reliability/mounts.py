"""Real read-only and real full disks for the command line, without touching the machine's mounts.

A command runs in a private mount namespace (``unshare -m`` as root, ``unshare -rm`` in an unprivileged
user namespace otherwise) where one folder is bind-mounted onto itself read-only, or replaced by a tiny
tmpfs: SQLite then meets EROFS or ENOSPC from the kernel itself, which no Python-level injection can
give it. The mounts vanish with the process. Where namespaces are not allowed the tests are skipped.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

LISTING = "@@listing@@"


@functools.cache
def _prefix() -> tuple[str, ...] | None:
    if not sys.platform.startswith("linux") or shutil.which("unshare") is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        probe = 'mount -t tmpfs -o size=64k tmpfs "$0" && mount -o remount,ro "$0" && ! touch "$0/x"'
        for prefix in (("unshare", "-m"), ("unshare", "-rm")):
            result = subprocess.run([*prefix, "sh", "-c", probe, folder], capture_output=True, timeout=30)
            if result.returncode == 0:
                return prefix
    return None


def needs_mounts() -> None:
    if _prefix() is None:
        pytest.skip("no private mount namespace here (unshare -m / -rm refused)")


def _cli_argv(data_dir: Path, args: tuple[object, ...]) -> list[str]:
    return [sys.executable, "-m", "emulation_desktop", "--data-dir", str(data_dir), *map(str, args)]


def _run(setup: str, folder: Path, argv: list[str]) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """Run ``argv`` after ``setup`` (a shell line over "$0", the folder); return it and the folder's
    listing as the command left it (read inside the namespace: a tmpfs is gone afterwards)."""
    needs_mounts()
    script = f'{setup} || exit 97; "$@"; rc=$?; echo {LISTING}; ls -A "$0"; exit $rc'
    result = subprocess.run(
        [*_prefix(), "sh", "-c", script, str(folder), *argv],  # type: ignore[misc]
        capture_output=True,
        text=True,
        env={**os.environ, "EMULATION_DESKTOP_LANG": "vi"},
        timeout=600,
    )
    assert result.returncode != 97, result.stderr
    stdout, _sep, listing = result.stdout.partition(LISTING + "\n")
    result.stdout = stdout
    return result, listing.split()


def run_on_read_only(folder: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """Any command with ``folder`` read-only."""
    return _run('mount --bind "$0" "$0" && mount -o remount,ro,bind "$0"', folder, list(argv))[0]


def cli_on_read_only(folder: Path, *args: object, data_dir: Path) -> subprocess.CompletedProcess[str]:
    """The command line with ``folder`` (the data folder, or a stick) read-only, as a locked stick or a
    read-only disk is: even root cannot write there."""
    return run_on_read_only(folder, *_cli_argv(data_dir, args))


def cli_on_small_disk(
    folder: Path, size_kib: int, *args: object, data_dir: Path
) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """The command line with ``folder`` replaced by an empty tmpfs of ``size_kib``: a full stick or disk.
    Returns the result and what the command left in that folder."""
    setup = f'mount -t tmpfs -o size={int(size_kib)}k tmpfs "$0"'
    return _run(setup, folder, _cli_argv(data_dir, args))
