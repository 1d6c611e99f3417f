"""The number each package of a unit carries, signed in its manifest: what orders a unit's packages at
the receiver, whatever the sending computer's clock says (docs/reliability.md, "a package dated in the
future").

The counter is kept in the data file (a ``Setting`` per unit) and, beside the signing key, in
``keys/package-sequence.json``: restoring an old backup of the data file rewinds the first but not the
second, and a package made after the restore must still be newer than the ones sent before it. A new
computer has a new key and starts a new series (the receiver compares numbers per key:
exchange.package_history.newer_import).
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from emulation_desktop.domain.models import Setting
from emulation_desktop.exchange.keys import KEY_DIR
from emulation_desktop.storage.database import Database

SIDE_FILE = "package-sequence.json"


def _setting_key(unit_code: str) -> str:
    return f"package_sequence/{unit_code}"


def _side_counts(folder: Path | None) -> dict[str, int]:
    """The counters kept beside the key; an unreadable or odd file counts nothing (the data file's
    counter still holds, and the next package rewrites the file)."""
    if folder is None:
        return {}
    try:
        value = json.loads((folder / KEY_DIR / SIDE_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(value, dict):
        return {}
    return {k: v for k, v in value.items() if isinstance(k, str) and type(v) is int and v > 0}


def next_sequence(db: Database, unit_code: str) -> int:
    """Reserve the next number of the unit's packages: one more than both counters, saved in both
    before the package is built. A package that is then not saved leaves a gap, which is harmless: the
    receiver only needs each number to be larger than the last."""
    from emulation_desktop.exchange.safe_save import safe_write

    side = _side_counts(db.folder)
    with db.transaction() as session:
        setting = session.get(Setting, _setting_key(unit_code))
        stored = int(setting.value) if setting is not None and setting.value.isdigit() else 0
        number = max(stored, side.get(unit_code, 0)) + 1
        if setting is None:
            session.add(Setting(key=_setting_key(unit_code), value=str(number)))
        else:
            setting.value = str(number)
        # Written (not yet committed) first, so that a data file that cannot be written stops here; then
        # beside the key, before the commit: if the commit fails, the key's side leads, and a number is
        # skipped, never given twice.
        session.flush()
        if db.folder is not None:
            side[unit_code] = number
            with contextlib.suppress(OSError):  # a folder that cannot be made is reported by safe_write
                (db.folder / KEY_DIR).mkdir(parents=True, exist_ok=True)
            safe_write(db.folder / KEY_DIR, SIDE_FILE, json.dumps(side, sort_keys=True).encode("utf-8"))
    return number
