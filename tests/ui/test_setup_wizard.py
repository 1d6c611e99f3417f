"""Day one, as a new clerk lives it (issue #16): an empty data folder opens the set-up assistant; its
pages lead from the role to the unit, the villages, the people (and the cluster), and Finish writes it
all at once; then the window works on that unit: a first record, a first annual report. Later, File →
Unit & people… opens the same pages pre-filled.

Set EMULATION_SHOTS to a folder to keep a picture of each page (at the assistant's size and at 1024×600).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from helpers import editor_of, field, rows, type_into, type_text

from emulation_desktop.domain import models as m
from emulation_desktop.exchange import keys
from emulation_desktop.operations import setup
from emulation_desktop.operations.places import places_for
from emulation_desktop.operations.setup import Person
from emulation_desktop.storage.database import open_database
from emulation_desktop.ui import app as ui_app
from emulation_desktop.ui import file_choice, save_target, setup_wizard
from emulation_desktop.ui.qt import QApplication, Qt
from emulation_desktop.ui.setup_wizard import (
    CLUSTER,
    DONE,
    PEOPLE,
    PREDECESSORS,
    SUMMARY,
    UNIT,
    VILLAGES,
    SetupWizard,
)

WAIT_MS = 60_000
PASTED = "Thôn Đông\tThôn Đoài\n\nTổ dân phố Bắc\n"  # two cells of a row, a blank line, a third


def shot(wizard, name):
    """A picture of the page for the lead (EMULATION_SHOTS), at the wizard's size and at 1024×600."""
    folder = os.environ.get("EMULATION_SHOTS")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    QApplication.processEvents()
    wizard.grab().save(str(Path(folder) / f"{name}.png"))
    size = wizard.size()
    wizard.resize(1024, 600)
    QApplication.processEvents()
    wizard.grab().save(str(Path(folder) / f"{name}-1024x600.png"))
    wizard.resize(size)
    QApplication.processEvents()


@pytest.fixture
def empty_window(qtbot, data_dir):
    """The window as the app opens it over an empty data folder (no demo)."""
    ui_app.prepare(ui_app.application(), "vi")
    db = open_database(data_dir)
    window = ui_app.open_window(db)
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    yield window
    window.ctx.undo_stack.clear()
    db.close()


def the_wizard(window) -> SetupWizard:
    shown = [w for w in window.findChildren(SetupWizard, "setup_wizard") if w.isVisible()]
    assert len(shown) == 1
    return shown[0]


def pick(finder, text, code):
    type_into(None, finder.search, text)
    rows = [finder.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(finder.list.count())]
    assert code in rows, rows
    finder.list.setCurrentRow(rows.index(code))


def to_unit_page(wizard, role="office", year=2025):
    wizard.role_page.buttons[role].click()
    wizard.next()
    assert wizard.currentId() == UNIT
    wizard.unit_page.year.setValue(year)


def past_old_units(wizard):
    """From 2025 a unit's old units have their page (ui/setup_predecessors.py) before the summary."""
    assert wizard.currentId() == PREDECESSORS
    wizard.next()


def finish(qtbot, wizard):
    assert wizard.currentId() == SUMMARY
    wizard.button(wizard.WizardButton.CommitButton).click()
    qtbot.waitUntil(lambda: wizard.currentId() == DONE, timeout=WAIT_MS)


def test_a_new_office_sets_up_then_records_and_reports(qtbot, empty_window, shown, tmp_path, monkeypatch):
    window = empty_window
    wizard = the_wizard(window)  # opened by itself: the data folder has no unit of its own
    assert wizard.role_page.demo_button is not None and wizard.role_page.demo_button.isVisible()
    assert wizard.role_page.buttons["office"].isChecked()
    shot(wizard, "1-role")
    to_unit_page(wizard)
    finder = wizard.unit_page.finder
    assert finder.province.currentData() == "01" and finder.province.itemData(0) == "01"  # Hà Nội first
    pick(finder, "dong anh", "00454")
    assert "Xã Đông Anh — 00454" in finder.list.currentItem().text()
    shot(wizard, "2-unit")
    wizard.next()
    assert wizard.currentId() == VILLAGES
    wizard.villages_page.text.setFocus()
    wizard.villages_page.text.setPlainText(PASTED)
    assert wizard.villages_page.count.text() == "3 thôn, tổ dân phố"
    shot(wizard, "3-villages")
    wizard.next()
    assert wizard.currentId() == PEOPLE
    people = wizard.people_page
    type_into(None, people.chair, "Nguyễn Văn An")
    type_into(None, people.vices[0].name, "Trần Thị Bình")
    people.vices[0].signs.setChecked(True)
    type_into(None, people.clerk, "Lê Văn Cường")
    assert not people.warning.isVisible()
    shot(wizard, "4-people")
    wizard.next()
    past_old_units(wizard)  # an office has no cluster page
    assert wizard.currentId() == SUMMARY
    summary = wizard.summary_page.text.toPlainText()
    for text in ("Xã Đông Anh (00454)", "2025", "Thôn Đông, Thôn Đoài, Tổ dân phố Bắc", "Trần Thị Bình"):
        assert text in summary
    shot(wizard, "6-summary")
    assert setup.needs_setup(window.ctx.db)  # nothing written before Finish
    finish(qtbot, wizard)
    shot(wizard, "7-done")

    db = window.ctx.db
    # Its old communes are in the file too (as history), so the picker says which years each is for.
    picker = window.context_bar.unit_combo
    assert picker.currentText() == "Xã Đông Anh (từ 2025)"
    assert "Xã Cổ Loa (đến 2024) (nhận về, chỉ xem)" in [picker.itemText(i) for i in range(picker.count())]
    assert window.ctx.unit_code == "00454" and window.ctx.year == 2025
    assert setup.people_of(db, "00454", 2025) == [
        Person("Nguyễn Văn An", "chair", "tm"),
        Person("Trần Thị Bình", "vice_chair", "kt"),
        Person("Lê Văn Cường", "clerk", ""),
    ]
    villages = [p.label for p in places_for(db, "00454", ("village",))]
    assert len(villages) == 3 and any(v.startswith("Tổ dân phố Bắc") for v in villages)
    assert setup.installation_role(db) == "office"

    # The key card for the cluster head, saved safely where the clerk chooses.
    stick = tmp_path / "usb"
    stick.mkdir()
    monkeypatch.setattr(
        file_choice, "choose_save_target", lambda _p, name, _suffix, **_w: save_target.Choice(stick, name)
    )
    assert wizard.done_page.key_button.text() == "Lưu thẻ khóa cho Cụm trưởng…"
    wizard.done_page.key_button.click()
    card = keys.read_card((stick / "the-khoa-00454.json").read_bytes())
    assert card.units == (("00454", "Xã Đông Anh"),)
    assert "Có thể rút USB ra an toàn" in shown[-1]
    wizard.button(wizard.WizardButton.FinishButton).click()
    assert not wizard.isVisible()

    # A first support activity, through the real editor.
    editor = editor_of(window, "support_activity")
    editor.add()
    type_into(qtbot, field(editor, "beneficiary"), "Nguyễn Thị Hoa")
    type_into(qtbot, field(editor, "activity_date"), "15/03/2025")
    type_into(qtbot, field(editor, "value_vnd"), "50.000.000")
    qtbot.keyClick(field(editor, "value_vnd"), Qt.Key.Key_Return)
    saved = rows(db, m.SupportActivity)
    assert [(s.beneficiary, s.value_vnd, s.year) for s in saved] == [("Nguyễn Thị Hoa", 50_000_000, 2025)]

    # The first annual report, from the Documents tab, saved to the stick.
    if shutil.which("pdftotext") is None:
        pytest.skip("Poppler's pdftotext is needed")
    from test_documents_tab import choose, pdf_text, wait_ready

    window.tabs.setCurrentWidget(window.documents)
    tab = window.documents
    wait_ready(qtbot, tab)
    choose(qtbot, tab, "annual")
    monkeypatch.setattr(save_target, "choose_target", lambda _p, name, **_w: save_target.Choice(stick, name))
    tab.save_button.click()
    qtbot.waitUntil(lambda: tab.last_saved is not None, timeout=WAIT_MS)
    wait_ready(qtbot, tab, need_preview=False)
    assert tab.last_saved.path.exists()
    text = " ".join(pdf_text(tab.last_saved.path.read_bytes()).split())
    assert "ỦY BAN MTTQ VIỆT NAM XÃ ĐÔNG ANH" in text  # the issuer, in capitals
    assert "Ban Thường trực Ủy ban MTTQ Việt Nam xã Đông Anh báo cáo" in text


def test_a_cluster_head_sets_up_its_cluster(qtbot, empty_window, shown):
    window = empty_window
    wizard = the_wizard(window)
    to_unit_page(wizard, "cluster_head")
    pick(wizard.unit_page.finder, "dong anh", "00454")
    wizard.next()
    wizard.villages_page.text.setPlainText("Thôn Đông")
    wizard.next()
    type_into(None, wizard.people_page.chair, "Nguyễn Văn An")
    wizard.next()
    assert wizard.currentId() == CLUSTER
    page = wizard.cluster_page
    assert page.member_codes() == ["00454"] and page.head.currentData() == "00454"  # this office heads it
    type_text(page.name, "Cụm thi đua số 3")
    assert page.code.text() == "01-CUM3"
    pick(page.finder, "thu lam", "00475")
    page.add_button.click()
    pick(page.finder, "phuc thinh", "00466")
    page.add_button.click()
    page.deputy.setCurrentIndex(page.deputy.findData("00475"))
    shot(wizard, "5-cluster")
    wizard.next()
    past_old_units(wizard)
    assert "Cụm thi đua số 3 (01-CUM3)" in wizard.summary_page.text.toPlainText()
    finish(qtbot, wizard)
    db = window.ctx.db
    assert setup.installation_role(db) == "cluster_head"
    assert wizard.done_page.key_button.text() == "Lưu thẻ khóa cho Ủy ban MTTQ thành phố…"
    from emulation_desktop.operations.clusters import cluster_members, find_cluster

    with db.session() as session:
        members = {
            u.code: role for u, role in cluster_members(session, find_cluster(session, "01-CUM3"), 2025)
        }
    assert members == {"00454": "head", "00475": "deputy", "00466": "member"}

    # Later, File → Unit & people…: the cluster as it was set up.
    wizard.button(wizard.WizardButton.FinishButton).click()
    window.setup_action.trigger()
    again = the_wizard(window)
    assert again.role_page.buttons["cluster_head"].isChecked()
    for _page in range(4):  # the role, the unit, the villages, the people
        again.next()
    assert again.currentId() == CLUSTER
    page = again.cluster_page
    assert page.name.text() == "Cụm thi đua số 3" and page.code.text() == "01-CUM3"
    assert sorted(page.member_codes()) == ["00454", "00466", "00475"]
    assert page.head.currentData() == "00454" and page.deputy.currentData() == "00475"


def test_a_page_with_a_mistake_says_so_and_stays(qtbot, empty_window):
    wizard = the_wizard(empty_window)
    to_unit_page(wizard)
    wizard.unit_page.finder.search.setText("khong co ten nay")
    assert wizard.unit_page.finder.list.count() == 0
    wizard.next()
    assert wizard.currentId() == UNIT  # refused: no unit chosen
    error = wizard.unit_page.errors["unit_code"]
    assert error.isVisible() and error.text() == "Hãy chọn đơn vị trong danh mục đơn vị hành chính."
    shot(wizard, "2-unit-refused")
    # A test unit: its code starts with T, and it needs a name.
    wizard.unit_page.test_unit.setChecked(True)
    assert wizard.unit_page.test_box.isVisible()
    type_into(None, wizard.unit_page.test_code, "T01")
    wizard.next()
    assert wizard.currentId() == UNIT
    assert wizard.unit_page.errors["unit_name"].isVisible()
    type_into(None, wizard.unit_page.test_name, "Xã Thử Nghiệm")
    wizard.next()
    assert wizard.currentId() == VILLAGES
    assert not wizard.unit_page.errors["unit_code"].isVisible()


def test_unit_and_people_opens_prefilled_and_saves_a_new_chairman(qtbot, empty_window, shown):
    window = empty_window
    db = window.ctx.db
    plan = setup.plan_from_catalogue("00454", 2025, chair="Nguyễn Văn An")
    setup.apply_setup(db, plan.__class__(**{**plan.__dict__, "villages": ("Thôn Đông",)}))
    the_wizard(window).reject()
    window.context_bar.load_units("00454", 2025)
    window.setup_action.trigger()
    wizard = the_wizard(window)
    assert wizard.role_page.demo_button is None  # the demo only goes into an empty file
    wizard.next()
    assert wizard.unit_page.finder.chosen() == "00454" and not wizard.unit_page.year.isEnabled()
    wizard.next()
    assert "Thôn Đông" in wizard.villages_page.text.toPlainText()
    wizard.next()
    assert wizard.people_page.chair.text() == "Nguyễn Văn An"
    type_into(None, wizard.people_page.chair, "Phạm Thị Dung")
    wizard.next()
    past_old_units(wizard)
    finish(qtbot, wizard)
    assert setup.people_of(db, "00454", 2025)[0] == Person("Phạm Thị Dung", "chair", "tm")
    assert setup.signer(db, "00454", 2025).name == "Phạm Thị Dung"


def test_the_demo_is_offered_beside_the_set_up(qtbot, empty_window, shown):
    wizard = the_wizard(empty_window)
    wizard.role_page.demo_button.click()
    assert not wizard.isVisible()
    from emulation_desktop.ui import background

    qtbot.waitUntil(lambda: not background.running(), timeout=120_000)
    assert "Cụm thi đua số 3" in shown[0]
    assert empty_window.context_bar.unit_combo.count() >= 5


def test_a_folder_set_up_already_opens_without_the_assistant(qtbot, db):
    window = ui_app.open_window(db)  # the small tree: Đông Anh is owned here
    qtbot.addWidget(window)
    assert window.findChild(SetupWizard) is None
    assert setup_wizard.offer_at_start(window) is None


def test_villages_from_a_spreadsheet_and_a_name_too_long(qtbot, empty_window, tmp_path, monkeypatch):
    wizard = the_wizard(empty_window)
    to_unit_page(wizard)
    pick(wizard.unit_page.finder, "dong anh", "00454")
    wizard.next()
    listing = tmp_path / "danh-sach-thon.csv"
    listing.write_text("STT,Tên thôn\n1,Thôn Đông\n2,Thôn Đoài\n", encoding="utf-8")
    offered = []

    def choose(_parent, _title, *kinds):
        offered.extend(kinds)
        return str(listing)

    monkeypatch.setattr(file_choice, "choose_open_file", choose)
    wizard.villages_page.text.setPlainText("Thôn Nam")
    wizard.villages_page.from_file.click()
    assert offered == [file_choice.SPREADSHEETS]  # the app's chooser, with its filters
    assert wizard.villages_page.names() == ("Thôn Nam", "Thôn Đông", "Thôn Đoài")
    assert wizard.villages_page.count.text() == "3 thôn, tổ dân phố"
    wizard.villages_page.text.appendPlainText("Thôn " + "x" * 130)
    wizard.next()
    assert wizard.currentId() == VILLAGES  # the message is on this page, under the list
    error = wizard.villages_page.errors["villages"]
    assert error.isVisible() and "120" in error.text()
    shot(wizard, "3-villages-refused")


def test_no_chairman_is_a_note_not_a_refusal(qtbot, empty_window):
    wizard = the_wizard(empty_window)
    to_unit_page(wizard)
    pick(wizard.unit_page.finder, "dong anh", "00454")
    wizard.next()
    wizard.next()
    assert wizard.currentId() == PEOPLE
    assert wizard.people_page.warning.isVisible()
    assert "Chưa có Chủ tịch" in wizard.people_page.warning.text()
    type_into(None, wizard.people_page.chair, "Nguyễn Văn An")
    assert not wizard.people_page.warning.isVisible()
    wizard.people_page.chair.clear()
    wizard.next()
    past_old_units(wizard)
    assert wizard.currentId() == SUMMARY  # allowed, and said again on the summary
    assert "Chưa có Chủ tịch" in wizard.summary_page.warning.text()
    assert setup.needs_setup(empty_window.ctx.db)
    wizard.reject()  # cancelled: nothing was written
    assert setup.needs_setup(empty_window.ctx.db)


def test_before_2025_the_list_has_districts_and_a_district_has_no_villages_page(qtbot, empty_window):
    wizard = the_wizard(empty_window)
    to_unit_page(wizard, year=2024)
    finder = wizard.unit_page.finder
    type_into(None, finder.search, "dong anh")
    codes = [finder.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(finder.list.count())]
    assert codes[0] == "017" and "Huyện Đông Anh — 017" in finder.list.item(0).text()
    assert any("(Huyện Đông Anh)" in finder.list.item(i).text() for i in range(1, len(codes)))
    finder.list.setCurrentRow(0)
    wizard.next()
    assert wizard.currentId() == PEOPLE  # a district has no villages of its own
