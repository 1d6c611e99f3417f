"""A rotating log file in the data folder, so a clerk can send it when something goes wrong."""

from __future__ import annotations

import logging
import tempfile
from logging.handlers import RotatingFileHandler
from pathlib import Path

from emulation_desktop.paths import logs_dir

LOG_FILE = "emulation-desktop.log"
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup_logging(data_folder: Path) -> Path:
    """Log to ``logs/emulation-desktop.log`` (1 MB × 5 files); quiet the chatty libraries. A data folder
    that cannot be written (a read-only stick) logs to the temporary folder instead: the window must
    still open, read and print (docs/reliability.md)."""
    try:
        path = logs_dir(data_folder) / LOG_FILE
        path.touch()
    except OSError:
        path = Path(tempfile.gettempdir()) / LOG_FILE
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, RotatingFileHandler):
            root.removeHandler(handler)
            handler.close()
    handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter(_FORMAT))
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    for noisy in ("sqlalchemy", "PIL", "fontTools", "reportlab"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return path
