"""Import support activities and donations from a clerk's own XLSX or CSV list.

1. ``read_sheet``: the cells of the first sheet (or a CSV) as ``spreadsheet_reading`` finds them
   (bounded by ``spreadsheet_bounds``), legacy TCVN3/VNI text converted to Unicode NFC per cell and
   column (``legacy_detection``, which reports what it converted), the header row found among the
   first rows.
2. ``guess_mapping`` (``spreadsheet_mapping``): which column holds which field, from Vietnamese or
   English headers with or without diacritics; the clerk can override it.
3. ``preview``: every row converted and checked with the same rules as a clerk's entry; the good rows
   and a list of rejected rows (row number, column, reason in Vietnamese).
4. ``import_rows``: the good rows in one transaction through ``operations.records.create_records``.
5. ``rejections_csv`` / ``rejections_xlsx``: the rejected rows as a file the clerk can save.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from emulation_desktop.domain.file_messages import unreadable
from emulation_desktop.domain.models import Unit
from emulation_desktop.domain.org import in_subtree
from emulation_desktop.domain.record_kinds import KINDS, RecordKind
from emulation_desktop.domain.text import clean_text, fold
from emulation_desktop.errors import InputError, ValidationError
from emulation_desktop.exchange import legacy_encodings
from emulation_desktop.exchange.legacy_detection import HEADER_SEARCH_ROWS, Conversion, convert_rows
from emulation_desktop.exchange.spreadsheet_mapping import choice_value, guess_mapping
from emulation_desktop.exchange.spreadsheet_reading import (
    RawSheet,
    SpreadsheetError,
    UncomputedFormula,
    read_csv,
    read_xlsx,
)
from emulation_desktop.locale.formatting import format_number
from emulation_desktop.locale.i18n import _
from emulation_desktop.operations.records import check_values, clean_values, create_records, resolve_unit
from emulation_desktop.storage.database import Database

IMPORTABLE = ("support_activity", "donation")
MAX_FILE_BYTES = 64 * 1024 * 1024
ENCODINGS = (legacy_encodings.UNICODE, legacy_encodings.TCVN3, legacy_encodings.VNI)
CHARSET_NAMES = {"utf-16": "UTF-16", "cp1258": "Windows-1258"}


_TOTAL_WORDS = ("tong cong", "tong so", "cong", "tong")


@dataclass
class Sheet:
    headers: list[str]
    rows: list[tuple[int, list[Any]]]  # (row number in the file, cells)
    encoding: str  # unicode, tcvn3 or vni: what most converted text was converted from
    header_row: int
    conversions: list[Conversion] = field(default_factory=list)
    charset: str = ""  # a CSV's character set; see spreadsheet_reading.RawSheet

    def conversion_lines(self) -> list[str]:
        """One line per column and encoding: "Column Beneficiary: converted from TCVN3 (.VnTime), 30 cells."."""
        lines = []
        for item in self.conversions:
            header = self.headers[item.column] if item.column < len(self.headers) else ""
            source = item.encoding.upper() + (f" ({item.font})" if item.font else "")
            lines.append(
                _("Column {column}: converted from {encoding}, {n} cells.").format(
                    column=header or _column_letter(item.column),
                    encoding=source,
                    n=format_number(item.cells),
                )
            )
        return lines

    def charset_line(self) -> str:
        """What a CSV was read as, when it was not UTF-8 or plain 8-bit text."""
        if self.charset not in CHARSET_NAMES:
            return ""
        return _("The file was read as {charset} text.").format(charset=CHARSET_NAMES[self.charset])


@dataclass(frozen=True)
class Rejection:
    row: int
    column: str
    reason: str


@dataclass
class Preview:
    kind: str
    unit_code: str
    mapping: dict[int, str]
    headers: list[str]
    encoding: str
    good: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    skipped: int = 0  # empty and total rows

    @property
    def rejected_rows(self) -> int:
        return len({r.row for r in self.rejected})

    def summary(self) -> str:
        return _(
            "{good} rows can be imported; {bad} rows are rejected; {skipped} empty or total rows skipped."
        ).format(good=len(self.good), bad=self.rejected_rows, skipped=self.skipped)


# ------------------------------------------------------------------------------------------ reading


def read_sheet(
    source: str | Path | bytes, *, name: str = "", kind: str = "support_activity", encoding: str | None = None
) -> Sheet:
    """Read an XLSX or CSV list; legacy text is converted, the header row is found.

    ``encoding``: None or "auto" to detect per cell and column, "unicode" to convert nothing, "tcvn3" or
    "vni" to read every cell that is not already Unicode Vietnamese in that encoding.
    """
    if encoding not in (None, "auto", *ENCODINGS):
        raise InputError(_("Unknown encoding “{name}”.").format(name=encoding))
    if isinstance(source, bytes):
        data = source
    else:
        name = name or Path(source).name
        data = list_file_bytes(source)
    raw = raw_sheet(data, name)
    rows, header_index, conversions = convert_rows(
        raw.rows, raw.fonts, lambda top: _find_header(top, kind), None if encoding == "auto" else encoding
    )
    headers = [_header_text(v) for v in rows[header_index]] if rows else []
    body = [(number, row) for number, row in enumerate(rows[header_index + 1 :], start=header_index + 2)]
    by_encoding = Counter[str]()
    for item in conversions:
        by_encoding[item.encoding] += item.cells
    found = by_encoding.most_common(1)[0][0] if by_encoding else legacy_encodings.UNICODE
    return Sheet(headers, body, found, header_index + 1, conversions, raw.charset)


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _header_text(value: Any) -> str:
    return clean_text(str(value)) if isinstance(value, str | int | float | date) else ""


def _find_header(rows: list[list[Any]], kind: str) -> int:
    """The row among the first few whose cells name the most fields (title rows come before it)."""
    best, best_score = 0, -1
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        headers = [_header_text(v) for v in row]
        score = len(guess_mapping(kind, headers))
        if score > best_score:
            best, best_score = index, score
    return best


# ------------------------------------------------------------------------------------------ checking


class _SheetPlaces:
    """The unit's communes, found by code or by name with or without "Xã"/"Thị trấn"/"Phường"."""

    def __init__(self, session: Any, unit: Unit) -> None:
        self.unit = unit
        self._by_key: dict[str, tuple[str, str, str]] = {}
        rows = session.execute(
            select(Unit.id, Unit.code, Unit.name, Unit.level_code).where(
                in_subtree(Unit.path, unit.path), Unit.id != unit.id, Unit.deleted.is_(False)
            )
        ).all()
        for row in rows:
            value = (row.id, row.name, row.level_code)
            self._by_key.setdefault(row.id, value)
            self._by_key.setdefault(row.code, value)
            name = fold(row.name)
            self._by_key.setdefault(name, value)
            for prefix in ("xa ", "thi tran ", "phuong ", "thon ", "to dan pho "):
                if name.startswith(prefix):
                    self._by_key.setdefault(name[len(prefix) :], value)

    def resolve(self, value: str, levels: tuple[str, ...]) -> tuple[str, str]:
        found = self._by_key.get(value) or self._by_key.get(fold(value))
        if found is None or found[2] not in levels:
            raise InputError(
                _("No commune or village “{value}” in {unit}.").format(value=value, unit=self.unit.name)
            )
        return found[0], found[1]


def _convert(kind: RecordKind, raw: dict[str, Any]) -> dict[str, Any]:
    """Spreadsheet cell values → what the core's converters take (codes, ints, dates, text)."""
    out: dict[str, Any] = {}
    for f in kind.fields:
        if f.name not in raw:
            continue
        value = raw[f.name]
        if isinstance(value, datetime):
            value = value.date() if f.kind == "date" else value
        if isinstance(value, float) and value.is_integer() and f.kind in ("money", "int", "year", "percent"):
            value = int(value)
        if f.kind in ("text", "longtext") and isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if f.kind == "choice":
            value = choice_value(f.name, value)
        if f.kind == "year" and isinstance(value, date):
            value = value.year
        out[f.name] = value
    return out


def _is_total(cells: Sequence[Any]) -> bool:
    texts = [fold(v) for v in cells if isinstance(v, str)]
    return bool(texts) and any(t.strip(" :.") in _TOTAL_WORDS for t in texts)


def preview(
    db: Database,
    sheet: Sheet,
    kind_name: str,
    unit: str,
    *,
    mapping: Mapping[int, str] | None = None,
    year: int | None = None,
) -> Preview:
    """Check every row; nothing is written. ``year`` fills rows without a year column."""
    if kind_name not in IMPORTABLE:
        raise InputError(_("Only support activities and donations can be imported from a spreadsheet."))
    kind = KINDS[kind_name]
    mapping = dict(mapping) if mapping is not None else guess_mapping(kind_name, sheet.headers)
    names = {f.name for f in kind.fields}
    bad = [n for n in mapping.values() if n not in names]
    if bad:
        raise InputError(_("Unknown fields: {names}.").format(names=", ".join(sorted(bad))))
    labels = {f.name: _(f.label) for f in kind.fields}
    with db.session() as session:
        owner = resolve_unit(session, unit)
        places = _SheetPlaces(session, owner)
        result = Preview(kind_name, owner.code, mapping, sheet.headers, sheet.encoding)
        if "year" not in mapping.values() and year is None:
            raise InputError(_("The list has no year column; choose the year to import into."))
        for number, cells in sheet.rows:
            raw = {name: cells[index] if index < len(cells) else None for index, name in mapping.items()}
            if all(v is None for v in raw.values()) or _is_total(cells):
                result.skipped += 1
                continue
            formulas = [(n, v) for n, v in raw.items() if isinstance(v, UncomputedFormula)]
            if formulas:  # never a silent blank: the clerk is told which cell to compute
                for name, formula in formulas:
                    result.rejected.append(Rejection(number, labels.get(name, name), formula.reason()))
                continue
            if "year" not in raw or raw["year"] is None:
                raw["year"] = year
            values = _convert(kind, raw)
            try:
                cleaned = clean_values(kind, values, places)  # type: ignore[arg-type]
                check_values(kind, cleaned)
            except ValidationError as exc:
                for name, message in exc.errors.items():
                    result.rejected.append(Rejection(number, labels.get(name, name), message))
                continue
            except InputError as exc:
                result.rejected.append(Rejection(number, "", exc.message))
                continue
            # Hand the core the commune by id (already resolved), the rest as cleaned.
            result.good.append((number, cleaned))
    return result


def import_rows(db: Database, result: Preview, *, user: str = "") -> int:
    """Import the good rows in one transaction (all or none); returns how many."""
    if not result.good:
        return 0
    return create_records(
        db, result.kind, result.unit_code, [values for _n, values in result.good], user=user
    )


# ------------------------------------------------------------------------------------------ reports


def _rejection_rows(result: Preview) -> list[list[Any]]:
    header = [_("Row"), _("Column"), _("Reason")]
    return [header, *([r.row, r.column, r.reason] for r in result.rejected)]


def rejections_csv(result: Preview) -> bytes:
    """The rejected rows as CSV (UTF-8 with a BOM, so that Excel shows Vietnamese correctly)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in _rejection_rows(result):
        writer.writerow([_neutral(v) for v in row])
    return buffer.getvalue().encode("utf-8-sig")


def rejections_xlsx(result: Preview) -> bytes:
    from emulation_desktop.exchange.spreadsheet_export import workbook_bytes

    rows = _rejection_rows(result)
    return workbook_bytes(_("Rejected rows"), rows[0], rows[1:], widths=[8, 24, 80])


def _neutral(value: Any) -> Any:
    from emulation_desktop.exchange.spreadsheet_export import neutralise

    return neutralise(value) if isinstance(value, str) else value


def save_rejections(result: Preview, out: str | Path) -> Path:
    """Save the rejected rows report (``.csv`` or ``.xlsx``) the safe way."""
    from emulation_desktop.exchange.safe_save import safe_write

    target = Path(out)
    data = rejections_xlsx(result) if target.suffix.lower() == ".xlsx" else rejections_csv(result)
    return safe_write(target.parent, target.name, data).path


def list_file_bytes(source: str | Path) -> bytes:
    """The bytes of a list file, refused plainly when it cannot be read or is too large to be a list."""
    path = Path(source)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise SpreadsheetError(_("The file is too large to be a list."))
        return path.read_bytes()
    except OSError as exc:
        raise SpreadsheetError(unreadable(path, exc)) from exc


def raw_sheet(data: bytes, name: str) -> RawSheet:
    """The cells of a workbook or a CSV file, told apart by their first bytes or their name."""
    is_xlsx = data[:2] == b"PK" or name.lower().endswith((".xlsx", ".xlsm"))
    return read_xlsx(data) if is_xlsx else read_csv(data)
