"""The log goes to the data folder, or to the temporary folder when the data folder cannot be written
(a read-only stick): the window must still open there."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from emulation_desktop.ui.logs import LOG_FILE, setup_logging


def test_the_log_is_in_the_data_folder(tmp_path):
    assert setup_logging(tmp_path) == tmp_path / "logs" / LOG_FILE
    logging.getLogger("test").info("xin chào")
    assert (tmp_path / "logs" / LOG_FILE).exists()


def test_a_data_folder_that_cannot_hold_the_log_sends_it_to_the_temporary_folder(tmp_path):
    # A file where the logs folder would be: making the folder fails, as on a locked stick.
    (tmp_path / "logs").write_text("not a folder")
    path = setup_logging(tmp_path)
    assert path == Path(tempfile.gettempdir()) / LOG_FILE
