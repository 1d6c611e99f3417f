"""The register through the command line, as a clerk runs it: ``report … --final`` gives the number and
says it, a second run keeps it, a draft is refused with exit 2 and no number, and ``documents`` lists
the register (real processes over a copy of the demo)."""

from __future__ import annotations

import json
import shutil

import pytest
from pdfcheck import HAVE_POPPLER, flat, layout_text
from run_cli import cli

from emulation_desktop import paths


@pytest.fixture
def folder(demo_dir, tmp_path):
    copy = tmp_path / "data"
    copy.mkdir()
    shutil.copyfile(paths.database_path(demo_dir), paths.database_path(copy))
    return copy


def report(folder, out, *extra):
    return cli("report", "annual", "--unit", "017", "--out", out, *extra, data_dir=folder)


@pytest.mark.skipif(not HAVE_POPPLER, reason="poppler-utils not installed")
def test_final_numbers_a_reprint_keeps_it_and_documents_lists_it(folder, tmp_path):
    first = report(folder, tmp_path / "a.pdf", "--year", "2022", "--date", "08/11/2022", "--final")
    assert first.returncode == 0, first.stderr
    assert "Số 01/BC-MTTQ, ngày 08/11/2022" in first.stdout
    assert "Số: 01/BC-MTTQ" in flat(layout_text(tmp_path / "a.pdf"))

    again = report(folder, tmp_path / "b.pdf", "--year", "2022", "--date", "20/12/2022", "--final")
    assert again.returncode == 0, again.stderr
    assert "Số 01/BC-MTTQ, ngày 08/11/2022" in again.stdout
    text = flat(layout_text(tmp_path / "b.pdf"))
    assert "Số: 01/BC-MTTQ" in text and "ngày 08 tháng 11 năm 2022" in text

    listed = cli(
        "documents", "--unit", "017", "--year", "2022", "--format", "json", data_dir=folder, check=True
    )
    entries = json.loads(listed.stdout)
    assert [(e["number_text"], e["issued_on"], e["kind"], e["manual"]) for e in entries] == [
        ("01/BC-MTTQ", "2022-11-08", "annual", False)
    ]
    table = cli("documents", "--unit", "017", "--year", "2022", data_dir=folder, check=True)
    assert table.stdout.startswith("01/BC-MTTQ")
    assert "Báo cáo tổng kết công tác thi đua năm 2022 - Huyện Đông Anh" in table.stdout


def test_a_draft_is_refused_with_exit_2_and_gets_no_number(folder, tmp_path):
    out = tmp_path / "d.pdf"
    refused = report(folder, out, "--year", "2023", "--date", "01/03/2023", "--final", "--number", "3")
    assert refused.returncode == 2
    assert "còn thiếu" in refused.stderr
    assert not out.exists()
    empty = cli("documents", "--unit", "017", "--year", "2023", data_dir=folder, check=True)
    assert empty.stdout.strip() == "Không có văn bản đi nào được đăng ký trong năm 2023."


def test_a_taken_number_is_refused_with_exit_2(folder, tmp_path):
    def issue(kind, *extra):
        return cli(
            "report",
            kind,
            "--cluster",
            "HN-CUM3",
            "--year",
            "2022",
            "--date",
            "08/11/2022",
            "--out",
            tmp_path / f"{kind}.pdf",
            "--final",
            *extra,
            data_dir=folder,
        )

    assert "Số 01/BB-CTĐ" in issue("review-tally").stdout
    taken = issue("review-minutes", "--number", "1")
    assert taken.returncode == 2
    assert "đã cấp cho" in taken.stderr
    assert not (tmp_path / "review-minutes.pdf").exists()
    assert "Số 02/BB-CTĐ" in issue("review-minutes").stdout
    bad = cli("documents", "--unit", "999", "--year", "2022", data_dir=folder)
    assert bad.returncode == 2 and bad.stderr.strip()
