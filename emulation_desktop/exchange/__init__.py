"""Moving data out of the app: the safe write to USB (``safe_save``), target folders (``drives``)."""

from emulation_desktop.exchange.drives import Target, candidate_targets, removable_targets
from emulation_desktop.exchange.safe_save import ExportError, SavedFile, safe_filename, safe_write

__all__ = [
    "ExportError",
    "SavedFile",
    "Target",
    "candidate_targets",
    "removable_targets",
    "safe_filename",
    "safe_write",
]
