"""A fresh copy of the demo (Cluster No. 3 with its 2022 review; ``demo_dir`` in tests/conftest.py) for
each test that changes it."""

from __future__ import annotations

import shutil

import pytest


@pytest.fixture
def demo_copy(demo_dir, tmp_path):
    from emulation_desktop import paths
    from emulation_desktop.storage.database import open_database

    folder = tmp_path / "copy"
    folder.mkdir()
    shutil.copyfile(paths.database_path(demo_dir), paths.database_path(folder))
    db = open_database(folder)
    yield db
    db.close()
