"""Window settings (language, geometry, last unit and year) in QSettings, always as an INI file.

INI on every platform keeps the file readable for support, and lets tests redirect it with
``QSettings.setPath`` to a temporary folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from emulation_desktop.locale.i18n import DEFAULT_LANGUAGE, LANGUAGES
from emulation_desktop.paths import APP_NAME
from emulation_desktop.ui.qt import QByteArray, QCryptographicHash, QSettings


def app_settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, APP_NAME, APP_NAME)


def get(key: str, default: Any = None) -> Any:
    return app_settings().value(key, default)


def put(key: str, value: Any) -> None:
    settings = app_settings()
    settings.setValue(key, value)
    settings.sync()


def folder_key(folder: Path, name: str) -> str:
    """The key of a setting that belongs to one data folder (the unit and year last open): another
    folder, say a test copy or a colleague's stick, must not reopen a unit it may not even have."""
    # SHA-256 through Qt, the digest hashlib gives: hashlib loads OpenSSL, ~4 ms of every start
    # (docs/startup.md).
    path = QByteArray(str(folder.resolve()).encode("utf-8"))
    digest = bytes(QCryptographicHash.hash(path, QCryptographicHash.Algorithm.Sha256).toHex().data())
    digest = digest.decode("ascii")[:16]
    return f"folders/{digest}/{name}"


def language() -> str:
    chosen = str(get("language", DEFAULT_LANGUAGE))
    return chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE


def last_save_folder(data_folder: Path) -> Path | None:
    """The folder the clerk last saved a file to from this data folder (their USB stick's folder),
    while it is still there: the save dialogs offer it first."""
    value = get(folder_key(data_folder, "last_save_folder"))
    folder = Path(str(value)) if value else None
    return folder if folder is not None and folder.is_dir() else None


def remember_save_folder(data_folder: Path, folder: Path) -> None:
    put(folder_key(data_folder, "last_save_folder"), str(folder))
