"""`emulation-desktop report` in a real process over the demo data folder."""

from __future__ import annotations

import pytest
from pdfcheck import HAVE_POPPLER, flat, layout_text, page_sizes
from run_cli import cli


@pytest.mark.skipif(not HAVE_POPPLER, reason="poppler-utils not installed")
def test_report_annual_for_a_district(demo_dir, tmp_path):
    out = tmp_path / "X.pdf"
    result = cli(
        "report",
        "annual",
        "--unit",
        "017",
        "--year",
        "2022",
        "--out",
        str(out),
        "--date",
        "08/11/2022",
        data_dir=demo_dir,
    )
    assert result.returncode == 0, result.stderr
    assert str(out) in result.stdout
    assert out.read_bytes().startswith(b"%PDF")
    assert len(page_sizes(out)) >= 2
    text = flat(layout_text(out))
    assert "Đông Anh, ngày 08 tháng 11 năm 2022" in text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["X.pdf"]


def test_a_non_ascii_name_is_saved_under_a_safe_one(demo_dir, tmp_path):
    result = cli(
        "report",
        "support-list",
        "--unit",
        "017",
        "--year",
        "2022",
        "--out",
        str(tmp_path / "Danh sách hỗ trợ.pdf"),
        data_dir=demo_dir,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "danh-sach-ho-tro.pdf").exists()


@pytest.mark.parametrize(
    "args",
    [
        ("report", "annual", "--unit", "999", "--year", "2022"),  # no such unit
        ("report", "cluster", "--unit", "017", "--year", "2022"),  # a cluster document for a unit
        ("report", "meeting-pack", "--unit", "017", "--year", "2022"),
        ("report", "nonsense", "--unit", "017", "--year", "2022"),  # no such kind
        ("report", "annual", "--year", "2022"),  # no scope
        ("report", "annual", "--unit", "017", "--year", "2022", "--date", "31/02/2022"),
    ],
    ids=["unit", "scope", "pack-scope", "kind", "no-scope", "date"],
)
def test_bad_input_exits_2(demo_dir, tmp_path, args):
    out = tmp_path / "X.pdf"
    result = cli(*args, "--out", str(out), data_dir=demo_dir)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert result.stderr.strip()
    assert not out.exists()


def test_output_must_be_a_pdf_in_an_existing_folder(demo_dir, tmp_path):
    for out in (tmp_path / "X.txt", tmp_path / "missing" / "X.pdf"):
        result = cli(
            "report", "annual", "--unit", "017", "--year", "2022", "--out", str(out), data_dir=demo_dir
        )
        assert result.returncode == 2, result.stderr
        assert not out.exists()
