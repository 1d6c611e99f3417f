"""Hostile and odd workbooks (issue #15, findings 10 and 12): decompression is bounded before openpyxl
parses anything, a cell cannot be longer than Excel allows, and a formula without a computed value is
a rejected cell with its reason, never a silent blank."""

from __future__ import annotations

import io
import os
import random
import re
import resource
import string
import subprocess
import sys
import time
import zipfile

import pytest
from openpyxl import Workbook

from emulation_desktop.exchange import spreadsheet_import as si

HEADERS = ["Năm", "Hình thức hỗ trợ", "Xã/thị trấn", "Đối tượng được hỗ trợ", "Diện hộ", "Ngày", "Trị giá"]
ROW = [2022, "Xây mới", "Xã Bắc Hồng", "Nguyễn Văn An", "Hộ nghèo", "12/03/2022", 50_000_000]
PLACEHOLDER = "THAY-BANG-O-DAI"
BOUND = "Tệp bảng tính quá lớn hoặc bị nén bất thường"


def _workbook(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _with_long_string(path, size: int, piece: bytes, *, shared: bool = False) -> None:
    """A real workbook whose one long cell is ``size`` bytes of ``piece`` repeated, written in chunks so
    that the test never holds it: inline in the sheet, or (``shared``) as Excel writes text, in the
    shared strings part."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    sheet.append([*ROW[:3], PLACEHOLDER, *ROW[4:]])
    buffer = io.BytesIO()
    workbook.save(buffer)
    source = zipfile.ZipFile(buffer)
    inline = f'<c r="D2" t="inlineStr"><is><t>{PLACEHOLDER}</t></is></c>'.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if shared and info.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", SHARED_TYPE + b"</Types>")
            elif shared and info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>", SHARED_REL + b"</Relationships>")
            if inline not in data:
                target.writestr(info, data)
                continue
            before, after = data.split(inline)
            if shared:
                target.writestr(info, before + b'<c r="D2" t="s"><v>0</v></c>' + after)
                before, after = SHARED_START, SHARED_END
            else:
                before, after = (
                    before + inline.split(PLACEHOLDER.encode())[0],
                    inline.split(PLACEHOLDER.encode())[1] + after,
                )
            name = "xl/sharedStrings.xml" if shared else info.filename
            with target.open(name, "w", force_zip64=True) as handle:
                handle.write(before)
                chunk = piece * (min(size, 1024 * 1024) // len(piece))
                for _ in range(size // len(chunk)):
                    handle.write(chunk)
                handle.write(after)


SHARED_TYPE = (
    b'<Override PartName="/xl/sharedStrings.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
)
SHARED_REL = (
    b'<Relationship Id="rIdStrings" Target="sharedStrings.xml" '
    b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/>'
)
SHARED_START = (
    b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
    b'2006/main" count="1" uniqueCount="1"><si><t>'
)
SHARED_END = b"</t></si></sst>"


def test_the_crafted_workbooks_are_real(tmp_path):
    """The long cells below are read as cells when they are short (so the refusals are about length)."""
    for shared in (False, True):
        path = tmp_path / f"{shared}.xlsx"
        _with_long_string(path, 16 * 1024, b"Nguyen V", shared=shared)
        sheet = si.read_sheet(path)
        assert sheet.rows[0][1][3] == "Nguyen V" * 2048, shared
        assert sheet.rows[0][1][6] == 50_000_000


def _cli_under_limit(args, data_dir, limit_bytes: int) -> tuple[subprocess.CompletedProcess, float]:
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit_bytes, limit_bytes))

    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "emulation_desktop", "--data-dir", str(data_dir), *map(str, args)],
        capture_output=True,
        text=True,
        env={**os.environ, "EMULATION_DESKTOP_LANG": "vi"},
        preexec_fn=limit,
        timeout=120,
    )
    return result, time.monotonic() - started


@pytest.mark.parametrize("shared", [True, False], ids=["shared string", "inline string"])
def test_a_300_mb_cell_in_a_small_file_is_refused_quickly_under_a_memory_limit(tmp_path, db, shared):
    path = tmp_path / "bom.xlsx"
    _with_long_string(path, 300 * 1024 * 1024, b"a", shared=shared)
    assert path.stat().st_size < 1024 * 1024  # about 300 KB on disk
    folder = db.folder
    db.close()
    args = ("import-list", path, "--kind", "support_activity", "--unit", "017", "--dry-run")
    result, elapsed = _cli_under_limit(args, folder, 1024 * 1024 * 1024)
    print(f"\n300 MB cell: exit {result.returncode} in {elapsed:.1f} s: {result.stderr.strip()}")
    assert result.returncode == 2, result.stderr
    assert BOUND in result.stderr and "Lỗi ngoài dự kiến" not in result.stderr
    assert elapsed < 15


@pytest.mark.parametrize("size", [40 * 1024, 1024 * 1024])
@pytest.mark.parametrize("shared", [True, False])
def test_a_cell_longer_than_excel_allows_is_refused(tmp_path, size, shared):
    """Random letters barely compress: the size and ratio caps pass, the cell length cap does not (on
    the inflated bytes before parsing for the long one, on the parsed text for the other)."""
    rng = random.Random(15)
    piece = "".join(rng.choice(string.ascii_letters) for _ in range(4096)).encode()
    path = tmp_path / "o-dai.xlsx"
    _with_long_string(path, size, piece, shared=shared)
    with pytest.raises(si.SpreadsheetError) as caught:
        si.read_sheet(path)
    assert BOUND in caught.value.message and "32.767" in caught.value.message


def test_a_member_that_inflates_too_well_is_refused(tmp_path):
    path = tmp_path / "nen.xlsx"
    _with_long_string(path, 20 * 1024 * 1024, b"ab")
    with pytest.raises(si.SpreadsheetError) as caught:
        si.read_sheet(path)
    assert BOUND in caught.value.message


def test_an_ordinary_long_list_passes_the_bounds(tmp_path):
    rows = [HEADERS] + [
        [2022, "Xây mới", "Xã Bắc Hồng", f"Hộ số {i}", "Hộ nghèo", None, i] for i in range(20_000)
    ]
    sheet = si.read_sheet(_workbook(rows), name="a.xlsx")
    assert len(sheet.rows) == 20_000


# ---------------------------------------------------------------------------------------------- formulas


def _with_cached_value(data: bytes, cell: str, value: str) -> bytes:
    """openpyxl writes a formula with an empty cached value; Excel fills it in when it saves."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                marker = f'<c r="{cell}">'.encode()
                start = content.index(marker)
                end = content.index(b"</c>", start)
                # "<v />" or "<v/>" or "<v></v>": how openpyxl writes it depends on whether lxml is there.
                filled = re.sub(rb"<v\s*/>|<v></v>", f"<v>{value}</v>".encode(), content[start:end])
                content = content[:start] + filled + content[end:]
            target.writestr(info, content)
    return out.getvalue()


def test_a_formula_without_a_computed_value_is_a_rejected_cell(db):
    rows = [
        [*HEADERS, "Ghi chú"],
        [*ROW, "đã tính"],
        [*ROW[:5], "=DATE(2022,3,12)", 50_000_000, "ngày là công thức chưa tính"],
        [*ROW[:6], "=25000000*2", "tiền là công thức đã tính"],
        [*ROW[:6], 1_000_000, '=CONCATENATE("a","b")'],
    ]
    data = _with_cached_value(_workbook(rows), "G4", "50000000")
    sheet = si.read_sheet(data, name="a.xlsx")
    result = si.preview(db, sheet, "support_activity", "017")
    assert [n for n, _v in result.good] == [2, 4]
    assert result.good[1][1]["value_vnd"] == 50_000_000
    reasons = {(r.row, r.column): r.reason for r in result.rejected}
    assert reasons == {
        (3, "Ngày"): "Ô F3 là công thức chưa có giá trị tính sẵn: hãy mở tệp bằng Excel, lưu lại rồi nhập.",
        (
            5,
            "Ghi chú",
        ): "Ô H5 là công thức chưa có giá trị tính sẵn: hãy mở tệp bằng Excel, lưu lại rồi nhập.",
    }
