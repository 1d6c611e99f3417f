"""Kill a writing process with SIGKILL at random points: the file stays whole and nothing committed is lost.

A child process writes single records and 40-row bulk imports, printing each one after its commit
returns. The parent kills it at a random moment, then checks SQLite's integrity, that every printed
record is present, and that each bulk import is present whole or not at all.
"""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time

import pytest

from emulation_desktop import paths

KILLS = 100
BATCH = 40

WRITER = textwrap.dedent(
    f"""
    import sys
    from emulation_desktop.operations.records import create_record, create_records
    from emulation_desktop.storage.database import open_database

    db = open_database(sys.argv[1])
    start = int(sys.argv[2])
    row = {{"year": 2022, "commune_id": "00454", "household_category": "poor", "kind": "gift"}}
    print("ready", flush=True)
    for i in range(start, start + 100000):
        if i % 4 == 3:
            create_records(db, "support_activity", "017",
                           [dict(row, value_vnd=n, note=f"batch-{{i}}") for n in range({BATCH})])
            print(f"B batch-{{i}}", flush=True)
        else:
            record = create_record(db, "support_activity", "017", dict(row, value_vnd=i, note=f"single-{{i}}"))
            print(f"S {{record.id}}", flush=True)
    """
)


def check_after_crash(db_path, committed_ids, committed_batches):
    connection = sqlite3.connect(db_path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        present = {row[0] for row in connection.execute("SELECT id FROM support_activity")}
        missing = committed_ids - present
        assert not missing, f"committed records lost: {sorted(missing)[:3]}"
        sizes = dict(
            connection.execute(
                "SELECT note, count(*) FROM support_activity WHERE note LIKE 'batch-%' GROUP BY note"
            ).fetchall()
        )
        assert all(size == BATCH for size in sizes.values()), f"half-done import: {sizes}"
        assert committed_batches <= set(sizes)
        audits = connection.execute(
            "SELECT count(*) FROM audit_log WHERE table_name='support_activity'"
        ).fetchone()
        assert audits[0] == len(present)  # every record has its audit entry, in the same transaction
    finally:
        connection.close()


@pytest.mark.parametrize("kills", [KILLS])
def test_sigkill_mid_write(db, data_dir, kills):
    db.close()
    db_path = paths.database_path(data_dir)
    rng = random.Random(20221108)
    committed_ids: set[str] = set()
    committed_batches: set[str] = set()
    start = 0
    for _attempt in range(kills):
        process = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(data_dir), str(start)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert process.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.25))
        os.kill(process.pid, signal.SIGKILL)
        out, _err = process.communicate()
        for line in out.splitlines():
            tag, value = line.split(" ", 1)
            (committed_ids if tag == "S" else committed_batches).add(value)
        check_after_crash(db_path, committed_ids, committed_batches)
        start += 1000
    assert len(committed_ids) + len(committed_batches) > kills  # the writer really wrote between kills
