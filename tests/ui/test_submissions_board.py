"""The completeness board in the window (issue #18), as a cluster head's clerk uses it: real data
folders, a real signed package, real widgets offscreen. Thanh Trì (020) heads the cluster C3 of 2022;
Đông Anh (017) sends its year, gets it returned with a reason, and sees that on its Overview."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from small_tree import tree

from emulation_desktop.exchange import keys
from emulation_desktop.exchange.export_package import export_package
from emulation_desktop.exchange.import_package import import_package
from emulation_desktop.operations import records, structure
from emulation_desktop.storage.database import open_database
from emulation_desktop.ui import app as ui_app
from emulation_desktop.ui import file_choice, save_target, submissions_board
from emulation_desktop.ui.main_window import MainWindow

WAIT_MS = 60_000
YEAR = 2022
REASON = "Thiếu số nhà đại đoàn kết của xã Nguyên Khê"


def _office(folder: Path, own: str):
    db = open_database(folder)
    structure.add_units(db, None, tree())
    structure.set_local(db, [own])
    return db


@pytest.fixture
def offices(tmp_path):
    """(member, head, stick): the member's package already imported at the head."""
    member = _office(tmp_path / "member", "017")
    records.create_record(
        member,
        "donation",
        "017",
        {"year": YEAR, "fund_code": "sea_islands", "donor": "Công ty Hòa Bình", "amount_vnd": 15_000_000},
    )
    head = _office(tmp_path / "head", "020")
    structure.add_cluster(head, "C3", "Cụm thi đua số 3", "01")
    structure.set_cluster_member(head, "C3", "017", YEAR, "member")
    structure.set_cluster_member(head, "C3", "020", YEAR, "head")
    keys.trust_card(head, keys.read_card(keys.card_bytes(keys.key_card(member))))
    keys.trust_card(member, keys.read_card(keys.card_bytes(keys.key_card(head))))
    stick = tmp_path / "stick"
    stick.mkdir()
    sent = export_package(member, "017", YEAR, stick / "goi-dong-anh.zip", submit=True)
    import_package(head, sent.path)
    yield member, head, stick
    member.close()
    head.close()


def _window(qtbot, db, unit):
    ui_app.prepare(ui_app.application(), "vi")
    win = MainWindow(db)
    qtbot.addWidget(win)
    win.start()
    win.resize(1366, 768)
    win.context_bar.choose(unit, YEAR)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_the_head_returns_a_year_and_the_member_sees_why(qtbot, offices, monkeypatch, shown, tmp_path):
    member, head, stick = offices
    win = _window(qtbot, head, "020")
    win.tabs.setCurrentWidget(win.exchange)
    board = win.exchange.findChild(submissions_board.SubmissionsBoard, "submissions_board")
    qtbot.waitUntil(lambda: board.board is not None, timeout=WAIT_MS)
    assert board.model.rows[0][0] == "017 – Huyện Đông Anh"
    assert board.model.rows[0][1].startswith("Đã nhận, chờ xem xét")
    assert "goi-dong-anh.zip (" in board.model.rows[0][5]
    assert board.table.isVisible() and not board.return_button.isEnabled()  # nothing chosen yet

    # The reason dialog refuses an empty reason, in Vietnamese, and keeps NFC text.
    dialog = submissions_board.ReturnDialog("Huyện Đông Anh", YEAR, win)
    dialog.reason.setPlainText("   ")
    dialog.accept()
    assert dialog.error.text() == "Hãy ghi lý do trả lại số liệu để đơn vị sửa." and dialog.result() == 0
    dialog.reason.setPlainText(REASON)
    dialog.accept()
    assert dialog.reason_text == REASON and dialog.result() == 1

    board.table.selectRow(0)
    assert board.return_button.isEnabled()
    monkeypatch.setattr(submissions_board, "ask_reason", lambda *_args: REASON)
    monkeypatch.setattr(
        file_choice,
        "choose_save_target",
        lambda _parent, proposed, _suffix, **_kw: save_target.Choice(stick, proposed),
    )
    board.return_button.click()
    acknowledgement = stick / "tra-lai-017-2022.zip"
    qtbot.waitUntil(lambda: not board.busy and acknowledgement.exists(), timeout=WAIT_MS)
    qtbot.waitUntil(
        lambda: board.model.rows and board.model.rows[0][1].startswith("Đã trả lại"), timeout=WAIT_MS
    )
    assert board.model.rows[0][2] == REASON
    assert any("giấy xác nhận" in text for text in shown)

    # History…: the unit's story here, and the same acknowledgement saved again to a second stick.
    second = tmp_path / "stick-2"
    second.mkdir()
    monkeypatch.setattr(
        file_choice,
        "choose_save_target",
        lambda _parent, proposed, _suffix, **_kw: save_target.Choice(second, proposed),
    )
    seen = {}

    def look_at(dialog):
        seen[dialog.objectName()] = dialog
        if dialog.objectName() == "submission_history":
            seen["rows"] = [row[:2] for row in dialog.model.rows]
            assert dialog.save_again.isEnabled()
            dialog.save_again.click()
            qtbot.waitUntil(lambda: (second / "tra-lai-017-2022.zip").exists(), timeout=WAIT_MS)
            return False
        dialog.day.setText("31/11")  # a day that does not exist: refused under the box, dialog open
        dialog.accept()
        seen["error"] = dialog.error.text()
        dialog.day.setText("20/12")
        dialog.accept()
        return dialog.result() == 1

    monkeypatch.setattr(submissions_board, "run_dialog", look_at)
    assert board.history_button.isEnabled()
    board.history_button.click()
    assert [what for _when, what in seen["rows"]] == ["Đã nhận gói", "Đã trả lại"]
    assert (second / "tra-lai-017-2022.zip").read_bytes() == acknowledgement.read_bytes()
    board.due_button.click()
    assert "15/12" in seen["error"]
    qtbot.waitUntil(lambda: "hạn nộp 20/12/2022" in board.summary.text(), timeout=WAIT_MS)
    _screenshot(win, tmp_path / "board.png")
    win.close()

    # The member opens the file on its Data exchange tab, records it, and its Overview says why.
    win = _window(qtbot, member, "017")
    line = win.dashboard.findChild(submissions_board.QLabel, "submission_status")
    assert line is not None and line.isHidden()
    win.tabs.setCurrentWidget(win.exchange)
    win.exchange.open_package(acknowledgement)
    qtbot.waitUntil(
        lambda: not win.exchange.busy and "Đã ghi nhận giấy xác nhận." in win.exchange.status.text(),
        timeout=WAIT_MS,
    )
    assert any(text.endswith("Ghi nhận giấy xác nhận này?") for text in shown)
    win.tabs.setCurrentWidget(win.dashboard)
    qtbot.waitUntil(lambda: line.isVisible(), timeout=WAIT_MS)
    assert line.text() == f"Cụm trưởng trả lại số liệu năm 2022: {REASON}"
    assert win.ctx.state.editable  # unlocked for correction
    _screenshot(win, tmp_path / "overview.png")
    win.close()


def test_an_office_that_heads_no_cluster_says_so(qtbot, offices):
    member, _head, _stick = offices
    win = _window(qtbot, member, "017")
    win.tabs.setCurrentWidget(win.exchange)
    board = win.exchange.findChild(submissions_board.SubmissionsBoard, "submissions_board")
    qtbot.waitUntil(lambda: "không làm Cụm trưởng" in board.summary.text(), timeout=WAIT_MS)
    assert not board.table.isVisible() and not board.accept_button.isVisible()
    win.close()


def _screenshot(win, path: Path) -> None:
    """Kept for a look when asked (SUBMISSIONS_SCREENSHOTS=folder); always taken, so a grab that
    fails is a failure."""
    image = win.grab()
    assert not image.isNull()
    folder = os.environ.get("SUBMISSIONS_SCREENSHOTS")
    image.save(str(Path(folder) / path.name if folder else path))
