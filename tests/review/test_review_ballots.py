"""The blank ballots of the review conference, read back through poppler: as many as are issued, two to
a page with no page numbers, and after a vote that elected no one, the re-vote ballots only."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date

import pytest

from emulation_desktop.reports import build_document
from emulation_desktop.review import elections

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


def pages_of(db, tmp_path, year):
    with db.session() as session:
        built = build_document(
            session, "review-ballots", "cluster", "HN-CUM3", year, issued_on=date(2022, 11, 8)
        )
    path = tmp_path / f"ballots-{year}.pdf"
    path.write_bytes(built.pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return built.title, [" ".join(page.split()) for page in text.stdout.split("\f") if page.strip()]


def test_one_ballot_per_issued_ballot_two_to_a_page(demo_db, tmp_path):
    title, pages = pages_of(demo_db, tmp_path, 2022)
    assert title == "Phiếu suy tôn, phiếu bầu năm 2022 - Cụm thi đua số 3"
    whole = " ".join(pages)
    # The demo's votes were cast on 25 ballots each: 25 acclaim and 25 election ballots.
    assert whole.count("PHIẾU SUY TÔN") == 25 and whole.count("PHIẾU BẦU") == 25
    assert len(pages) == 25 and all(page.count("PHIẾU") == 2 for page in pages)
    assert "Đơn vị dẫn đầu phong trào thi đua năm 2022" in pages[0]
    assert "Cụm trưởng, Cụm phó Cụm thi đua số 3 năm 2023" in pages[-1]
    for name in ("Sóc Sơn", "Đông Anh", "Gia Lâm", "Thanh Trì", "Mê Linh"):
        assert f"Ủy ban MTTQ Việt Nam huyện {name}" in pages[0]
    # Ballots carry no page number: no page starts with one.
    assert not any(page.split()[0].isdigit() for page in pages)


def test_before_any_vote_one_of_each_per_member(demo_db, tmp_path):
    _title, pages = pages_of(demo_db, tmp_path, 2023)
    whole = " ".join(pages)
    assert whole.count("PHIẾU SUY TÔN") == 5 and whole.count("PHIẾU BẦU") == 5 and len(pages) == 5


def test_after_a_tie_only_the_tied_units_are_on_the_revote_ballot(demo_copy, tmp_path):
    elections.record_tally(
        demo_copy,
        "HN-CUM3",
        2022,
        "leading_unit",
        issued=25,
        returned=24,
        valid=24,
        invalid=0,
        votes={"017": 10, "016": 10, "018": 4},
    )
    title, pages = pages_of(demo_copy, tmp_path, 2022)
    assert title == "Phiếu suy tôn, phiếu bầu (bỏ phiếu lại) năm 2022 - Cụm thi đua số 3"
    whole = " ".join(pages)
    # 24 ballots came back at the tied round: 24 re-vote ballots, and no election ballots.
    assert whole.count("PHIẾU SUY TÔN (BỎ PHIẾU LẠI)") == 24 and "PHIẾU BẦU" not in whole
    assert "huyện Đông Anh" in pages[0] and "huyện Sóc Sơn" in pages[0]
    assert "Gia Lâm" not in whole and "Mê Linh" not in whole


def test_the_meeting_pack_holds_one_of_each_per_delegate(demo_db, tmp_path):
    with demo_db.session() as session:
        built = build_document(
            session, "meeting-pack", "cluster", "HN-CUM3", 2022, issued_on=date(2022, 11, 8)
        )
    path = tmp_path / "pack.pdf"
    path.write_bytes(built.pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    # the 2022 meeting's 25 delegates, the ballots its tallies record as issued
    assert text.count("PHIẾU SUY TÔN") == 25 and text.count("PHIẾU BẦU\n") == 25
