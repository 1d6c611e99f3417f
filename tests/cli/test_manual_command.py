"""`emulation-desktop manual --out FILE.pdf`: the user manual as a PDF, saved the safe way, with no data
file needed; a bad target is refused in Vietnamese with exit code 2."""

from __future__ import annotations

import os

import pytest
from run_cli import cli


def test_the_manual_is_written_and_checked(tmp_path):
    data_dir = tmp_path / "data"
    out = tmp_path / "huong-dan.pdf"
    result = cli("manual", "--out", out, data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF")
    assert "Đã lưu và kiểm tra" in result.stdout
    assert not (data_dir / "emulation.sqlite3").exists()  # no data file is opened for it
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".tmp-")] == []


def test_a_folder_that_does_not_exist_is_refused(tmp_path):
    out = tmp_path / "khong-co" / "huong-dan.pdf"
    result = cli("manual", "--out", out, data_dir=tmp_path / "data")
    assert result.returncode == 2
    assert "không tồn tại" in result.stderr
    assert not out.parent.exists()


def test_not_a_pdf_name_is_refused(tmp_path):
    result = cli("manual", "--out", tmp_path / "huong-dan.txt", data_dir=tmp_path / "data")
    assert result.returncode == 2
    assert ".pdf" in result.stderr


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root may write anywhere")
def test_a_folder_that_cannot_be_written_is_refused(tmp_path):
    locked = tmp_path / "chi-doc"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        result = cli("manual", "--out", locked / "huong-dan.pdf", data_dir=tmp_path / "data")
    finally:
        locked.chmod(0o755)
    assert result.returncode == 2
    assert "Không ghi được" in result.stderr
    assert list(locked.iterdir()) == []


def test_a_folder_the_system_refuses_is_refused_before_writing(tmp_path, monkeypatch, capsys):
    """As root the test above cannot lock a folder: here the system says "not writable" instead."""
    from emulation_desktop import cli as commands

    args = commands.parse(["--lang", "vi", "manual", "--out", str(tmp_path / "huong-dan.pdf")])
    monkeypatch.setattr(os, "access", lambda *_args, **_kw: False)
    assert commands.run_command(args) == 2
    assert "Không ghi được" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_a_missing_out_is_a_usage_error(tmp_path):
    result = cli("manual", data_dir=tmp_path / "data")
    assert result.returncode == 2
    assert "--out" in result.stderr
