"""What the chairman signs says only what the documents state: no notes from the software, totals that
equal their rows, numbers kept with their units, ties stated with how they were decided, and the
report's shortcomings and proposals."""

from __future__ import annotations

from datetime import date

import pytest
from demo_documents import DOCUMENTS
from pdfcheck import HAVE_POPPLER, flat, layout_text

from emulation_desktop.operations.report_drafts import Draft, get_draft, save_draft
from emulation_desktop.reports import build_document, fonts
from emulation_desktop.reports.narrative import TO_WRITE
from emulation_desktop.reports.tables import _wrap

pytestmark = pytest.mark.skipif(not HAVE_POPPLER, reason="poppler-utils not installed")

SOFTWARE_NOTES = (
    "số liệu đơn vị đã nhập",
    "không tự phân định",
    "liệt kê theo mã đơn vị",
    " · ",
    "Chưa tiến hành",
)
REVIEW = [("review-scoring-sheet", "cluster"), ("review-summary", "cluster"), ("review-minutes", "cluster")]


def _pdf(db, tmp_path, kind, scope, code="HN-CUM3", year=2022):
    with db.session() as session:
        built = build_document(session, kind, scope, code, year, issued_on=date(2022, 11, 8))
    path = tmp_path / f"{kind}-{scope}.pdf"
    path.write_bytes(built.pdf)
    return path


@pytest.mark.parametrize("key", [(k, s) for k, s, _ in DOCUMENTS], ids=[f"{k}-{s}" for k, s, _ in DOCUMENTS])
def test_no_software_notes_in_the_documents(built, key):
    text = flat(layout_text(built[key]))
    for note in SOFTWARE_NOTES:
        assert note not in text, note


@pytest.mark.parametrize("kind", [k for k, _ in REVIEW])
def test_no_software_notes_in_the_review_documents(demo_db, tmp_path, kind):
    text = flat(layout_text(_pdf(demo_db, tmp_path, kind, "cluster")))
    for note in SOFTWARE_NOTES:
        assert note not in text, note


def test_each_supervision_total_equals_its_rows(built, demo_db):
    from emulation_desktop.reports.supervision_list import criticism_rows, session_rows

    with demo_db.session() as session:
        sessions, criticisms = session_rows(session, "017", 2022), criticism_rows(session, "017", 2022)
    assert (len(sessions), len(criticisms)) == (248, 6)
    text = flat(layout_text(built[("supervision-list", "unit")]))
    first, second = text.split("II. CÁC CUỘC PHẢN BIỆN XÃ HỘI")
    assert "I. CÁC CUỘC GIÁM SÁT Tổng số: 248 cuộc giám sát" in first
    assert second.lstrip().startswith("Tổng số: 6 cuộc phản biện xã hội.")


def test_the_support_list_ends_with_its_count_and_value(built, demo_db):
    from emulation_desktop.locale.formatting import format_number
    from emulation_desktop.reports.support_list import record_rows

    with demo_db.session() as session:
        rows = record_rows(session, "017", 2022)
    value = sum(int(row[6].replace(".", "")) for row in rows)
    text = flat(layout_text(built[("support-list", "unit")]))
    assert f"Tổng cộng: {format_number(len(rows))} hoạt động {format_number(value)}" in text
    assert value == 1_260_000_000 + 720_000_000  # the district's houses and other support


def test_a_number_keeps_its_unit_on_its_line():
    measure = fonts.width_function(fonts.REGULAR)
    text = "giảm 100,0\u00a0điểm\u00a0%"
    room = measure("giảm 100,0 điểm", 11) + 1  # "%" would not fit after it
    assert _wrap(text, measure, 11, room) == ["giảm", "100,0\u00a0điểm\u00a0%"]


def test_the_minutes_state_the_tie_and_how_it_was_decided(demo_db, tmp_path):
    text = flat(layout_text(_pdf(demo_db, tmp_path, "review-minutes", "cluster")))
    assert (
        "Ủy ban MTTQ Việt Nam huyện Gia Lâm và Ủy ban MTTQ Việt Nam huyện Thanh Trì đồng điểm (99 điểm), "
        "cùng xếp thứ 3. Hội nghị thống nhất đề nghị khen thưởng Ủy ban MTTQ Việt Nam huyện Thanh Trì "
        "(Bằng khen của Ủy ban MTTQ Việt Nam TP Hà Nội) với thành tích: hoàn thành xuất sắc nhiệm vụ; "
        "tỷ lệ hỏa táng cao nhất Cụm."
    ) in text


def test_the_reports_have_shortcomings_and_proposals(built):
    for key in (("annual", "unit"), ("annual", "cluster"), ("cluster", "cluster")):
        text = flat(layout_text(built[key]))
        assert "HẠN CHẾ, TỒN TẠI" in text and "ĐỀ XUẤT, KIẾN NGHỊ" in text, key
        assert "Đề nghị Ban Thường trực Ủy ban MTTQ Việt Nam Thành phố" in text  # the demo's proposals


def test_written_shortcomings_are_kept_printed_and_end_the_draft(demo_copy, tmp_path):
    assert "DỰ THẢO" not in flat(layout_text(_pdf(demo_copy, tmp_path, "annual", "unit", "017")))
    # the demo wrote them; put the line the clerk has to write back (nothing fell, so nothing is drafted)
    save_draft(demo_copy, "017", 2022, "annual", Draft("", "", shortcomings=TO_WRITE))
    text = flat(layout_text(_pdf(demo_copy, tmp_path, "annual", "unit", "017")))
    assert "Mục “Hạn chế, tồn tại” của báo cáo chưa được soạn." in text
    saved = save_draft(
        demo_copy, "017", 2022, "annual", Draft("", "", shortcomings="Công tác tuyên truyền còn hạn chế.")
    )
    # a caller that does not edit them does not erase them
    save_draft(demo_copy, "017", 2022, "annual", Draft("", "", "Nguyễn Văn An", version=saved.version))
    with demo_copy.session() as session:
        assert get_draft(session, "017", 2022, "annual").shortcomings == "Công tác tuyên truyền còn hạn chế."
    text = flat(layout_text(_pdf(demo_copy, tmp_path, "annual", "unit", "017")))
    assert "II. HẠN CHẾ, TỒN TẠI Công tác tuyên truyền còn hạn chế." in text
    assert "DỰ THẢO" not in text and "Nguyễn Văn An" in text


@pytest.mark.parametrize(
    "key",
    [(k, s) for k, s, _ in DOCUMENTS if k != "meeting-pack"],
    ids=[f"{k}-{s}" for k, s, _ in DOCUMENTS][:-1],
)
def test_every_document_is_signed_by_name(built, key):
    """The signature block names the chairman the set-up recorded (the demo's committees): the unit's
    own for a unit's document, the cluster head's for the cluster's."""
    from emulation_desktop.demo.committees import committee
    from emulation_desktop.demo.figures import ROLES

    _kind, scope = key
    signer_unit = "017" if scope == "unit" else next(c for c, role in ROLES[2022].items() if role == "head")
    chairman = committee(signer_unit)[0][0]
    assert chairman.position == "chair" and chairman.signs_as == "tm"
    assert chairman.name in flat(layout_text(built[key]))


def test_the_meeting_delegates_are_the_committees_that_sign(built):
    """Each district's chairman is among the delegates the minutes and the pack list, under one name."""
    from emulation_desktop.demo.committees import committee
    from emulation_desktop.demo.figures import BY_CODE

    text = flat(layout_text(built[("meeting-pack", "cluster")]))
    for code in BY_CODE:
        assert committee(code)[0][0].name in text, code
