"""The narrative documents as Word files: each .docx of the demo read back with python-docx (layout,
font, every word of our PDF), and converted to PDF by LibreOffice headless (page count within one of
ours, the draft mark on every page); the command line chooses Word by the file's extension."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from demo_documents import ISSUED_ON
from docx import Document
from docx.shared import Mm
from pdfcheck import HAVE_POPPLER, MM, layout_text, page_sizes, words
from run_cli import cli

from emulation_desktop.reports import layout as L
from emulation_desktop.reports.registry import DOCUMENT_KINDS, build_request
from emulation_desktop.reports.request import ReportRequest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None or not HAVE_POPPLER, reason="LibreOffice (soffice) and poppler-utils are needed"
)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
UNIT, CLUSTER = "017", "HN-CUM3"


def narrative_documents() -> list[tuple[str, str, str]]:
    """(kind, scope, code) of every document that offers Word, in each scope the demo has (the city's
    are made at a city's office: tests/exchange/test_city_forwarding.py)."""
    codes = {"unit": UNIT, "cluster": CLUSTER}
    return [
        (kind.name, scope, codes[scope])
        for kind in DOCUMENT_KINDS.values()
        if kind.offers_word
        for scope in kind.scopes
        if scope in codes
    ]


DOCUMENTS = narrative_documents()
DRAFT = ("annual", "unit", UNIT, 2023)  # 2023 has no data yet: a draft


@pytest.fixture(scope="session")
def converted(demo_db, tmp_path_factory) -> dict[tuple[str, str, int], dict[str, Path]]:
    """Each document as our PDF, as .docx and as LibreOffice's PDF of that .docx (all converted in one
    soffice run), keyed by (kind, scope, year)."""
    folder = tmp_path_factory.mktemp("word")
    out: dict[tuple[str, str, int], dict[str, Path]] = {}
    for kind, scope, code, year in [(*d, 2022) for d in DOCUMENTS] + [DRAFT]:
        files = {}
        for file_format in ("pdf", "docx"):
            request = ReportRequest(kind, scope, code, year, ISSUED_ON, format=file_format)
            with demo_db.session() as session:
                built = build_request(session, request)
            assert built.format == file_format
            files[file_format] = folder / f"{kind}-{scope}-{year}.{file_format}"
            files[file_format].write_bytes(built.data)
        out[(kind, scope, year)] = files
    lo = folder / "libreoffice"
    profile = (folder / "profile").as_uri()
    docx_files = [str(files["docx"]) for files in out.values()]
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(lo),
            *docx_files,
        ],
        capture_output=True,
        check=True,
        timeout=600,
    )
    for files in out.values():
        files["lo"] = lo / files["docx"].with_suffix(".pdf").name
    return out


def docx_text(path: Path) -> str:
    """All the text of a Word file's body (paragraphs and table cells), one paragraph a line."""
    body = Document(str(path)).element.body
    return "\n".join(
        "".join(node.text or " " for node in p.iter(f"{W}t", f"{W}tab", f"{W}br")) for p in body.iter(f"{W}p")
    )


def header_text(path: Path) -> str:
    document = Document(str(path))
    return " ".join(
        p.text for s in document.sections for h in (s.header, s.first_page_header) for p in h.paragraphs
    )


def pdf_words_outside_chart(path: Path) -> list[str]:
    """Our PDF's words, without the page numbers above the top margin and the chart's labels (a
    picture in the Word file)."""
    found = words(path)
    chart = [
        (w.page, w.y0) for i, w in enumerate(found[:-1]) if w.text == "Biểu" and found[i + 1].text == "đồ:"
    ]
    out = []
    for w in found:
        if w.y1 < L.MARGIN_TOP:
            continue
        if any(w.page == page and top - 85 * MM < w.y0 < top for page, top in chart):
            continue
        out.append(w.text)
    return out


def test_the_narrative_documents_offer_word_and_the_others_do_not():
    offering = {kind.name for kind in DOCUMENT_KINDS.values() if kind.offers_word}
    assert {"annual", "cluster", "review-minutes", "review-proposal"} <= offering
    pdf_only = {"pledge-form", "support-list", "supervision-list", "meeting-pack", "review-scoring-sheet"}
    pdf_only |= {"review-ballots", "review-tally", "review-summary"}
    assert not offering & pdf_only


@pytest.mark.parametrize(("kind", "scope", "code"), DOCUMENTS)
def test_the_word_file_has_the_administrative_layout(converted, kind, scope, code):
    path = converted[(kind, scope, 2022)]["docx"]
    document = Document(str(path))
    section = document.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.5) and abs(section.page_height - Mm(297)) < Mm(0.5)
    for margin, points in (
        (section.top_margin, L.MARGIN_TOP),
        (section.bottom_margin, L.MARGIN_BOTTOM),
        (section.left_margin, L.MARGIN_LEFT),
        (section.right_margin, L.MARGIN_RIGHT),
    ):
        assert abs(margin.pt - points) < 0.1
    # Times New Roman everywhere: the default, every style that names a font, every run that does.
    assert document.styles["Normal"].font.name == "Times New Roman"
    named = {font.get(f"{W}ascii") for font in document.element.iter(f"{W}rFonts")}
    assert named <= {"Times New Roman", None}
    defaults = document.styles.element.find(f"{W}docDefaults").iter(f"{W}rFonts")
    assert [font.get(f"{W}ascii") for font in defaults] == ["Times New Roman"]
    used = {p.style.style_id for p in document.paragraphs}
    used |= {p.style.style_id for t in document.tables for c in t._cells for p in c.paragraphs}
    assert {document.styles.get_by_id(s, 1).font.name for s in used} == {"Times New Roman"}
    sizes = {run.font.size.pt for p in document.paragraphs for run in p.runs if run.font.size}
    assert L.BODY_SIZE in sizes and max(sizes) <= L.TITLE_SIZE
    # The two-column header: the national title and the underlined motto on the right.
    header = document.tables[0]
    right = header.rows[0].cells[1]
    assert right.paragraphs[0].text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    motto = right.paragraphs[1]
    assert motto.text == "Độc lập - Tự do - Hạnh phúc" and motto.runs[0].underline
    assert header.rows[1].cells[1].paragraphs[0].text == "Đông Anh, ngày 08 tháng 11 năm 2022"
    # Body paragraphs justified with the PDF's first-line indent.
    indented = [p for p in document.paragraphs if p.paragraph_format.first_line_indent]
    assert indented and all(
        abs(p.paragraph_format.first_line_indent.pt - L.FIRST_LINE_INDENT) < 0.1 for p in indented
    )
    assert "PAGE" in "".join(t.text or "" for t in section.header._element.iter(f"{W}instrText"))
    assert "PAGE" not in "".join(
        t.text or "" for t in section.first_page_header._element.iter(f"{W}instrText")
    )


@pytest.mark.parametrize(("kind", "scope", "code"), DOCUMENTS)
def test_the_word_file_says_everything_the_pdf_says(converted, kind, scope, code):
    """Every word of our PDF (titles, figures, signers' names) is in the Word file, in NFC."""
    files = converted[(kind, scope, 2022)]
    text = docx_text(files["docx"])
    assert unicodedata.is_normalized("NFC", text)
    ours = pdf_words_outside_chart(files["pdf"])
    assert len(ours) > 100
    theirs = set(text.split())
    missing = sorted({w for w in ours if w not in theirs})
    assert not missing, missing[:40]


def test_the_key_figures_and_the_chart_are_in_the_annual_report(converted):
    files = converted[("annual", "unit", 2022)]
    text = docx_text(files["docx"])
    for figure in ("1.260.000.000", "3.420.000.000", "176/176", "tăng 370.000.000"):
        assert figure in text
    document = Document(str(files["docx"]))
    assert len(document.inline_shapes) == 1  # the chart, as a picture
    assert document.inline_shapes[0].width.pt == pytest.approx(L.frame_width(), abs=1)


@pytest.mark.parametrize(("kind", "scope", "code"), DOCUMENTS)
def test_libreoffice_lays_the_word_file_out_on_as_many_pages(converted, kind, scope, code):
    files = converted[(kind, scope, 2022)]
    ours, theirs = page_sizes(files["pdf"]), page_sizes(files["lo"])
    assert abs(len(ours) - len(theirs)) <= 1, (len(ours), len(theirs))
    assert {(round(w), round(h)) for w, h in theirs} <= {(595, 842), (842, 595)}
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in layout_text(files["lo"])
    # Page numbers from page 2, as in our PDF.
    pages = [page for page in layout_text(files["lo"]).split("\f") if page.strip()]
    for number, page in enumerate(pages[1:], start=2):
        assert re.match(rf"\s*{number}\s*\n", page), page[:80]


def test_a_draft_word_file_is_marked_on_every_page(converted):
    files = converted[("annual", "unit", 2023)]
    document = Document(str(files["docx"]))
    assert "DỰ THẢO" in header_text(files["docx"])
    assert document.core_properties.keywords == "DỰ THẢO"
    assert "Bản dự thảo, chưa đủ điều kiện ban hành" in docx_text(files["docx"])
    pages = [page for page in layout_text(files["lo"]).split("\f") if page.strip()]
    assert pages and all("DỰ THẢO" in page for page in pages)
    final = converted[("annual", "unit", 2022)]["docx"]
    assert "DỰ THẢO" not in header_text(final)


def test_the_command_line_chooses_word_by_the_extension(demo_dir, tmp_path):
    out = tmp_path / "bao-cao.docx"
    result = cli("report", "annual", "--unit", UNIT, "--year", "2022", "--out", out, data_dir=demo_dir)
    assert result.returncode == 0, result.stderr
    assert str(out) in result.stdout
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in docx_text(out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bao-cao.docx"]


def test_a_list_is_not_made_as_a_word_file(demo_dir, tmp_path):
    out = tmp_path / "danh-sach.docx"
    result = cli("report", "support-list", "--unit", UNIT, "--year", "2022", "--out", out, data_dir=demo_dir)
    assert result.returncode == 2
    assert "chỉ được xuất ra tệp PDF" in result.stderr
    assert not list(tmp_path.iterdir())


def test_final_refuses_an_incomplete_word_file(demo_dir, tmp_path):
    out = tmp_path / "bao-cao-2023.docx"
    result = cli(
        "report", "annual", "--unit", UNIT, "--year", "2023", "--out", out, "--final", data_dir=demo_dir
    )
    assert result.returncode == 2, result.stderr
    assert not out.exists()
