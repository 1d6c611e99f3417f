"""A data folder on a read-only disk or a write-protected stick (issue #15, finding 2).

The folder is bind-mounted read-only in a private mount namespace (``mounts.py``): the kernel answers
EROFS to SQLite itself, even for root. The clerk can read, print and back up elsewhere; every write is
refused with one plain message (exit 2); the file is never called damaged nor moved aside for it.
"""

from __future__ import annotations

import shutil
import sys

import pytest
from run_cli import cli

from emulation_desktop import paths
from emulation_desktop.storage import sqlite
from emulation_desktop.storage.database import check_file

from .mounts import cli_on_read_only, needs_mounts, run_on_read_only

READ_ONLY = "chỉ cho phép đọc"


def _healthy(result):
    text = result.stdout + result.stderr
    assert "hỏng" not in text and "cất riêng" not in text and "ngoài dự kiến" not in text, text


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    """District 017's data folder, trusting district 016's key, and 016's package for 2022."""
    needs_mounts()
    root = tmp_path_factory.mktemp("read-only")
    sender, hub = root / "sender", root / "hub"
    cli("demo", "--unit", "016", data_dir=sender, check=True)
    cli("keys", "export", "--out", root / "key-016.json", data_dir=sender, check=True)
    cli("export-package", "--year", 2022, "--out", root / "package-016.zip", data_dir=sender, check=True)
    cli("demo", "--unit", "017", data_dir=hub, check=True)
    cli("keys", "trust", root / "key-016.json", data_dir=hub, check=True)
    cli("backup", "--out", root / "good.sqlite3", data_dir=hub, check=True)
    before = {p.name: p.read_bytes() for p in hub.rglob("*") if p.is_file()}
    yield root, hub
    after = {p.name: p.read_bytes() for p in hub.rglob("*") if p.is_file()}
    assert after == before  # the read-only folder was only ever read


def test_reading_printing_and_backing_up_elsewhere_work(office, tmp_path):
    _root, hub = office
    checked = cli_on_read_only(hub, "check", data_dir=hub)
    assert checked.returncode == 0, checked.stderr
    assert "✗" not in checked.stdout and "✓" in checked.stdout
    _healthy(checked)

    copy = tmp_path / "stick" / "copy.sqlite3"
    copy.parent.mkdir()
    backed_up = cli_on_read_only(hub, "backup", "--out", copy, data_dir=hub)
    assert backed_up.returncode == 0, backed_up.stderr
    assert check_file(copy, settled=True) > 0 and sqlite.quick_check(copy, settled=True)
    assert sorted(p.name for p in copy.parent.iterdir()) == ["copy.sqlite3"]

    pdf = tmp_path / "annual.pdf"
    printed = cli_on_read_only(
        hub, "report", "annual", "--unit", "017", "--year", 2022, "--out", pdf, data_dir=hub
    )
    assert printed.returncode == 0, printed.stderr
    assert pdf.read_bytes().startswith(b"%PDF")

    figures = cli_on_read_only(hub, "indicators", "--unit", "017", "--year", 2022, data_dir=hub)
    assert figures.returncode == 0, figures.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("backup",),  # into the data folder's own backups
        ("import-package", "{root}/package-016.zip"),
        ("restore", "{root}/good.sqlite3"),
        ("export-package", "--year", "2022", "--out", "{tmp}/p.zip"),
    ],
    ids=["backup-here", "import-package", "restore", "export-package"],
)
def test_every_write_is_refused_plainly(office, tmp_path, args):
    root, hub = office
    args = [str(a).format(root=root, tmp=tmp_path) for a in args]
    result = cli_on_read_only(hub, *args, data_dir=hub)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert READ_ONLY in result.stderr and "không ghi được thay đổi" in result.stderr, result.stderr
    _healthy(result)
    assert not list(tmp_path.glob("*.zip")), "a package was left on the stick for a refused export"


def test_a_new_data_file_cannot_be_made_on_a_read_only_disk(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = cli_on_read_only(empty, "demo", data_dir=empty)
    assert result.returncode == 2, result.stderr
    assert READ_ONLY in result.stderr
    _healthy(result)
    assert list(empty.iterdir()) == []


def test_a_damaged_file_on_a_read_only_disk_is_still_called_damaged_and_left_in_place(office, tmp_path):
    from .test_bad_files import checkpoint, damage

    _root, hub = office
    folder = tmp_path / "damaged"
    shutil.copytree(hub, folder)
    db_path = paths.database_path(folder)
    checkpoint(db_path)
    damage(db_path)
    damaged = db_path.read_bytes()
    result = cli_on_read_only(folder, "check", data_dir=folder)
    assert result.returncode != 0
    assert "bị hỏng" in result.stderr and "để nguyên" in result.stderr, result.stderr
    assert "cất riêng" not in result.stderr
    assert db_path.read_bytes() == damaged and not list(folder.glob("*damaged*"))


def test_the_window_needs_no_lock_file_in_a_read_only_folder(office):
    """The instance lock is a file in the data folder: a read-only folder cannot hold it, and needs none."""
    _root, hub = office
    probe = (
        "import sys; from pathlib import Path\n"
        "from emulation_desktop.storage.instance_lock import InstanceLock\n"
        "lock = InstanceLock(Path(sys.argv[1])).acquire(); print(lock.read_only); lock.release()"
    )
    result = run_on_read_only(hub, sys.executable, "-c", probe, str(hub))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"
