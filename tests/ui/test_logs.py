"""The log goes to the data folder, or to the temporary folder when the data folder cannot be written
(a read-only stick): the window must still open there."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from emulation_desktop.ui.logs import LOG_FILE, MAX_BYTES, rotate, setup_logging


def test_the_log_is_in_the_data_folder(tmp_path):
    assert setup_logging(tmp_path) == tmp_path / "logs" / LOG_FILE
    logging.getLogger("test").info("xin chào")
    assert (tmp_path / "logs" / LOG_FILE).exists()


def test_a_data_folder_that_cannot_hold_the_log_sends_it_to_the_temporary_folder(tmp_path):
    # A file where the logs folder would be: making the folder fails, as on a locked stick.
    (tmp_path / "logs").write_text("not a folder")
    path = setup_logging(tmp_path)
    assert path == Path(tempfile.gettempdir()) / LOG_FILE


def test_the_log_rolls_over_once_the_window_hands_it_to_rotation(tmp_path):
    path = setup_logging(tmp_path)
    log = logging.getLogger("test.rotation")
    path.write_text("x" * (MAX_BYTES + 10), encoding="utf-8")  # a long year of logging
    log.info("trước khi cửa sổ hiện")  # the plain file handler of the start only appends
    assert not path.with_name(LOG_FILE + ".1").exists()
    rotate(path)
    log.info("sau khi cửa sổ hiện")
    old = path.with_name(LOG_FILE + ".1")
    assert old.exists() and "trước khi cửa sổ hiện" in old.read_text(encoding="utf-8")
    assert "sau khi cửa sổ hiện" in path.read_text(encoding="utf-8")
    handlers = logging.getLogger().handlers
    ours = [h for h in handlers if getattr(h, "baseFilename", None) == str(path)]
    assert len(ours) == 1  # handed over, not doubled: every line is written once
    for handler in ours:
        logging.getLogger().removeHandler(handler)
        handler.close()
