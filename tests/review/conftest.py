"""The demo (Cluster No. 3 with its 2022 review) loaded once per session, and a fresh copy per test that
changes it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def review_demo_dir(tmp_path_factory) -> Path:
    from emulation_desktop.demo import load_demo
    from emulation_desktop.storage.database import open_database

    folder = tmp_path_factory.mktemp("review-demo")
    db = open_database(folder)
    try:
        load_demo(db)
        with db.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()
    return folder


@pytest.fixture(scope="session")
def review_db(review_demo_dir):
    """The demo, read only (tests that change data use ``demo_copy``)."""
    from emulation_desktop.storage.database import open_database

    db = open_database(review_demo_dir)
    yield db
    db.close()


@pytest.fixture
def demo_copy(review_demo_dir, tmp_path):
    from emulation_desktop import paths
    from emulation_desktop.storage.database import open_database

    folder = tmp_path / "copy"
    folder.mkdir()
    shutil.copyfile(paths.database_path(review_demo_dir), paths.database_path(folder))
    db = open_database(folder)
    yield db
    db.close()
