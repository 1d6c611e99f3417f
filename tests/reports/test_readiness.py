"""An incomplete document prints only as a draft ("DỰ THẢO" on every page, what is missing on the first),
`report --final` refuses it, and nothing unknown is printed as a zero. The demo has data for 2022 and
none for 2023."""

from __future__ import annotations

import re
from datetime import date

import pytest
from pdfcheck import HAVE_POPPLER, MM, flat, layout_text, words
from pypdf import PdfReader
from run_cli import cli

from emulation_desktop.indicators.compute import Figure
from emulation_desktop.reports import build_document
from emulation_desktop.reports.figures import cell
from emulation_desktop.reports.readiness import missing
from emulation_desktop.reports.request import ReportRequest

pytestmark = pytest.mark.skipif(not HAVE_POPPLER, reason="poppler-utils not installed")

ISSUED = date(2023, 11, 8)


def _pdf(db, tmp_path, kind, scope, code, year):
    with db.session() as session:
        built = build_document(session, kind, scope, code, year, issued_on=ISSUED)
    path = tmp_path / f"{kind}-{year}.pdf"
    path.write_bytes(built.pdf)
    return path


def _marked_pages(path) -> set[int]:
    """The pages with "DỰ THẢO" in the top margin, at the right."""
    return {
        w.page
        for w in words(path)
        if w.text == "THẢO" and w.y0 < 20 * MM and w.x1 > w.page_width - 15 * MM - 60
    }


def test_a_year_without_data_is_a_draft_on_every_page_saying_what_is_missing(demo_db, tmp_path):
    path = _pdf(demo_db, tmp_path, "annual", "cluster", "HN-CUM3", 2023)
    pages = len(PdfReader(str(path)).pages)
    assert _marked_pages(path) == set(range(1, pages + 1))
    first = flat(layout_text(path).split("\f")[0])
    assert "Bản dự thảo, chưa đủ điều kiện ban hành. Còn thiếu:" in first
    for name in ("Sóc Sơn", "Đông Anh", "Gia Lâm", "Thanh Trì", "Mê Linh"):
        assert f"- Huyện {name} chưa có số liệu năm 2023." in first
    assert PdfReader(str(path)).metadata["/Keywords"] == "DỰ THẢO"


def test_a_complete_document_is_not_a_draft(demo_db, tmp_path):
    path = _pdf(demo_db, tmp_path, "support-list", "cluster", "HN-CUM3", 2022)
    assert not _marked_pages(path)
    assert "dự thảo" not in flat(layout_text(path)).lower()


def test_nothing_unknown_is_printed_as_a_zero(demo_db, tmp_path):
    text = flat(layout_text(_pdf(demo_db, tmp_path, "annual", "unit", "017", 2023)))
    assert "0/176" not in text and "0 ý kiến" not in text  # nothing held is not "0/176 đã hoàn thành"
    assert "giảm" not in text  # a year with no data is not a fall
    # neither in the table nor in the chart ("100,0%" of last year is fine)
    assert not re.search(r"(?<![\d.,])0/0\b|(?<![\d.,])0,0%", text)
    assert cell(Figure(value=0, total=0), "ratio") == "–"
    assert cell(Figure(value=0, total=5), "ratio").startswith("0/5")


def test_the_meeting_pack_shows_no_zeros_for_members_without_data(demo_db, tmp_path):
    text = layout_text(_pdf(demo_db, tmp_path, "meeting-pack", "cluster", "HN-CUM3", 2023))
    # no criteria set for 2023: no sheet is invented, the part says what it waits for
    assert "Chưa có bảng tiêu chí chấm điểm thi đua năm 2023 của Cụm." in text
    assert "Điểm tối đa" not in text
    # "1  Nhà đại đoàn kết ...  0  10": a result of 0 before the maximum points
    assert not re.search(r"\s0(/0)?\s{2,}\d+\s*$", text, re.MULTILINE)


def test_a_vote_not_counted_is_not_reported_as_a_result(demo_db, tmp_path):
    text = flat(layout_text(_pdf(demo_db, tmp_path, "review-tally", "cluster", "HN-CUM3", 2023)))
    assert "Chưa tiến hành" not in text
    assert "Chưa có đủ kết quả kiểm phiếu suy tôn, bầu Cụm trưởng, Cụm phó." in text
    assert "Số phiếu phát ra: ........ phiếu" in text


def test_the_year_not_over_and_not_locked_is_missing(demo_db):
    request = ReportRequest("support-list", "unit", "017", 2022)
    with demo_db.session() as session:
        assert missing(session, request) == []
        during = missing(session, request, today=date(2022, 11, 8))
    assert during == ["Năm 2022 chưa kết thúc và Huyện Đông Anh chưa chốt số liệu (chưa khóa năm để gửi)."]


def test_final_refuses_an_incomplete_document_with_the_list(demo_dir, tmp_path):
    out = tmp_path / "X.pdf"
    args = ("report", "support-list", "--unit", "017", "--out", out, "--final")
    refused = cli(*args, "--year", "2023", data_dir=demo_dir)
    assert refused.returncode == 2, refused.stderr
    assert "chưa thể in bản chính thức" in refused.stderr
    assert "- Huyện Đông Anh chưa có số liệu năm 2023." in refused.stderr
    assert not out.exists()
    made = cli(*args, "--year", "2022", data_dir=demo_dir)
    assert made.returncode == 0, made.stderr
    assert out.exists()
