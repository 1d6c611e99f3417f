"""The user manual as a PDF: the same Markdown files as the help window, on A4 pages in the documents'
embedded font, every section's title in it, with its pictures."""

from __future__ import annotations

import pytest
from pdfcheck import A4, HAVE_POPPLER, TOLERANCE, flat, fonts, is_nfc, page_sizes, pypdf_text
from pypdf import PdfReader

from emulation_desktop.reports import manual


@pytest.fixture(scope="module")
def manual_pdf(tmp_path_factory):
    path = tmp_path_factory.mktemp("manual") / "manual.pdf"
    path.write_bytes(manual.build_pdf())
    return path


def test_every_section_title_is_in_the_pdf(manual_pdf):
    text = flat(pypdf_text(manual_pdf))
    assert is_nfc(text)
    assert "HƯỚNG DẪN SỬ DỤNG" in text and "Mục lục" in text
    for number, section in enumerate(manual.sections(), start=1):
        assert f"{number}. {section.title}" in text, section.title
    # the bold markers are read, not printed
    assert "**" not in text and "Thêm (Ctrl+N)" in text


def test_a4_pages_one_section_a_page_at_least(manual_pdf):
    sizes = page_sizes(manual_pdf)
    assert len(sizes) > len(manual.sections())
    for width, height in sizes:
        assert abs(width - A4[0]) < TOLERANCE and abs(height - A4[1]) < TOLERANCE


def test_the_pictures_are_drawn(manual_pdf):
    pictures = sum(len(page.images) for page in PdfReader(str(manual_pdf)).pages)
    named = sum(len(manual.image_sources(s.text)) for s in manual.sections())
    assert pictures == named


@pytest.mark.skipif(not HAVE_POPPLER, reason="needs poppler-utils")
def test_only_embedded_liberation_fonts(manual_pdf):
    found = fonts(manual_pdf)
    assert found
    for font in found:
        assert "LiberationSerif" in font["name"], font
        assert font["emb"] == "yes", font


def test_page_numbers_from_page_two(manual_pdf):
    pages = [page.extract_text() or "" for page in PdfReader(str(manual_pdf)).pages]
    # drawn when the page ends: the page's last line of text
    assert pages[1].strip().splitlines()[-1] == "2"
    assert pages[2].strip().splitlines()[-1] == "3"
    assert pages[0].strip().splitlines()[-1] != "1"


def test_the_markdown_subset():
    text = "\n".join(
        [
            "# Tiêu đề",
            "",
            "Đoạn một",
            "nối tiếp, **đậm** và \\* sao.",
            "",
            "- mục a",
            "  tiếp mục a",
            "- mục b",
            "1. bước một",
            "2. bước hai",
            "![Chú thích](images/x.png)",
            "## Mục con",
            "Đoạn <cuối> & hết",
        ]
    )
    blocks = manual.blocks(text)
    assert [b.kind for b in blocks] == [
        "heading",
        "paragraph",
        "bullets",
        "numbered",
        "image",
        "heading",
        "paragraph",
    ]
    assert blocks[0].level == 1 and blocks[5].level == 2
    assert blocks[1].text == "Đoạn một nối tiếp, **đậm** và \\* sao."
    assert blocks[2].items == ("mục a tiếp mục a", "mục b")
    assert blocks[3].items == ("bước một", "bước hai")
    assert (blocks[4].text, blocks[4].source) == ("Chú thích", "images/x.png")
    assert manual.markup(blocks[1].text) == "Đoạn một nối tiếp, <b>đậm</b> và * sao."
    assert manual.markup(blocks[6].text) == "Đoạn &lt;cuối&gt; &amp; hết"
    assert manual.image_sources(text) == ["images/x.png"]


def test_every_character_of_the_manual_is_in_the_font():
    """ReportLab prints a blank for a character its font lacks (a ⚠ or a ✓ would vanish on paper)."""
    from reportlab.pdfbase import pdfmetrics

    from emulation_desktop.reports import fonts

    fonts.register_fonts()
    for face in (fonts.REGULAR, fonts.BOLD):
        widths = pdfmetrics.getFont(face).face.charWidths
        for section in manual.sections():
            missing = {c for c in section.text if ord(c) > 127 and ord(c) not in widths}
            assert not missing, (section.name, face, missing)
