"""The clerk's edits of the year-end report are kept with it and used on export."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from pdfcheck import HAVE_POPPLER, flat, layout_text

from emulation_desktop.operations.report_drafts import Draft, get_draft, save_draft
from emulation_desktop.reports import build_document
from emulation_desktop.reports.annual import current_draft, default_draft
from emulation_desktop.reports.request import ReportRequest


def test_default_draft_is_written_from_the_figures(demo_db):
    with demo_db.session() as session:
        draft = default_draft(session, ReportRequest("annual", "cluster", "HN-CUM3", 2022))
    text = flat(draft.narrative)
    assert "đã hỗ trợ xây sửa 133 nhà đại đoàn kết trị giá trên 6 tỷ đồng" in text
    assert "“Quỹ biển, đảo Việt Nam” được 7.690 triệu đồng" in text
    assert "huyện Đông Anh vận động được 2,28 tỷ đồng" in text
    assert "4.375/5.121 ca thực hiện hỏa táng" in text and "85,4%" in text and "tăng 5,4 điểm %" in text
    assert "giám sát 1.053 cuộc" in text
    assert "694/823 vụ" in text
    assert draft.key_task_list()


@pytest.mark.skipif(not HAVE_POPPLER, reason="poppler-utils not installed")
def test_edited_narrative_and_key_tasks_are_kept_and_printed(demo_copy, tmp_path):
    from emulation_desktop.demo import key_tasks

    db = demo_copy
    nfd = unicodedata.normalize("NFD", "Năm 2022, Mặt trận huyện Đông Anh đã làm được nhiều việc.")
    tasks = key_tasks(2023)
    assert len(tasks) == 12
    saved = save_draft(
        db,
        "017",
        2022,
        "annual",
        Draft(nfd + "\n\n  Đoạn thứ hai   do văn thư sửa.  ", "\n".join(tasks), "Nguyễn Văn An"),
    )
    assert saved.version == 2  # the demo saved its shortcomings and proposals first
    assert unicodedata.is_normalized("NFC", saved.narrative)
    assert saved.narrative.splitlines()[1] == "Đoạn thứ hai do văn thư sửa."
    with db.session() as session:
        again = get_draft(session, "017", 2022, "annual")
        assert again == saved
        assert (
            current_draft(session, ReportRequest("annual", "unit", "017", 2022)).narrative == saved.narrative
        )
        pdf = build_document(session, "annual", "unit", "017", 2022, issued_on=date(2022, 11, 8)).pdf
    path = tmp_path / "annual.pdf"
    path.write_bytes(pdf)
    text = flat(layout_text(path))
    assert "Mặt trận huyện Đông Anh đã làm được nhiều việc" in text
    assert "Đoạn thứ hai do văn thư sửa." in text
    assert "triển khai 12 nhóm nhiệm vụ trọng tâm" in text
    assert "12. " in text
    assert "Nguyễn Văn An" in text
    # a second save is an update, audited, with the version moving on
    second = save_draft(db, "017", 2022, "annual", Draft("Một đoạn.", "Một việc.", version=saved.version))
    assert second.version == 3
