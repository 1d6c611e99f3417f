"""No English in the Vietnamese window: every visible text of every tab, the menus, a message box and
Qt's own context menu and buttons is checked against the catalog."""

from __future__ import annotations

import re
import sys

import pytest
from helpers import editor_of, reload

from emulation_desktop.locale import catalog
from emulation_desktop.operations import records
from emulation_desktop.ui import dialogs
from emulation_desktop.ui.qt import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QProgressBar,
    Qt,
    QTableView,
    QTabWidget,
    QWidget,
)

# Words Qt shows by itself when nobody translates it.
QT_ENGLISH = {
    "OK", "Cancel", "Yes", "No", "Undo", "Redo", "Close", "Apply", "Save", "Open", "Discard", "Help",
    "Reset", "Abort", "Retry", "Ignore", "Cut", "Copy", "Paste", "Delete", "Select All", "Yes to All",
    "No to All", "Restore Defaults", "Show Details...", "Hide Details...", "Close without Saving",
}  # fmt: skip


@pytest.fixture(scope="module")
def english_only():
    """English msgids whose Vietnamese text differs: seeing one of them means it was not translated."""
    vi = catalog.read_catalog(catalog.I18N_DIR / "vi.po", "vi")
    return {m.id for m in vi if m.id and isinstance(m.id, str) and m.string != m.id} | QT_ENGLISH


def normalise(text: str) -> str:
    text = text.split("\t")[0].replace("&", "").strip()
    return re.sub(r"\s*\*$|:$", "", text).strip()


def texts_of(widget: QWidget) -> list[str]:
    found = [widget.windowTitle(), widget.toolTip()]
    if isinstance(widget, QLabel):
        found.append(widget.text())
    if isinstance(widget, QAbstractButton):
        found.append(widget.text())
    if isinstance(widget, QLineEdit):
        found.append(widget.placeholderText())
    if isinstance(widget, QComboBox):
        found += [widget.itemText(i) for i in range(widget.count())]
    if isinstance(widget, QTabWidget):
        found += [widget.tabText(i) for i in range(widget.count())]
    if isinstance(widget, QGroupBox):
        found.append(widget.title())
    if isinstance(widget, QProgressBar):
        found.append(widget.text())
    if isinstance(widget, QTableView) and widget.model() is not None:
        model = widget.model()
        found += [str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(model.columnCount())]
    if isinstance(widget, QMenu):
        found += [a.text() for a in widget.actions()]
    for action in widget.actions():
        found.append(action.text())
    return [t for t in found if t]


def untranslated(root: QWidget, english: set[str]) -> list[tuple[str, str]]:
    bad = []
    for widget in [root, *root.findChildren(QWidget)]:
        for text in texts_of(widget):
            if normalise(text) in english or text in english:
                bad.append((type(widget).__name__ + ":" + widget.objectName(), text))
    return bad


def show_everything(window):
    """Visit every tab and inner tab, so lazily built content exists."""
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        for inner in window.tabs.widget(index).findChildren(QTabWidget):
            for sub in range(inner.count()):
                inner.setCurrentIndex(sub)
                QApplication.processEvents()
    window.tabs.setCurrentIndex(0)
    QApplication.processEvents()


def test_every_text_of_the_main_window_is_vietnamese(qtbot, window, db, english_only):
    pledge = records.create_record(db, "pledge", "017", {"year": 2022, "title": "Cờ thi đua"})
    records.create_record(
        db,
        "pledge_target",
        None,
        {"pledge_id": pledge.id, "indicator_code": "cremations", "target_percent": 850},
    )
    reload(window)
    show_everything(window)
    editor = editor_of(window, "support_activity")
    editor.toolbar.trash.click()  # the bin's notice and Restore button too
    assert untranslated(window, english_only) == []
    # The menu bar's own menus
    for menu in window.menuBar().findChildren(QMenu):
        assert untranslated(menu, english_only) == []
    assert window.undo_action.text() == "Hoàn tác"


def test_qt_standard_texts_are_vietnamese(qtbot, window, english_only):
    box = dialogs.message_box(window, QMessageBox.Icon.Question, "Đóng cửa sổ?", question=True)
    qtbot.addWidget(box)
    assert untranslated(box, english_only) == []
    # Boxes built the plain Qt way go through the catalog translator.
    plain = QMessageBox(
        QMessageBox.Icon.Warning, "x", "y", QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel
    )
    qtbot.addWidget(plain)
    assert sorted(b.text() for b in plain.buttons()) == ["Hủy", "Đồng ý"]
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Yes | QDialogButtonBox.StandardButton.No)
    qtbot.addWidget(buttons)
    assert untranslated(buttons, english_only) == []
    menu = editor_of(window, "support_activity").toolbar.search.createStandardContextMenu()
    assert [normalise(a.text()) for a in menu.actions() if a.text()][:3] == ["Hoàn tác", "Làm lại", "Cắt"]
    assert untranslated(menu, english_only) == []
    undo = window.ctx.undo_stack.createUndoAction(window)
    assert normalise(undo.text()) == "Hoàn tác"


@pytest.mark.skipif(sys.platform == "win32", reason="Windows shows its own, translated print dialog")
def test_qt_print_dialog_and_printer_properties_are_vietnamese(qtbot, window, english_only):
    from emulation_desktop.ui.printing import new_printer
    from emulation_desktop.ui.qt import QPrintDialog, QPushButton, QTimer

    printer = new_printer("Báo cáo")
    dialog = QPrintDialog(printer, window)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert untranslated(dialog, english_only) == []  # its hidden "Options >>" part included
    shown = {normalise(t) for w in dialog.findChildren(QWidget) for t in texts_of(w)}
    assert {"In", "Máy in", "Phạm vi in", "Số bản", "Các trang từ", "In hai mặt"} <= shown
    found: dict[str, object] = {}

    def inspect_properties() -> None:  # the properties dialog is modal: look at it, then close it
        for top in QApplication.topLevelWidgets():
            if top.isVisible() and type(top).__name__ == "QDialog" and top is not dialog:
                # Paper sizes keep their standard names (A4, Letter, Note…), as printers print them.
                found["bad"] = [b for b in untranslated(top, english_only) if "pageSizeCombo" not in b[0]]
                found["texts"] = {normalise(t) for w in top.findChildren(QWidget) for t in texts_of(w)}
                top.reject()

    button = next(b for b in dialog.findChildren(QPushButton) if normalise(b.text()) == "Thuộc tính")
    QTimer.singleShot(200, inspect_properties)
    button.click()
    assert found.get("bad") == []
    assert {"Khổ giấy", "Hướng giấy", "Dọc", "Ngang", "Lề", "Tùy chọn lệnh in"} <= found["texts"]
    dialog.reject()


@pytest.mark.skipif(sys.platform == "win32", reason="Windows shows its own, translated file dialog")
def test_qt_file_dialog_is_vietnamese(qtbot, window, english_only, tmp_path):
    from emulation_desktop.ui import save_target
    from emulation_desktop.ui.qt import QFileDialog, QTimer

    (tmp_path / "Báo cáo").mkdir()
    found: dict[str, object] = {}

    def inspect() -> None:
        dialog = next(
            w for w in QApplication.topLevelWidgets() if isinstance(w, QFileDialog) and w.isVisible()
        )
        found["bad"] = untranslated(dialog, english_only)
        found["texts"] = {normalise(t) for w in dialog.findChildren(QWidget) for t in texts_of(w)}
        views = [w for w in dialog.findChildren(QWidget) if hasattr(w, "header") and w.isVisible()]
        model = views[0].model()
        found["columns"] = [
            model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())
        ]
        dialog.reject()

    QTimer.singleShot(300, inspect)
    assert save_target.pick_folder(window, str(tmp_path)) == ""
    assert found["bad"] == []
    assert {"Tìm trong", "Thư mục cha", "Tạo thư mục mới", "Xem chi tiết", "Hủy"} <= found["texts"]
    assert found["columns"] == ["Tên", "Dung lượng", "Loại", "Ngày sửa"]


def test_untranslated_text_would_be_caught(qtbot, english_only):
    widget = QWidget()
    qtbot.addWidget(widget)
    QLabel("Support activities", widget)
    QAbstractButton  # noqa: B018 - documented type used above
    assert untranslated(widget, english_only) == [("QLabel:", "Support activities")]


def test_english_can_be_chosen(qtbot, db):
    from emulation_desktop.locale import i18n
    from emulation_desktop.ui import settings
    from emulation_desktop.ui.main_window import MainWindow
    from emulation_desktop.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.accept()
    assert settings.language() == "en"
    i18n.set_language(settings.language())  # what the next start does
    try:
        window = MainWindow(db)
        qtbot.addWidget(window)
        assert window.tabs.tabText(1) == "Emulation pledges"
    finally:
        i18n.set_language("vi")
