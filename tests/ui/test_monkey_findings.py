"""What the monkey (tests/ui/test_monkey.py) found, each fixed and kept fixed by a focused test."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from emulation_desktop.operations.audit import AuditLine, Change
from emulation_desktop.ui.audit_view import AuditDialog

LONG = "Hộ nghèo ông Đặng Văn Quý, thôn Đoài, xã Bắc Hồng, được hỗ trợ xây mới nhà đại đoàn kết " * 3


def _year_of_changes(count):
    return [
        AuditLine(
            at=datetime(2022, 11, 8, 9, 30),
            user="lan",
            action="update",
            action_label="Sửa",
            kind="support_activity",
            kind_label="Hoạt động hỗ trợ",
            record_id=str(number),
            record_title=f"Hộ số {number}",
            changes=(Change("beneficiary", "Đối tượng được hỗ trợ", "Hộ cũ", LONG),),
        )
        for number in range(count)
    ]


def test_the_year_history_of_a_thousand_changes_describes_each_once(qtbot, monkeypatch):
    """Seed 20261206: "Lịch sử thay đổi của năm" on a demo district (1.022 changes) took 11 s to open,
    every cell's text made again each time the table measured a row. Each line is now described once,
    and rows fit their wrapped text as they come into sight."""
    described = Counter()
    original = AuditLine.describe
    monkeypatch.setattr(AuditLine, "describe", lambda line: described.update(["line"]) or original(line))
    lines = _year_of_changes(1000)
    dialog = AuditDialog("Lịch sử thay đổi", "Huyện Đông Anh, năm 2022", lines, with_record=True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert described["line"] == len(lines)

    table, one_line = dialog.table, dialog.fontMetrics().lineSpacing()
    qtbot.waitUntil(lambda: table.rowHeight(0) > 2 * one_line)  # the long change wraps, shown whole
    assert dialog.model.text(0, 4) == f"Đối tượng được hỗ trợ: Hộ cũ → {LONG}"
    table.scrollToBottom()
    qtbot.waitUntil(lambda: table.rowHeight(len(lines) - 1) > 2 * one_line)  # fitted once in sight
    assert described["line"] == len(lines)


def test_a_window_closed_while_its_work_runs_leaves_nothing_to_crash(qtbot):
    """Seed 20261206: the window closed while a document was being made; when the work reported
    back, closing its progress dialog (deleted with the window) raised "Internal C++ object already
    deleted". Now the report finds no dialog and no widget, and tells nobody."""
    import threading

    from emulation_desktop.ui import background
    from emulation_desktop.ui.qt import QApplication, QProgressDialog, QWidget

    release = threading.Event()
    window = QWidget()
    window.show()
    done: list[object] = []
    operation = background.run(
        window, lambda: release.wait(10) and "made", "Đang lập tài liệu…", on_done=done.append
    )
    qtbot.waitUntil(lambda: window.findChild(QProgressDialog) is not None, timeout=5000)
    window.deleteLater()  # the clerk closed the window
    QApplication.processEvents()
    errors: list[BaseException] = []
    with qtbot.captureExceptions() as caught:
        release.set()
        qtbot.waitUntil(lambda: not background.running(), timeout=5000)
        QApplication.processEvents()
    errors = [exc for _type, exc, _tb in caught]
    assert errors == []
    assert done == []  # nobody left to show "made" to
    assert operation.progress is None
