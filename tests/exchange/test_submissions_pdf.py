"""The completeness board on paper (issue #18), read back with poppler: each member's status, the
package it sent, the reason of a return, the due date and the cluster head's signature block."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date

import pytest

from emulation_desktop.exchange import acknowledgement as ack
from emulation_desktop.exchange.safe_save import safe_write
from emulation_desktop.reports.jobs import make_document
from emulation_desktop.reports.request import ReportRequest

from .test_submissions import CLUSTER, REASON, YEAR, offices, send  # noqa: F401 - the fixture

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler is not installed")


def test_the_board_prints_each_members_status(offices, tmp_path):  # noqa: F811 - the imported fixture
    member, head, stick = offices
    request = ReportRequest("submissions-board", "cluster", CLUSTER, YEAR, date(2022, 12, 20))
    empty = " ".join(read_back(make_document(head, request).pdf, tmp_path / "empty.pdf").split())
    assert "Huyện Đông Anh Chưa gửi" in empty and "Quá hạn 15/12/2022" in empty

    package = send(member, head, stick, "goi-dong-anh.zip")
    ack.decide(head, "017", YEAR, "returned", stick, reason=REASON)
    built = make_document(head, request)
    assert built.title == "Bảng theo dõi tiếp nhận số liệu năm 2022 - Cụm thi đua số 3"
    assert built.missing == ()
    text = " ".join(read_back(built.pdf, tmp_path / "board.pdf").split())
    for words in (
        "DANH SÁCH",
        "Tình hình gửi và tiếp nhận số liệu thi đua năm 2022",
        "Hạn gửi số liệu: 15/12/2022. Đã tiếp nhận 0/1 đơn vị; đã nhận, chờ xem xét: 0; đã trả lại: 1; chưa gửi: 0.",
        "Huyện Đông Anh Đã trả lại",
        f"{package.name} (",
        "Lý do trả lại: Thiếu số liệu nhà đại đoàn",
        "TM. CỤM THI ĐUA SỐ 3",
        "CỤM TRƯỞNG",
    ):
        assert words in text, words
    # Received now, after the 2022 due date: sent late, no longer overdue.
    assert "Nguyên Khê" in text and "Gửi sau hạn 15/12/2022" in text and "Quá hạn" not in text


def read_back(pdf: bytes, path) -> str:
    saved = safe_write(path.parent, path.name, pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(saved.path), "-"], capture_output=True, text=True, check=True
    ).stdout
