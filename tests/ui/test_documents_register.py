"""The Documents tab and the register of outgoing documents: a complete document says it has no number
yet; saving it gives it the next number, which the pages, the saved file and the note then show; saved
again it keeps it; a draft says it has none and is saved without one; the register is a document to
choose like the others (demo, Đông Anh ours: its own 2022 report is complete, the cluster's is not)."""

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

from emulation_desktop.operations.document_register import register_of
from emulation_desktop.ui import save_target
from emulation_desktop.ui.qt import QDate


def save(qtbot, tab):  # noqa: F811
    tab.last_saved = None
    tab.save_document()
    qtbot.waitUntil(lambda: tab.last_saved is not None, timeout=WAIT_MS)
    wait_ready(qtbot, tab)
    return tab.last_saved.path.read_bytes()


def test_saving_a_complete_document_numbers_it_once(qtbot, tab, demo_db, tmp_path, monkeypatch):  # noqa: F811
    target = tmp_path / "usb"
    target.mkdir()
    monkeypatch.setattr(
        save_target, "choose_target", lambda _p, name, **_where: save_target.Choice(target, name)
    )
    tab.date_edit.setDate(QDate(2022, 11, 8))
    choose(qtbot, tab, "annual", "unit")
    note = tab.number_status
    assert note.isVisible()
    assert note.text().startswith("Chưa có số:")
    assert "Số: 01/" not in pdf_text(tab.preview.pdf)

    saved = save(qtbot, tab)
    assert "Số: 01/BC-MTTQ" in pdf_text(saved)
    assert "Số: 01/BC-MTTQ" in pdf_text(tab.preview.pdf)  # the pages shown are the paper saved
    assert note.text().startswith("Số 01/BC-MTTQ, ngày 08/11/2022: đã vào sổ đăng ký văn bản đi")
    assert not tab.number_edit.isEnabled()
    assert [e.number_text for e in register_of(demo_db, "017", 2022)] == ["01/BC-MTTQ"]

    tab.date_edit.setDate(QDate(2022, 12, 20))  # saved again another day: the same number and date
    wait_ready(qtbot, tab)
    again = pdf_text(save(qtbot, tab))
    assert "Số: 01/BC-MTTQ" in again and "ngày 08 tháng 11 năm 2022" in again
    assert len(register_of(demo_db, "017", 2022)) == 1

    choose(qtbot, tab, "document-register", "unit")
    assert tab.kind_combo.currentText() == "Sổ đăng ký văn bản đi"
    assert not note.isVisible()  # the register itself has no number
    assert "01/BC-MTTQ" in pdf_text(tab.preview.pdf)


def test_a_draft_says_it_has_no_number_and_is_saved_without(qtbot, tab, demo_db, tmp_path, monkeypatch):  # noqa: F811
    target = tmp_path / "usb"
    target.mkdir()
    monkeypatch.setattr(
        save_target, "choose_target", lambda _p, name, **_where: save_target.Choice(target, name)
    )
    choose(qtbot, tab, "annual", "cluster")  # the other districts sent nothing: a draft
    assert tab.preview.missing
    assert tab.number_status.text() == (
        "Bản dự thảo chưa có số; văn bản được cấp số khi đã đủ và được in hoặc lưu."
    )
    saved = pdf_text(save(qtbot, tab))
    assert "DỰ THẢO" in saved
    assert "Số: 01" not in saved
    assert register_of(demo_db, "017", tab.date_edit.date().year()) == []
