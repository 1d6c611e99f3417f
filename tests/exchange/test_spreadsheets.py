"""Spreadsheets in and out: real XLSX and CSV files, LibreOffice as the reader, legacy encodings."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import unicodedata
from datetime import date, datetime

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from emulation_desktop.domain import models as m
from emulation_desktop.errors import InputError
from emulation_desktop.exchange import legacy_detection as ld
from emulation_desktop.exchange import legacy_encodings as le
from emulation_desktop.exchange import spreadsheet_import as si
from emulation_desktop.exchange.spreadsheet_export import export_list, neutralise

from .conftest import YEAR, make_installation


@pytest.fixture
def district(tmp_path):
    db = make_installation(tmp_path / "district", ["017"])
    yield db
    db.close()


# -------------------------------------------------------------------------------------------- export


def test_neutralise_defuses_formulas_and_drops_control_characters():
    for text in ("=1+1", "+84 912", "-5", "@SUM(A1)", "\tx", "\rx"):
        assert neutralise(text) == "'" + text
    assert neutralise("Nhà đại đoàn kết") == "Nhà đại đoàn kết"
    assert neutralise("a\x00b\x07") == "ab"


def test_xlsx_export_has_vietnamese_headers_numbers_dates_and_no_formulas(tmp_path, source):
    path = export_list(source.db, "support_activity", "017", YEAR, tmp_path / "ho-tro.xlsx")
    sheet = load_workbook(path).active
    headers = [c.value for c in sheet[1]]
    assert headers[:4] == ["Năm", "Hình thức hỗ trợ", "Xã/thị trấn", "Đối tượng được hỗ trợ"]
    by_name = {row[3].value: row for row in sheet.iter_rows(min_row=2)}
    house = by_name["Nguyễn Văn An"]
    money = house[headers.index("Trị giá")]
    assert money.value == 50_000_000 and money.data_type == "n" and money.number_format == "#,##0"
    when = house[headers.index("Ngày")]
    assert when.value == datetime(2022, 3, 12) and when.number_format == "dd/mm/yyyy"
    assert house[2].value == "Xã Bắc Hồng" and house[1].value == "Nhà đại đoàn kết (xây mới)"
    note = by_name["Lê Thị Bình"][headers.index("Ghi chú")]
    assert note.data_type == "s" and note.value == '\'=HYPERLINK("x")'
    assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_xlsx_export_opens_in_libreoffice_with_vietnamese_intact(tmp_path, source):
    path = export_list(source.db, "support_activity", "017", YEAR, tmp_path / "ho-tro.xlsx")
    out = tmp_path / "csv"
    result = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true",
            "--outdir",
            str(out),
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO((out / "ho-tro.csv").read_text(encoding="utf-8"))))
    assert rows[0][:3] == ["Năm", "Hình thức hỗ trợ", "Xã/thị trấn"]
    assert len(rows) == 1 + 2  # the header and both support activities
    texts = {cell for row in rows for cell in row}
    assert {"Nguyễn Văn An", "Lê Thị Bình", "Xã Bắc Hồng", "12/03/2022"} <= texts
    assert all(unicodedata.is_normalized("NFC", cell) for cell in texts)
    assert '\'=HYPERLINK("x")' in texts  # shown as text, never evaluated


def test_export_of_a_child_list_and_to_a_folder(tmp_path, source):
    path = export_list(source.db, "recommendation", "017", YEAR, tmp_path)
    assert path.parent == tmp_path and path.suffix == ".xlsx" and path.name.isascii()
    sheet = load_workbook(path).active
    assert sheet["A1"].value == "Kiến nghị" and sheet["A2"].value == "Rà soát hồ sơ đất"


# ---------------------------------------------------------------------------------- legacy encodings


def test_known_tcvn3_and_vni_strings():
    assert le.decode_tcvn3("Hµ Néi") == "Hà Nội"
    assert le.decode_tcvn3("NguyÔn V¨n An, X· B¾c Hång") == "Nguyễn Văn An, Xã Bắc Hồng"
    assert le.decode_tcvn3("M\u00adêng Kh\u00ad¬ng") == "Mường Khương"
    assert le.decode_vni("Haø Noäi") == "Hà Nội"
    assert le.decode_vni("Ñoâng Anh, Nguyeãn Thò Höôøng") == "Đông Anh, Nguyễn Thị Hường"


VIETNAMESE = (
    "Nhà đại đoàn kết xây mới cho hộ nghèo Nguyễn Thị Hường, xã Bắc Hồng, huyện Đông Anh. "
    "Quỹ “Vì người nghèo”; ủng hộ đồng bào lũ lụt; thôn Ngọc Chi, Vĩnh Ngọc; khuyến học; Sóc Sơn, Mê Linh, "
    "Thanh Trì, Gia Lâm; tặng quà Tết, sửa chữa nhà, khám chữa bệnh, ỷ lại, mỹ thuật, kỹ sư, tuỳ ý, ví dụ"
)


@pytest.mark.parametrize("encoding", [le.TCVN3, le.VNI])
def test_round_trip_and_detection(encoding):
    encoded = le.encode_tcvn3(VIETNAMESE) if encoding == le.TCVN3 else le.encode_vni(VIETNAMESE)
    assert encoded != VIETNAMESE and all(ord(c) < 256 or c in "“”" for c in encoded)
    assert ld.detect([encoded]) == encoding
    assert le.to_unicode(encoded, encoding) == VIETNAMESE
    assert ld.detect([VIETNAMESE]) == le.UNICODE
    assert ld.detect([unicodedata.normalize("NFD", VIETNAMESE)]) == le.UNICODE


def test_unicode_names_with_only_latin1_letters_are_left_alone():
    assert ld.detect(["Hoàng", "Bà Lê", "Hoá", "Tô Ánh"]) == le.UNICODE


# -------------------------------------------------------------------------------------------- import


def _tcvn3_workbook(path):
    """A district's old list, typed in .VnTime: a title, a header row, rows, a bad row and a total."""
    enc = le.encode_tcvn3
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([enc("DANH SÁCH HỖ TRỢ NĂM 2022")])
    sheet.append([])
    sheet.append(
        [
            "STT",
            enc("Họ và tên"),
            enc("Xã"),
            enc("Hình thức hỗ trợ"),
            enc("Diện hộ"),
            enc("Số tiền"),
            enc("Ngày"),
            enc("Ghi chú"),
        ]
    )
    sheet.append(
        [
            1,
            "NguyÔn V¨n An",
            "X· B¾c Hång",
            enc("Xây mới"),
            enc("Hộ nghèo"),
            50000000.0,
            datetime(2022, 3, 12),
            "=SUM(1)",
        ]
    )
    sheet.append(
        [
            2,
            enc("Trần Thị Hường"),
            enc("Nguyên Khê"),
            enc("Sửa chữa nhà"),
            enc("Hộ cận nghèo"),
            "25.000.000",
            "15/06/2022",
            None,
        ]
    )
    sheet.append(
        [
            3,
            enc("Lê Văn Bình"),
            enc("Xã Kim Chung"),
            enc("Học sinh nghèo"),
            enc("Hộ nghèo"),
            "hai triệu",
            None,
            None,
        ]
    )
    sheet.append([None, enc("Tổng cộng"), None, None, None, 75000000, None, None])
    sheet["H4"].data_type = "s"  # text that looks like a formula, not a formula
    workbook.save(path)


def test_tcvn3_sheet_imports_as_nfc_with_a_report_of_rejected_rows(tmp_path, district):
    path = tmp_path / "danh-sach-cu.xlsx"
    _tcvn3_workbook(path)
    sheet = si.read_sheet(path)
    assert sheet.encoding == le.TCVN3 and sheet.header_row == 3
    assert sheet.headers[1] == "Họ và tên"
    result = si.preview(district, sheet, "support_activity", "017", year=YEAR)
    assert sorted(result.mapping.values()) == sorted(
        ["beneficiary", "commune_id", "kind", "household_category", "value_vnd", "activity_date", "note"]
    )
    assert [n for n, _v in result.good] == [4, 5] and result.skipped == 1
    reasons = {(r.row, r.column) for r in result.rejected}
    assert reasons == {(6, "Xã/thị trấn"), (6, "Trị giá")}
    assert "Kim Chung" in next(r.reason for r in result.rejected if r.column == "Xã/thị trấn")

    assert si.import_rows(district, result, user="Văn thư") == 2
    with district.session() as session:
        rows = session.scalars(select(m.SupportActivity).order_by(m.SupportActivity.value_vnd)).all()
        assert [(r.beneficiary, r.kind, r.household_category, r.value_vnd) for r in rows] == [
            ("Trần Thị Hường", "house_repair", "near_poor", 25_000_000),
            ("Nguyễn Văn An", "house_new", "poor", 50_000_000),
        ]
        assert rows[1].activity_date == date(2022, 3, 12) and rows[0].activity_date == date(2022, 6, 15)
        assert all(unicodedata.is_normalized("NFC", r.beneficiary) for r in rows)
        communes = {u.id: u.name for u in session.scalars(select(m.Unit))}
        assert [communes[r.commune_id] for r in rows] == ["Xã Nguyên Khê", "Xã Bắc Hồng"]

    report = si.save_rejections(result, tmp_path / "dong-bi-loai.csv")
    lines = list(csv.reader(io.StringIO(report.read_text(encoding="utf-8-sig"))))
    assert lines[0] == ["Dòng", "Cột", "Lý do"] and {line[0] for line in lines[1:]} == {"6"}
    xlsx = load_workbook(si.save_rejections(result, tmp_path / "dong-bi-loai.xlsx")).active
    assert xlsx["A1"].value == "Dòng" and xlsx.max_row == 3


def test_vni_csv_of_donations_with_headers_without_diacritics(tmp_path, district):
    text = "\r\n".join(
        [
            ";".join(["Nam", "Quy", "Nguoi ung ho", "So tien", "Ngay"]),
            ";".join(
                [
                    "2022",
                    le.encode_vni("Quỹ biển, đảo Việt Nam"),
                    le.encode_vni("Công ty Hòa Bình"),
                    "1.500.000",
                    "02/09/2022",
                ]
            ),
            ";".join(
                [
                    "2022",
                    le.encode_vni("Vì người nghèo"),
                    le.encode_vni("Trường Tiểu học Đông Anh"),
                    "3000000",
                    "",
                ]
            ),
        ]
    )
    path = tmp_path / "ung-ho.csv"
    path.write_bytes(text.encode("cp1252"))
    sheet = si.read_sheet(path, kind="donation")
    assert sheet.encoding == le.VNI
    result = si.preview(district, sheet, "donation", "017")
    assert not result.rejected, result.rejected
    assert si.import_rows(district, result) == 2
    with district.session() as session:
        donors = dict(session.execute(select(m.Donation.donor, m.Donation.fund_code)).all())
    assert donors == {"Công ty Hòa Bình": "sea_islands", "Trường Tiểu học Đông Anh": "for_the_poor"}


def test_mapping_can_be_overridden_and_other_kinds_are_refused(tmp_path, district):
    headers = ["Beneficiary", "Value", "Kind of support", "Household category", "Something"]
    guessed = si.guess_mapping("support_activity", headers)
    assert guessed == {0: "beneficiary", 1: "value_vnd", 2: "kind", 3: "household_category"}
    sheet = si.Sheet(headers, [(2, ["A", 5, "other", "other", "ghi chú"])], le.UNICODE, 1)
    result = si.preview(district, sheet, "support_activity", "017", mapping={**guessed, 4: "note"}, year=YEAR)
    assert result.good and result.good[0][1]["note"] == "ghi chú"
    with pytest.raises(InputError):
        si.preview(district, sheet, "supervision", "017", year=YEAR)
    with pytest.raises(InputError):
        si.preview(district, sheet, "support_activity", "017")  # no year column and no year given


def test_a_broken_file_is_a_typed_error(tmp_path):
    bad = tmp_path / "hong.xlsx"
    bad.write_bytes(b"PK\x03\x04 broken")
    with pytest.raises(si.SpreadsheetError):
        si.read_sheet(bad)


def test_command_line_export_and_import_of_lists(tmp_path, district):
    from run_cli import cli

    from .conftest import fill

    fill(district)
    folder = district.folder
    district.close()
    donations = ("--kind", "donation", "--unit", "017", "--year", YEAR)
    out = tmp_path / "ung-ho.xlsx"
    cli("export-list", *donations, "--out", out, data_dir=folder, check=True)
    assert load_workbook(out).active["B1"].value == "Quỹ"
    csv_file = tmp_path / "cu.csv"
    csv_file.write_bytes(
        "\r\n".join(
            [
                ",".join(
                    [
                        "STT",
                        le.encode_tcvn3("Tên quỹ"),
                        le.encode_tcvn3("Đơn vị ủng hộ"),
                        le.encode_tcvn3("Số tiền"),
                    ]
                ),
                ",".join(
                    [
                        "1",
                        le.encode_tcvn3("Quỹ biển, đảo").replace(",", ""),
                        le.encode_tcvn3("Chi hội Phụ nữ thôn Đoài"),
                        "2.000.000",
                    ]
                ),
                ",".join(
                    ["2", le.encode_tcvn3("Vì người nghèo"), le.encode_tcvn3("Ông Đỗ Văn Hùng"), "không rõ"]
                ),
            ]
        ).encode("latin-1")
    )
    rejects = tmp_path / "loai.csv"
    result = cli("import-list", csv_file, *donations, "--rejects", rejects, data_dir=folder, check=True)
    assert "TCVN3" in result.stdout and "1 dòng có thể nhập; 1 dòng bị loại" in result.stdout
    assert "Dòng 3" in result.stdout and rejects.exists()
    check = cli("export-list", *donations, "--search", "phu nu", "--out", out, data_dir=folder, check=True)
    assert check.returncode == 0
    assert [c.value for c in load_workbook(out).active[2]][3] == "Chi hội Phụ nữ thôn Đoài"
