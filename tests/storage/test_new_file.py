"""A new data file is all or nothing (issue #15, finding 4): a kill or a full disk while it is being set
up leaves no half-built file to be refused for ever, and the next start builds it again."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest
from reliability.mounts import cli_on_small_disk
from run_cli import cli

from emulation_desktop import paths
from emulation_desktop.storage import sqlite
from emulation_desktop.storage.database import open_database
from emulation_desktop.storage.migrations import SCHEMA_VERSION

# The child builds a few tables of the schema, then dies as a power cut would take it.
KILLED_MIDWAY = textwrap.dedent(
    """
    import os, signal, sys
    from emulation_desktop.domain.models import Base
    from emulation_desktop.storage.database import open_database

    def create_all(bind, **kwargs):
        for table in Base.metadata.sorted_tables[:8]:
            table.create(bind)
        os.kill(os.getpid(), signal.SIGKILL)

    Base.metadata.create_all = create_all
    open_database(sys.argv[1])
    """
)


def test_a_setup_killed_midway_leaves_nothing_that_blocks_the_next_start(data_dir):
    child = subprocess.run(
        [sys.executable, "-c", KILLED_MIDWAY, str(data_dir)], capture_output=True, timeout=120
    )
    assert child.returncode == -9, child.stderr
    assert not paths.database_path(data_dir).exists()  # only a scratch file was being built
    database = open_database(data_dir)  # builds it again, and removes the dead run's scratch file
    database.close()
    db_path = paths.database_path(data_dir)
    app_id, version, tables = sqlite.read_header(db_path)
    assert (app_id, version) == (sqlite.APPLICATION_ID, SCHEMA_VERSION) and tables > 8
    assert [p.name for p in data_dir.iterdir() if ".new-" in p.name] == []
    assert cli("demo", "--structure-only", data_dir=data_dir).returncode == 0


def test_a_scratch_file_of_a_running_process_is_left_alone(data_dir):
    mine = data_dir / f"{paths.DB_FILENAME}.new-{os.getppid()}"  # the test runner's parent is alive
    mine.write_bytes(b"being built")
    database = open_database(data_dir)
    database.close()
    assert mine.read_bytes() == b"being built"


@pytest.mark.parametrize("size_kib", [64, 256, 448])
def test_a_full_disk_while_setting_up_says_so_plainly_and_leaves_nothing(data_dir, size_kib):
    """The data folder is a tiny tmpfs: the disk fills at the start, midway or at the end of the set-up
    (the new file is about 460 KiB)."""
    result, left = cli_on_small_disk(data_dir, size_kib, "demo", data_dir=data_dir)
    assert result.returncode == 1, result.stdout
    assert "đã đầy nên không tạo được tệp dữ liệu" in result.stderr, result.stderr
    for raw in ("sqlalche", "OperationalError", "database or disk is full", "http"):
        assert raw not in result.stderr
    assert left == []
