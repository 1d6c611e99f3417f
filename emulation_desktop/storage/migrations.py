"""Schema migrations keyed by the version they produce (SQLite ``user_version``).

Version 1 is created from the models. A later change adds ``MIGRATIONS[2] = fn(connection)`` and bumps
SCHEMA_VERSION; ``open_file`` backs the file up before running any of them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Connection

SCHEMA_VERSION = 9

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


# The tables of the record lists in version 3, frozen: a later record table gets its search index in
# the migration that adds the table (storage/search_index.py ``create`` and ``rebuild``).
_SEARCHED_IN_V3 = (
    "pledge",
    "pledge_target",
    "support_activity",
    "donation",
    "supervision",
    "recommendation",
    "delegate_conference",
    "funeral_tally",
    "mediation_tally",
    "citizen_reception",
)


def _search_index(connection: Connection) -> None:
    """v3: the trigram search index of every record list, filled from the rows already there (issue #19,
    storage/search_index.py). The statements are the ones a new file gets, so both compare equal; an
    index already there (a file made new, then marked older by a test) is made again."""
    from emulation_desktop.storage import search_index

    for table in _SEARCHED_IN_V3:
        search_index.create(connection, table)
        search_index.rebuild(connection, table)


MIGRATIONS[3] = _search_index


def _structure_over_time(connection: Connection) -> None:
    """v4: the years a unit is valid for and the old units it was formed from (domain/predecessors.py,
    issue #16). Frozen text, as in v2; the added columns are nullable, so every unit stays valid
    always, as it was. What is there already (a file made new, then marked older by a test) is kept."""
    columns = {row[1] for row in connection.exec_driver_sql("PRAGMA table_info(unit)")}
    for column in ("valid_from", "valid_until"):
        if column not in columns:
            connection.exec_driver_sql(f"ALTER TABLE unit ADD COLUMN {column} INTEGER")
    connection.exec_driver_sql(
        "CREATE TABLE IF NOT EXISTS unit_predecessor ("
        " unit_id VARCHAR(36) NOT NULL, predecessor_id VARCHAR(36) NOT NULL, counted BOOLEAN NOT NULL,"
        " name VARCHAR(120) NOT NULL, note TEXT NOT NULL,"
        " id VARCHAR(36) NOT NULL, created_at DATETIME NOT NULL, updated_at DATETIME NOT NULL,"
        " updated_by VARCHAR(80) NOT NULL, version INTEGER NOT NULL, deleted BOOLEAN NOT NULL,"
        " search_key VARCHAR NOT NULL,"
        " CONSTRAINT pk_unit_predecessor PRIMARY KEY (id),"
        " CONSTRAINT uq_unit_predecessor_unit_id_predecessor_id UNIQUE (unit_id, predecessor_id),"
        " CONSTRAINT fk_unit_predecessor_unit_id_unit FOREIGN KEY(unit_id) REFERENCES unit (id),"
        " CONSTRAINT fk_unit_predecessor_predecessor_id_unit FOREIGN KEY(predecessor_id) REFERENCES unit (id))"
    )
    connection.exec_driver_sql(
        "CREATE INDEX IF NOT EXISTS ix_unit_predecessor_predecessor_id ON unit_predecessor (predecessor_id)"
    )


MIGRATIONS[4] = _structure_over_time


def _document_register(connection: Connection) -> None:
    """v5: the register of outgoing documents (domain/document_register.py, issue #17). Frozen text, as in
    v2. Nothing is carried over: a number typed for a report before (``report_draft.number``) is read as
    a number typed by hand the first time that report is issued, and registered then."""
    connection.exec_driver_sql(
        "CREATE TABLE IF NOT EXISTS document_register ("
        " unit_id VARCHAR(36) NOT NULL, issue_year INTEGER NOT NULL, symbol VARCHAR(20) NOT NULL,"
        " number INTEGER NOT NULL, issued_on DATE NOT NULL, kind VARCHAR(40) NOT NULL,"
        " scope VARCHAR(10) NOT NULL, subject_id VARCHAR(36) NOT NULL, year INTEGER NOT NULL,"
        " variant VARCHAR(80) NOT NULL, title TEXT NOT NULL, recipients TEXT NOT NULL,"
        " signer VARCHAR(120) NOT NULL, manual BOOLEAN NOT NULL,"
        " id VARCHAR(36) NOT NULL, created_at DATETIME NOT NULL, updated_at DATETIME NOT NULL,"
        " updated_by VARCHAR(80) NOT NULL, version INTEGER NOT NULL, deleted BOOLEAN NOT NULL,"
        " search_key VARCHAR NOT NULL,"
        " CONSTRAINT pk_document_register PRIMARY KEY (id),"
        " CONSTRAINT uq_document_register_unit_id_issue_year_symbol_number"
        " UNIQUE (unit_id, issue_year, symbol, number),"
        " CONSTRAINT uq_document_register_kind_scope_subject_id_year_variant"
        " UNIQUE (kind, scope, subject_id, year, variant),"
        " CONSTRAINT ck_document_register_number CHECK (number >= 1),"
        " CONSTRAINT ck_document_register_scope CHECK (scope IN ('unit', 'cluster')),"
        " CONSTRAINT fk_document_register_unit_id_unit FOREIGN KEY(unit_id) REFERENCES unit (id))"
    )


MIGRATIONS[5] = _document_register


def _meeting_setup(connection: Connection) -> None:
    """v6: the review meeting's set-up and its delegates (domain/meeting.py, issue #17). Frozen text, as
    in v2; what is there already (a file made new, then marked older by a test) is kept."""
    connection.exec_driver_sql(
        "CREATE TABLE IF NOT EXISTS review_meeting ("
        " cluster_id VARCHAR(36) NOT NULL, year INTEGER NOT NULL, held_on DATE NOT NULL,"
        " starts_at VARCHAR(5) NOT NULL, place VARCHAR(300) NOT NULL, chair VARCHAR(120) NOT NULL,"
        " chair_title VARCHAR(200) NOT NULL, secretary VARCHAR(120) NOT NULL,"
        " secretary_title VARCHAR(200) NOT NULL, note TEXT NOT NULL, conclusions TEXT NOT NULL,"
        " id VARCHAR(36) NOT NULL, created_at DATETIME NOT NULL, updated_at DATETIME NOT NULL,"
        " updated_by VARCHAR(80) NOT NULL, version INTEGER NOT NULL, deleted BOOLEAN NOT NULL,"
        " search_key VARCHAR NOT NULL,"
        " CONSTRAINT pk_review_meeting PRIMARY KEY (id),"
        " CONSTRAINT uq_review_meeting_cluster_id_year UNIQUE (cluster_id, year),"
        " CONSTRAINT fk_review_meeting_cluster_id_cluster FOREIGN KEY(cluster_id) REFERENCES cluster (id))"
    )
    connection.exec_driver_sql(
        "CREATE TABLE IF NOT EXISTS meeting_delegate ("
        " meeting_id VARCHAR(36) NOT NULL, sort_order INTEGER NOT NULL, name VARCHAR(120) NOT NULL,"
        " title VARCHAR(200) NOT NULL, unit_id VARCHAR(36),"
        " id VARCHAR(36) NOT NULL, created_at DATETIME NOT NULL, updated_at DATETIME NOT NULL,"
        " updated_by VARCHAR(80) NOT NULL, version INTEGER NOT NULL, deleted BOOLEAN NOT NULL,"
        " search_key VARCHAR NOT NULL,"
        " CONSTRAINT pk_meeting_delegate PRIMARY KEY (id),"
        " CONSTRAINT fk_meeting_delegate_meeting_id_review_meeting"
        " FOREIGN KEY(meeting_id) REFERENCES review_meeting (id),"
        " CONSTRAINT fk_meeting_delegate_unit_id_unit FOREIGN KEY(unit_id) REFERENCES unit (id))"
    )
    connection.exec_driver_sql(
        "CREATE INDEX IF NOT EXISTS ix_meeting_delegate_meeting"
        " ON meeting_delegate (meeting_id, deleted, sort_order)"
    )


MIGRATIONS[6] = _meeting_setup


def _submissions(connection: Connection) -> None:
    """v7: what the receiver decided on each unit's year, and what the member was told (issue #18,
    domain/submissions.py). Frozen text, as in v2; a table already there (a file made new, then marked
    older by a test) is kept."""
    connection.exec_driver_sql(
        "CREATE TABLE IF NOT EXISTS submission_decision ("
        " id VARCHAR(36) NOT NULL, direction VARCHAR(10) NOT NULL, unit_code VARCHAR(20) NOT NULL,"
        " year INTEGER NOT NULL, decision VARCHAR(10) NOT NULL, reason TEXT NOT NULL,"
        " package_id VARCHAR(36) NOT NULL, package_sha256 VARCHAR(64) NOT NULL,"
        " package_file VARCHAR(255) NOT NULL, package_sequence INTEGER, issuer_code VARCHAR(20) NOT NULL,"
        " issuer_name VARCHAR(120) NOT NULL, cluster_code VARCHAR(20) NOT NULL,"
        " decided_at DATETIME NOT NULL, recorded_at DATETIME NOT NULL, user VARCHAR(80) NOT NULL,"
        " document TEXT NOT NULL, signature VARCHAR(100) NOT NULL,"
        " CONSTRAINT pk_submission_decision PRIMARY KEY (id),"
        " CONSTRAINT ck_submission_decision_decision CHECK (decision IN ('accepted', 'returned')),"
        " CONSTRAINT ck_submission_decision_direction CHECK (direction IN ('made', 'received')))"
    )
    connection.exec_driver_sql(
        "CREATE INDEX IF NOT EXISTS ix_submission_decision_scope"
        " ON submission_decision (unit_code, year, direction, decided_at)"
    )


MIGRATIONS[7] = _submissions


def _received_packages(connection: Connection) -> None:
    """v8: the packages a receiving office applied, kept byte for byte so that a cluster head can
    forward its members' own signed originals to the city (issue #18, domain/received_packages.py).
    Frozen text, as in v2; a table already there (a file made new, then marked older by a test) is
    kept."""
    connection.exec_driver_sql(
        "CREATE TABLE IF NOT EXISTS received_package ("
        " package_id VARCHAR(36) NOT NULL, unit_code VARCHAR(20) NOT NULL, year INTEGER NOT NULL,"
        " sha256 VARCHAR(64) NOT NULL, received_at DATETIME NOT NULL, data BLOB NOT NULL,"
        " forwarded_by VARCHAR(20) NOT NULL, accepted_at DATETIME,"
        " CONSTRAINT pk_received_package PRIMARY KEY (package_id))"
    )
    connection.exec_driver_sql(
        "CREATE INDEX IF NOT EXISTS ix_received_package_unit ON received_package (unit_code, year)"
    )


MIGRATIONS[8] = _received_packages


def _evidence_files(connection: Connection) -> None:
    """v9: evidence files attached to records, their bytes kept once by SHA-256 (issue #18,
    domain/evidence.py). Frozen text, as in v2; a table already there (a file made new, then marked
    older by a test) is kept."""
    connection.exec_driver_sql(
        "CREATE TABLE IF NOT EXISTS evidence_file ("
        " sha256 VARCHAR(64) NOT NULL, size BIGINT NOT NULL, media_type VARCHAR(40) NOT NULL,"
        " stored_at DATETIME NOT NULL, content BLOB NOT NULL,"
        " CONSTRAINT pk_evidence_file PRIMARY KEY (sha256),"
        " CONSTRAINT ck_evidence_file_size CHECK (size >= 0))"
    )
    connection.exec_driver_sql(
        "CREATE TABLE IF NOT EXISTS evidence_link ("
        " id VARCHAR(36) NOT NULL, record_table VARCHAR(40) NOT NULL, record_id VARCHAR(36) NOT NULL,"
        " sha256 VARCHAR(64) NOT NULL, file_name VARCHAR(255) NOT NULL, media_type VARCHAR(40) NOT NULL,"
        " size BIGINT NOT NULL, added_at DATETIME NOT NULL, added_by VARCHAR(80) NOT NULL,"
        " deleted BOOLEAN NOT NULL, deleted_at DATETIME, deleted_by VARCHAR(80) NOT NULL,"
        " CONSTRAINT pk_evidence_link PRIMARY KEY (id),"
        " CONSTRAINT ck_evidence_link_size CHECK (size >= 0),"
        " CONSTRAINT fk_evidence_link_sha256_evidence_file FOREIGN KEY(sha256) REFERENCES evidence_file (sha256))"
    )
    connection.exec_driver_sql(
        "CREATE INDEX IF NOT EXISTS ix_evidence_link_record ON evidence_link (record_table, record_id, deleted)"
    )


MIGRATIONS[9] = _evidence_files
