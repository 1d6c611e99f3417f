"""The cells of a clerk's list as they are in the file, before any conversion: the first sheet of an
XLSX (with the fonts of its text cells, and formulas that were never computed marked as such) or a
CSV in whichever character set it was saved (UTF-8, UTF-16 as Excel's "Unicode Text", Windows-1258,
or the 8-bit bytes that TCVN3 and VNI text are).
"""

from __future__ import annotations

import codecs
import csv
import io
import unicodedata
import zipfile
from dataclasses import dataclass, field
from typing import Any

from emulation_desktop.errors import InputError
from emulation_desktop.exchange.legacy_detection import vietnamese_score
from emulation_desktop.exchange.legacy_encodings import TCVN3, VNI, to_unicode
from emulation_desktop.locale.formatting import format_number
from emulation_desktop.locale.i18n import _

MAX_ROWS = 200_000


class SpreadsheetError(InputError):
    """The file cannot be read as a list; nothing was imported."""


@dataclass(frozen=True)
class UncomputedFormula:
    """A formula cell whose value was never computed (a file written by a program, not by Excel)."""

    coordinate: str

    def __str__(self) -> str:
        return "="

    def reason(self) -> str:
        return _(
            "Cell {cell} is a formula without a computed value: open the file in Excel, save it, then import it."
        ).format(cell=self.coordinate)


@dataclass
class RawSheet:
    rows: list[list[Any]]
    fonts: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, column) → font, text cells
    charset: str = ""  # CSV only: utf-8, utf-16, cp1258 or cp1252 (the bytes of TCVN3 and VNI text)


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        return value if value.strip() else None
    return value


def _too_long() -> SpreadsheetError:
    return SpreadsheetError(_("The list is too long (more than {n} rows).").format(n=MAX_ROWS))


# ------------------------------------------------------------------------------------------------ XLSX

_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError)


def _not_a_workbook() -> SpreadsheetError:
    return SpreadsheetError(_("The file cannot be read as an Excel workbook (.xlsx)."))


def read_xlsx(data: bytes) -> RawSheet:
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    from emulation_desktop.exchange.spreadsheet_bounds import MAX_CELL_CHARS, cell_too_long, check_archive

    try:
        with_formulas = check_archive(zipfile.ZipFile(io.BytesIO(data)))
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except SpreadsheetError:
        raise
    except Exception as exc:  # zipfile and openpyxl raise many kinds (zip, XML, key errors)
        raise _not_a_workbook() from exc
    try:
        sheet = workbook.worksheets[0]
        path = getattr(sheet, "_worksheet_path", "")  # openpyxl keeps the sheet's member name here
        pending = _uncomputed_formulas(data, path) if path in with_formulas else set()
        raw = RawSheet([])
        for r, row in enumerate(sheet.iter_rows()):
            cells = []
            for c, cell in enumerate(row):
                value = _cell(cell.value)
                if isinstance(value, str):
                    if len(value) > MAX_CELL_CHARS:
                        raise cell_too_long()
                    font = cell.font.name if cell.has_style else None
                    if font:
                        raw.fonts[(r, c)] = font
                elif value is None and (r + 1, c + 1) in pending:
                    value = UncomputedFormula(f"{get_column_letter(c + 1)}{r + 1}")
                cells.append(value)
            raw.rows.append(cells)
            if len(raw.rows) > MAX_ROWS:
                raise _too_long()
        return raw
    except SpreadsheetError:
        raise
    except Exception as exc:  # rows are parsed lazily: a damaged sheet can fail half-way through
        raise _not_a_workbook() from exc
    finally:
        workbook.close()


def _uncomputed_formulas(data: bytes, member: str) -> set[tuple[int, int]]:
    """(row, column) of the formula cells with no cached value: openpyxl gives None for them with
    ``data_only`` and cannot tell them from empty cells. Excel writes an empty text result as ``t="str"``
    with an empty value; a program that does not compute writes the formula with none."""
    from xml.etree.ElementTree import iterparse

    from openpyxl.utils.cell import coordinate_to_tuple

    found: set[tuple[int, int]] = set()
    row = column = 0
    with zipfile.ZipFile(io.BytesIO(data)).open(member) as stream:
        for event, element in iterparse(stream, events=("start", "end")):
            tag = element.tag.rpartition("}")[2]
            if event == "start":
                if tag == "row":
                    row, column = int(element.get("r") or row + 1), 0
                continue
            if tag == "c":
                reference = element.get("r")
                row, column = coordinate_to_tuple(reference) if reference else (row, column + 1)
                children = {child.tag.rpartition("}")[2]: child for child in element}
                value = children.get("v")
                empty = value is None or not value.text
                if "f" in children and empty and element.get("t") not in ("str", "inlineStr"):
                    found.add((row, column))
            elif tag == "row":
                element.clear()
    return found


# ------------------------------------------------------------------------------------------------- CSV

# A sample is enough to tell the character set; a whole 64 MB file would take seconds to score.
_SAMPLE = 256 * 1024


def _decode(data: bytes) -> tuple[str, str]:
    """(text, charset)."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8"), "utf-8"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16"), "utf-16"
    bare = _bare_utf16(data[:4096])
    if bare:
        return _strict(data, bare), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # 8-bit: Windows-1258 (Vietnamese, tone marks as combining characters) or the bytes of TCVN3/VNI
    # text, which reuse Latin-1's codes. Whichever reads as more Vietnamese wins.
    legacy = data.decode("cp1252") if _decodes(data, "cp1252") else data.decode("latin-1")
    if _decodes(data, "cp1258"):
        sample = data[:_SAMPLE]
        as_1258 = _score_cells(codecs.decode(sample, "cp1258"), best_reading=False)
        as_legacy = _score_cells(legacy[: len(sample)], best_reading=True)
        if as_1258 > as_legacy:
            return unicodedata.normalize("NFC", data.decode("cp1258")), "cp1258"
    return legacy, "cp1252"


def _score_cells(text: str, *, best_reading: bool) -> int:
    """How Vietnamese the text reads, cell by cell (each in its best legacy reading if asked)."""
    total = 0
    for line in text.splitlines():
        for cell in line.replace(";", ",").replace("\t", ",").split(","):
            if not cell.isascii():
                readings = [cell, to_unicode(cell, TCVN3), to_unicode(cell, VNI)] if best_reading else [cell]
                total += max(map(vietnamese_score, readings))
    return total


def _decodes(data: bytes, charset: str) -> bool:
    try:
        data.decode(charset)
    except UnicodeDecodeError:
        return False
    return True


def _bare_utf16(head: bytes) -> str:
    """UTF-16 without a byte order mark: NUL in every other byte (of mostly ASCII text)."""
    pairs = len(head) // 2
    if pairs < 4:
        return ""
    even, odd = head[0 : pairs * 2 : 2].count(0), head[1 : pairs * 2 : 2].count(0)
    if odd > 0.4 * pairs and even == 0:
        return "utf-16-le"
    if even > 0.4 * pairs and odd == 0:
        return "utf-16-be"
    return ""


def _strict(data: bytes, charset: str) -> str:
    try:
        return data.decode(charset)
    except UnicodeDecodeError as exc:
        raise SpreadsheetError(
            _("The file cannot be read: it is marked as {charset} text but is damaged or cut short.").format(
                charset=charset.upper().replace("-LE", "").replace("-BE", "")
            )
        ) from exc


def read_csv(data: bytes) -> RawSheet:
    from emulation_desktop.exchange.spreadsheet_bounds import MAX_CELL_CHARS

    text, charset = _decode(data)
    if "\x00" in text:
        raise SpreadsheetError(_("The file cannot be read as a list: it holds binary data, not text."))
    try:
        dialect: Any = csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel_tab if charset == "utf-16" else csv.excel  # Excel's "Unicode Text" has tabs
    reader = csv.reader(io.StringIO(text), dialect)
    rows: list[list[Any]] = []
    try:
        for row in reader:
            if any(len(v) > MAX_CELL_CHARS for v in row):
                raise _cell_too_long(reader.line_num, MAX_CELL_CHARS)
            rows.append([_cell(v) for v in row])
            if len(rows) > MAX_ROWS:
                raise _too_long()
    except csv.Error as exc:  # a stray line break inside an unquoted cell, a cell past csv's own limit
        if "field larger" in str(exc):
            raise _cell_too_long(reader.line_num, MAX_CELL_CHARS) from exc
        raise SpreadsheetError(
            _("The file cannot be read as a CSV list (error in row {row}).").format(row=reader.line_num)
        ) from exc
    return RawSheet(rows, charset=charset)


def _cell_too_long(row: int, limit: int) -> SpreadsheetError:
    return SpreadsheetError(
        _("The file cannot be read as a list: a cell in row {row} is longer than {n} characters.").format(
            row=row, n=format_number(limit)
        )
    )
