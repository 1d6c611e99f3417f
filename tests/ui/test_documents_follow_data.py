"""The Documents tab follows the data: records written anywhere in the window mark the pages shown as
out of date at once; they are made again shortly while the tab is shown, and only when it is shown
again while it is hidden. Printing or saving never sends the old figures."""

from __future__ import annotations

from test_documents_tab import (  # noqa: F401 - fixtures used below
    WAIT_MS,
    choose,
    db,
    demo_db,
    demo_file,
    pdf_text,
    pytestmark,
    tab,
    wait_ready,
)

from emulation_desktop.operations import records
from emulation_desktop.ui import background, save_target
from emulation_desktop.ui.qt import QApplication


def add_support(qtbot, window, beneficiary):
    """A support activity written as the editors write one: through ``background.write``, which tells
    every view that records of its kind changed."""
    values = {
        "year": 2022,
        "kind": "house_new",
        "commune_id": "00454",
        "household_category": "poor",
        "beneficiary": beneficiary,
        "activity_date": "15/03/2022",
        "value_vnd": "60.000.000 đ",
    }
    done = []
    background.write(
        window,
        window.ctx,
        lambda database: records.create_record(database, "support_activity", "017", values),
        "…",
        kind="support_activity",
        on_done=done.append,
    )
    qtbot.waitUntil(lambda: bool(done), timeout=WAIT_MS)


def shown_text(documents):
    return " ".join(pdf_text(documents.preview.pdf).split())


def test_shown_pages_follow_a_change_of_records(qtbot, tab):  # noqa: F811
    choose(qtbot, tab, "support-list")
    assert tab.preview_panel.stale_note.isHidden()
    add_support(qtbot, tab.window(), "Hộ bà Lương Thị Kiểm")
    # At once: the pages shown are said to be old, before anything is made again.
    assert tab.preview_panel.stale_note.isVisible()
    assert "Số liệu đã thay đổi" in tab.preview_panel.stale_note.text()
    assert "Hộ bà Lương Thị Kiểm" not in shown_text(tab)
    # Then, without pressing "Xem trước", the pages show the new record.
    qtbot.waitUntil(lambda: tab.preview.data_version == tab.data_version and not tab.busy, timeout=WAIT_MS)
    wait_ready(qtbot, tab)
    assert "Hộ bà Lương Thị Kiểm" in shown_text(tab)
    assert tab.preview_panel.stale_note.isHidden()


def test_a_hidden_tab_waits_until_it_is_shown(qtbot, tab):  # noqa: F811
    choose(qtbot, tab, "support-list")
    window = tab.window()
    window.tabs.setCurrentWidget(window.dashboard)
    runs = tab.runs
    add_support(qtbot, window, "Hộ ông Đặng Văn Ẩn")
    add_support(qtbot, window, "Hộ bà Vi Thị Ngần")
    qtbot.wait(2 * tab.refresh_timer.interval())
    QApplication.processEvents()
    assert tab.runs == runs and not tab.busy  # no document made while nobody looks at it
    assert not tab.preview_panel.stale_note.isHidden()  # marked, to be seen when the tab opens
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.preview.data_version == tab.data_version, timeout=WAIT_MS)
    wait_ready(qtbot, tab)
    assert tab.runs == runs + 1  # both changes, one new preview
    text = shown_text(tab)
    assert "Hộ ông Đặng Văn Ẩn" in text and "Hộ bà Vi Thị Ngần" in text


def test_saving_after_a_change_saves_the_new_figures(qtbot, tab, tmp_path, monkeypatch):  # noqa: F811
    choose(qtbot, tab, "support-list")
    window = tab.window()
    window.tabs.setCurrentWidget(window.dashboard)
    add_support(qtbot, window, "Hộ ông Lò Văn Pấng")
    window.tabs.setCurrentWidget(tab)
    target = tmp_path / "usb"
    target.mkdir()
    monkeypatch.setattr(
        save_target, "choose_target", lambda _p, name, **_where: save_target.Choice(target, name)
    )
    tab.save_document()  # at once, before the new pages are shown
    qtbot.waitUntil(lambda: tab.last_saved is not None, timeout=WAIT_MS)
    wait_ready(qtbot, tab)
    assert "Hộ ông Lò Văn Pấng" in " ".join(pdf_text(tab.last_saved.path.read_bytes()).split())
