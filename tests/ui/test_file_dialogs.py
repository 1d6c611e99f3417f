"""The open-file dialogs offer every kind of file the app reads there, with Vietnamese names, and
"Tất cả tệp (*)" last. The dialogs are real Qt dialogs, built by the window's own buttons; only their
modal loop (``save_target.run_file_dialog``) is replaced, to read what they were given."""

from __future__ import annotations

import pytest
from helpers import editor_of

from emulation_desktop.ui import file_choice, save_target
from emulation_desktop.ui.qt import QApplication, QFileDialog


@pytest.fixture
def opened(monkeypatch):
    """The file dialogs the window built, in order; each answers "cancelled"."""
    dialogs: list[QFileDialog] = []

    def run(dialog, _name_label, _accept_label):
        dialogs.append(dialog)
        return ""

    monkeypatch.setattr(save_target, "run_file_dialog", run)
    return dialogs


def test_the_filters_are_built_in_one_place():
    assert file_choice.name_filters(file_choice.PACKAGES) == ["Gói dữ liệu (*.zip)", "Tất cả tệp (*)"]
    assert file_choice.name_filters() == ["Tất cả tệp (*)"]


def test_importing_a_package_offers_packages_then_every_file(qtbot, window, opened):
    window.tabs.setCurrentWidget(window.exchange)
    window.exchange.import_button.click()
    (dialog,) = opened
    assert dialog.nameFilters() == ["Gói dữ liệu (*.zip)", "Tất cả tệp (*)"]
    assert dialog.fileMode() == QFileDialog.FileMode.ExistingFile
    assert window.exchange.last_plan is None  # cancelled: nothing checked


def test_trusting_a_key_offers_key_cards_then_every_file(qtbot, window, opened):
    window.tabs.setCurrentWidget(window.exchange)
    window.exchange.keys.trust_button.click()
    (dialog,) = opened
    assert dialog.nameFilters() == ["Thẻ khóa (*.json)", "Tất cả tệp (*)"]


def test_importing_a_list_offers_excel_and_csv_then_every_file(qtbot, window, opened):
    editor = editor_of(window, "support_activity")
    editor.toolbar.import_sheet.click()
    QApplication.processEvents()
    (dialog,) = opened
    assert dialog.nameFilters() == [
        "Danh sách Excel hoặc CSV (*.xlsx *.xlsm *.csv)",
        "Bảng tính Excel (*.xlsx *.xlsm)",
        "Danh sách CSV (*.csv)",
        "Tất cả tệp (*)",
    ]
    assert dialog.selectedNameFilter() == "Danh sách Excel hoặc CSV (*.xlsx *.xlsm *.csv)"


def test_the_buttons_say_what_they_do(qtbot, window):
    tab = window.exchange
    for button in (tab.export_button, tab.import_button, tab.keys.save_card_button, tab.keys.trust_button):
        assert button.toolTip(), button.objectName()
    assert "gói dữ liệu" in tab.import_button.toolTip()
