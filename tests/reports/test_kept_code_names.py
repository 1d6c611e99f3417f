"""A 2025 unit that kept an old commune's code (Phường Bình Thuận, 02524, was Phường Đội Cấn) prints each
year under the name it had then (issue #16): the 2024 annual report as Đội Cấn's, with its district as
superior; the 2025 report as Bình Thuận's, under its province, with last year's predecessors in the
footnote. Read back from the PDFs."""

from __future__ import annotations

import pytest
from pdfcheck import flat, pypdf_text
from predecessor_ward import WARD, support

from emulation_desktop.operations import records, setup
from emulation_desktop.reports import build_document
from emulation_desktop.storage.database import open_database

FOOTNOTE = (
    "Số liệu năm 2024 là tổng số liệu của Ủy ban MTTQ Việt Nam xã Thái Long và phường Đội Cấn "
    "(trước sắp xếp đơn vị hành chính)."
)


@pytest.fixture
def texts(data_dir, tmp_path):
    """The folder of Phường Đội Cấn, set up for 2024 with a record, gone on to 2025 with another; the
    annual report of each year as text."""
    db = open_database(data_dir)
    setup.apply_setup(db, setup.plan_from_catalogue(WARD, 2024, chair="Lê Văn Cường"))
    records.create_records(db, "support_activity", WARD, [support(2024, "100 triệu")])
    setup.apply_setup(db, setup.plan_from_catalogue(WARD, 2025, chair="Nguyễn Văn An"))
    records.create_records(db, "support_activity", WARD, [support(2025, "70 triệu")])
    out = {}
    for year in (2024, 2025):
        with db.session() as session:
            document = build_document(session, "annual", "unit", WARD, year)
        path = tmp_path / f"{year}.pdf"
        path.write_bytes(document.pdf)
        out[year] = flat(pypdf_text(path))
    db.close()
    return out


def test_each_year_prints_the_name_it_had(texts):
    old, new = texts[2024], texts[2025]
    assert "ỦY BAN MTTQ VIỆT NAM PHƯỜNG ĐỘI CẤN BAN THƯỜNG TRỰC" in old
    assert "Ban Thường trực Ủy ban MTTQ Việt Nam phường Đội Cấn báo cáo kết quả" in old
    assert "Thường trực Phường ủy, HĐND, UBND phường Đội Cấn (để b/c)" in old
    assert "Ban Thường trực Ủy ban MTTQ Việt Nam thành phố Tuyên Quang (để b/c)" in old  # its district
    assert "PHƯỜNG BÌNH THUẬN" not in old and "Lê Văn Cường" in old
    assert "tổng số liệu của" not in old

    assert "ỦY BAN MTTQ VIỆT NAM PHƯỜNG BÌNH THUẬN BAN THƯỜNG TRỰC" in new
    assert "Ban Thường trực Ủy ban MTTQ Việt Nam phường Bình Thuận báo cáo kết quả" in new
    assert "Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Tuyên Quang (để b/c)" in new  # no district since 2025
    assert "Trị giá nhà đại đoàn kết (đồng) 100.000.000 70.000.000 giảm 30.000.000" in new
    assert FOOTNOTE in new and "Nguyễn Văn An" in new


def test_the_2024_narrative_names_the_old_ward_too(texts):
    assert "Bình Thuận" not in texts[2024]
