"""Where the data folder lives: a local disk, a network share or a removable drive.

SQLite promises nothing on a network share (its locks may not work there) and a USB stick can be pulled
mid-write, so the window warns when the data folder is on either. Plain Python, no Qt:

- Linux: the mount holding the folder (``/proc/mounts``); NFS, SMB/CIFS, SSHFS and the like are
  network; a block device whose ``/sys/block/<disk>/removable`` is 1, or that hangs off USB, is removable.
- Windows: UNC paths (``\\\\server\\share``) are network; otherwise ``GetDriveTypeW`` of the drive root
  (``DRIVE_REMOVABLE`` or ``DRIVE_REMOTE``).
- macOS: a folder under ``/Volumes`` (other than the start-up disk) is removable, or network when
  ``mount`` lists it with a network file system.

Any failure to find out answers "local": the check only ever adds a warning.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path, PurePath, PureWindowsPath

from emulation_desktop.locale.i18n import _

LOCAL, NETWORK, REMOVABLE = "local", "network", "removable"

NETWORK_FS_TYPES = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb",
        "smb3",
        "smbfs",
        "fuse.sshfs",
        "sshfs",
        "afs",
        "ncpfs",
        "9p",
        "davfs",
        "fuse.davfs2",
        "fuse.rclone",
        "fuse.gvfsd-fuse",
        "ceph",
        "glusterfs",
        "fuse.glusterfs",
        "webdav",
        "afpfs",
    }
)
DRIVE_REMOVABLE, DRIVE_REMOTE = 2, 4


def _unescape_mount(field: str) -> str:
    """/proc/mounts writes a space as \\040, a tab as \\011 and so on (octal escapes)."""
    out, i = [], 0
    while i < len(field):
        if field[i] == "\\" and i + 3 < len(field) and field[i + 1 : i + 4].isdigit():
            out.append(chr(int(field[i + 1 : i + 4], 8)))
            i += 4
        else:
            out.append(field[i])
            i += 1
    return "".join(out)


def parse_mounts(text: str) -> list[tuple[str, str, str]]:
    """(device, mount point, file system type) for each line of ``/proc/mounts``."""
    mounts = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 3:
            mounts.append((_unescape_mount(parts[0]), _unescape_mount(parts[1]), parts[2]))
    return mounts


def mount_of(path: PurePath, mounts: list[tuple[str, str, str]]) -> tuple[str, str, str] | None:
    """The mount holding ``path``: the longest mount point that contains it (the last one if stacked)."""
    best: tuple[str, str, str] | None = None
    for mount in mounts:
        point = PurePath(mount[1])
        if (path == point or point in path.parents) and (
            best is None or len(point.parts) >= len(PurePath(best[1]).parts)
        ):
            best = mount
    return best


def _disk_of(device: str, sys_root: Path) -> Path | None:
    """/dev/sdb1 → <sys>/block/sdb (a partition's disk is its parent in /sys/class/block)."""
    name = Path(device).name
    if not device.startswith("/dev/") or not name:
        return None
    node = sys_root / "class" / "block" / name
    if node.exists():
        real = node.resolve()
        disk = real.parent if (real / "partition").exists() else real
        return sys_root / "block" / disk.name
    disk_dir = sys_root / "block" / name
    return disk_dir if disk_dir.exists() else None


def _removable_block(device: str, sys_root: Path) -> bool:
    disk = _disk_of(device, sys_root)
    if disk is None:
        return False
    try:
        if (disk / "removable").read_text().strip() == "1":
            return True
    except OSError:
        pass
    try:
        return "/usb" in str(disk.resolve())  # a USB hard disk reports removable=0 but can be unplugged
    except OSError:
        return False


def classify_linux(path: Path, mounts_text: str, sys_root: Path = Path("/sys")) -> str:
    mount = mount_of(PurePath(path), parse_mounts(mounts_text))
    if mount is None:
        return LOCAL
    device, _point, fs_type = mount
    if fs_type in NETWORK_FS_TYPES or fs_type.startswith("nfs") or device.startswith("//"):
        return NETWORK
    if _removable_block(device, sys_root):
        return REMOVABLE
    return LOCAL


def classify_windows(path: str, drive_type: object = None) -> str:
    """UNC paths are network; otherwise ask Windows about the drive root (``drive_type`` for tests)."""
    win = PureWindowsPath(path)
    if win.drive.startswith("\\\\") or path.startswith("\\\\"):
        return NETWORK
    if not win.drive:
        return LOCAL
    kind = drive_type(win.drive + "\\") if callable(drive_type) else _windows_drive_type(win.drive + "\\")
    if kind == DRIVE_REMOTE:
        return NETWORK
    if kind == DRIVE_REMOVABLE:
        return REMOVABLE
    return LOCAL


def _windows_drive_type(root: str) -> int:  # pragma: no cover - Windows only
    import ctypes

    return int(ctypes.windll.kernel32.GetDriveTypeW(ctypes.c_wchar_p(root)))  # type: ignore[attr-defined]


def classify_mac(path: Path, mount_output: str | None = None) -> str:
    parts = path.parts
    if len(parts) < 3 or parts[1] != "Volumes":
        return LOCAL
    volume = Path(*parts[:3])
    try:
        if volume.resolve() == Path("/"):
            return LOCAL  # the start-up disk's alias
    except OSError:
        return LOCAL
    if mount_output is None:
        import subprocess  # macOS only: not paid at every start elsewhere

        try:
            mount_output = subprocess.run(
                ["/sbin/mount"], capture_output=True, text=True, timeout=5, check=False
            ).stdout
        except (OSError, subprocess.SubprocessError):
            mount_output = ""
    for line in mount_output.splitlines():
        # "//user@server/share on /Volumes/share (smbfs, nodev, nosuid, mounted by user)"
        if f" on {volume} (" in line:
            fs_type = line.rsplit("(", 1)[-1].split(",")[0].strip()
            if fs_type in NETWORK_FS_TYPES or fs_type in {"nfs", "afpfs", "webdav", "smbfs"}:
                return NETWORK
    return REMOVABLE


def classify(folder: str | os.PathLike[str]) -> str:
    """LOCAL, NETWORK or REMOVABLE for the data folder (LOCAL when it cannot be told)."""
    try:
        if sys.platform.startswith("win"):
            return classify_windows(os.path.abspath(os.fspath(folder)))
        path = Path(folder).resolve()
        if sys.platform == "darwin":
            return classify_mac(path)
        return classify_linux(path, Path("/proc/mounts").read_text(encoding="utf-8", errors="replace"))
    except Exception:  # a warning helper must never stop the app from starting
        return LOCAL


def risk_message(kind: str) -> str:
    """What to tell the clerk about a data folder of this kind ("" when local)."""
    if kind == NETWORK:
        return _(
            "The data folder is on a network drive. A network drive can lose changes when the "
            "connection drops; keep the data on this computer's own disk and use backups to share it."
        )
    if kind == REMOVABLE:
        return _(
            "The data folder is on a removable drive (USB stick or memory card). Pulling it out while "
            "the application is open can damage the data; keep the data on this computer's own disk."
        )
    return ""
