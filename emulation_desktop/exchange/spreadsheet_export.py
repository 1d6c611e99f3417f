"""Export any editor's list to XLSX: Vietnamese headers, numbers and money as numbers, dates as dates.

Number formats use Excel's invariant codes ('#,##0', 'dd/mm/yyyy'): Excel and LibreOffice show them
with the reader's own separators, so a Vietnamese Windows shows 6.120.000.000 and 08/11/2022. Text that
a spreadsheet would run as a formula (starting with =, +, -, @, TAB or CR) is neutralised with a
leading apostrophe, so a list can never carry a formula into the clerk's Excel.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from emulation_desktop.domain.labels import choice_label
from emulation_desktop.domain.record_kinds import RecordKind
from emulation_desktop.domain.text import ascii_filename
from emulation_desktop.locale.i18n import _
from emulation_desktop.operations.queries import ListQuery, list_records
from emulation_desktop.operations.records import kind_of
from emulation_desktop.storage.database import Database

NUMBER_FORMAT = "#,##0"
DATE_FORMAT = "dd/mm/yyyy"
YEAR_FORMAT = "0"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # not allowed in XML
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")


def neutralise(text: str) -> str:
    """Text safe to put in a cell: control characters dropped, a formula start defused with "'"."""
    text = _ILLEGAL.sub("", text)
    return "'" + text if text.startswith(_FORMULA_START) else text


def sheet_title(title: str) -> str:
    return _SHEET_NAME_BAD.sub(" ", title).strip()[:31] or "Sheet1"


def workbook_bytes(
    title: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    formats: Sequence[str | None] | None = None,
    widths: Sequence[int] | None = None,
) -> bytes:
    """One sheet with a bold, frozen header row; cells typed by their Python value."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title(title))
    sheet.freeze_panes = "A2"
    for index, width in enumerate(widths or [], start=1):
        sheet.column_dimensions[_column_letter(index)].width = width
    bold = Font(bold=True)
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=neutralise(str(header)))
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        header_cells.append(cell)
    sheet.append(header_cells)
    formats = list(formats or [None] * len(headers))
    for row in rows:
        cells = []
        for value, number_format in zip(row, formats, strict=False):
            if isinstance(value, str):
                cell = WriteOnlyCell(sheet, value=neutralise(value))
                cell.data_type = "s"
            elif isinstance(value, bool):
                cell = WriteOnlyCell(sheet, value=_("Yes") if value else _("No"))
            elif isinstance(value, (datetime, date)):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = DATE_FORMAT
            else:
                cell = WriteOnlyCell(sheet, value=value)
                if number_format and value is not None:
                    cell.number_format = number_format
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


def _columns(kind: RecordKind) -> list[tuple[str, str, str | None, int]]:
    """(field name, header, number format, width) of the list's columns."""
    parent = kind.parent[0] if kind.parent else None
    columns = []
    for f in kind.fields:
        if f.name == parent:
            continue
        number_format = {
            "money": NUMBER_FORMAT,
            "int": NUMBER_FORMAT,
            "percent": NUMBER_FORMAT,
            "year": YEAR_FORMAT,
        }.get(f.kind)
        width = {"money": 18, "int": 12, "year": 8, "date": 12, "longtext": 50, "ref": 22, "choice": 26}.get(
            f.kind, 30
        )
        columns.append((f.name, _(f.label), number_format, width))
    return columns


def list_workbook(
    db: Database, kind_name: str, unit: str, year: int | None, *, search: str = ""
) -> tuple[bytes, int]:
    """The XLSX bytes of an editor's list (the same rows and filter as the editor) and the row count."""
    kind = kind_of(kind_name)
    columns = _columns(kind)
    fields = {f.name: f for f in kind.fields}
    with db.session() as session:
        result = list_records(
            session, ListQuery(kind=kind_name, unit=unit, year=year, search=search, limit=10**9)
        )
    rows = []
    for record in result.rows:
        row: list[Any] = []
        for name, _header, _format, _width in columns:
            f = fields[name]
            value = record.get(name)
            if f.kind == "ref":
                value = record.get("place_name") or ""
            elif f.kind == "choice" and value is not None:
                value = _(choice_label(name, value))
            row.append(value)
        rows.append(row)
    data = workbook_bytes(
        _(kind.label),
        [c[1] for c in columns],
        rows,
        formats=[c[2] for c in columns],
        widths=[c[3] for c in columns],
    )
    return data, len(rows)


def export_list(
    db: Database, kind_name: str, unit: str, year: int | None, out: str | Path, *, search: str = ""
) -> Path:
    """Save an editor's list as XLSX the safe way; ``out`` is a file or a folder (default name)."""
    from emulation_desktop.exchange.safe_save import output_target, safe_write

    data, _count = list_workbook(db, kind_name, unit, year, search=search)
    default_name = ascii_filename(f"{_(kind_of(kind_name).label)} {unit} {year or ''}") + ".xlsx"
    folder, name = output_target(out, ".xlsx", default_name)
    return safe_write(folder, name, data).path
