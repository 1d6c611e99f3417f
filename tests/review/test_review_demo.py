"""The demo's 2022 review of Cluster No. 3: ranking, elections and 2023 roles, the review command in a
real process, and the documents read back with poppler."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date

import pytest
from run_cli import cli

from emulation_desktop.review import board as rb
from emulation_desktop.review import elections
from emulation_desktop.review import summary as rs

HAVE_POPPLER = shutil.which("pdftotext") is not None and shutil.which("pdffonts") is not None


def test_the_demo_review_ranks_elects_and_sets_2023_roles(demo_db):
    with demo_db.session() as session:
        data = rs.summary(session, "HN-CUM3", 2022)
    assert data["criteria_set"]["criteria"] == 15
    assert (data["criteria_set"]["max_points"], data["criteria_set"]["bonus_max"]) == (100, 5)
    assert [(r["unit_code"], r["rank"], r["tied"], r["agreed_total"]) for r in data["ranking"]] == [
        ("017", 1, False, 102.5),
        ("016", 2, False, 101),
        ("018", 3, True, 99),
        ("020", 3, True, 99),
        ("250", 5, False, 96),
    ]
    winners = {e["kind"]: e["winner"]["unit_code"] for e in data["elections"]}
    assert winners == {"leading_unit": "017", "head": "016", "deputy": "020"}
    assert data["next_year"]["year"] == 2023
    assert data["next_year"]["head"]["unit_code"] == "016"
    assert data["next_year"]["deputy"]["unit_code"] == "020"
    assert [c["unit_code"] for c in data["commendations"]] == ["017", "016", "020"]
    assert data["missing"] == []
    # A linked criterion took the score its figures propose: Đông Anh built 27 houses against 24 pledged.
    assert data["scores"]["017"]["3"] == {"self": 10, "agreed": 10}
    assert data["scores"]["250"]["15"] == {"self": 0, "agreed": 1}


def test_review_command_json(demo_dir):
    result = cli("review", "--cluster", "HN-CUM3", "--year", "2022", "--format", "json", data_dir=demo_dir)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["ranking"][0]["unit"] == "Huyện Đông Anh"
    assert data["next_year"]["head"]["unit"] == "Huyện Sóc Sơn"
    assert data["next_year"]["deputy"]["unit"] == "Huyện Thanh Trì"
    head = next(e for e in data["elections"] if e["kind"] == "head")
    assert head["ballots"] == {"issued": 25, "returned": 25, "valid": 24, "invalid": 1}
    assert head["votes"][0] == {"unit_code": "016", "unit": "Huyện Sóc Sơn", "votes": 22, "share": 0.9167}


def test_review_command_table(demo_dir):
    result = cli("review", "--cluster", "HN-CUM3", "--year", "2022", data_dir=demo_dir)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    lines = [" ".join(line.split()) for line in out.splitlines()]
    assert "Xếp thứ Mã Đơn vị Điểm tự chấm Điểm Cụm chấm" in lines
    assert lines.index("1 017 Huyện Đông Anh 103 102,5") < lines.index("2 016 Huyện Sóc Sơn 103 101")
    assert (
        "3 (đồng hạng) 018 Huyện Gia Lâm 101,5 99" in lines
        and "3 (đồng hạng) 020 Huyện Thanh Trì 101 99" in lines
    )
    assert "5 250 Huyện Mê Linh 99 96" in lines
    assert "- Cụm trưởng: Huyện Sóc Sơn (016)" in out
    assert "- Cụm phó: Huyện Thanh Trì (020)" in out
    assert "Còn thiếu" not in out


def test_review_command_refuses_an_unknown_cluster(demo_dir):
    result = cli("review", "--cluster", "NOPE", "--year", "2022", data_dir=demo_dir)
    assert result.returncode == 2
    assert "Không có cụm thi đua nào mang mã “NOPE”." in result.stderr


def test_a_year_without_criteria_says_what_is_missing(demo_db):
    with demo_db.session() as session:
        gaps = rb.readiness(session, "HN-CUM3", 2021)
    assert [g.message for g in gaps] == [
        "Chưa xây dựng bảng tiêu chí năm 2021.",
        "Chưa thể chấm điểm khi bảng tiêu chí chưa có tiêu chí nào.",
        "Suy tôn đơn vị dẫn đầu: Chưa tiến hành.",
        "Bầu Cụm trưởng năm sau: Chưa tiến hành.",
        "Bầu Cụm phó năm sau: Chưa tiến hành.",
        "Chưa có đề nghị khen thưởng nào.",
        "Chưa thiết lập hội nghị tổng kết năm 2021 (ngày, giờ, địa điểm, chủ trì, thư ký, đại biểu).",
    ]


def test_a_refused_tally_leaves_the_recorded_one(demo_copy):
    with pytest.raises(Exception, match="phải bằng số phiếu thu về"):
        elections.record_tally(
            demo_copy, "HN-CUM3", 2022, "head", issued=25, returned=25, valid=20, invalid=1, votes={"016": 20}
        )
    with demo_copy.session() as session:
        head = next(r for r in elections.results(session, "HN-CUM3", 2022) if r.kind == "head")
    assert (head.valid, head.winner.code, head.winner.votes) == (24, "016", 22)


def pdf_text(path):
    return " ".join(
        subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )


@pytest.fixture(scope="module")
def documents(demo_db, tmp_path_factory):
    from emulation_desktop.reports import build_document

    folder = tmp_path_factory.mktemp("review-pdfs")
    out = {}
    for kind, scope, code in [
        ("review-scoring-sheet", "unit", "017"),
        ("review-scoring-sheet", "cluster", "HN-CUM3"),
        ("review-summary", "cluster", "HN-CUM3"),
        ("review-tally", "cluster", "HN-CUM3"),
        ("review-minutes", "cluster", "HN-CUM3"),
        ("review-proposal", "cluster", "HN-CUM3"),
        ("meeting-pack", "cluster", "HN-CUM3"),
    ]:
        with demo_db.session() as session:
            built = build_document(session, kind, scope, code, 2022, issued_on=date(2022, 11, 8))
        path = folder / f"{kind}-{scope}.pdf"
        path.write_bytes(built.pdf)
        out[(kind, scope)] = path
    return out


pytestmark_poppler = pytest.mark.skipif(not HAVE_POPPLER, reason="poppler-utils not installed")


@pytestmark_poppler
def test_scoring_sheets_carry_the_scores(documents):
    text = pdf_text(documents[("review-scoring-sheet", "unit")])
    assert "PHIẾU CHẤM ĐIỂM THI ĐUA" in text and "Đơn vị: Ủy ban MTTQ Việt Nam huyện Đông Anh" in text
    assert (
        "Vận động xây sửa nhà đại đoàn kết (đạt" in text
        and "27 nhà, trị giá" in text
        and "1.260.000.000 đồng" in text
    )
    assert "Tổng điểm 103 102,5" in text
    every = pdf_text(documents[("review-scoring-sheet", "cluster")])
    assert every.count("PHIẾU CHẤM ĐIỂM THI ĐUA") == 5 and "Tổng điểm 99 96" in every


@pytestmark_poppler
def test_the_summary_ranks_with_ties_shown(documents):
    text = pdf_text(documents[("review-summary", "cluster")])
    assert "BẢNG TỔNG HỢP" in text and "Sóc Sơn Đông Anh Gia Lâm Thanh Trì Mê Linh" in text
    assert "Tổng điểm Cụm chấm 101 102,5 99 99 96" in text
    assert "3 (đồng hạng) Ủy ban MTTQ Việt Nam huyện Gia Lâm 101,5 99 Đồng hạng" in text
    assert "được xếp đồng hạng" not in text  # the software's note on ties stays in the app


@pytestmark_poppler
def test_the_tally_record_has_the_counts_and_results(documents):
    text = pdf_text(documents[("review-tally", "cluster")])
    assert "BIÊN BẢN KIỂM PHIẾU" in text
    assert "Số phiếu phát ra: 25 phiếu; số phiếu thu về: 25 phiếu; số phiếu hợp lệ: 24 phiếu" in text
    assert "Ủy ban MTTQ Việt Nam huyện Sóc Sơn 22 91,7%" in text
    assert "huyện Đông Anh được suy tôn là đơn vị dẫn đầu phong trào thi đua năm 2022" in text
    assert (
        "huyện Thanh Trì được bầu làm Cụm phó Cụm thi đua số 3 năm 2023 với 21/25 phiếu hợp lệ (84,0%)"
        in text
    )
    assert "- Đại diện Ủy ban MTTQ Việt Nam huyện Mê Linh" in text


@pytestmark_poppler
def test_the_minutes_and_the_proposal(documents):
    minutes = pdf_text(documents[("review-minutes", "cluster")])
    assert "Hội nghị tổng kết công tác thi đua năm 2022, triển khai nhiệm vụ năm 2023" in minutes
    assert "Cụm trưởng: Ủy ban MTTQ Việt Nam huyện Sóc Sơn." in minutes
    assert "Cụm phó: Ủy ban MTTQ Việt Nam huyện Thanh Trì." in minutes
    assert "Ủy ban MTTQ Việt Nam huyện Đông Anh: Cờ thi đua của Ủy ban MTTQ Việt Nam TP Hà Nội." in minutes
    proposal = pdf_text(documents[("review-proposal", "cluster")])
    assert "TỜ TRÌNH" in proposal and "khen thưởng 3 đơn vị sau" in proposal
    assert "102,5 điểm; xếp" in proposal and "99 điểm; xếp thứ" in proposal


@pytestmark_poppler
def test_fonts_are_embedded_and_the_pack_uses_the_criteria(documents):
    for path in documents.values():
        fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
        assert "Helvetica" not in fonts
        assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:]), fonts
    pack = pdf_text(documents[("meeting-pack", "cluster")])
    assert pack.count("THỦ TRƯỞNG ĐƠN VỊ TỰ CHẤM") == 5 and "Điểm thưởng: Mô hình mới, cách làm" in pack
