"""The Documents tab over the demo data: real PDFs, pages drawn by Poppler, the year-end report's text
kept with the report, printing to a PDF file, and the safe save to a folder (and its failures)."""

from __future__ import annotations

import errno
import io
import os
import shutil
import subprocess

import pytest
from pypdf import PdfReader
from test_ui_language import english_only, untranslated  # noqa: F401 - fixture used below

from emulation_desktop.exchange import drives, safe_save
from emulation_desktop.operations.report_drafts import get_draft
from emulation_desktop.reports.registry import build_document
from emulation_desktop.storage.database import open_database
from emulation_desktop.ui import printing, save_target
from emulation_desktop.ui.qt import QApplication, QPrinter, Qt

pytestmark = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="Poppler's pdftoppm is needed")

WAIT_MS = 60_000


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory):
    """The demo (Đông Anh owned here) loaded once; each test works on its own copy."""
    from emulation_desktop.demo import load_demo

    folder = tmp_path_factory.mktemp("demo")
    db = open_database(folder)
    load_demo(db, unit_code="017")
    db.close()
    return folder


@pytest.fixture
def demo_db(demo_file, tmp_path):
    folder = tmp_path / "demo-data"
    shutil.copytree(demo_file, folder)
    db = open_database(folder)
    yield db
    db.close()


@pytest.fixture
def db(demo_db):
    """The conftest's ``window`` opens this database: the demo instead of the small tree."""
    return demo_db


@pytest.fixture
def tab(qtbot, window):
    """The Documents tab of a 1366×768 window on Đông Anh, 2022, with its first preview shown."""
    window.tabs.setCurrentWidget(window.documents)
    documents = window.documents
    wait_ready(qtbot, documents)
    yield documents
    wait_ready(qtbot, documents, need_preview=False)


def wait_ready(qtbot, tab, need_preview=True):
    def ready():
        QApplication.processEvents()
        idle = not tab.busy and not tab.refresh_timer.isActive()
        return idle and (
            not need_preview or (tab.preview is not None and tab.preview.request == tab.request())
        )

    qtbot.waitUntil(ready, timeout=WAIT_MS)


def choose(qtbot, tab, kind, scope="unit"):
    tab.kind_combo.setCurrentIndex(tab.kind_combo.findData(kind))
    index = next(i for i in range(tab.scope_combo.count()) if tab.scope_combo.itemData(i)[0] == scope)
    tab.scope_combo.setCurrentIndex(index)
    wait_ready(qtbot, tab)


def pdf_text(pdf: bytes) -> str:
    return subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()


def test_annual_report_preview_shows_its_pages(qtbot, tab):
    choose(qtbot, tab, "annual")
    pages = len(PdfReader(io.BytesIO(tab.preview.pdf)).pages)
    assert pages >= 1
    assert tab.view.page_count() == pages
    assert all(not image.isNull() and image.height() > image.width() for image in tab.view.images)
    assert tab.pages_label.text() == f"{pages} trang"
    assert "Đông Anh" in tab.title_label.text()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in pdf_text(tab.preview.pdf)
    # Zoom: larger, smaller, back to the width of the window.
    fitted = tab.view.labels[0].width()
    tab.view.zoom_in()
    tab.view.zoom_in()
    assert tab.view.labels[0].width() > fitted
    tab.view.fit_to_width()
    assert tab.view.labels[0].width() == fitted
    assert tab.view.labels[0].width() <= tab.view.viewport().width()


def test_scopes_follow_the_document(qtbot, tab):
    scopes = lambda: [tab.scope_combo.itemData(i)[0] for i in range(tab.scope_combo.count())]  # noqa: E731
    tab.kind_combo.setCurrentIndex(tab.kind_combo.findData("annual"))
    assert scopes() == ["unit", "cluster"]
    assert tab.draft_panel.isVisible()
    tab.kind_combo.setCurrentIndex(tab.kind_combo.findData("meeting-pack"))
    assert scopes() == ["cluster"]
    assert not tab.draft_panel.isVisible()
    wait_ready(qtbot, tab)
    assert tab.view.page_count() >= 3
    assert "Cụm thi đua" in tab.title_label.text()
    tab.year_spin.setValue(2010)  # the unit was in no cluster then
    assert scopes() == []
    assert tab.scope_note.isVisible() and "không thuộc cụm thi đua" in tab.scope_note.text()
    assert not tab.save_button.isEnabled()


def test_edited_narrative_is_kept_and_printed(qtbot, tab, demo_db):
    choose(qtbot, tab, "annual")
    panel = tab.draft_panel
    assert "nhà đại đoàn kết" in panel.narrative.toPlainText()  # drafted from the figures
    sentence = "Năm 2022 Mặt trận huyện đã vận động xây mới 7 điểm sinh hoạt văn hóa cho các thôn."
    panel.narrative.setPlainText(panel.narrative.toPlainText() + "\n" + sentence)
    assert panel.hint.isVisible()
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    wait_ready(qtbot, tab)
    assert not panel.is_modified() and not panel.hint.isVisible()
    with demo_db.session() as session:
        draft = get_draft(session, "017", 2022, "annual")
        assert draft is not None and sentence in draft.narrative.splitlines()
        rebuilt = build_document(session, "annual", "unit", "017", 2022).pdf
    shown = " ".join(pdf_text(tab.preview.pdf).split())
    assert "7 điểm sinh hoạt văn hóa cho các thôn" in shown
    assert "7 điểm sinh hoạt văn hóa cho các thôn" in " ".join(pdf_text(rebuilt).split())


def test_unsaved_narrative_is_saved_before_saving_the_file(qtbot, tab, demo_db, tmp_path, monkeypatch):
    choose(qtbot, tab, "annual")
    tab.draft_panel.tasks.setPlainText("Hoàn thành 30 nhà đại đoàn kết trong quý I.")
    target = tmp_path / "usb"
    target.mkdir()
    monkeypatch.setattr(
        save_target, "choose_target", lambda _p, name, **_where: save_target.Choice(target, name)
    )
    tab.window().activateWindow()  # the tab's shortcuts belong to the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is tab.window())
    tab.kind_combo.setFocus()
    qtbot.keyClick(tab.kind_combo, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # Ctrl+S
    qtbot.waitUntil(lambda: tab.last_saved is not None, timeout=WAIT_MS)
    assert "Hoàn thành 30 nhà đại đoàn kết trong quý I." in " ".join(
        pdf_text(tab.last_saved.path.read_bytes()).split()
    )
    with demo_db.session() as session:
        assert (
            get_draft(session, "017", 2022, "annual").key_tasks
            == "Hoàn thành 30 nhà đại đoàn kết trong quý I."
        )


def test_save_to_a_folder_is_checked_and_says_safe_to_remove(qtbot, tab, tmp_path, monkeypatch, shown):
    choose(qtbot, tab, "support-list")
    target = tmp_path / "usb"
    target.mkdir()
    asked = []

    def choose_target(_parent, name, **_where):
        asked.append(name)
        return save_target.Choice(target, save_target.safe_filename(name))

    monkeypatch.setattr(save_target, "choose_target", choose_target)
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.last_saved is not None, timeout=WAIT_MS)
    wait_ready(qtbot, tab)
    files = os.listdir(target)
    assert files == ["danh-sach-hoat-dong-ho-tro-huyen-dong-anh-2022.pdf"]
    assert (target / files[0]).read_bytes() == tab.preview.pdf
    assert asked == [tab.preview.file_name]
    assert "Có thể rút USB ra an toàn" in shown[-1]
    assert tab.status.text() == shown[-1] and tab.status.isVisible()


def test_save_to_a_vanished_folder_says_so_and_leaves_nothing(qtbot, tab, tmp_path, monkeypatch, shown):
    gone = tmp_path / "pulled-out"
    monkeypatch.setattr(
        save_target, "choose_target", lambda _p, name, **_where: save_target.Choice(gone, "bao-cao.pdf")
    )
    tab.save_document()
    qtbot.waitUntil(lambda: bool(shown), timeout=WAIT_MS)
    wait_ready(qtbot, tab)
    assert "không còn" in shown[-1] and "rút ra" in shown[-1]
    assert not gone.exists() and tab.last_saved is None


def test_save_to_a_read_only_stick_says_so_and_keeps_the_old_file(qtbot, tab, tmp_path, monkeypatch, shown):
    target = tmp_path / "locked-usb"
    target.mkdir()
    (target / "bao-cao.pdf").write_bytes(b"old copy")
    real_open = os.open

    def read_only(path, flags, *args, **kwargs):
        tmpfile = getattr(os, "O_TMPFILE", 0)  # a file with no name yet is created too
        # root ignores chmod, so the stick's lock switch is simulated here
        if flags & os.O_CREAT or (tmpfile and flags & tmpfile == tmpfile):
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(safe_save.os, "open", read_only)
    monkeypatch.setattr(
        save_target, "choose_target", lambda _p, name, **_where: save_target.Choice(target, "bao-cao.pdf")
    )
    tab.save_document()
    qtbot.waitUntil(lambda: bool(shown), timeout=WAIT_MS)
    wait_ready(qtbot, tab)
    assert "chỉ đọc" in shown[-1] or "không ghi" in shown[-1].lower()
    assert os.listdir(target) == ["bao-cao.pdf"]
    assert (target / "bao-cao.pdf").read_bytes() == b"old copy"


def test_print_goes_through_the_print_dialog_to_a_pdf_file(qtbot, tab, tmp_path, monkeypatch):
    choose(qtbot, tab, "annual")
    out = tmp_path / "printed.pdf"
    asked = []

    def ask_printer(_parent, printer, page_count):
        asked.append(page_count)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return True

    monkeypatch.setattr(printing, "ask_printer", ask_printer)
    qtbot.mouseClick(tab.print_button, Qt.MouseButton.LeftButton)  # one click to the dialog
    qtbot.waitUntil(lambda: "máy in" in tab.status.text(), timeout=WAIT_MS)
    pages = tab.view.page_count()
    assert asked == [pages]
    printed = PdfReader(str(out))
    assert len(printed.pages) == pages
    box = printed.pages[0].mediabox
    assert abs(float(box.width) - 595.3) < 2 and abs(float(box.height) - 841.9) < 2  # A4
    assert tab.status.text() == f"Đã gửi {pages} trang tới máy in."


def test_cancelled_print_dialog_prints_nothing(qtbot, tab, monkeypatch):
    monkeypatch.setattr(printing, "ask_printer", lambda *_args: False)
    started = []
    monkeypatch.setattr(printing, "print_pdf", lambda *args: started.append(args))
    tab.print_document()
    wait_ready(qtbot, tab)
    assert started == [] and not tab.status.isVisible()


def test_save_dialog_offers_usb_first(qtbot, tmp_path, monkeypatch, english_only):  # noqa: F811
    stick, docs = tmp_path / "KINGSTON", tmp_path / "Documents"
    monkeypatch.setattr(
        drives,
        "candidate_targets",
        lambda: [drives.Target(stick, "KINGSTON", True), drives.Target(docs, "Documents", False)],
    )
    dialog = save_target.SaveDialog("Báo cáo tổng kết năm 2022 - Huyện Đông Anh.pdf")
    qtbot.addWidget(dialog)
    assert dialog.places.item(0).text().startswith("Ổ USB “KINGSTON”")
    assert dialog.places.item(1).text().startswith("Thư mục “Documents”")
    assert dialog.name.text() == "bao-cao-tong-ket-nam-2022-huyen-dong-anh.pdf"
    assert not dialog.no_usb.isVisible()
    dialog.accept_choice()
    assert dialog.chosen == save_target.Choice(stick, "bao-cao-tong-ket-nam-2022-huyen-dong-anh.pdf")
    assert untranslated(dialog, english_only) == []


def test_documents_tab_has_no_english(qtbot, tab, english_only):  # noqa: F811
    for kind in ("annual", "meeting-pack"):
        tab.kind_combo.setCurrentIndex(tab.kind_combo.findData(kind))
        wait_ready(qtbot, tab)
        assert untranslated(tab, english_only) == []
    assert tab.window().tabs.tabText(tab.window().tabs.indexOf(tab)) == "Tài liệu / Báo cáo"
    assert tab.kind_combo.itemText(0) == "Báo cáo tổng kết năm"
