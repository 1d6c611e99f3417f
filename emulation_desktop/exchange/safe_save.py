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

from emulation_desktop.domain.text import ascii_filename, is_device_name
from emulation_desktop.errors import AppError, InputError
from emulation_desktop.locale.i18n import _

CHUNK = 1 << 20
MAX_NAME = 64
TEMP_PREFIX = ".tmp-"
_SAFE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")

# Why a write failed, as the clerk needs to hear it.
FULL, READ_ONLY, VANISHED, VERIFY, OTHER = "full", "read_only", "vanished", "verify", "other"
IN_USE = "in_use"  # the temporary file was written, but the old file could not be replaced

_FULL_ERRNOS = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", -1)}
_READ_ONLY_ERRNOS = {errno.EROFS, errno.EACCES, errno.EPERM}
_VANISHED_ERRNOS = {
    errno.ENOENT,
    errno.ENODEV,
    errno.ENXIO,
    errno.EIO,
    errno.ENOTDIR,
    getattr(errno, "ESTALE", -1),
    getattr(errno, "ENOMEDIUM", -1),
}
# Windows error codes (OSError.winerror) that errno does not say clearly.
_WIN_FULL = {39, 112}  # ERROR_HANDLE_DISK_FULL, ERROR_DISK_FULL
_WIN_READ_ONLY = {5, 19}  # ERROR_ACCESS_DENIED, ERROR_WRITE_PROTECT
_WIN_VANISHED = {2, 3, 15, 21, 55, 1006, 1167}  # not found, not ready, device gone...
_WIN_IN_USE = {32, 33}  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION: another program holds the file


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


def classify(exc: OSError) -> str:
    """Which of full / read-only / vanished an OS error means."""
    winerror = getattr(exc, "winerror", None)
    if winerror in _WIN_FULL or exc.errno in _FULL_ERRNOS:
        return FULL
    if winerror in _WIN_VANISHED:
        return VANISHED
    if winerror in _WIN_READ_ONLY or exc.errno in _READ_ONLY_ERRNOS:
        return READ_ONLY
    if exc.errno in _VANISHED_ERRNOS:
        return VANISHED
    return OTHER


def message_for(reason: str, folder: Path, name: str, detail: str = "") -> str:
    if reason == FULL:
        return _(
            "There is not enough free space in “{folder}” to save “{name}”. Nothing was saved; free some "
            "space or choose another drive."
        ).format(folder=folder, name=name)
    if reason == READ_ONLY:
        return _(
            "“{folder}” cannot be written to (the drive is read-only, write-protected or not yours). "
            "Nothing was saved; check the stick's lock switch or choose another folder."
        ).format(folder=folder)
    if reason == VANISHED:
        return _(
            "The folder “{folder}” is no longer there (the USB stick may have been pulled out). Nothing "
            "was saved; plug the stick in again and save once more."
        ).format(folder=folder)
    if reason == IN_USE:
        return _(
            "“{name}” in “{folder}” is open in another program (a PDF reader, Word or Excel), so it "
            "could not be replaced. The old file is unchanged; close it there and save again, or save "
            "under another name."
        ).format(folder=folder, name=name)
    if reason == VERIFY:
        return _(
            "The copy of “{name}” in “{folder}” does not read back the same as what was written; the "
            "stick may be failing. Nothing was kept; try again or use another stick."
        ).format(folder=folder, name=name)
    return _("Could not save “{name}” in “{folder}”: {detail}").format(
        folder=folder, name=name, detail=detail
    )


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
        fd = os.open(temp, flags, 0o644)
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view[:CHUNK])
                view = view[written:]
            os.fsync(fd)
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
            if target.exists() and (
                exc.errno in _READ_ONLY_ERRNOS or getattr(exc, "winerror", None) in _WIN_IN_USE
            ):
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
