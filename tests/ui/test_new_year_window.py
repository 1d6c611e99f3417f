"""Year → Open a new year…: the next year starts from the one open, the clerk is told what was copied,
and the window switches to it; a year that already has data is refused in Vietnamese."""

from __future__ import annotations

from emulation_desktop.operations import setup
from emulation_desktop.ui import background, new_year_action
from emulation_desktop.ui.qt import QAction, QMenu

WAIT_MS = 60_000


def year_menu_actions(window):
    menu = window.menuBar().findChild(QMenu, "year_menu")
    return [action.objectName() for action in menu.actions()]


def test_open_a_new_year_from_the_demo(qtbot, demo_window, shown, monkeypatch):
    window = demo_window
    asked = []

    def answer(dialog):
        asked.append(dialog.year.value())
        return dialog.year.value()

    monkeypatch.setattr(new_year_action, "ask_year", answer)
    assert "open_new_year" in year_menu_actions(window)
    action = window.findChild(QAction, "open_new_year")
    assert action.isEnabled() and action.text() == "Mở năm mới..."
    action.trigger()
    qtbot.waitUntil(lambda: not background.running(), timeout=WAIT_MS)
    assert asked == [2023]  # the year open, plus one
    assert window.ctx.unit_code == "017" and window.ctx.year == 2023
    assert window.context_bar.year_combo.currentData() == 2023
    told = shown[-1]
    assert told.startswith("Đã mở năm 2023 cho Huyện Đông Anh. Đã chép: ")
    assert "giao ước (dự thảo)" in told and "chỉ tiêu" in told
    assert setup.people_of(window.ctx.db, "017", 2023) == setup.people_of(window.ctx.db, "017", 2022)

    # Once more from 2022: 2023 has data now, and the clerk is told so; the window stays where it was.
    window.context_bar.choose("017", 2022)
    action.trigger()
    qtbot.waitUntil(lambda: not background.running(), timeout=WAIT_MS)
    assert shown[-1] == "Năm 2023 đã có dữ liệu của Huyện Đông Anh."
    assert window.ctx.year == 2022


def test_an_imported_unit_cannot_open_a_year(qtbot, window):
    action = window.findChild(QAction, "open_new_year")
    assert action.isEnabled()  # Đông Anh, owned here
    window.context_bar.choose("020", 2022)  # Thanh Trì, imported
    assert not action.isEnabled()


def test_copied_text_names_only_what_was_copied():
    counts = {"pledges": 1, "pledge_targets": 12, "recommendations": 4, "people": 0, "cluster_members": 0}
    from emulation_desktop.locale import i18n

    i18n.set_language("vi")
    assert new_year_action.copied_text(2026, "Xã Đông Anh", counts) == (
        "Đã mở năm 2026 cho Xã Đông Anh. Đã chép: 1 giao ước (dự thảo), 12 chỉ tiêu, "
        "4 kiến nghị chưa giải quyết."
    )
    assert "không có gì" in new_year_action.copied_text(2026, "Xã Đông Anh", {})
