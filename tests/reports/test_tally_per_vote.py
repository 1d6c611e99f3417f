"""The standalone tally (``review-tally``) read back from the PDF: one record per vote, each with its own
header, title, tellers and signatures, starting on its own page; the same records, word for word, as
the meeting pack's tallies, so the two papers agree. A year not counted yet gives three drafts to fill
in by hand, never a result."""

from __future__ import annotations

import re
from datetime import date

import pytest
from pdfcheck import HAVE_POPPLER, flat, layout_text

from emulation_desktop.reports import build_document

pytestmark = pytest.mark.skipif(not HAVE_POPPLER, reason="needs poppler-utils")

ON = date(2022, 11, 8)
HEADINGS = (
    "Suy tôn đơn vị dẫn đầu phong trào thi đua năm 2022",
    "Bầu Cụm trưởng năm 2023",
    "Bầu Cụm phó năm 2023",
)


def _pages(db, tmp_path, kind, year):
    with db.session() as session:
        built = build_document(session, kind, "cluster", "HN-CUM3", year, issued_on=ON)
    path = tmp_path / f"{kind}-{year}.pdf"
    path.write_bytes(built.pdf)
    return layout_text(path).split("\f")[:-1], built


def _records(pages):
    """The pages grouped by record: a record starts on the page that bears the national title."""
    records: list[list[str]] = []
    for page in pages:
        if "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in page:
            records.append([])
        records[-1].append(page)
    return [flat(re.sub(r"^\s*\d+\s*$", "", "\n".join(r), flags=re.MULTILINE)) for r in records]


def test_one_record_per_vote_each_whole(demo_db, tmp_path):
    pages, built = _pages(demo_db, tmp_path, "review-tally", 2022)
    assert built.missing == ()
    records = _records(pages)
    assert len(records) == 3
    for record, heading in zip(records, HEADINGS, strict=True):
        assert record.count("BIÊN BẢN KIỂM PHIẾU") == 1
        assert heading in record
        assert [h for h in HEADINGS if h in record] == [heading]  # no other vote in this record
        assert record.count("Số phiếu phát ra:") == 1 and record.count("Kết quả:") == 1
        assert record.endswith("THÀNH VIÊN TỔ KIỂM PHIẾU TỔ TRƯỞNG TỔ KIỂM PHIẾU")  # its own signatures
        assert "Biên bản được lập xong và đọc công khai tại Hội nghị." in record
        assert "- Đại diện Ủy ban MTTQ Việt Nam huyện Mê Linh" in record  # the tellers, in each
    assert "huyện Đông Anh được suy tôn là đơn vị dẫn đầu" in records[0]
    assert "huyện Sóc Sơn được bầu làm Cụm trưởng" in records[1]
    assert "huyện Thanh Trì được bầu làm Cụm phó" in records[2]


def test_the_standalone_records_are_the_meeting_pack_s(demo_db, tmp_path):
    standalone = _records(_pages(demo_db, tmp_path, "review-tally", 2022)[0])
    pack_pages, _built = _pages(demo_db, tmp_path, "meeting-pack", 2022)
    in_pack = [r for r in _records(pack_pages[1:]) if "BIÊN BẢN KIỂM PHIẾU" in r]
    assert len(in_pack) == 3
    assert standalone == in_pack


def test_votes_not_counted_are_three_drafts_to_fill_in(demo_db, tmp_path):
    pages, built = _pages(demo_db, tmp_path, "review-tally", 2023)
    assert built.missing
    assert all("DỰ THẢO" in page for page in pages)
    records = _records(pages)
    assert len(records) == 3
    for record in records:
        assert record.count("Số phiếu phát ra: ........ phiếu") == 1
        assert "Biên bản được lập xong" not in record  # nothing happened yet is not a finished record
