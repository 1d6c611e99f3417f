"""Outgoing documents are numbered from the register kept in the data file (issue #17): the first final
document of a series is 01, the next 02; printed again, a document keeps its number and date; a draft
has no number; the register prints as "Sổ đăng ký văn bản đi"; the numbers survive reopening the file.
Read back from the real PDFs (demo, 2022: Đông Anh heads Cluster No. 3 and its documents are complete)."""

from __future__ import annotations

import re
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from pdfcheck import HAVE_POPPLER, flat, layout_text

from emulation_desktop import paths
from emulation_desktop.errors import InputError
from emulation_desktop.operations.document_register import register_of
from emulation_desktop.reports.document_register import issue_document
from emulation_desktop.reports.jobs import make_document
from emulation_desktop.reports.request import ReportRequest
from emulation_desktop.storage import schema
from emulation_desktop.storage.database import open_database

pytestmark = pytest.mark.skipif(not HAVE_POPPLER, reason="poppler-utils not installed")

ON = date(2022, 11, 8)


def text_of(pdf: bytes, tmp_path: Path, name: str) -> str:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf)
    return flat(layout_text(path))


def request(kind: str, scope: str = "cluster", year: int = 2022, on: date = ON, **more) -> ReportRequest:
    code = "HN-CUM3" if scope == "cluster" else "017"
    return ReportRequest(kind, scope, code, year, on, **more)


def test_numbers_count_per_series_and_a_reprint_keeps_its_number_and_date(demo_copy, tmp_path):
    first = issue_document(demo_copy, request("annual"), user="test")
    assert (first.number, first.issued_on, first.missing) == ("01/BC-CTĐ", ON, ())
    assert "Số: 01/BC-CTĐ" in text_of(first.pdf, tmp_path, "first")

    mate = issue_document(demo_copy, request("cluster", on=date(2022, 11, 9)), user="test")
    assert mate.number == "02/BC-CTĐ"  # the same series: the cluster's reports
    own = issue_document(demo_copy, request("annual", "unit", on=date(2022, 11, 9)), user="test")
    assert own.number == "01/BC-MTTQ"  # the unit's own reports count apart

    # Printed again, later and on another date, as final or not: the same number and the first date.
    for again in (
        issue_document(demo_copy, request("annual", on=date(2022, 12, 1)), user="test"),
        make_document(demo_copy, request("annual", on=date(2022, 12, 1))),
    ):
        assert (again.number, again.issued_on) == ("01/BC-CTĐ", ON)
        text = text_of(again.pdf, tmp_path, "again")
        assert "Số: 01/BC-CTĐ" in text
        assert "ngày 08 tháng 11 năm 2022" in text
        assert "ngày 01 tháng 12 năm 2022" not in text
    assert [e.number_text for e in register_of(demo_copy, "017", 2022)] == [
        "01/BC-CTĐ",
        "02/BC-CTĐ",
        "01/BC-MTTQ",
    ]


def test_review_documents_are_numbered_though_their_builders_pass_no_number(demo_copy, tmp_path):
    tally = issue_document(demo_copy, request("review-tally"), user="test")
    minutes = issue_document(demo_copy, request("review-minutes"), user="test")
    assert (tally.number, minutes.number) == ("01/BB-CTĐ", "02/BB-CTĐ")
    assert "Số: 02/BB-CTĐ" in text_of(minutes.pdf, tmp_path, "minutes")


def test_a_complete_document_not_yet_issued_prints_no_number(demo_copy, tmp_path):
    built = make_document(demo_copy, request("annual", "unit"))
    assert (built.number, built.missing) == ("", ())
    assert re.search(r"Số:\s+/BC-MTTQ", text_of(built.pdf, tmp_path, "preview"))
    assert register_of(demo_copy, "017", 2022) == []


def test_a_draft_has_no_number_and_is_not_issued(demo_copy, tmp_path):
    typed = request("annual", "unit", year=2023, on=date(2023, 3, 1), number="12")
    draft = make_document(demo_copy, typed)
    assert draft.missing and not draft.number
    text = text_of(draft.pdf, tmp_path, "draft")
    assert "DỰ THẢO" in text
    assert re.search(r"Số:\s+/BC-MTTQ", text)  # not even the number typed for it
    assert "Số: 12" not in text
    with pytest.raises(InputError, match="còn thiếu"):
        issue_document(demo_copy, typed, user="test")
    assert register_of(demo_copy, "017", 2023) == []


def test_a_number_given_by_hand_is_registered_if_free(demo_copy):
    typed = issue_document(demo_copy, request("annual", number="15"), user="test")
    assert typed.number == "15/BC-CTĐ"
    assert issue_document(demo_copy, request("cluster"), user="test").number == "16/BC-CTĐ"
    # The same number in another series is free.
    assert (
        issue_document(demo_copy, request("review-summary", number="15"), user="test").number == "15/BTH-CTĐ"
    )
    with pytest.raises(InputError, match="không phải là số văn bản"):
        issue_document(demo_copy, request("review-proposal", number="mười"), user="test")


def test_a_typed_number_is_refused_when_it_is_taken(demo_copy):
    issue_document(demo_copy, request("review-tally"), user="test")
    with pytest.raises(InputError, match="đã cấp cho"):
        issue_document(demo_copy, request("review-minutes", number="01"), user="test")
    assert [e.number_text for e in register_of(demo_copy, "017", 2022)] == ["01/BB-CTĐ"]


def test_numbers_follow_the_dates(demo_copy):
    issue_document(demo_copy, request("annual", on=date(2022, 12, 10)), user="test")
    with pytest.raises(InputError, match="10/12/2022"):
        issue_document(demo_copy, request("cluster", on=date(2022, 12, 9)), user="test")
    # Numbers start again at 01 each year.
    assert (
        issue_document(demo_copy, request("cluster", on=date(2023, 1, 5)), user="test").number == "01/BC-CTĐ"
    )


def test_issuing_is_audited(demo_copy):
    issue_document(demo_copy, request("annual"), user="văn thư")
    with demo_copy.reading() as connection:
        rows = connection.execute(
            "SELECT user, action, new_values FROM audit_log WHERE table_name = 'document_register'"
        ).fetchall()
    assert len(rows) == 1
    assert rows[0][:2] == ("văn thư", "create")
    assert "01/BC-CTĐ" in rows[0][2]


def test_the_register_prints_the_documents_issued(demo_copy, tmp_path):
    issue_document(demo_copy, request("annual"), user="test")
    issue_document(demo_copy, request("annual", "unit", on=date(2022, 11, 9)), user="test")
    built = make_document(demo_copy, request("document-register", "unit"))
    assert built.missing == () and built.number == ""  # the register itself is not numbered
    text = text_of(built.pdf, tmp_path, "register")
    assert "SỔ ĐĂNG KÝ VĂN BẢN ĐI" in text
    assert "Năm 2022" in text
    assert "Từ ngày 08/11/2022 đến ngày 09/11/2022" in text
    for line in ("01/BC-CTĐ 08/11/2022 Báo cáo tổng kết", "01/BC-MTTQ 09/11/2022 Báo cáo tổng kết"):
        assert line in text
    assert "Cụm thi đua số 3" in text and "Huyện Đông Anh" in text
    empty = text_of(
        make_document(demo_copy, request("document-register", "unit", year=2021)).pdf, tmp_path, "e"
    )
    assert "Không có văn bản đi nào được đăng ký trong năm 2021." in empty


def test_numbers_survive_reopening_the_file(demo_copy, tmp_path):
    issue_document(demo_copy, request("annual"), user="test")
    folder = demo_copy.folder
    demo_copy.close()
    reopened = open_database(folder)
    try:
        assert [e.number_text for e in register_of(reopened, "017", 2022)] == ["01/BC-CTĐ"]
        again = make_document(reopened, request("annual", on=date(2022, 12, 24)))
        assert (again.number, again.issued_on) == ("01/BC-CTĐ", ON)
    finally:
        reopened.close()


def test_a_version_4_file_gets_the_register_and_its_typed_number_is_kept(demo_copy):
    """A file from before the register (version 4): the migration adds the table, the file then matches
    a new one, and a number typed for the report before (``report_draft.number``) is the one it is
    issued with."""
    folder = demo_copy.folder
    demo_copy.close()
    connection = sqlite3.connect(paths.database_path(folder))
    connection.execute("DROP TABLE document_register")
    connection.execute(
        "UPDATE report_draft SET number = '15' WHERE kind = 'annual' AND scope = 'unit' AND year = 2022"
    )
    connection.execute("PRAGMA user_version=4")
    connection.commit()
    connection.close()
    migrated = open_database(folder)
    try:
        with migrated.reading() as reading:
            assert schema.differences(reading) == []
        issued = issue_document(migrated, request("annual", "unit"), user="test")
        assert issued.number == "15/BC-MTTQ"
        assert [(e.number_text, e.manual) for e in register_of(migrated, "017", 2022)] == [
            ("15/BC-MTTQ", True)
        ]
    finally:
        migrated.close()
