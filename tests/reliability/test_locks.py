"""One copy of the app per data folder; a lock left by a crash is taken over quietly."""

import os
import signal
import socket
import subprocess
import sys
import textwrap

import pytest

from emulation_desktop.storage.instance_lock import AlreadyOpenError, InstanceLock

HOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from emulation_desktop.storage.instance_lock import InstanceLock
    lock = InstanceLock(Path(sys.argv[1])).acquire()
    print("held", flush=True)
    time.sleep(60)
    """
)


def start_holder(folder):
    process = subprocess.Popen([sys.executable, "-c", HOLDER, str(folder)], stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "held"
    return process


def test_second_instance_is_told_plainly(data_dir):
    process = start_holder(data_dir)
    try:
        with pytest.raises(AlreadyOpenError) as caught:
            InstanceLock(data_dir).acquire()
        assert "đang được mở" in caught.value.message
        assert caught.value.holder["pid"] == process.pid
        assert caught.value.holder["host"] == socket.gethostname()  # which computer, for the message
    finally:
        process.kill()
        process.wait()


def test_stale_lock_after_a_crash_is_cleared_quietly(data_dir):
    process = start_holder(data_dir)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    lock = InstanceLock(data_dir).acquire()
    assert lock.recovered_stale
    lock.release()
    again = InstanceLock(data_dir).acquire()
    assert not again.recovered_stale
    again.release()


def test_a_folder_that_cannot_be_locked_is_not_called_already_open(tmp_path, monkeypatch):
    """A drive without locks (ENOLCK) gets its own message, not "open in another window"."""
    import errno

    fcntl = pytest.importorskip("fcntl")

    from emulation_desktop.errors import AppError

    def no_locks(_fd, _operation):
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(fcntl, "flock", no_locks)
    with pytest.raises(AppError) as refused:
        InstanceLock(tmp_path).acquire()
    assert not isinstance(refused.value, AlreadyOpenError)
    assert "Không khóa được thư mục dữ liệu" in refused.value.message
