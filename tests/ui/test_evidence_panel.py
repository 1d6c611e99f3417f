"""The "Evidence files" section of the record editors (issue #18, 4), with real widgets offscreen: a real
PDF and photo attached by the file dialog's answer and by a drop, listed, opened through the system's
URL handler, saved as a copy, refused when renamed, removed by keyboard."""

from __future__ import annotations

import pytest
from evidence_samples import a_pdf, a_photo
from helpers import editor_of
from PySide6.QtCore import QUrl, Slot

from emulation_desktop.operations import evidence, records
from emulation_desktop.ui import file_choice, save_target
from emulation_desktop.ui.qt import QApplication, QObject, Qt

HOUSE = {
    "year": 2022,
    "kind": "house_new",
    "beneficiary": "Nguyễn Văn An",
    "household_category": "poor",
    "value_vnd": 50_000_000,
}


class Viewer(QObject):
    """Stands where the system's PDF or photo viewer is: Qt hands it the URL it would open."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def open(self, url) -> None:  # called by QDesktopServices.openUrl
        self.opened.append(url.toLocalFile())


@pytest.fixture
def viewer():
    from PySide6.QtGui import QDesktopServices

    handler = Viewer()
    QDesktopServices.setUrlHandler("file", handler, "open")
    yield handler
    QDesktopServices.unsetUrlHandler("file")


@pytest.fixture
def house(db):
    return records.create_record(db, "support_activity", "017", HOUSE)


def panel_of(window):
    editor = editor_of(window, "support_activity")
    editor.refresh()
    panel = editor.evidence
    assert panel is not None and panel.isVisible()
    return editor, panel


def test_attach_list_open_save_and_remove(window, db, house, tmp_path, monkeypatch, viewer, shown):
    editor, panel = panel_of(window)
    assert editor.current_id == house.id and panel.record_id == house.id
    assert panel.attach_button.isEnabled() and not panel.open_button.isEnabled()
    assert "Chưa có tệp" in panel.hint.text()

    scan = tmp_path / "Biên bản bàn giao.pdf"
    scan.write_bytes(a_pdf())
    monkeypatch.setattr(file_choice, "choose_open_file", lambda *_args: str(scan))
    panel.attach_button.click()
    assert [panel.list.item(i).text().split("  ·  ")[0] for i in range(panel.list.count())] == [
        "Biên bản bàn giao.pdf"
    ]
    assert panel.open_button.isEnabled() and panel.hint.isHidden()

    # A text file renamed .pdf is refused with the reason; the list is unchanged.
    fake = tmp_path / "ghi-chu.pdf"
    fake.write_text("không phải PDF", encoding="utf-8")
    errors: list[str] = []
    window.ctx.error.connect(errors.append)
    panel.attach_files([fake])
    assert errors and "tệp văn bản" in errors[-1] and panel.list.count() == 1

    # Dropped from Explorer: a photo.
    photo = tmp_path / "nha.jpg"
    photo.write_bytes(a_photo("JPEG"))
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(photo))])
    drop = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    panel.dropEvent(drop)
    assert panel.list.count() == 2 and panel.current().file_name == "nha.jpg"

    # Enter on the list opens a temporary copy in the system's viewer.
    panel.list.setCurrentRow(0)
    panel.list.setFocus()
    from PySide6.QtTest import QTest

    QTest.keyClick(panel.list, Qt.Key.Key_Return)
    assert len(viewer.opened) == 1 and viewer.opened[0].endswith(".pdf")
    with open(viewer.opened[0], "rb") as handle:
        assert handle.read() == a_pdf()

    # Save a copy to the stick.
    stick = tmp_path / "stick"
    stick.mkdir()
    monkeypatch.setattr(
        file_choice, "choose_save_target", lambda *_a, **_k: save_target.Choice(stick, "bien-ban.pdf")
    )
    panel.save_button.click()
    assert (stick / "bien-ban.pdf").read_bytes() == a_pdf()

    # Delete on the list removes the chosen file after a question.
    panel.list.setCurrentRow(1)
    panel.list.setFocus()
    QTest.keyClick(panel.list, Qt.Key.Key_Delete)
    assert any("nha.jpg" in text for text in shown)
    assert [e.file_name for e in evidence.list_evidence(db, "support_activity", house.id)] == [
        "Biên bản bàn giao.pdf"
    ]
    assert panel.list.count() == 1


def test_a_new_record_and_an_imported_unit_take_no_file(window, db, house):
    editor, panel = panel_of(window)
    editor.add()
    QApplication.processEvents()
    assert panel.record_id is None and not panel.attach_button.isEnabled()
    assert "Lưu bản ghi trước" in panel.hint.text()
    window.context_bar.choose("020", 2022)  # imported, read-only
    editor.refresh()
    assert not panel.attach_button.isEnabled()


def test_the_section_as_a_clerk_sees_it(window, db, house, tmp_path):
    evidence.attach(db, "support_activity", house.id, a_pdf(), file_name="Biên bản bàn giao nhà.pdf")
    evidence.attach(db, "support_activity", house.id, a_photo("JPEG"), file_name="Ảnh nhà mới.jpg")
    window.resize(1016, 568)
    _editor, panel = panel_of(window)
    QApplication.processEvents()
    assert panel.list.count() == 2
    # Every button of the section is inside the window, whole.
    for button in panel.widgets()[1:]:
        corner = button.mapTo(window, button.rect().bottomRight())
        assert 0 < corner.x() <= window.width() and 0 < corner.y() <= window.height(), button.objectName()
    window.grab().save(str(tmp_path / "evidence.png"))
    evidence_panel_shot = tmp_path / "evidence.png"
    assert evidence_panel_shot.stat().st_size > 0
