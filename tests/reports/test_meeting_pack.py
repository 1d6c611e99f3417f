"""The meeting pack read back from the PDF, as the chairman gets it: a cover whose contents give each
part's first page, page numbers running on across the parts, one ballot of each kind per delegate,
blank scoring sheets, the invitation with the meeting's date, time and place, the minutes stating the
tie on 99 points and how it was decided; a year with nothing set up is a draft that invents nothing."""

from __future__ import annotations

import re
from datetime import date

import pytest
from pdfcheck import HAVE_POPPLER, MM, flat, layout_text, words

from emulation_desktop.reports import build_document

pytestmark = pytest.mark.skipif(not HAVE_POPPLER, reason="needs poppler-utils")


def _write(db, tmp_path, kind, year, issued_on=None):
    with db.session() as session:
        built = build_document(session, kind, "cluster", "HN-CUM3", year, issued_on=issued_on)
    path = tmp_path / f"{kind}-{year}.pdf"
    path.write_bytes(built.pdf)
    return path, built


@pytest.fixture(scope="module")
def pack(demo_db, tmp_path_factory):
    path, built = _write(demo_db, tmp_path_factory.mktemp("pack"), "meeting-pack", 2022)
    assert built.missing == ()
    pages = layout_text(path).split("\f")[:-1]
    return path, pages


def _contents(cover: str) -> dict[str, int]:
    """The contents of the cover: part title → page ("9  Biên bản kiểm phiếu: … 49")."""
    out = {}
    for line in cover.splitlines():
        found = re.match(r"\s*\d+\s{2,}(.+?)\s{2,}(\d+)\s*$", line)
        if found:
            out[found.group(1)] = int(found.group(2))
    return out


def test_the_cover_lists_every_part_at_the_page_it_starts(pack):
    _path, pages = pack
    contents = _contents(pages[0])
    firsts = {
        "Giấy mời": "GIẤY MỜI",
        "Chương trình hội nghị": "CHƯƠNG TRÌNH",
        "Danh sách đại biểu": "DANH SÁCH ĐẠI BIỂU",
        "Báo cáo tổng hợp kết quả thi đua năm 2022": "BÁO CÁO",
        "Bảng tổng hợp kết quả chấm điểm thi đua": "BẢNG TỔNG HỢP",
        "Phiếu chấm điểm thi đua (5 đơn vị, để chấm tại Hội nghị)": "PHIẾU CHẤM ĐIỂM THI ĐUA",
        "Phiếu suy tôn đơn vị dẫn đầu (25 phiếu)": "PHIẾU SUY TÔN",
        "Phiếu bầu Cụm trưởng, Cụm phó năm 2023 (25 phiếu)": "PHIẾU BẦU",
        "Biên bản hội nghị": "BIÊN BẢN",
        "Tờ trình đề nghị khen thưởng": "TỜ TRÌNH",
        "Giao ước thi đua năm 2023": "GIAO ƯỚC THI ĐUA",
        "Thông báo kết luận hội nghị": "THÔNG BÁO",
    }
    for part, heading in firsts.items():
        assert part in contents, (part, contents)
        page = pages[contents[part] - 1]
        assert heading in page, (part, contents[part])
    assert list(contents.values()) == sorted(contents.values()) and len(contents) == 15
    # the three tallies: one per vote, each on its own page
    tallies = [p for p in contents if p.startswith("Biên bản kiểm phiếu")]
    assert len(tallies) == 3
    starts = [contents[t] for t in tallies]
    assert len(set(starts)) == 3
    assert all("BIÊN BẢN KIỂM PHIẾU" in pages[n - 1] for n in starts)


def test_page_numbers_run_on_across_the_parts(pack):
    path, pages = pack
    numbered = {w.page: int(w.text) for w in words(path) if w.y0 < 15 * MM and w.text.isdigit()}
    assert 1 not in numbered  # the cover
    assert all(printed == page for page, printed in numbered.items()), numbered
    # every page from the second carries its number but the ballot sheets, which are cut in two
    unnumbered = [n for n in range(2, len(pages) + 1) if n not in numbered]
    assert unnumbered and all(
        "PHIẾU SUY TÔN" in pages[n - 1] or "PHIẾU BẦU" in pages[n - 1] for n in unnumbered
    )
    assert max(numbered) == len(pages)


def test_one_ballot_of_each_kind_per_delegate(pack):
    _path, pages = pack
    whole = "\n".join(pages)
    assert whole.count("PHIẾU SUY TÔN") == 25  # the 25 delegates of the set-up
    assert len(re.findall(r"PHIẾU BẦU\n", whole)) == 25


def test_the_scoring_sheets_are_blank(pack):
    _path, pages = pack
    sheets = [p for p in pages if "PHIẾU CHẤM ĐIỂM THI ĐUA" in p]
    assert len(sheets) >= 5
    for page in sheets:
        for line in page.splitlines():
            # a criterion's line holds its code, name and maximum only: no figure, no points given
            found = re.match(r"\s*(\d+)\s{2,}\S.*?\s{2,}(\d+(?:,\d)?)((?:\s+\S+)*)\s*$", line)
            if found:
                assert not found.group(3).strip(), line
        assert "Cộng điểm các tiêu chí" in flat(page) or "Tổng điểm" in flat(page) or "Điểm" in page
    assert "Đã hỗ trợ" not in "\n".join(sheets)


def test_the_invitation_and_the_agenda_carry_the_meeting(pack):
    _path, pages = pack
    invitation = flat(next(p for p in pages if "GIẤY MỜI" in p))
    assert "Thời gian: 08 giờ 00, thứ Ba, ngày 08 tháng 11 năm 2022." in invitation
    assert "Địa điểm: Trụ sở Ủy ban MTTQ Việt Nam huyện Đông Anh." in invitation
    assert "Đàm Văn Huân" in invitation
    agenda = flat(next(p for p in pages if "CHƯƠNG TRÌNH" in p))
    assert "08h00 - 08h15" in agenda and "10h50 - 11h00" in agenda
    assert "Trụ sở Ủy ban MTTQ Việt Nam huyện Đông Anh" in agenda


def test_the_minutes_record_the_tie_and_how_it_was_broken(pack):
    _path, pages = pack
    whole = flat("\n".join(pages))
    minutes = whole[whole.index("BIÊN BẢN Hội nghị tổng kết") :]
    assert "Gia Lâm và Ủy ban MTTQ Việt Nam huyện Thanh Trì đồng điểm (99 điểm), cùng xếp thứ 3." in minutes
    assert "Hội nghị thống nhất đề nghị khen thưởng Ủy ban MTTQ Việt Nam huyện Thanh Trì" in minutes
    assert "Chủ trì hội nghị: đồng chí Đàm Văn Huân" in minutes


def test_a_year_with_nothing_set_up_is_a_draft_and_invents_no_sheet(demo_db, tmp_path):
    path, built = _write(demo_db, tmp_path, "meeting-pack", 2023, issued_on=date(2023, 11, 8))
    text = layout_text(path)
    pages = text.split("\f")[:-1]
    assert "Chưa thiết lập hội nghị tổng kết năm 2023" in flat(pages[0])
    assert any("Bảng tiêu chí chấm điểm thi đua năm 2023" in line for line in built.missing)
    assert all("DỰ THẢO" in page for page in pages)
    assert "Chưa có bảng tiêu chí chấm điểm thi đua năm 2023 của Cụm." in text
    # no sheet of criteria, no ballots without delegates, no zeros passed as results
    assert "Điểm tối đa" not in text and "Đồng ý suy tôn" not in text
    assert not re.search(r"\s0(/0)?\s{2,}\d+\s*$", text, re.MULTILINE)


@pytest.mark.parametrize(
    ("kind", "phrases"),
    [
        ("review-invitation", ("GIẤY MỜI", "08 giờ 00, thứ Ba, ngày 08 tháng 11 năm 2022")),
        (
            "review-agreement",
            ("GIAO ƯỚC THI ĐUA", "Năm 2023 - Cụm thi đua số 3", "12.", "TM. BAN THƯỜNG TRỰC"),
        ),
        ("review-notice", ("THÔNG BÁO", "Kết luận của đồng chí Đàm Văn Huân", "mô hình điểm")),
    ],
)
def test_the_new_papers_read_back(demo_db, tmp_path, kind, phrases):
    path, built = _write(demo_db, tmp_path, kind, 2022, issued_on=date(2022, 11, 8))
    assert built.missing == ()
    text = flat(layout_text(path))
    for phrase in phrases:
        assert phrase in text, phrase
    assert "DỰ THẢO" not in text
