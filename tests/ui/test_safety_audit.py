"""Year locks and the history of changes in the window: lock with a reason (editors turn read-only, the
banner says why), unlock only with a reason, and who changed what from what to what."""

from __future__ import annotations

from helpers import editor_of, press, reload, type_into

from emulation_desktop.operations import records
from emulation_desktop.ui.audit_view import AuditDialog
from emulation_desktop.ui.qt import Qt
from emulation_desktop.ui.year_lock import YearLockDialog


def answer(window, reason, *, press_ok=True):
    """Replace the modal run of the next dialog: type the reason and press the OK button."""
    seen = []

    def run(dialog):
        seen.append(dialog)
        if isinstance(dialog, YearLockDialog):
            dialog.reason.setPlainText(reason)
            if press_ok:
                dialog.ok_button.click()
            return dialog.result() == YearLockDialog.DialogCode.Accepted
        return False

    window.safety.run_dialog = run
    return seen


def test_lock_with_a_reason_makes_editors_read_only(qtbot, window, db):
    records.create_record(db, "pledge", "017", {"year": 2022, "title": "Cờ thi đua"})
    reload(window)
    editor = editor_of(window, "pledge")
    assert window.ctx.editable and editor.toolbar.add.isEnabled()
    assert window.safety.lock_action.isEnabled() and not window.safety.unlock_action.isEnabled()
    seen = answer(window, "Đã nộp báo cáo ngày 15/12")
    window.safety.lock_action.trigger()
    assert seen[0].windowTitle() == "Khóa sổ năm 2022"
    assert window.ctx.state.locked and not window.ctx.editable
    banner = window.context_bar.banner
    assert not banner.isHidden() and "Đã nộp báo cáo ngày 15/12" in banner.text()
    assert not editor.toolbar.add.isEnabled() and not editor.toolbar.delete.isEnabled()
    assert not editor.panel.save.isEnabled()
    assert all(
        getattr(w, "isReadOnly", lambda w=w: not w.isEnabled())() for w in editor.form.widgets.values()
    )
    assert not window.safety.lock_action.isEnabled() and window.safety.unlock_action.isEnabled()
    assert "khóa sổ" in window.statusBar().currentMessage().lower()


def test_unlock_needs_a_reason(qtbot, window, db):
    answer(window, "Đã nộp")
    window.safety.lock_year()
    seen = answer(window, "   ")
    assert not window.safety.unlock_year()
    dialog = seen[0]
    assert dialog.error.isVisibleTo(dialog) and "lý do" in dialog.error.text()
    assert window.ctx.state.locked  # still locked
    answer(window, "Sửa số nhà Đại đoàn kết theo rà soát")
    assert window.safety.unlock_year()
    assert not window.ctx.state.locked and window.ctx.editable
    assert window.context_bar.banner.isHidden()
    assert editor_of(window, "pledge").toolbar.add.isEnabled()


def test_cancelled_lock_changes_nothing(qtbot, window):
    answer(window, "x", press_ok=False)
    assert not window.safety.lock_year()
    assert not window.ctx.state.locked


def test_imported_unit_offers_no_lock(qtbot, window):
    window.context_bar.choose("020", 2022)
    assert not window.safety.lock_action.isEnabled() and not window.safety.unlock_action.isEnabled()
    assert window.safety.year_history_action.isEnabled()


def test_history_of_the_selected_record_shows_old_and_new(qtbot, window, db):
    record = records.create_record(
        db, "donation", "017", {"year": 2022, "fund_code": "for_the_poor", "donor": "Công ty A", "amount_vnd": 1_000_000},
        user="lan",
    )  # fmt: skip
    records.update_record(db, "donation", record.id, {"amount_vnd": 2_500_000}, user="hoa")
    reload(window)
    editor = editor_of(window, "donation")
    editor.select_row(0)
    type_into(qtbot, editor.form.widgets["donor"], "Công ty B")  # an edit through the window
    press(qtbot, editor.form.widgets["donor"], Qt.Key.Key_Return)
    seen = answer(window, "")
    window.safety.record_history_action.trigger()
    dialog = seen[0]
    assert isinstance(dialog, AuditDialog) and dialog.windowTitle() == "Lịch sử thay đổi"
    model = dialog.model
    assert model.headers == ["Thời gian", "Người thực hiện", "Thao tác", "Nội dung thay đổi"]
    assert model.rowCount() == 3
    assert model.text(0, 2) == "Sửa" and model.text(0, 3) == "Tổ chức, cá nhân ủng hộ: Công ty A → Công ty B"
    assert model.text(0, 1) == window.ctx.user or model.text(0, 1) == "(không rõ)"
    assert (model.text(1, 1), model.text(1, 3)) == ("hoa", "Số tiền: 1.000.000 đồng → 2.500.000 đồng")
    assert model.text(2, 2) == "Thêm mới" and "Số tiền: 1.000.000 đồng" in model.text(2, 3)
    assert "Ủng hộ quỹ: Công ty B" in dialog.heading.text()


def test_history_needs_a_selected_record(qtbot, window):
    seen = answer(window, "")
    editor_of(window, "donation")
    window.safety.show_record_history()
    assert seen == []
    assert "chọn một bản ghi" in window.statusBar().currentMessage()


def test_history_of_the_year_lists_every_change_and_the_locks(qtbot, window, db):
    records.create_record(db, "pledge", "017", {"year": 2022, "title": "Cờ thi đua"}, user="lan")
    answer(window, "Đã nộp")
    window.safety.lock_year()
    seen = answer(window, "")
    window.safety.year_history_action.trigger()
    dialog = seen[0]
    model = dialog.model
    assert model.headers[3] == "Bản ghi"
    assert [model.text(r, 2) for r in range(model.rowCount())] == ["Khóa sổ năm", "Thêm mới"]
    assert model.text(0, 4) == "Lý do: Đã nộp"
    assert model.text(1, 3) == "Đăng ký thi đua: Cờ thi đua"
    assert "Huyện Đông Anh, năm 2022" in dialog.heading.text() and "đã khóa sổ" in dialog.heading.text()
