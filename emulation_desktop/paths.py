"""Every path the app uses, in one place.

The data folder comes from platformdirs; ``--data-dir`` or ``EMULATION_DESKTOP_DATA_DIR`` overrides it
for tests and portable use. Nothing outside that folder is written unless the user chooses a target.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

from platformdirs import user_data_path

APP_NAME = "emulation-desktop"
ENV_DATA_DIR = "EMULATION_DESKTOP_DATA_DIR"
DB_FILENAME = "emulation.sqlite3"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The user's data folder, created if needed."""
    chosen = override or os.environ.get(ENV_DATA_DIR)
    path = Path(chosen) if chosen else user_data_path(APP_NAME, appauthor=False)
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_path(folder: Path) -> Path:
    return folder / DB_FILENAME


def backups_dir(folder: Path) -> Path:
    """The backups folder, created when the disk allows it. On a read-only disk it is returned as it
    is: whoever writes a backup there tells the clerk why it cannot (``storage/backup.py``), and reading
    a missing folder finds no backups."""
    path = folder / "backups"
    with contextlib.suppress(OSError):
        path.mkdir(parents=True, exist_ok=True)
    return path


def logs_dir(folder: Path) -> Path:
    path = folder / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _resource_roots() -> list[Path]:
    package = Path(__file__).resolve().parent
    roots = []
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:  # PyInstaller one-folder build
        roots.append(Path(frozen) / "emulation_desktop" / "_data")
    roots.append(package / "_data")  # installed wheel: the build copies resources/ and i18n/ here
    roots.append(package.parent)  # source tree or editable install
    return roots


def resource_path(*parts: str) -> Path:
    """Find a bundled file (``resources/...`` or ``i18n/...``) the same way from source, wheel or build."""
    for root in _resource_roots():
        candidate = root.joinpath(*parts)
        if candidate.exists():
            return candidate
    raise FileNotFoundError("/".join(parts))
