"""Every document, built over the demo, read back with pypdf and poppler."""

from __future__ import annotations

import re

import pytest
from demo_documents import DOCUMENTS
from pdfcheck import (
    A4,
    HAVE_POPPLER,
    MM,
    TOLERANCE,
    flat,
    fonts,
    is_nfc,
    layout_text,
    page_sizes,
    pypdf_text,
    words,
)

pytestmark = pytest.mark.skipif(not HAVE_POPPLER, reason="poppler-utils (pdftotext, pdffonts) not installed")

KEYS = [(kind, scope) for kind, scope, _ in DOCUMENTS]
IDS = [f"{kind}-{scope}" for kind, scope in KEYS]
DATE_LINE = re.compile(r", ngày \d{2} tháng (0[12]|1[0-2]|[3-9]) năm \d{4}")


@pytest.fixture(params=KEYS, ids=IDS)
def pdf(request, built):
    return built[request.param]


def test_a4_pages(pdf):
    sizes = page_sizes(pdf)
    assert sizes
    for width, height in sizes:
        assert sorted((round(width, 1), round(height, 1))) == [round(A4[0], 1), round(A4[1], 1)]


def test_every_font_embedded_and_no_helvetica(pdf):
    found = fonts(pdf)
    assert found, "no fonts at all?"
    for font in found:
        assert font["emb"] == "yes", font
        assert "helvetica" not in font["name"].lower(), font
        assert "LiberationSerif" in font["name"] or "TimesNewRoman" in font["name"], font


def test_text_lies_inside_the_margins(pdf):
    """Left 30 mm, right 15 mm, top and bottom 20 mm; only the page number sits in the top margin,
    centred, from page 2."""
    for word in words(pdf):
        landscape = word.page_width > word.page_height
        assert word.x0 >= 30 * MM - TOLERANCE, word
        assert word.x1 <= word.page_width - 15 * MM + TOLERANCE, word
        assert word.y1 <= word.page_height - 20 * MM + TOLERANCE, word
        if word.y0 < 20 * MM - TOLERANCE:
            if word.text in ("DỰ", "THẢO"):  # a draft's mark, at the right of the top margin
                assert word.x0 > word.page_width / 2, word
                continue
            # the page number: a number, centred between the margins, in the top margin
            assert word.text.isdigit() and int(word.text) >= 2, word
            centre = (30 * MM + word.page_width - 15 * MM) / 2
            assert abs((word.x0 + word.x1) / 2 - centre) < 6, (word, landscape)


def test_first_page_has_no_number_later_pages_do(pdf):
    all_words = words(pdf)
    pages = max(w.page for w in all_words)
    top = {w.page: w.text for w in all_words if w.y0 < 20 * MM and w.text.isdigit()}
    assert 1 not in top
    if pdf.name.startswith(("meeting-pack", "pledge-form-cluster")):
        # several documents in one PDF: each numbers its own pages, from its second page
        assert "2" in top.values()
    elif pages >= 2:
        assert top.get(2) == "2" and top.get(pages) == str(pages)


def test_national_title_on_one_line_motto_and_date(pdf):
    text = layout_text(pdf)
    lines = text.splitlines()
    assert any("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in line for line in lines)
    assert any("Độc lập - Tự do - Hạnh phúc" in line for line in lines)
    assert DATE_LINE.search(text), "no administrative date line"
    assert "ngày 08 tháng 11 năm 2022" in text


def test_extracted_text_is_nfc(pdf):
    assert is_nfc(layout_text(pdf))
    assert is_nfc(pypdf_text(pdf))


@pytest.mark.parametrize("key", [("annual", "cluster"), ("cluster", "cluster")], ids=["annual", "cluster"])
def test_the_articles_figures_written_the_vietnamese_way(built, key):
    text = flat(layout_text(built[key]))
    for figure in ("1.053", "694/823", "85,4%", "133", "9.379", "1.299", "740/740", "106/106"):
        assert figure in text, figure
    assert "7.690 triệu đồng" in text or "7.690.000.000" in text
    assert "4.375/5.121" in text


def test_annual_report_of_a_district(built):
    text = flat(layout_text(built[("annual", "unit")]))
    assert "ỦY BAN MTTQ VIỆT NAM" in text and "HUYỆN ĐÔNG ANH" in text and "BAN THƯỜNG TRỰC" in text
    assert "/BC-MTTQ" in text
    assert "Đông Anh, ngày 08 tháng 11 năm 2022" in text
    assert "BÁO CÁO" in text
    assert "TM. BAN THƯỜNG TRỰC" in text and "CHỦ TỊCH" in text
    assert "Nơi nhận:" in text and "- Lưu: VT." in text
    # Đông Anh's own figures, the article's way
    assert "2.280 triệu đồng" in text or "2.280.000.000" in text
    assert "27 nhà đại đoàn kết" in text
    assert "PHƯƠNG HƯỚNG, NHIỆM VỤ TRỌNG TÂM NĂM 2023" in text


def test_cluster_report_has_a_column_per_district_and_totals(built):
    text = flat(layout_text(built[("cluster", "cluster")]))
    for name in ("Sóc Sơn", "Đông Anh", "Gia Lâm", "Thanh Trì", "Mê Linh", "Toàn Cụm năm 2022"):
        assert name in text, name
    assert "6.120.000.000" in text and "7.690.000.000" in text
    sizes = page_sizes(built[("cluster", "cluster")])
    assert any(w > h for w, h in sizes), "the table by district is on a landscape page"
