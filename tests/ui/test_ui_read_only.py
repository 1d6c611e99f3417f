"""Imported units and locked years are shown but cannot be changed from the window."""

from __future__ import annotations

from helpers import editor_of, reload, rows, type_into

from emulation_desktop.domain import models as m
from emulation_desktop.operations import records, structure
from emulation_desktop.ui.qt import QApplication, Qt

HOUSE = {
    "year": 2022,
    "kind": "house_new",
    "commune_id": "00454",
    "household_category": "poor",
    "value_vnd": 60_000_000,
}


def assert_read_only(window, editor):
    assert window.context_bar.banner.isVisible()
    assert not editor.toolbar.add.isEnabled()
    assert not editor.toolbar.delete.isEnabled()
    assert not editor.panel.save.isEnabled()
    assert all(
        getattr(w, "isReadOnly", lambda w=w: not w.isEnabled())() for w in editor.form.widgets.values()
    )


def test_imported_unit_is_read_only(qtbot, window, db):
    records.create_record(db, "support_activity", "017", HOUSE)  # ours; 020 has no records and is not ours
    window.context_bar.choose("020", 2022)
    editor = editor_of(window, "support_activity")
    assert window.ctx.unit_code == "020" and not window.ctx.editable
    assert "chỉ xem" in window.context_bar.unit_combo.currentText()
    assert_read_only(window, editor)
    editor.table.setFocus()
    qtbot.keyClick(editor.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert editor.mode == "none"


def test_locked_year_is_read_only(qtbot, window, db):
    record = records.create_record(db, "support_activity", "017", HOUSE)
    structure.lock_year(db, "017", 2022, reason="Đã gửi báo cáo tổng kết")
    reload(window)
    editor = editor_of(window, "support_activity")
    assert "2022" in window.context_bar.banner.text() and "Đã gửi" in window.context_bar.banner.text()
    assert_read_only(window, editor)
    type_into(qtbot, editor.form.widgets["value_vnd"], "1")  # read-only: the keys do nothing
    editor.table.setFocus()
    QApplication.processEvents()
    assert rows(db, m.SupportActivity, id=record.id)[0].value_vnd == 60_000_000
    assert rows(db, m.SupportActivity, id=record.id)[0].version == 1
    # Another year of the same unit stays editable.
    window.context_bar.choose("017", 2021)
    assert not window.context_bar.banner.isVisible() and editor.toolbar.add.isEnabled()
