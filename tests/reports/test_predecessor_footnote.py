"""The annual report of a ward formed in 2025 compares with the sum of its predecessors' 2024 figures and
says so in a line under the table (issue #16), read back from the PDF the command line writes."""

from __future__ import annotations

import pytest
from pdfcheck import HAVE_POPPLER, flat, is_nfc, layout_text, pypdf_text
from predecessor_ward import WARD, build_ward, support
from run_cli import cli

from emulation_desktop.operations import records
from emulation_desktop.reports import build_document
from emulation_desktop.storage.database import open_database

FOOTNOTE = (
    "Số liệu năm 2024 là tổng số liệu của Ủy ban MTTQ Việt Nam xã Thái Long và phường Đội Cấn "
    "(trước sắp xếp đơn vị hành chính)."
)


@pytest.fixture
def ward_dir(data_dir):
    database = open_database(data_dir)
    build_ward(database)
    records.create_records(database, "support_activity", WARD, [support(2026, "80 triệu")])
    database.close()
    return data_dir


@pytest.mark.skipif(not HAVE_POPPLER, reason="poppler-utils not installed")
def test_the_2025_report_shows_last_year_as_the_sum_and_says_so(ward_dir, tmp_path):
    out = tmp_path / "bao-cao.pdf"
    cli("report", "annual", "--unit", WARD, "--year", "2025", "--out", out, data_dir=ward_dir, check=True)
    text = flat(layout_text(out))
    # Last year: Đội Cấn's 2 houses (140 million) and Thái Long's 1 (60 million); this year 1 house.
    assert "Nhà đại đoàn kết xây mới, sửa chữa (nhà) 3 1 giảm 2" in text
    assert "Trị giá nhà đại đoàn kết (đồng) 200.000.000 70.000.000 giảm 130.000.000" in text
    assert FOOTNOTE in text
    assert is_nfc(pypdf_text(out))
    # Under the table, before the chart.
    assert text.index("Buổi tiếp công dân") < text.index(FOOTNOTE) < text.index("Biểu đồ:")


def test_a_later_year_compares_with_the_unit_itself_and_has_no_footnote(ward_dir, tmp_path):
    database = open_database(ward_dir)
    with database.session() as session:
        document = build_document(session, "annual", "unit", WARD, 2026)
    database.close()
    out = tmp_path / "2026.pdf"
    out.write_bytes(document.pdf)
    text = flat(pypdf_text(out))
    assert "tổng số liệu của" not in text and "trước sắp xếp" not in text
