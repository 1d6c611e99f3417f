"""Spreadsheets from the editors: "Xuất Excel" writes a real workbook with Vietnamese headers, and
"Nhập từ Excel/CSV…" maps the columns, checks every row, imports the good ones in one go and offers
the rejected rows as a report."""

from __future__ import annotations

from datetime import datetime

from helpers import editor_of, reload, rows
from openpyxl import Workbook, load_workbook

from emulation_desktop.domain import models as m
from emulation_desktop.operations import records
from emulation_desktop.ui import file_choice, save_target
from emulation_desktop.ui import spreadsheet_import_dialog as sid

WAIT_MS = 30_000


def _save_to(monkeypatch, folder, names):
    def choose(_parent, proposed, suffix, **_where):
        assert proposed.endswith(suffix)
        names.append(proposed)
        return save_target.Choice(folder, proposed)

    monkeypatch.setattr(file_choice, "choose_save_target", choose)


def test_export_to_excel_writes_the_list_with_vietnamese_headers(
    qtbot, window, db, tmp_path, monkeypatch, shown
):
    records.create_records(
        db,
        "support_activity",
        "017",
        [
            {
                "year": 2022,
                "kind": "house_new",
                "commune_id": "00454",
                "beneficiary": "Nguyễn Văn Ánh",
                "household_category": "poor",
                "activity_date": "12/03/2022",
                "value_vnd": 50_000_000,
            },
            {
                "year": 2022,
                "kind": "student",
                "commune_id": "00457",
                "beneficiary": "Lê Thị Bình",
                "household_category": "near_poor",
                "value_vnd": 2_000_000,
                "note": "=1+1",
            },
        ],
    )
    reload(window)
    editor = editor_of(window, "support_activity")
    assert editor.toolbar.export_xlsx.text() == "Xuất Excel"
    assert editor.toolbar.import_sheet.isVisible()
    assert not editor_of(window, "funeral_tally").toolbar.import_sheet.isVisible()
    editor = editor_of(window, "support_activity")
    usb = tmp_path / "usb"
    usb.mkdir()
    names: list[str] = []
    _save_to(monkeypatch, usb, names)
    editor.toolbar.export_xlsx.click()
    qtbot.waitUntil(lambda: getattr(editor, "last_export", None) is not None, timeout=WAIT_MS)
    path = editor.last_export
    assert path.parent == usb and path.suffix == ".xlsx" and path.name.isascii()
    assert any("Có thể rút USB" in text for text in shown)
    sheet = load_workbook(path).active
    headers = [c.value for c in sheet[1]]
    assert headers[:4] == ["Năm", "Hình thức hỗ trợ", "Xã/thị trấn", "Đối tượng được hỗ trợ"]
    by_name = {row[3].value: row for row in sheet.iter_rows(min_row=2)}
    assert set(by_name) == {"Nguyễn Văn Ánh", "Lê Thị Bình"}
    money = by_name["Nguyễn Văn Ánh"][headers.index("Trị giá")]
    assert money.value == 50_000_000 and money.data_type == "n"
    assert by_name["Nguyễn Văn Ánh"][2].value == "Xã Bắc Hồng"
    assert by_name["Lê Thị Bình"][headers.index("Ghi chú")].value == "'=1+1"


def _workbook(path):
    book = Workbook()
    sheet = book.active
    sheet.append(["DANH SÁCH HỖ TRỢ NĂM 2022"])
    sheet.append(["STT", "Họ tên", "Xã", "Loại hỗ trợ", "Đối tượng", "Ngày", "Số tiền"])
    sheet.append([1, "Trần Văn Cường", "Bắc Hồng", "Xây mới", "Hộ nghèo", datetime(2022, 5, 2), 60_000_000])
    sheet.append(
        [2, "Phạm Thị Dung", "Xã Nguyên Khê", "Học bổng", "Cận nghèo", datetime(2022, 9, 5), 2_000_000]
    )
    sheet.append([3, "Hoàng Văn Em", "Xã Không Có", "Sửa chữa", "Hộ nghèo", datetime(2022, 6, 1), 20_000_000])
    book.save(path)


def test_import_from_excel_imports_good_rows_and_reports_the_bad_one(
    qtbot, window, db, tmp_path, monkeypatch, shown
):
    source = tmp_path / "ho-tro-2022.xlsx"
    _workbook(source)
    editor = editor_of(window, "support_activity")
    before = len(rows(db, m.SupportActivity, deleted=False))
    usb = tmp_path / "usb"
    usb.mkdir()
    names: list[str] = []
    _save_to(monkeypatch, usb, names)
    monkeypatch.setattr(sid, "choose_sheet_file", lambda _parent: str(source))
    seen = []

    def drive(dialog):
        seen.append(dialog)
        mapping = dialog.mapping()
        assert set(mapping.values()) >= {
            "beneficiary",
            "commune_id",
            "kind",
            "household_category",
            "value_vnd",
        }
        assert "Hộ nghèo" not in dialog.file_label.text()  # the file line names the file and rows
        dialog.check_rows()
        qtbot.waitUntil(lambda: dialog.result is not None and not dialog.busy, timeout=WAIT_MS)
        assert (len(dialog.result.good), dialog.result.rejected_rows) == (2, 1)
        assert dialog.summary.text().startswith("2 dòng có thể nhập; 1 dòng bị loại")
        bad = dialog.rejected_model.rows
        assert bad[0][0] == "5" and "Xã Không Có" in bad[0][2]
        assert dialog.import_button.isEnabled() and dialog.import_button.text() == "Nhập 2 dòng hợp lệ"
        dialog.import_rows()
        qtbot.waitUntil(lambda: dialog.imported == 2 and not dialog.busy, timeout=WAIT_MS)
        assert not dialog.import_button.isEnabled()  # once only
        return 0

    monkeypatch.setattr(sid.SpreadsheetImportDialog, "exec", drive)
    editor.toolbar.import_sheet.click()
    assert seen, "the dialog was not opened"
    stored = rows(db, m.SupportActivity, deleted=False)
    assert len(stored) == before + 2
    assert {r.beneficiary for r in stored} >= {"Trần Văn Cường", "Phạm Thị Dung"}
    assert "Hoàng Văn Em" not in {r.beneficiary for r in stored}
    assert editor.model.rowCount() == before + 2  # the editor shows them
    # The clerk was offered the report of rejected rows (confirm says yes) and it was saved.
    assert any("bị từ chối" in text and "Lưu danh sách" in text for text in shown)
    report = usb / names[-1]
    assert report.suffix == ".xlsx" and report.exists()
    sheet = load_workbook(report).active
    assert [c.value for c in sheet[1]] == ["Dòng", "Cột", "Lý do"]
    assert sheet.cell(2, 1).value == 5 and "Xã Không Có" in sheet.cell(2, 3).value


def test_import_is_not_offered_where_the_year_cannot_be_edited(qtbot, window):
    window.context_bar.choose("020", 2022)  # an imported, read-only unit
    editor = editor_of(window, "donation")
    assert editor.toolbar.import_sheet.isVisible() and not editor.toolbar.import_sheet.isEnabled()
    assert editor.toolbar.export_xlsx.isEnabled()


def test_the_import_dialog_says_which_columns_were_converted_from_an_old_encoding(
    qtbot, window, db, tmp_path, monkeypatch
):
    """A list typed on an old PC (.VnTime, TCVN3) under the app's own Unicode header: the dialog
    says, column by column, what it converted, as the command's dry run does."""
    import io

    from openpyxl.styles import Font

    from emulation_desktop.exchange import legacy_encodings as le
    from emulation_desktop.exchange.spreadsheet_export import list_workbook

    template, _count = list_workbook(db, "support_activity", "017", 2022)
    workbook = load_workbook(io.BytesIO(template))
    sheet = workbook.active
    for i in range(30):
        sheet.append(
            [
                2022,
                le.encode_tcvn3("Xây mới"),
                le.encode_tcvn3("Xã Bắc Hồng"),
                le.encode_tcvn3(f"Hộ ông Hùng {i}"),
                le.encode_tcvn3("Hộ nghèo"),
                "12/03/2022",
                1_000_000 + i,
                le.encode_tcvn3("Ngân sách huyện"),
                "",
            ]
        )
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.font = Font(name=".VnTime")
    source = tmp_path / "danh-sach-cu.xlsx"
    workbook.save(source)
    monkeypatch.setattr(sid, "choose_sheet_file", lambda _parent: str(source))
    seen = []

    def look(dialog):
        seen.append(dialog.file_label.text())
        return 0

    monkeypatch.setattr(sid.SpreadsheetImportDialog, "exec", look)
    editor_of(window, "support_activity").toolbar.import_sheet.click()
    (text,) = seen
    assert "Cột Đối tượng được hỗ trợ: chuyển từ TCVN3 (.VnTime), 30 ô." in text
