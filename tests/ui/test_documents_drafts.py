"""A document that still lacks something is a draft, and the Documents tab says so: what it lacks in a
yellow note above the pages, and "Đã lưu bản dự thảo; còn thiếu: …" when it is saved (never "Đã lưu và
kiểm tra", which reads as ready to sign). The report's "Hạn chế, tồn tại" and "Đề xuất, kiến nghị" are
edited and kept with its other text, and a part still to write is flagged on its box (demo, Đông Anh
ours: its own 2022 report is complete; the cluster's lacks the other districts' figures)."""

from __future__ import annotations

from test_documents_tab import (  # noqa: F401 - fixtures used below
    WAIT_MS,
    choose,
    db,
    demo_db,
    demo_file,
    pdf_text,
    pytestmark,
    tab,
    wait_ready,
)

from emulation_desktop.operations.report_drafts import get_draft
from emulation_desktop.reports import readiness
from emulation_desktop.reports.jobs import make_document
from emulation_desktop.reports.narrative import TO_WRITE
from emulation_desktop.reports.readiness import document_missing
from emulation_desktop.reports.request import ReportRequest
from emulation_desktop.ui import save_target
from emulation_desktop.ui.qt import Qt


def test_a_draft_lists_what_it_lacks_above_the_pages(qtbot, tab, demo_db):  # noqa: F811
    choose(qtbot, tab, "annual", "cluster")
    lacking = document_missing(demo_db, tab.request())
    assert lacking  # the other districts are not ours and sent nothing
    note = tab.preview_panel.missing_note
    assert note.isVisible()
    assert note.text().splitlines() == [
        "Văn bản này chỉ in được bản dự thảo, chưa thể in bản chính thức; còn thiếu:",
        *(f"- {line}" for line in lacking),
    ]
    assert "DỰ THẢO" in pdf_text(tab.preview.pdf)
    choose(qtbot, tab, "annual", "unit")  # Đông Anh's own report is complete
    assert document_missing(demo_db, tab.request()) == []
    assert not note.isVisible()


def test_saving_a_draft_says_what_it_lacks(qtbot, tab, demo_db, tmp_path, monkeypatch, shown):  # noqa: F811
    choose(qtbot, tab, "cluster", "cluster")
    lacking = document_missing(demo_db, tab.request())
    target = tmp_path / "usb"
    target.mkdir()
    monkeypatch.setattr(
        save_target, "choose_target", lambda _p, name, **_where: save_target.Choice(target, name)
    )
    tab.save_document()
    qtbot.waitUntil(lambda: tab.last_saved is not None, timeout=WAIT_MS)
    wait_ready(qtbot, tab)
    said = tab.status.text()
    assert said == shown[-1]
    assert said.startswith(f"Đã lưu bản dự thảo: “{tab.last_saved.path}”; còn thiếu:")
    assert "Đã lưu và kiểm tra" not in said
    assert all(f"- {line}" in said.splitlines() for line in lacking)
    assert said.endswith("Có thể rút USB ra an toàn.")


def test_a_complete_document_is_saved_and_checked(qtbot, tab, tmp_path, monkeypatch):  # noqa: F811
    choose(qtbot, tab, "annual", "unit")
    target = tmp_path / "usb"
    target.mkdir()
    monkeypatch.setattr(
        save_target, "choose_target", lambda _p, name, **_where: save_target.Choice(target, name)
    )
    tab.save_document()
    qtbot.waitUntil(lambda: tab.last_saved is not None, timeout=WAIT_MS)
    wait_ready(qtbot, tab)
    assert tab.status.text().startswith("Đã lưu và kiểm tra:")


def test_what_a_document_lacks_is_found_once_and_comes_with_it(demo_db, monkeypatch):  # noqa: F811
    calls = []
    real = readiness.missing

    def counted(session, request, **kwargs):
        calls.append(request.kind)
        return real(session, request, **kwargs)

    monkeypatch.setattr(readiness, "missing", counted)
    request = ReportRequest("annual", "cluster", "HN-CUM3", 2022)
    built = make_document(demo_db, request)
    assert calls == ["annual"]
    assert built.missing and built.missing == tuple(document_missing(demo_db, request))
    assert make_document(demo_db, ReportRequest("annual", "unit", "017", 2022)).missing == ()


def test_shortcomings_and_proposals_are_edited_kept_and_printed(qtbot, tab, demo_db):  # noqa: F811
    choose(qtbot, tab, "annual")
    panel = tab.draft_panel
    with demo_db.session() as session:
        saved = get_draft(session, "017", 2022, "annual")
    assert panel.shortcomings.toPlainText().split("\n\n") == saved.shortcomings.splitlines()
    assert panel.proposals.toPlainText().split("\n\n") == saved.proposals.splitlines()
    assert panel.shortcomings.isVisible() and panel.proposals.isVisible()
    sentence = "Công tác tuyên truyền trên hệ thống loa truyền thanh ở một số thôn chưa thường xuyên."
    panel.shortcomings.setPlainText(sentence)
    assert panel.hint.isVisible()
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    wait_ready(qtbot, tab)
    assert not panel.is_modified()
    with demo_db.session() as session:
        kept = get_draft(session, "017", 2022, "annual")
    assert kept.shortcomings == sentence
    assert kept.proposals == saved.proposals  # not edited: kept as it was
    shown = " ".join(pdf_text(tab.preview.pdf).split())
    assert f"HẠN CHẾ, TỒN TẠI {sentence}" in shown


def test_a_part_still_to_write_is_flagged_and_keeps_the_report_a_draft(qtbot, tab, demo_db):  # noqa: F811
    tab.year_spin.setValue(2023)  # nothing recorded yet: the shortcomings wait for the clerk
    choose(qtbot, tab, "annual")
    panel = tab.draft_panel
    label, _text = panel.labels[panel.shortcomings]
    assert TO_WRITE in panel.shortcomings.toPlainText()
    assert panel.unwritten() == [panel.shortcomings]
    assert label.text().endswith("— chưa soạn:") and "color: #b00020" in label.styleSheet()
    assert "Mục “Hạn chế, tồn tại” của báo cáo chưa được soạn." in tab.preview_panel.missing_note.text()
    proposals_label, _text = panel.labels[panel.proposals]
    assert "chưa soạn" not in proposals_label.text() and not proposals_label.styleSheet()
    panel.shortcomings.setPlainText("Một số chỉ tiêu chưa được cập nhật kịp thời.")
    assert not panel.unwritten()
    assert label.text() == "Hạn c&hế, tồn tại (mỗi đoạn một dòng):" and not label.styleSheet()


def test_the_consolidated_report_s_text_is_edited_kept_and_printed(qtbot, tab, demo_db):  # noqa: F811
    """The cluster's consolidated report prints its own shortcomings and proposals: the clerk edits
    them in the same panel (no key tasks there: that report has none), kept under the cluster head."""
    choose(qtbot, tab, "cluster", "cluster")
    panel = tab.draft_panel
    assert panel.isVisible() and panel.proposals.isVisible() and not panel.tasks.isVisible()
    assert not tab.help.isVisible()
    proposal = (
        "Đề nghị Ban Thường trực Ủy ban MTTQ Việt Nam Thành phố sớm ban hành bộ tiêu chí chấm điểm năm sau."
    )
    panel.proposals.setPlainText(proposal)
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    wait_ready(qtbot, tab)
    assert not panel.is_modified()
    with demo_db.session() as session:
        kept = get_draft(session, "017", 2022, "cluster", "cluster")  # Đông Anh heads the cluster in 2022
        annual = get_draft(session, "017", 2022, "annual", "cluster")
    assert kept.proposals == proposal and annual.proposals != proposal  # each report keeps its own
    shown = " ".join(pdf_text(tab.preview.pdf).split())
    assert f"ĐỀ XUẤT, KIẾN NGHỊ {proposal}" in shown
    choose(qtbot, tab, "annual", "cluster")
    assert panel.tasks.isVisible()
