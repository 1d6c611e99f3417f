"""Why a file could not be read, said in the clerk's words: the OS's own text ("No such file or
directory", "Is a directory") is English on most machines and means little to a clerk."""

from __future__ import annotations

import errno
import os

from emulation_desktop.locale.i18n import _


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
