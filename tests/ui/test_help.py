"""The user manual in the window: F1 opens the section of the tab in front, Help → User manual the whole;
every section and picture it names exists; the PDF can be saved from it; the safety and settings
controls explain themselves in tooltips."""

from __future__ import annotations

import unicodedata

import pytest
from helpers import editor_of

from emulation_desktop.reports import manual
from emulation_desktop.ui import help_window, save_target
from emulation_desktop.ui.help_window import PAGE_SECTIONS, WHOLE, HelpWindow
from emulation_desktop.ui.qt import QApplication, Qt


def the_help(window) -> HelpWindow:
    found = window.findChildren(HelpWindow)
    assert len(found) == 1, "one help window, reused"
    return found[0]


def test_every_section_and_every_picture_it_names_exist():
    folder = manual.manual_folder()
    sections = manual.sections()
    names = [s.name for s in sections]
    assert len(names) == len(set(names)) >= 10
    for section in sections:
        assert section.path.is_file() and section.path.parent == folder
        assert section.title and section.text.lstrip().startswith(f"# {section.title}")
        assert unicodedata.is_normalized("NFC", section.path.read_text(encoding="utf-8")), section.name
        for source in manual.image_sources(section.text):
            assert (folder / source).is_file(), f"{section.name} names {source}, which is missing"
    pictures = {source for s in sections for source in manual.image_sources(s.text)}
    assert len(pictures) >= 10  # the year's work is shown, not only told


def test_the_pictures_are_the_ones_the_screenshot_script_takes():
    """`screenshots --manual` regenerates every picture the manual shows (none is made by hand)."""
    from emulation_desktop.ui.screenshots import MANUAL_SHOTS

    named = {
        source.removeprefix("images/") for s in manual.sections() for source in manual.image_sources(s.text)
    }
    assert named <= set(MANUAL_SHOTS)


def test_every_main_tab_has_its_section(window):
    names = {s.name for s in manual.sections()}
    assert set(window._pages) == set(PAGE_SECTIONS)
    for page in window._pages:
        assert help_window.section_for_page(page) in names


def test_f1_on_the_support_tab_opens_its_section(window, qtbot):
    editor = editor_of(window, "support_activity")
    window.activateWindow()
    editor.table.setFocus()
    qtbot.keyClick(editor.table, Qt.Key.Key_F1)
    help = the_help(window)
    qtbot.waitUntil(help.isVisible)
    assert help.windowTitle().startswith("Hướng dẫn")
    assert help.current == "hoat-dong-ho-tro"
    assert help.list.currentItem().text().endswith("Hoạt động hỗ trợ")
    text = help.browser.toPlainText()
    assert text.startswith("Hoạt động hỗ trợ") and "Ủng hộ các quỹ" in text
    assert not help.isModal()


def test_the_pictures_are_shrunk_to_the_reading_pane(window, qtbot):
    window.tabs.setCurrentIndex(2)
    window.help_action.trigger()
    help = the_help(window)
    qtbot.waitUntil(help.isVisible)
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QTextDocument

    image = help.browser.loadResource(
        QTextDocument.ResourceType.ImageResource.value, QUrl("images/support.png")
    )
    assert not image.isNull()
    assert image.width() <= help.browser.viewport().width()


def test_the_menu_opens_the_whole_manual_in_the_same_window(window, qtbot):
    window.tabs.setCurrentIndex(2)
    window.help_action.trigger()
    first = the_help(window)
    entry = next(a for a in window.menuBar().actions() if a.text() == "&Trợ giúp")
    texts = [a.text() for a in entry.menu().actions()]
    assert "Hướng dẫn sử dụng" in texts and "Giới thiệu..." in texts
    window.manual_action.trigger()
    QApplication.processEvents()
    assert the_help(window) is first
    assert first.current == WHOLE
    text = first.browser.toPlainText()
    for section in manual.sections():
        assert section.title in text


def test_search_ignores_diacritics(window, qtbot):
    window.manual_action.trigger()
    help = the_help(window)
    help.search.setText("thung rac")
    shown = help.visible_sections()
    assert "an-toan-du-lieu" in shown and "ghi-chep" in shown
    assert "tong-quan" not in shown
    help.search.setText("")
    assert len(help.visible_sections()) == len(manual.sections())


def test_the_manual_is_saved_as_pdf_from_its_window(window, qtbot, tmp_path, monkeypatch, shown):
    monkeypatch.setattr(
        save_target, "choose_target", lambda _p, name, **_where: save_target.Choice(tmp_path, name)
    )
    window.manual_action.trigger()
    help = the_help(window)
    help.pdf_button.click()
    target = tmp_path / help_window.PDF_NAME
    qtbot.waitUntil(lambda: bool(shown), timeout=60000)
    assert target.read_bytes().startswith(b"%PDF")
    assert "Có thể rút USB ra an toàn" in shown[-1]


def test_the_manual_is_printed_from_its_window(window, qtbot, monkeypatch, shown):
    from emulation_desktop.ui import printing

    sent = []
    monkeypatch.setattr(printing, "ask_printer", lambda _parent, _printer, _count: True)
    monkeypatch.setattr(printing, "print_pdf", lambda _printer, pdf: sent.append(pdf) or 20)
    window.manual_action.trigger()
    the_help(window).print_button.click()
    qtbot.waitUntil(lambda: bool(shown), timeout=60000)
    assert sent[0].startswith(b"%PDF")
    assert shown[-1] == "Đã gửi 20 trang tới máy in."


@pytest.mark.parametrize(
    "name",
    ["backups", "record_history", "year_history", "lock_year", "unlock_year"],
)
def test_the_safety_actions_explain_themselves(window, name):
    action = next(a for a in window.actions() if a.objectName() == name)
    assert action.toolTip() != action.text().replace("...", "").replace("&", "")
    assert action.statusTip()


def test_the_bar_and_the_dialogs_have_tooltips(window):
    from emulation_desktop.ui.about import AboutDialog
    from emulation_desktop.ui.backups_dialog import BackupsDialog
    from emulation_desktop.ui.settings_dialog import SettingsDialog

    bar = window.context_bar
    assert "nhận về" in bar.unit_combo.toolTip() and bar.year_combo.toolTip()
    backups = BackupsDialog(window.safety, window)
    for widget in (backups.backup_now, backups.restore, backups.to_usb, backups.table):
        assert widget.toolTip(), widget.objectName()
    assert "sao lưu trước" in backups.restore.toolTip()
    assert SettingsDialog(window).language.toolTip()
    assert AboutDialog(window).notices.toolTip()
