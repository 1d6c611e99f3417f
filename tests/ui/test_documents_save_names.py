"""Saving a document: the name offered is whole and says what the file is, and the folder saved to last
time (the clerk's USB folder) is offered first next time, for the same data folder only."""

from __future__ import annotations

import pytest
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
from emulation_desktop.reports.request import ReportRequest, document_file_name
from emulation_desktop.ui import save_target, settings
from emulation_desktop.ui.qt import Qt


@pytest.mark.parametrize(
    ("kind", "title", "name"),
    [
        (
            "meeting-pack",
            "Tài liệu Hội nghị tổng kết công tác thi đua năm 2022 - Cụm thi đua số 3",
            "bo-tai-lieu-hoi-nghi-cum-thi-dua-so-3-2022.pdf",
        ),
        (
            "annual",
            "Báo cáo tổng kết công tác thi đua năm 2022 - Huyện Đông Anh",
            "bao-cao-tong-ket-thi-dua-huyen-dong-anh-2022.pdf",
        ),
        (
            "review-ballots",
            "Phiếu suy tôn, phiếu bầu (bỏ phiếu lại) năm 2022 - Cụm thi đua số 3",
            "phieu-suy-ton-phieu-bau-bo-phieu-lai-cum-thi-dua-so-3-2022.pdf",
        ),
        (  # a long name loses whole words from its end, never a piece of one, and keeps the year
            "annual",
            "Báo cáo tổng kết công tác thi đua năm 2022 - Ủy ban Mặt trận Tổ quốc Việt Nam huyện Đông Anh",
            "bao-cao-tong-ket-thi-dua-uy-ban-mat-tran-to-quoc-viet-2022.pdf",
        ),
    ],
)
def test_file_names_are_whole_words(kind, title, name):
    assert document_file_name(ReportRequest(kind, "cluster", "X", 2022), title) == name
    assert len(name) <= 64


def answer_with(monkeypatch, act):
    """The save dialog, real, answered by ``act(dialog)`` instead of the clerk (a modal loop would hang)."""
    seen = []

    def exec_(dialog):
        seen.append(dialog)
        act(dialog)
        return dialog.result()

    monkeypatch.setattr(save_target.SaveDialog, "exec", exec_)
    return seen


def test_the_meeting_pack_is_offered_under_its_whole_name(qtbot, tab, monkeypatch):  # noqa: F811
    choose(qtbot, tab, "meeting-pack", scope="cluster")
    seen = answer_with(monkeypatch, lambda dialog: dialog.reject())
    tab.save_document()
    qtbot.waitUntil(lambda: bool(seen), timeout=WAIT_MS)
    assert seen[0].name.text() == "bo-tai-lieu-hoi-nghi-cum-thi-dua-so-3-2022.pdf"


def test_the_folder_saved_to_is_offered_first_next_time(qtbot, tab, tmp_path, monkeypatch):  # noqa: F811
    stick = tmp_path / "KINGSTON"
    folder = stick / "Bao cao MTTQ"
    folder.mkdir(parents=True)
    monkeypatch.setattr(drives, "candidate_targets", lambda: [drives.Target(stick, "KINGSTON", True)])
    choose(qtbot, tab, "support-list")
    # The first time: the clerk picks a folder on the stick with "Chọn thư mục khác…".
    monkeypatch.setattr(save_target, "pick_folder", lambda _parent, _start="": str(folder))
    seen = answer_with(monkeypatch, lambda dialog: dialog.choose_other())
    tab.save_document()
    qtbot.waitUntil(lambda: tab.last_saved is not None, timeout=WAIT_MS)
    wait_ready(qtbot, tab)
    assert tab.last_saved.path.parent == folder
    assert seen[0].places.currentItem().data(Qt.ItemDataRole.UserRole) == str(stick)  # nothing known yet
    # The next time, that folder is first in the list and chosen: Enter saves there.
    tab.last_saved = None
    seen = answer_with(monkeypatch, lambda dialog: dialog.accept_choice())
    tab.save_document()
    qtbot.waitUntil(lambda: tab.last_saved is not None, timeout=WAIT_MS)
    wait_ready(qtbot, tab)
    places = seen[0].places
    assert places.item(0).text().startswith("Thư mục đã lưu lần trước “Bao cao MTTQ”")
    assert places.currentRow() == 0
    assert tab.last_saved.path.parent == folder
    # Another data folder (a colleague's copy) does not inherit it.
    assert settings.last_save_folder(tab.ctx.db.folder) == folder
    assert settings.last_save_folder(tmp_path / "another-data-folder") is None
