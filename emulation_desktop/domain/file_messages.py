"""Why a file could not be read, said in the clerk's words: the OS's own text ("No such file or
directory", "Is a directory") is English on most machines and means little to a clerk."""

from __future__ import annotations

import errno
import os

from emulation_desktop.locale.i18n import _

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


def write_failure(exc: OSError) -> str:
    """Which of full / read-only / vanished an OS error met while writing means (the Windows codes
    first: errno does not say them clearly)."""
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


def held_open(exc: OSError) -> bool:
    """A refusal to replace a file that another program holds open (Windows) or that is read-only."""
    return exc.errno in _READ_ONLY_ERRNOS or getattr(exc, "winerror", None) in _WIN_IN_USE


def unreadable(path: str | os.PathLike[str], exc: OSError) -> str:
    """The message for a file ``path`` that ``exc`` kept from being read."""
    name = os.path.basename(os.fspath(path)) or os.fspath(path)
    return _("The file “{name}” cannot be read: {detail}").format(name=name, detail=reason(exc))


def reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return _("there is no such file (check its name and the drive it is on)")
    if isinstance(exc, IsADirectoryError):
        return _("this is a folder, not a file")
    if isinstance(exc, NotADirectoryError):
        return _("a part of its path is a file, not a folder")
    if isinstance(exc, PermissionError):
        return _("this computer's account is not allowed to open it")
    if exc.errno in (errno.EIO, getattr(errno, "ENOMEDIUM", -1), errno.ENXIO, errno.ENODEV):
        return _("the drive could not be read (the USB stick may be failing or may have been pulled out)")
    return _("the system refused to open it (error {code})").format(
        code=exc.errno if exc.errno is not None else "?"
    )


def cannot_save(reason: str, folder: str | os.PathLike[str], name: str, detail: str = "") -> str:
    """Why a file could not be saved in ``folder`` (a stick full, locked, pulled out...), said once for
    every writer: documents, packages and backups."""
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
