"""The Documents tab saves a narrative document as a Word file too, and offers it only for those."""

from __future__ import annotations

from docx import Document
from test_documents_save_names import answer_with
from test_documents_tab import (  # noqa: F401 - fixtures used below
    WAIT_MS,
    choose,
    db,
    demo_db,
    demo_file,
    pytestmark,
    tab,
    wait_ready,
)

from emulation_desktop.exchange import drives


def test_the_year_end_report_is_saved_as_a_word_file(qtbot, tab, tmp_path, monkeypatch):  # noqa: F811
    stick = tmp_path / "KINGSTON"
    stick.mkdir()
    monkeypatch.setattr(drives, "candidate_targets", lambda: [drives.Target(stick, "KINGSTON", True)])
    choose(qtbot, tab, "annual")
    assert tab.save_word_button.isEnabled()
    seen = answer_with(monkeypatch, lambda dialog: dialog.accept_choice())
    tab.save_word_button.click()
    qtbot.waitUntil(lambda: tab.last_saved is not None, timeout=WAIT_MS)
    wait_ready(qtbot, tab)
    assert seen[0].name.text() == "bao-cao-tong-ket-thi-dua-huyen-dong-anh-2022.docx"
    saved = tab.last_saved.path
    assert saved == stick / "bao-cao-tong-ket-thi-dua-huyen-dong-anh-2022.docx"
    document = Document(str(saved))
    assert document.tables[0].rows[0].cells[1].paragraphs[0].text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert any("KẾT QUẢ CÔNG TÁC THI ĐUA NĂM 2022" in p.text for p in document.paragraphs)


def test_a_list_offers_no_word_file(qtbot, tab):  # noqa: F811
    choose(qtbot, tab, "support-list")
    assert tab.save_button.isEnabled()
    assert not tab.save_word_button.isEnabled()
    choose(qtbot, tab, "annual")
    assert tab.save_word_button.isEnabled()
