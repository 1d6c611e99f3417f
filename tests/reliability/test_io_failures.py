"""Failures of the disk itself: a full database, a full disk at commit, an I/O error. Each gives a clear
message and leaves nothing half-written."""

import subprocess
import sys
import textwrap

import pytest
from sqlalchemy import event, func, select

from emulation_desktop import paths
from emulation_desktop.domain import models as m
from emulation_desktop.errors import StorageError
from emulation_desktop.operations import records

ROW = {"year": 2022, "commune_id": "00454", "household_category": "poor", "kind": "gift", "value_vnd": 1}


def count(db, model):
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_full_database_max_page_count(db):
    records.create_records(db, "support_activity", "017", [ROW] * 10)

    @event.listens_for(db.engine, "connect")
    def _cap(dbapi_connection, _record):  # the file may not grow by a single page
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

    db.engine.dispose()  # new connections get the cap
    before = (count(db, m.SupportActivity), count(db, m.AuditEntry))
    with pytest.raises(StorageError) as caught:
        records.create_records(db, "support_activity", "017", [dict(ROW, note="x" * 500)] * 2000)
    assert "đầy" in caught.value.message
    assert (count(db, m.SupportActivity), count(db, m.AuditEntry)) == before


FSIZE_WRITER = textwrap.dedent(
    """
    import json, resource, signal, sys
    from emulation_desktop.errors import StorageError
    from emulation_desktop.operations.records import create_records
    from emulation_desktop.storage.database import open_database

    db = open_database(sys.argv[1])
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes past the limit fail with EFBIG instead
    limit = int(sys.argv[2])
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))
    row = {"year": 2022, "commune_id": "00454", "household_category": "poor", "kind": "gift", "value_vnd": 1}
    try:
        create_records(db, "support_activity", "017", [dict(row, note="y" * 400)] * 5000)
        print(json.dumps({"ok": True}))
    except StorageError as exc:
        print(json.dumps({"ok": False, "message": exc.message}))
    """
)


def test_io_error_at_commit_rolls_back_with_a_clear_message(db, data_dir):
    """The write-ahead log cannot grow (RLIMIT_FSIZE in a child process): the commit fails at the OS."""
    db.close()
    db_path = paths.database_path(data_dir)
    wal_limit = db_path.stat().st_size + 64 * 1024
    result = subprocess.run(
        [sys.executable, "-c", FSIZE_WRITER, str(data_dir), str(wal_limit)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    import json

    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["ok"] is False
    assert "không được lưu" in outcome["message"]
    from emulation_desktop.storage.database import open_database

    reopened = open_database(data_dir)
    assert count(reopened, m.SupportActivity) == 0
    with reopened.session() as session:
        assert (
            session.execute(
                select(func.count())
                .select_from(m.AuditEntry)
                .where(m.AuditEntry.table_name == "support_activity")
            ).scalar()
            == 0
        )
    reopened.close()
