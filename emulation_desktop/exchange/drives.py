"""Where a clerk may save: removable drives first (USB sticks), then the usual folders. Plain Python.

- Linux: ``/media/$USER/*``, ``/run/media/$USER/*``, ``/media/*`` and ``/mnt/*`` mount points.
- Windows: drive letters whose ``GetDriveTypeW`` is ``DRIVE_REMOVABLE`` (via ctypes).
- macOS: ``/Volumes/*``, except the start-up disk.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

DRIVE_REMOVABLE = 2


@dataclass(frozen=True)
class Target:
    path: Path
    label: str
    removable: bool


def _user() -> str:
    return os.environ.get("USER") or os.environ.get("USERNAME") or ""


def _mounted_children(parent: Path) -> list[Path]:
    try:
        children = sorted(p for p in parent.iterdir() if p.is_dir())
    except OSError:
        return []
    return children


def _linux_removable() -> list[Target]:
    user = _user()
    roots = [Path("/media") / user, Path("/run/media") / user] if user else []
    roots += [Path("/media"), Path("/mnt")]
    seen: set[Path] = set()
    out = []
    for root in roots:
        for child in _mounted_children(root):
            if child in seen or child in {Path("/media") / user, Path("/run/media") / user}:
                continue
            if root in (Path("/media"), Path("/mnt")) and not os.path.ismount(child):
                continue  # a user folder under /media, not a drive
            seen.add(child)
            out.append(Target(child, child.name, True))
    return out


def _mac_removable() -> list[Target]:
    out = []
    for child in _mounted_children(Path("/Volumes")):
        try:
            if child.resolve() == Path("/"):
                continue  # the start-up disk's alias
        except OSError:
            continue
        out.append(Target(child, child.name, True))
    return out


def _windows_removable() -> list[Target]:  # pragma: no cover - Windows only
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    mask = kernel32.GetLogicalDrives()
    out = []
    for i in range(26):
        if not mask & (1 << i):
            continue
        root = f"{chr(65 + i)}:\\"
        if kernel32.GetDriveTypeW(ctypes.c_wchar_p(root)) != DRIVE_REMOVABLE:
            continue
        label = ctypes.create_unicode_buffer(261)
        ok = kernel32.GetVolumeInformationW(ctypes.c_wchar_p(root), label, 261, None, None, None, None, 0)
        if not ok:
            continue  # an empty card reader slot
        out.append(Target(Path(root), f"{label.value or ''} ({root[:2]})".strip(), True))
    return out


def removable_targets() -> list[Target]:
    if sys.platform.startswith("win"):
        return _windows_removable()
    if sys.platform == "darwin":
        return _mac_removable()
    return _linux_removable()


def candidate_targets() -> list[Target]:
    """Removable drives first, then the user's Documents, Desktop and home folders that exist."""
    targets = removable_targets()
    home = Path.home()
    for folder in (home / "Documents", home / "Desktop", home):
        if folder.is_dir() and all(t.path != folder for t in targets):
            targets.append(Target(folder, folder.name or str(folder), False))
    return targets
