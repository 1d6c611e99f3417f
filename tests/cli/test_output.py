"""The commands' output never fails: UTF-8 under a legacy code page, and quiet when its reader leaves.
Real processes and real pipes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from emulation_desktop import paths


@pytest.fixture
def demo_copy(demo_dir, tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copyfile(paths.database_path(demo_dir), paths.database_path(folder))
    return folder


def command(folder, *args):
    return [sys.executable, "-m", "emulation_desktop", *args, "--data-dir", str(folder)]


INDICATORS = ("indicators", "--unit", "017", "--year", "2022", "--format", "table")


@pytest.mark.parametrize("code_page", ["cp1252", "ascii", "latin-1"])
def test_a_table_redirected_under_a_legacy_code_page_is_written_in_utf8(demo_copy, code_page):
    """A clerk on an English Windows redirects the output to a file: it used to exit 1 with
    "'charmap' codec can't encode…"."""
    env = {**os.environ, "PYTHONIOENCODING": code_page}
    done = subprocess.run(command(demo_copy, *INDICATORS), capture_output=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    text = done.stdout.decode("utf-8")  # strict: it is UTF-8 throughout
    assert "Nhà Đại đoàn kết" in text or "nhà" in text.lower()
    assert done.stderr == b""


def test_output_piped_to_a_reader_that_stops_early_ends_quietly(demo_copy):
    """``indicators … | head -0``: the reader closes the pipe before the command writes a line."""
    with subprocess.Popen(
        command(demo_copy, *INDICATORS), stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as run:
        run.stdout.close()
        stderr = run.stderr.read()
        code = run.wait(timeout=120)
    assert code == 0, stderr
    assert stderr == b"", stderr
