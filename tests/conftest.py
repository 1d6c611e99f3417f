"""Shared fixtures: every test gets its own real SQLite file in a temporary data folder."""

from __future__ import annotations

import os

import pytest
from small_tree import tree

# The developer's real data folder and settings are never touched by tests.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["EMULATION_DESKTOP_LANG"] = "vi"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--slow", action="store_true", help="also run the slow tests")


def pytest_configure(config: pytest.Config) -> None:
    # Fuzz tests read this: 2.000 examples per parser in CI, ten times more with --slow.
    os.environ.setdefault("EMULATION_FUZZ_EXAMPLES", "20000" if config.getoption("--slow") else "2000")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--slow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path, monkeypatch):
    monkeypatch.setenv("EMULATION_DESKTOP_DATA_DIR", str(tmp_path / "default-data"))
    from emulation_desktop.locale import i18n

    i18n.set_language("vi")
    yield


@pytest.fixture
def data_dir(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


@pytest.fixture(scope="session")
def _small_tree_file(tmp_path_factory):
    """The small tree built once through the core, checkpointed into one file that each test copies."""
    from emulation_desktop import paths

    folder = tmp_path_factory.mktemp("template")
    database = _build_small_tree(folder)
    with database.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.close()
    return paths.database_path(folder)


@pytest.fixture
def db(data_dir, _small_tree_file):
    """A fresh data file with a small tree: city 01; district 017 (ours) with two communes and three
    villages; district 020 (imported, read-only) with one commune; cluster T-CUM with both for 2021–2022."""
    import shutil

    from emulation_desktop import paths
    from emulation_desktop.storage.database import open_database

    shutil.copyfile(_small_tree_file, paths.database_path(data_dir))
    database = open_database(data_dir)
    yield database
    database.close()


@pytest.fixture(scope="session")
def demo_dir(tmp_path_factory):
    """The demo (Cluster No. 3, 2021–2022, with its 2022 review) loaded once per session and checkpointed
    into its one file, for tests that read it; a test that changes it works on a copy (``demo_copy`` in
    tests/review) or puts back what it changed."""
    from emulation_desktop.demo import load_demo
    from emulation_desktop.storage.database import open_database

    folder = tmp_path_factory.mktemp("demo-data")
    database = open_database(folder)
    try:
        load_demo(database)
        with database.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        database.close()
    return folder


@pytest.fixture(scope="session")
def demo_db(demo_dir):
    """The demo, open for the whole session: read only."""
    from emulation_desktop.storage.database import open_database

    database = open_database(demo_dir)
    yield database
    database.close()


@pytest.fixture
def demo_copy(demo_dir, tmp_path):
    """A fresh copy of the demo, open, for a test that changes it."""
    import shutil

    from emulation_desktop import paths
    from emulation_desktop.storage.database import open_database

    folder = tmp_path / "copy"
    folder.mkdir()
    shutil.copyfile(paths.database_path(demo_dir), paths.database_path(folder))
    db = open_database(folder)
    yield db
    db.close()


def _build_small_tree(folder):
    from emulation_desktop.operations import structure
    from emulation_desktop.storage.database import open_database

    database = open_database(folder)
    structure.add_units(database, None, tree())
    structure.set_local(database, ["017"])
    structure.add_cluster(database, "T-CUM", "Cụm thử", "01")
    for year in (2021, 2022):
        structure.set_cluster_member(database, "T-CUM", "017", year, "head")
        structure.set_cluster_member(database, "T-CUM", "020", year, "deputy")
    return database
