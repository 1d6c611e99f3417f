"""Village names from a clerk's XLSX or CSV list, for the set-up (``operations/setup.py``). Here, not in
``operations``, because it reads the file with the spreadsheet readers of this package (any character
set, TCVN3 and VNI converted, sizes capped), and ``operations`` sits below ``exchange``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from emulation_desktop.exchange.legacy_detection import convert_rows
from emulation_desktop.exchange.spreadsheet_import import list_file_bytes, raw_sheet
from emulation_desktop.operations.setup import villages_from_column


def _first_text(row: list[Any]) -> str:
    """The row's first cell holding a name: a numbering column ("1", "2.") before it is skipped."""
    for value in row:
        if value is None:
            continue
        text = str(value).strip()
        if text and not text.rstrip(".").isdigit():
            return text
    return ""


def villages_from_file(path: str | Path) -> list[str]:
    """The names in the first column of the list that holds names (NFC, trimmed, empty cells and
    repeats dropped, in order); a heading on the first row is left out."""
    path = Path(path)
    raw = raw_sheet(list_file_bytes(path), path.name)
    rows, _header, _conversions = convert_rows(raw.rows, raw.fonts, lambda _top: 0)
    return villages_from_column(_first_text(row) for row in rows)
