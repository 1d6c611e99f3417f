"""Import support activities and donations from a clerk's own XLSX or CSV list.

1. ``read_sheet``: the cells of the first sheet (or a CSV), with legacy TCVN3/VNI text converted to
   Unicode NFC and the header row found among the first rows.
2. ``guess_mapping``: which column holds which field, from Vietnamese or English headers with or
   without diacritics; the clerk can override it.
3. ``preview``: every row converted and checked with the same rules as a clerk's entry; the good rows
   and a list of rejected rows (row number, column, reason in Vietnamese).
4. ``import_rows``: the good rows in one transaction through ``operations.records.create_records``.
5. ``rejections_csv`` / ``rejections_xlsx``: the rejected rows as a file the clerk can save.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from emulation_desktop.domain.labels import CHOICE_LABELS
from emulation_desktop.domain.models import Unit
from emulation_desktop.domain.org import in_subtree
from emulation_desktop.domain.record_kinds import KINDS, RecordKind
from emulation_desktop.domain.text import clean_text, fold
from emulation_desktop.errors import InputError, ValidationError
from emulation_desktop.exchange import legacy_encodings
from emulation_desktop.locale.i18n import _, gettext_in
from emulation_desktop.operations.records import check_values, clean_values, create_records, resolve_unit
from emulation_desktop.storage.database import Database

IMPORTABLE = ("support_activity", "donation")
MAX_ROWS = 200_000
MAX_FILE_BYTES = 64 * 1024 * 1024
HEADER_SEARCH_ROWS = 15


class SpreadsheetError(InputError):
    """The file cannot be read as a list; nothing was imported."""


# Header words clerks use, folded (no diacritics, lower case), per field; labels are added from the catalog.
SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    "support_activity": {
        "year": ("nam",),
        "kind": ("loai ho tro", "hinh thuc ho tro", "noi dung ho tro", "loai", "hinh thuc", "noi dung"),
        "commune_id": ("xa", "xa/thi tran", "xa, thi tran", "xa thi tran", "dia ban", "don vi", "xa/phuong"),
        "beneficiary": (
            "ho ten",
            "nguoi nhan",
            "ho nhan ho tro",
            "ten ho",
            "doi tuong nhan",
            "ho va ten",
            "chu ho",
        ),
        "household_category": ("doi tuong", "dien", "phan loai ho", "loai ho", "dien ho"),
        "activity_date": ("ngay", "ngay thuc hien", "ngay ho tro", "ngay trao", "thoi gian"),
        "value_vnd": (
            "so tien",
            "gia tri",
            "kinh phi",
            "thanh tien",
            "tri gia",
            "so tien (dong)",
            "gia tri (dong)",
        ),
        "funding_source": ("nguon", "nguon kinh phi", "nguon von", "nguon ho tro"),
        "note": ("ghi chu",),
    },
    "donation": {
        "year": ("nam",),
        "fund_code": ("quy", "ten quy", "loai quy"),
        "commune_id": ("xa", "xa/thi tran", "xa, thi tran", "xa thi tran", "dia ban", "xa/phuong"),
        "donor": (
            "nguoi ung ho",
            "don vi ung ho",
            "ten",
            "ho ten",
            "ca nhan, don vi",
            "to chuc, ca nhan",
            "ho va ten",
        ),
        "donation_date": ("ngay", "ngay ung ho", "thoi gian"),
        "amount_vnd": ("so tien", "so tien ung ho", "gia tri", "so tien (dong)"),
        "note": ("ghi chu",),
    },
}
# Words for coded values, folded; the longest match wins ("can ngheo" before "ngheo").
VALUE_SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    "kind": {
        "house_new": ("xay moi", "lam moi", "xay dung moi", "nha moi"),
        "house_repair": ("sua chua", "sua nha", "cai tao"),
        "student": ("hoc sinh", "hoc bong", "sinh vien"),
        "production": ("san xuat", "sinh ke", "giong", "von"),
        "health": ("y te", "kham chua benh", "kham benh", "bao hiem y te", "suc khoe"),
        "gift": ("qua", "tang qua", "tet"),
        "other": ("khac",),
    },
    "household_category": {
        "poor": ("ngheo", "ho ngheo"),
        "near_poor": ("can ngheo", "ho can ngheo"),
        "policy": ("chinh sach", "gia dinh chinh sach", "nguoi co cong", "thuong binh", "liet si"),
        "hardship": ("kho khan", "dac biet kho khan", "hoan canh kho khan"),
        "other": ("khac",),
    },
    "fund_code": {
        "sea_islands": ("bien dao", "bien, dao", "quy bien dao", "truong sa"),
        "for_the_poor": ("vi nguoi ngheo", "nguoi ngheo", "ngheo"),
    },
}
_TOTAL_WORDS = ("tong cong", "tong so", "cong", "tong")


@dataclass
class Sheet:
    headers: list[str]
    rows: list[tuple[int, list[Any]]]  # (row number in the file, cells)
    encoding: str  # unicode, tcvn3 or vni: what the text was converted from
    header_row: int


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


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        return value if value.strip() else None
    return value


def _read_xlsx(data: bytes) -> list[list[Any]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds (zip, XML, key errors) for a damaged file
        raise SpreadsheetError(_("The file cannot be read as an Excel workbook (.xlsx).")) from exc
    try:
        sheet = workbook.worksheets[0]
        rows = []
        for row in sheet.iter_rows(values_only=True):
            rows.append([_cell(v) for v in row])
            if len(rows) > MAX_ROWS:
                raise SpreadsheetError(_("The list is too long (more than {n} rows).").format(n=MAX_ROWS))
        return rows
    except SpreadsheetError:
        raise
    except Exception as exc:  # rows are parsed lazily: a damaged sheet can fail half-way through
        raise SpreadsheetError(_("The file cannot be read as an Excel workbook (.xlsx).")) from exc
    finally:
        workbook.close()


def _read_csv(data: bytes) -> list[list[Any]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Old files: legacy font encodings reuse Latin-1 codes; the legacy detection converts them.
        text = data.decode("cp1252", errors="strict") if _cp1252_ok(data) else data.decode("latin-1")
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = [[_cell(v) for v in row] for row in csv.reader(io.StringIO(text), dialect)]
    except csv.Error as exc:  # e.g. a stray line break inside an unquoted cell
        raise SpreadsheetError(
            _("The file cannot be read as a CSV list ({detail}).").format(detail=exc)
        ) from exc
    if len(rows) > MAX_ROWS:
        raise SpreadsheetError(_("The list is too long (more than {n} rows).").format(n=MAX_ROWS))
    return rows


def _cp1252_ok(data: bytes) -> bool:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


def read_sheet(
    source: str | Path | bytes, *, name: str = "", kind: str = "support_activity", encoding: str | None = None
) -> Sheet:
    """Read an XLSX or CSV list; legacy text is converted, the header row is found."""
    if isinstance(source, bytes):
        data = source
    else:
        path = Path(source)
        name = name or path.name
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                raise SpreadsheetError(_("The file is too large to be a list."))
            data = path.read_bytes()
        except OSError as exc:
            raise SpreadsheetError(
                _("The file “{name}” cannot be read: {detail}").format(
                    name=path.name, detail=exc.strerror or exc
                )
            ) from exc
    is_xlsx = data[:2] == b"PK" or name.lower().endswith((".xlsx", ".xlsm"))
    rows = _read_xlsx(data) if is_xlsx else _read_csv(data)
    texts = [v for row in rows for v in row if isinstance(v, str)]
    found = encoding or legacy_encodings.detect(texts)
    rows = [[legacy_encodings.to_unicode(v, found) if isinstance(v, str) else v for v in row] for row in rows]
    header_index = _find_header(rows, kind)
    headers = [clean_text(str(v)) if v is not None else "" for v in rows[header_index]] if rows else []
    body = [(number, row) for number, row in enumerate(rows[header_index + 1 :], start=header_index + 2)]
    return Sheet(headers, body, found, header_index + 1)


def _find_header(rows: list[list[Any]], kind: str) -> int:
    """The row among the first few whose cells name the most fields (title rows come before it)."""
    best, best_score = 0, -1
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        headers = [clean_text(str(v)) if v is not None else "" for v in row]
        score = len(guess_mapping(kind, headers))
        if score > best_score:
            best, best_score = index, score
    return best


# ------------------------------------------------------------------------------------------ mapping


def _candidates(kind: RecordKind) -> dict[str, list[str]]:
    words: dict[str, list[str]] = {}
    for f in kind.fields:
        options = [fold(gettext_in("vi", f.label)), fold(f.label), fold(f.name.replace("_", " "))]
        options.extend(SYNONYMS.get(kind.name, {}).get(f.name, ()))
        words[f.name] = [o for o in dict.fromkeys(options) if o]
    return words


def guess_mapping(kind_name: str, headers: Sequence[str]) -> dict[int, str]:
    """Column index → field name, guessed from the headers (exact words first, then containment)."""
    kind = KINDS[kind_name]
    candidates = _candidates(kind)
    folded = [fold(h or "").strip(" :.*") for h in headers]
    mapping: dict[int, str] = {}
    used: set[str] = set()
    for index, header in enumerate(folded):  # exact matches
        for name, words in candidates.items():
            if header and name not in used and header in words:
                mapping[index] = name
                used.add(name)
                break
    for index, header in enumerate(folded):  # a header containing a field word, longest word first
        if not header or index in mapping or header in ("stt", "tt", "so tt"):
            continue
        best: tuple[int, str] | None = None
        for name, words in candidates.items():
            if name in used:
                continue
            for word in words:
                if len(word) >= 3 and f" {word} " in f" {header} " and (best is None or len(word) > best[0]):
                    best = (len(word), name)
        if best is not None:
            mapping[index] = best[1]
            used.add(best[1])
    return mapping


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


def _choice_value(field_name: str, value: Any) -> Any:
    if not isinstance(value, str):
        return value
    text = fold(value)
    labels = CHOICE_LABELS.get(field_name, {})
    for code, label in labels.items():
        if text in (code, fold(label), fold(gettext_in("vi", label))):
            return code
    best: tuple[int, str] | None = None
    for code, words in VALUE_SYNONYMS.get(field_name, {}).items():
        for word in words:
            if f" {word} " in f" {text} " and (best is None or len(word) > best[0]):
                best = (len(word), code)
    return best[1] if best else value


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
            value = _choice_value(f.name, value)
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
