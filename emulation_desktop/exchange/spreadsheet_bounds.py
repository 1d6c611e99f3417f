"""What a workbook may inflate to, checked before openpyxl parses any of it.

An .xlsx is a zip of XML, and openpyxl inflates and parses what it is given whole: a 307 KB file
holding one 300 MB cell took 31 s and 1.2 GB, and under a memory limit died with no reason. So the
archive is checked first: the number of members, each member's declared size and compression ratio
and their total; then each XML member is inflated as a stream (never held whole) to check that it is
the size it declares and that no run of text between two tags is longer than an Excel cell can hold
(32 767 characters). The longest field a list has is a few hundred characters.
"""

from __future__ import annotations

import re
import zipfile
from typing import IO

from emulation_desktop.exchange.spreadsheet_reading import SpreadsheetError
from emulation_desktop.locale.formatting import format_number
from emulation_desktop.locale.i18n import _

MAX_MEMBERS = 10_000
MAX_MEMBER_BYTES = 256 * 1024 * 1024
MAX_TOTAL_BYTES = 512 * 1024 * 1024
# Sheets of numbers compress 10-40 times, a zip bomb about 1000; tiny members (styles) are not judged.
MAX_RATIO = 200
RATIO_FLOOR = 1024 * 1024
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell
# A character can take up to 8 bytes of XML (Excel writes a control character as "_x000D_").
MAX_TEXT_RUN = 8 * MAX_CELL_CHARS + 1024
_CHUNK = 1024 * 1024
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")


def _refuse(reason: str) -> SpreadsheetError:
    return SpreadsheetError(
        _("The spreadsheet file is too large or abnormally compressed: {reason}.").format(reason=reason)
    )


def cell_too_long() -> SpreadsheetError:
    return _refuse(
        _("a cell holds more than {n} characters, the most Excel allows").format(
            n=format_number(MAX_CELL_CHARS)
        )
    )


def _megabytes(size: int) -> str:
    return format_number(size // (1024 * 1024))


def check_archive(archive: zipfile.ZipFile) -> set[str]:
    """Refuse an archive that would inflate beyond the caps; returns the XML members holding formulas."""
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise _refuse(_("it has more than {n} parts").format(n=format_number(MAX_MEMBERS)))
    total = 0
    for info in infos:
        if info.file_size > MAX_MEMBER_BYTES:
            raise _refuse(
                _("its part “{name}” inflates to more than {size} MB").format(
                    name=info.filename[:80], size=_megabytes(MAX_MEMBER_BYTES)
                )
            )
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise _refuse(
                _("its part “{name}” is compressed {ratio} times, far more than a real list is").format(
                    name=info.filename[:80], ratio=format_number(info.file_size // max(info.compress_size, 1))
                )
            )
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise _refuse(
                _("its parts inflate to more than {size} MB in all").format(size=_megabytes(MAX_TOTAL_BYTES))
            )
    with_formulas = set()
    for info in infos:
        if info.filename.lower().endswith((".xml", ".rels")):
            with archive.open(info) as stream:
                if _scan(stream, info.file_size):
                    with_formulas.add(info.filename)
    return with_formulas


def _scan(stream: IO[bytes], declared: int) -> bool:
    """Inflate one member in chunks: its real size, its longest run of text; whether it has formulas."""
    tail = b""  # the current run of text, not yet known to end within the limit
    size = 0
    formulas = False
    while chunk := stream.read(_CHUNK):
        size += len(chunk)
        if size > declared:  # zipfile stops at the declared size; this is the second fence
            raise _refuse(_("a part is larger than its header says"))
        data = tail + chunk
        formulas = formulas or _FORMULA.search(data) is not None
        # Every run before the last "<" of a window of MAX_TEXT_RUN bytes is shorter than the window,
        # so each step moves on by a window or finds a run that long: linear, whatever the content.
        start = 0
        while start + MAX_TEXT_RUN <= len(data):
            last = data.rfind(b"<", start, start + MAX_TEXT_RUN)
            if last == -1:
                raise cell_too_long()
            start = last + 1
        tail = data[start:]
    return formulas
