"""``setup`` through real processes on fresh data folders: a real office's day one, then its figures,
its annual report and its package, read by the office heading its cluster."""

from __future__ import annotations

import json
import subprocess

from run_cli import cli
from sqlalchemy import select

from emulation_desktop.domain import models as m
from emulation_desktop.operations import setup
from emulation_desktop.storage.database import open_database

BAT_TRANG, GIA_LAM = "00577", "00565"


def test_a_fresh_folder_set_up_from_the_list_works_like_the_demo(tmp_path):
    office, head = tmp_path / "bat-trang", tmp_path / "gia-lam"
    villages = tmp_path / "thon.csv"
    villages.write_text("Tên thôn\nThôn Đông;ghi chú\nThôn Đoài\n\nThôn Đông\n", encoding="utf-8-sig")
    done = cli(
        "setup", "--unit", BAT_TRANG, "--year", 2025, "--chair", "Nguyễn Văn An",
        "--villages-file", villages, data_dir=office, check=True,
    )  # fmt: skip
    assert "Đã thiết lập thư mục dữ liệu cho Xã Bát Tràng (00577), năm 2025." in done.stdout
    database = open_database(office)
    try:
        assert setup.people_of(database, BAT_TRANG, 2025) == [setup.Person("Nguyễn Văn An", "chair", "tm")]
        with database.session() as session:
            from sqlalchemy import select

            from emulation_desktop.domain.models import Unit

            names = session.scalars(select(Unit.name).where(Unit.level_code == "village")).all()
        assert sorted(names) == ["Thôn Đoài", "Thôn Đông"]  # the heading and the repeat left out
    finally:
        database.close()

    figures = cli("indicators", "--unit", BAT_TRANG, "--year", 2025, "--format", "json", data_dir=office)
    assert figures.returncode == 0, figures.stderr
    assert json.loads(figures.stdout)
    pdf = tmp_path / "bao-cao.pdf"
    cli("report", "annual", "--unit", BAT_TRANG, "--year", 2025, "--out", pdf, data_dir=office, check=True)
    assert pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    signature = text[text.rindex("TM. BAN THƯỜNG TRỰC") :]
    assert "CHỦ TỊCH" in signature and "Nguyễn Văn An" in signature  # the chairman set up signs

    package, card = tmp_path / "goi.zip", tmp_path / "the-khoa.json"
    cli("export-package", "--year", 2025, "--out", package, data_dir=office, check=True)
    cli("keys", "export", "--out", card, data_dir=office, check=True)
    assert package.stat().st_size > 0

    # The office heading the cluster: its own set-up names the members, then it reads the package.
    cli(
        "setup", "--unit", GIA_LAM, "--year", 2025, "--role", "cluster-head", "--cluster", "CUM-5",
        "--cluster-name", "Cụm thi đua số 5", "--members", BAT_TRANG, "--deputy", BAT_TRANG,
        data_dir=head, check=True,
    )  # fmt: skip
    cli("keys", "trust", card, data_dir=head, check=True)
    cli("import-package", package, data_dir=head, check=True)
    cluster = cli("indicators", "--cluster", "CUM-5", "--year", 2025, data_dir=head)
    assert cluster.returncode == 0, cluster.stderr
    assert "Cụm thi đua số 5" in cluster.stdout or "CUM-5" in cluster.stdout


def test_refusals_exit_2_with_a_vietnamese_reason_and_write_nothing(tmp_path):
    folder = tmp_path / "data"
    unknown = cli("setup", "--unit", "99999", "--year", 2025, data_dir=folder)
    assert unknown.returncode == 2
    assert "Mã “99999” không có trong danh mục đơn vị hành chính năm 2025" in unknown.stderr

    workbook = tmp_path / "thon.xlsx"
    workbook.write_bytes(b"PK")
    refused = cli("setup", "--unit", BAT_TRANG, "--year", 2025, "--villages-file", workbook, data_dir=folder)
    assert refused.returncode == 2 and "CSV" in refused.stderr

    database = open_database(folder)
    try:
        assert setup.needs_setup(database)
    finally:
        database.close()

    cli("setup", "--unit", BAT_TRANG, "--year", 2025, data_dir=folder, check=True)
    other = cli("setup", "--unit", GIA_LAM, "--year", 2025, data_dir=folder)
    assert other.returncode == 2
    assert "đã được thiết lập cho Xã Bát Tràng (00577)" in other.stderr
    database = open_database(folder)
    try:  # Gia Lâm may be there as a commune Bát Tràng was formed from, never as this office's unit
        with database.session() as session:
            local = session.scalars(select(m.Unit.code).where(m.Unit.is_local)).all()
        assert GIA_LAM not in local
    finally:
        database.close()

    again = cli("setup", "--unit", BAT_TRANG, "--year", 2026, "--chair", "Phạm Văn Dũng", data_dir=folder)
    assert again.returncode == 0, again.stderr
    database = open_database(folder)
    try:
        assert setup.signer(database, BAT_TRANG, 2026) == setup.Person("Phạm Văn Dũng", "chair", "tm")
        assert setup.people_of(database, BAT_TRANG, 2025) == []
    finally:
        database.close()
