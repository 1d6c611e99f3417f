"""The one safe way to write a file to a USB stick (docs/architecture.md, Packages), for PDFs now and data packages later.

1. Write a temporary file in the target folder, flush and fsync it, and read it back: its SHA-256 must
   match what we meant to write.
2. Rename it over the final name (``os.replace``, atomic on one file system) and fsync the folder.
3. Read the final file back and compare the hash again.

A full disk, a read-only stick, a pulled stick or a failed check raises :class:`ExportError` with a
plain Vietnamese message. No temporary file is left behind, and a file that already had the name is
left as it was unless the new one was completely written and checked.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path

from emulation_desktop.domain.file_messages import FULL, IN_USE, OTHER, VANISHED, VERIFY, held_open
from emulation_desktop.domain.file_messages import cannot_save as message_for
from emulation_desktop.domain.file_messages import write_failure as classify
from emulation_desktop.domain.text import ascii_filename, is_device_name
from emulation_desktop.errors import AppError, InputError
from emulation_desktop.locale.i18n import _

CHUNK = 1 << 20
MAX_NAME = 64
TEMP_PREFIX = ".tmp-"
_SAFE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")

# Why a write failed, and the words the clerk hears for it, live with the other file messages so the
# backup (a lower layer) says the same words.


class ExportError(AppError):
    """Saving to the chosen folder failed; nothing partial was left there."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class SavedFile:
    path: Path
    size: int
    sha256: str


def safe_filename(name: str) -> str:
    """A short, safe ASCII file name: kept as given when already safe, else rebuilt from its title
    ("Báo cáo tổng kết 2022.pdf" → "bao-cao-tong-ket-2022.pdf")."""
    base = os.path.basename(name.strip())
    if _SAFE.match(base) and len(base) <= MAX_NAME and not is_device_name(base) and not base.endswith("."):
        return base
    stem, suffix = os.path.splitext(base)
    suffix = suffix.lower() if re.fullmatch(r"\.[A-Za-z0-9]{1,8}", suffix) else ""
    return ascii_filename(stem or "file", max_length=MAX_NAME - len(suffix)) + suffix


def output_target(
    out: str | os.PathLike[str], suffix: str, default_name: str | None = None
) -> tuple[Path, str]:
    """Where ``--out`` asks a file to go: into an existing folder under ``default_name`` (when the
    command has one), or as the file named, which must end in ``suffix`` and sit in a folder that
    exists. A mistyped folder is refused (exit 2), not created: on a stick that was pulled out it
    would land on the PC instead."""
    target = Path(out)
    if target.is_dir() and default_name is not None:
        return target, default_name
    if target.is_dir() or target.suffix.lower() != suffix:
        raise InputError(_("The output file must end in {suffix}.").format(suffix=suffix))
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(_("The folder “{folder}” does not exist.").format(folder=folder))
    return folder, target.name


def _fail(reason: str, folder: Path, name: str, detail: str = "") -> ExportError:
    return ExportError(reason, message_for(reason, folder, name, detail))


def _sha256_of(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        while True:
            block = os.read(fd, CHUNK)
            if not block:
                break
            digest.update(block)
            size += len(block)
    finally:
        os.close(fd)
    return digest.hexdigest(), size


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return  # Windows has no directory handles to fsync; the rename is flushed with the volume
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            raise
    finally:
        os.close(fd)


def _remove_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view[:CHUNK])
        view = view[written:]
    os.fsync(fd)


def _write_then_name(folder: Path, temp: Path, data: bytes) -> bool:
    """Write ``data`` into a file with no name yet (Linux's O_TMPFILE) and give it the name ``temp`` only
    once it is whole and on disk, so that a process killed while writing leaves nothing behind
    (docs/reliability.md, the kill sweeps). False where the system or the file system has no such file
    (Windows, a FAT stick): the caller then writes ``temp`` by name from the start."""
    flag = getattr(os, "O_TMPFILE", None)
    if flag is None or not os.path.isdir("/proc/self/fd"):
        return False
    try:
        fd = os.open(folder, flag | os.O_WRONLY, 0o644)
    except OSError:
        return False
    try:
        _write_all(fd, data)  # a full disk raises here, as the named way would
        folder_fd = os.open(folder, os.O_RDONLY)
        try:
            # linkat with AT_SYMLINK_FOLLOW (a plain link() of the /proc entry fails with EXDEV).
            os.link(f"/proc/self/fd/{fd}", temp.name, dst_dir_fd=folder_fd, follow_symlinks=True)
        except OSError:
            return False
        finally:
            os.close(folder_fd)
    finally:
        os.close(fd)
    return True


def safe_write(folder: str | os.PathLike[str], name: str, data: bytes) -> SavedFile:
    """Write ``data`` as ``folder/name`` (name made safe ASCII first) the safe way; see the module doc."""
    target_dir = Path(folder)
    filename = safe_filename(name)
    if not target_dir.is_dir():
        raise _fail(VANISHED, target_dir, filename)
    expected = hashlib.sha256(data).hexdigest()
    try:
        free = shutil.disk_usage(target_dir).free
    except OSError:
        free = None
    if free is not None and free < len(data) + 64 * 1024:
        raise _fail(FULL, target_dir, filename)

    target = target_dir / filename
    temp = target_dir / f"{TEMP_PREFIX}{secrets.token_hex(4)}-{filename}"[:255]
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    renamed = False
    try:
        if not _write_then_name(target_dir, temp, data):
            fd = os.open(temp, flags, 0o644)
            try:
                _write_all(fd, data)
            finally:
                os.close(fd)
        digest, size = _sha256_of(temp)
        if digest != expected or size != len(data):
            raise _fail(VERIFY, target_dir, filename)
        try:
            os.replace(temp, target)
        except PermissionError as exc:
            # The folder took the temporary file, so it is writable: Windows refuses to replace a file
            # another program holds open (a PDF still shown in a reader), or the old file is read-only.
            if target.exists() and held_open(exc):
                raise _fail(IN_USE, target_dir, filename) from exc
            raise
        renamed = True
        _fsync_dir(target_dir)
        digest, size = _sha256_of(target)
        if digest != expected or size != len(data):
            _remove_quietly(target)
            raise _fail(VERIFY, target_dir, filename)
    except ExportError:
        if not renamed:
            _remove_quietly(temp)
        raise
    except OSError as exc:
        if not renamed:
            _remove_quietly(temp)
        reason = classify(exc)
        if reason == OTHER and not target_dir.is_dir():
            reason = VANISHED
        raise _fail(reason, target_dir, filename, exc.strerror or str(exc)) from exc
    return SavedFile(target, len(data), expected)


def safe_to_remove_message(saved: SavedFile) -> str:
    """What to tell the clerk once the file is saved and checked."""
    return _("Saved and checked: “{path}”. You can now remove the USB stick safely.").format(path=saved.path)
