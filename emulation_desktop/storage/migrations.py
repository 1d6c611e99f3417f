"""Schema migrations keyed by the version they produce (SQLite ``user_version``).

Version 1 is created from the models. A later change adds ``MIGRATIONS[2] = fn(connection)`` and bumps
SCHEMA_VERSION; ``open_file`` backs the file up before running any of them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Connection

SCHEMA_VERSION = 1

MIGRATIONS: dict[int, Callable[[Connection], None]] = {}
