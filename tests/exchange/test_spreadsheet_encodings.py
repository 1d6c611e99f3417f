"""Old Vietnamese encodings at the edges (issue #15, findings 8 and 9): legacy text under the app's own
Unicode header, decided per column and per cell with the cell's font as evidence; capital fonts; CSV
in UTF-16 (Excel's "Unicode Text") and in Windows-1258; a Vietnamese reason for what cannot be read."""

from __future__ import annotations

import io
import unicodedata

import pytest
from openpyxl import load_workbook
from openpyxl.styles import Font
from run_cli import cli
from sqlalchemy import select

from emulation_desktop.domain import models as m
from emulation_desktop.exchange import legacy_encodings as le
from emulation_desktop.exchange import spreadsheet_import as si
from emulation_desktop.exchange.spreadsheet_export import list_workbook

YEAR = 2022
NAMES = ["Nguyễn Văn Hùng", "Trần Thị Hường", "Lê Đức Thọ", "Phạm Thị Ngọc Lan", "Đỗ Văn Bình"]


def _template(db) -> bytes:
    """The app's own export of an empty list: the Unicode header a clerk fills in."""
    data, count = list_workbook(db, "support_activity", "017", YEAR)
    assert count == 0
    return data


def _legacy_rows(n: int, encode, font: str | None) -> list[list]:
    rows = []
    for i in range(n):
        rows.append(
            [
                YEAR,
                encode("Xây mới"),
                encode("Xã Bắc Hồng"),
                encode(NAMES[i % len(NAMES)]),
                encode("Hộ nghèo"),
                "12/03/2022",
                1_000_000 + i,
                encode("Ngân sách huyện"),
                encode("Đã bàn giao"),
            ]
        )
    return rows


def _fill(template: bytes, rows: list[list], font: str | None) -> bytes:
    workbook = load_workbook(io.BytesIO(template))
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
        if font:
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str):
                    cell.font = Font(name=font)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


HEADERS = [
    "Năm",
    "Hình thức hỗ trợ",
    "Xã/thị trấn",
    "Đối tượng được hỗ trợ",
    "Diện hộ",
    "Ngày",
    "Trị giá",
    "Nguồn kinh phí",
    "Ghi chú",
]


@pytest.mark.parametrize("n", [1, 30])
@pytest.mark.parametrize(
    ("encode", "font", "encoding"),
    [
        (le.encode_tcvn3, ".VnTime", le.TCVN3),
        (le.encode_tcvn3, None, le.TCVN3),
        (le.encode_vni, "VNI-Times", le.VNI),
        (le.encode_vni, None, le.VNI),
    ],
)
def test_legacy_rows_under_the_apps_unicode_header(db, n, encode, font, encoding):
    data = _fill(_template(db), _legacy_rows(n, encode, font), font)
    sheet = si.read_sheet(data, name="ho-tro.xlsx")
    assert sheet.headers == HEADERS  # the Unicode header is never "converted"
    assert sheet.encoding == encoding
    result = si.preview(db, sheet, "support_activity", "017")
    assert not result.rejected, result.rejected
    assert len(result.good) == n
    first = result.good[0][1]
    assert first["beneficiary"] == "Nguyễn Văn Hùng" and first["funding_source"] == "Ngân sách huyện"
    assert first["kind"] == "house_new" and first["household_category"] == "poor"
    assert first["note"] == "Đã bàn giao"
    shown = f"{encoding.upper()} ({font})" if font else encoding.upper()
    assert f"Cột Đối tượng được hỗ trợ: chuyển từ {shown}, {n} ô." in sheet.conversion_lines()
    assert not any(line.startswith("Cột Năm") or "Trị giá" in line for line in sheet.conversion_lines())


def test_a_unicode_cell_among_legacy_cells_is_left_alone(db):
    rows = _legacy_rows(5, le.encode_tcvn3, None)
    rows[2][3] = "Hoàng Thị Lý"  # typed later in Unicode: never converted
    rows[3][3] = "Tô Ánh"  # Unicode with only Latin-1 letters; its TCVN3 reading is not Vietnamese
    sheet = si.read_sheet(_fill(_template(db), rows, None), name="a.xlsx")
    names = [cells[3] for _n, cells in sheet.rows]
    assert names == ["Nguyễn Văn Hùng", "Trần Thị Hường", "Hoàng Thị Lý", "Tô Ánh", "Đỗ Văn Bình"]
    assert "Cột Đối tượng được hỗ trợ: chuyển từ TCVN3, 3 ô." in sheet.conversion_lines()


def test_capital_fonts_give_capitals():
    assert le.decode_tcvn3("CéNG HßA X· HéI CHñ NGHÜA VIÖT NAM", capitals=True) == (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    )
    # Without a font, a line whose plain letters are all capitals was typed in a capital font.
    assert le.decode_tcvn3("CéNG HßA X· HéI CHñ NGHÜA VIÖT NAM") == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert le.decode_tcvn3("UBND x· B¾c Hång") == "UBND xã Bắc Hồng"
    assert le.font_encoding(".VnTimeH") == (le.TCVN3, True)
    assert le.font_encoding(".VnArial NarrowH") == (le.TCVN3, True)
    assert le.font_encoding(".VnTime") == (le.TCVN3, False)
    assert le.font_encoding("VNI-Times") == (le.VNI, False)
    assert le.font_encoding("Times New Roman") is None


def test_capital_font_cells_in_a_sheet(db):
    rows = _legacy_rows(2, le.encode_tcvn3, ".VnTime")
    data = _fill(_template(db), rows, ".VnTime")
    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook.active
    sheet["D2"].value, sheet["D2"].font = "nguyÔn v¨n hïng", Font(name=".VnTimeH")
    sheet["I3"].value, sheet["I3"].font = "CéNG HßA X· HéI", Font(name=".VnArialH")
    buffer = io.BytesIO()
    workbook.save(buffer)
    read = si.read_sheet(buffer.getvalue(), name="a.xlsx")
    assert read.rows[0][1][3] == "NGUYỄN VĂN HÙNG"
    assert read.rows[1][1][8] == "CỘNG HÒA XÃ HỘI"
    lines = read.conversion_lines()
    assert "Cột Đối tượng được hỗ trợ: chuyển từ TCVN3 (.VnTimeH), 1 ô." in lines
    assert "Cột Ghi chú: chuyển từ TCVN3 (.VnArialH), 1 ô." in lines


def test_a_legacy_header_row_converts_whole(db):
    """An old list typed entirely in .VnTime: its header converts too, "Ghi chó" included."""
    encode = le.encode_tcvn3
    rows = [[encode(h) for h in HEADERS], *_legacy_rows(3, encode, None)]
    workbook = load_workbook(io.BytesIO(_template(db)))
    sheet = workbook.active
    sheet.delete_rows(1)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    read = si.read_sheet(buffer.getvalue(), name="a.xlsx")
    assert read.headers == HEADERS


def test_forced_encoding(db):
    """A column where every cell reads as Vietnamese both ways stays as typed unless told otherwise."""
    rows = _legacy_rows(3, lambda text: text, None)
    for row, name in zip(rows, ["Tè", "Lª Thu", "Tè"], strict=True):
        row[8] = name
    data = _fill(_template(db), rows, None)
    auto = si.read_sheet(data, name="a.xlsx")
    assert [cells[8] for _n, cells in auto.rows] == ["Tố", "Lê Thu", "Tố"]  # the column is TCVN3
    plain = si.read_sheet(data, name="a.xlsx", encoding=le.UNICODE)
    assert [cells[8] for _n, cells in plain.rows] == ["Tè", "Lª Thu", "Tè"] and not plain.conversion_lines()
    rows[1][8] = "Thu"
    only_ambiguous = _fill(_template(db), rows, None)
    assert [c[8] for _n, c in si.read_sheet(only_ambiguous, name="a.xlsx").rows] == ["Tè", "Thu", "Tè"]
    forced = si.read_sheet(only_ambiguous, name="a.xlsx", encoding=le.TCVN3)
    assert [c[8] for _n, c in forced.rows] == ["Tố", "Thu", "Tố"]


def test_command_line_shows_the_conversion_and_takes_an_encoding(tmp_path, db):
    folder = db.folder
    path = tmp_path / "ho-tro.xlsx"
    path.write_bytes(_fill(_template(db), _legacy_rows(30, le.encode_tcvn3, ".VnTime"), ".VnTime"))
    db.close()
    dry = cli(
        "import-list", path, "--kind", "support_activity", "--unit", "017", "--dry-run", data_dir=folder
    )
    assert dry.returncode == 0, dry.stderr
    assert "Cột Đối tượng được hỗ trợ: chuyển từ TCVN3 (.VnTime), 30 ô." in dry.stdout
    assert "30 dòng có thể nhập; 0 dòng bị loại" in dry.stdout
    plain = cli(
        "import-list",
        path,
        *("--kind", "support_activity", "--unit", "017", "--encoding", "unicode"),
        data_dir=folder,
    )
    assert plain.returncode == 0 and "chuyển từ" not in plain.stdout
    assert "0 dòng có thể nhập; 30 dòng bị loại" in plain.stdout
    wrong = cli(
        "import-list", path, "--kind", "donation", "--unit", "017", "--encoding", "abc", data_dir=folder
    )
    assert wrong.returncode == 2
    done = cli("import-list", path, "--kind", "support_activity", "--unit", "017", data_dir=folder)
    assert done.returncode == 0 and "Đã nhập 30 dòng." in done.stdout, done.stdout
    from emulation_desktop.storage.database import open_database

    again = open_database(folder)
    try:
        with again.session() as session:
            names = set(session.scalars(select(m.SupportActivity.beneficiary)))
    finally:
        again.close()
    assert names == set(NAMES)


# -------------------------------------------------------------------------------------------------- CSV

CSV_ROWS = [
    ["Năm", "Quỹ", "Tổ chức, cá nhân ủng hộ", "Số tiền", "Ngày"],
    ["2022", "Quỹ biển, đảo Việt Nam", "Công ty Hòa Bình", "1.500.000", "02/09/2022"],
    ["2022", "Vì người nghèo", "Trường Tiểu học Đông Anh; Hội Cựu chiến binh", "3000000", ""],
    ["2022", "Vì người nghèo", "Nguyễn Thị Hường, thôn Đoài", "250.000", "15/06/2022"],
]


def _csv_text(delimiter: str) -> str:
    import csv

    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(CSV_ROWS)
    return buffer.getvalue()


def encode_cp1258(text: str) -> bytes:
    """Vietnamese as Windows-1258 writes it: the letters ă â ê ô ơ ư đ whole, tone marks as combining
    characters after them (the codec has no code for most precomposed letters)."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", char)
        tones = "".join(c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323")
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        try:
            out.append(char.encode("cp1258"))
        except UnicodeEncodeError:
            out.append((base + tones).encode("cp1258"))
    return b"".join(out)


def _donors(db, data: bytes, name: str) -> tuple[si.Sheet, list[str]]:
    sheet = si.read_sheet(data, name=name, kind="donation")
    result = si.preview(db, sheet, "donation", "017")
    assert not result.rejected, result.rejected
    return sheet, [values["donor"] for _n, values in result.good]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_excel_unicode_text_is_utf16_with_tabs(db, codec):
    bom = "\ufeff".encode(codec)
    sheet, donors = _donors(db, bom + _csv_text("\t").encode(codec), "ung-ho.txt")
    assert donors == [row[2] for row in CSV_ROWS[1:]]
    assert sheet.charset == "utf-16" and not sheet.conversion_lines()
    assert "Tệp được đọc theo bảng mã UTF-16." in sheet.charset_line()


def test_windows_1258_is_not_taken_for_tcvn3(db):
    data = encode_cp1258(_csv_text(";"))
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    sheet, donors = _donors(db, data, "ung-ho.csv")
    assert donors == [row[2] for row in CSV_ROWS[1:]]
    assert sheet.headers == CSV_ROWS[0] and all(unicodedata.is_normalized("NFC", h) for h in sheet.headers)
    assert sheet.charset == "cp1258" and not sheet.conversion_lines()
    assert "Tệp được đọc theo bảng mã Windows-1258." in sheet.charset_line()


def test_tcvn3_csv_is_still_tcvn3(db):
    text = _csv_text(",")
    data = le.encode_tcvn3(text).encode("latin-1")
    sheet, donors = _donors(db, data, "ung-ho.csv")
    assert donors == [row[2] for row in CSV_ROWS[1:]] and sheet.encoding == le.TCVN3


@pytest.mark.parametrize(
    "data",
    [
        b"Nam,So tien\r\n2022,\x00\x00\x01\x02\x00\r\n",  # NUL bytes, not UTF-16
        b"Nam,So tien\r\n2022," + b"x" * 200_000 + b"\r\n",  # a cell longer than any list has
        b"\xff\xfe" + "Năm\tSố tiền\r\n2022\t".encode("utf-16-le") + b"\x00",  # UTF-16 cut mid-letter
    ],
)
def test_what_cannot_be_read_is_said_in_vietnamese(data):
    with pytest.raises(si.SpreadsheetError) as caught:
        si.read_sheet(data, name="a.csv")
    message = caught.value.message
    assert message.startswith("Không đọc được tệp") and message.isascii() is False
    for english in ("line contains", "field larger", "codec", "decode", "NUL"):
        assert english not in message
