"""A rotating log file in the data folder, so a clerk can send it when something goes wrong.

The window starts logging to the file through logging's plain ``FileHandler`` and hands the same file to
``RotatingFileHandler`` once it is on screen (``rotate``): ``logging.handlers`` brings socket, pickle and
queue with it, about 6 ms of every start that the first paint need not wait for (docs/startup.md). A
file already past its size rolls over at the first line written after the hand-over.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from emulation_desktop.paths import logs_dir

LOG_FILE = "emulation-desktop.log"
MAX_BYTES, BACKUP_COUNT = 1_000_000, 5
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_HANDLER_NAME = "emulation_desktop.log_file"


def setup_logging(data_folder: Path) -> Path:
    """Log to ``logs/emulation-desktop.log`` (1 MB × 5 files once ``rotate`` has run); quiet the
    chatty libraries. A data folder that cannot be written (a read-only stick) logs to the temporary
    folder instead: the window must still open, read and print (docs/reliability.md)."""
    try:
        path = logs_dir(data_folder) / LOG_FILE
        path.touch()
    except OSError:
        path = Path(tempfile.gettempdir()) / LOG_FILE
    _use(logging.FileHandler(path, encoding="utf-8"))
    logging.getLogger().setLevel(logging.INFO)
    for noisy in ("sqlalchemy", "PIL", "fontTools", "reportlab"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return path


def rotate(path: Path) -> None:
    """From now on the log at ``path`` rolls over at ``MAX_BYTES``, keeping ``BACKUP_COUNT`` old files."""
    from logging.handlers import RotatingFileHandler

    _use(RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"))


def _use(handler: logging.Handler) -> None:
    """``handler`` becomes the log file's one handler: added before the one it replaces is removed, so
    that a line logged meanwhile by another thread is not lost."""
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(logging.Formatter(_FORMAT))
    root = logging.getLogger()
    replaced = [old for old in root.handlers if old.get_name() == _HANDLER_NAME]
    root.addHandler(handler)
    for old in replaced:
        root.removeHandler(old)
        old.close()
