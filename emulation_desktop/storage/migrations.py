"""Schema migrations keyed by the version they produce (SQLite ``user_version``).

Version 1 is created from the models. A later change adds ``MIGRATIONS[2] = fn(connection)`` and bumps
SCHEMA_VERSION; ``open_file`` backs the file up before running any of them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Connection

SCHEMA_VERSION = 2

MIGRATIONS: dict[int, Callable[[Connection], None]] = {}


def _committee_members(connection: Connection) -> None:
    """v2: the people of each committee per year (domain/people.py, issue #16). The text is the one the
    models make, frozen here, so a migrated file and a new one compare equal (storage/schema.py) even
    after the model changes again in a later version."""
    connection.exec_driver_sql(
        "CREATE TABLE committee_member ("
        " unit_id VARCHAR(36) NOT NULL, year INTEGER NOT NULL, name VARCHAR(120) NOT NULL,"
        " position VARCHAR(20) NOT NULL, signs_as VARCHAR(4) NOT NULL, sort_order INTEGER NOT NULL,"
        " id VARCHAR(36) NOT NULL, created_at DATETIME NOT NULL, updated_at DATETIME NOT NULL,"
        " updated_by VARCHAR(80) NOT NULL, version INTEGER NOT NULL, deleted BOOLEAN NOT NULL,"
        " search_key VARCHAR NOT NULL,"
        " CONSTRAINT pk_committee_member PRIMARY KEY (id),"
        " CONSTRAINT ck_committee_member_position"
        " CHECK (position IN ('chair', 'vice_chair', 'standing_member', 'clerk')),"
        " CONSTRAINT ck_committee_member_signs_as CHECK (signs_as IN ('tm', 'kt', '')),"
        " CONSTRAINT fk_committee_member_unit_id_unit FOREIGN KEY(unit_id) REFERENCES unit (id))"
    )
    connection.exec_driver_sql(
        "CREATE INDEX ix_committee_member_scope ON committee_member (unit_id, year, deleted, sort_order)"
    )


MIGRATIONS[2] = _committee_members
