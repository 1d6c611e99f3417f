"""The office of an old commune sets up its new ward from the window (issue #16): a data folder set up
for Xã Thái Long in 2024, with its records, opens File → Unit & people…; from 2025 the unit page offers
the ward the official mapping formed from it (Phường Bình Thuận), preselected, and says what happens;
Finish makes the ward this office's unit in one set-up, the old commune stays as history with its 2024
records untouched, and the ward's "last year" is them.

Set EMULATION_SHOTS to a folder to keep a picture of the unit page (1016×568)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from predecessor_ward import THAI_LONG, WARD, support
from sqlalchemy import select
from test_setup_wizard import finish, the_wizard

from emulation_desktop.domain.models import Unit
from emulation_desktop.indicators.compute import FormerUnit, compute
from emulation_desktop.indicators.scope import unit_scope
from emulation_desktop.operations import predecessors, records, setup
from emulation_desktop.operations.places import places_for
from emulation_desktop.operations.setup import Person
from emulation_desktop.storage.database import open_database
from emulation_desktop.ui import app as ui_app
from emulation_desktop.ui.qt import QApplication
from emulation_desktop.ui.setup_wizard import PEOPLE, PREDECESSORS, SUMMARY, UNIT, VILLAGES


@pytest.fixture
def old_commune_window(qtbot, data_dir):
    """The window over a data folder set up for Xã Thái Long in 2024, with a village and two records."""
    db = open_database(data_dir)
    plan = setup.plan_from_catalogue(THAI_LONG, 2024, chair="Lê Văn Cường")
    setup.apply_setup(db, plan.__class__(**{**plan.__dict__, "villages": ("Thôn Đông",)}))
    records.create_records(
        db, "support_activity", THAI_LONG, [support(2024, "60 triệu"), support(2024, "5.000.000", "health")]
    )
    ui_app.prepare(ui_app.application(), "vi")
    window = ui_app.open_window(db)
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    yield window
    window.ctx.undo_stack.clear()
    db.close()


def figures(db, code, year):
    with db.session() as session:
        return compute(session, unit_scope(session, code), year).as_json()["indicators"]


def shot(wizard, name):
    folder = os.environ.get("EMULATION_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        wizard.resize(1016, 568)
        QApplication.processEvents()
        wizard.grab().save(str(Path(folder) / f"{name}.png"))


def test_the_old_commune_s_office_sets_up_its_ward_from_the_window(qtbot, old_commune_window, shown):
    window = old_commune_window
    db = window.ctx.db
    assert (window.ctx.unit.code, window.ctx.year) == (THAI_LONG, 2024)
    before = figures(db, THAI_LONG, 2024)
    assert before["solidarity_houses"]["amount_vnd"] == 60_000_000
    window.setup_action.trigger()
    wizard = the_wizard(window)
    wizard.next()
    assert wizard.currentId() == UNIT
    page = wizard.unit_page
    # 2024: the old commune, as set up; the year may go on to 2025.
    assert page.finder.chosen() == THAI_LONG and page.year.isEnabled() and not page.successor.isVisible()
    page.year.setValue(2025)
    assert page.successor.isVisible() and not page.finder.isVisible()
    assert page.successor.heading.text() == "Đơn vị mới sau sắp xếp"
    assert page.successor.chosen() == WARD  # the mapping's only successor of Thái Long, preselected
    assert "Phường Bình Thuận — 02524" in page.successor.list.currentItem().text()
    explained = page.successor.explain.text()
    assert "Xã Thái Long" in explained and "lịch sử" in explained
    assert "tổng số liệu của các đơn vị cũ" in explained
    shot(wizard, "setup-old-commune-to-ward")
    page.year.setValue(2024)  # back: the old commune again, then on to its ward
    assert page.finder.chosen() == THAI_LONG and not page.successor.isVisible()
    page.year.setValue(2025)
    wizard.next()
    assert wizard.currentId() == VILLAGES
    assert wizard.villages_page.names() == ()  # the old commune's villages stay its own
    wizard.villages_page.text.setPlainText("Tổ dân phố số 1")
    wizard.next()
    assert wizard.currentId() == PEOPLE
    assert wizard.people_page.chair.text() == "Lê Văn Cường"  # last year's people, to edit
    wizard.people_page.chair.setText("Nguyễn Văn An")
    wizard.next()
    assert wizard.currentId() == PREDECESSORS
    wizard.next()
    assert wizard.currentId() == SUMMARY
    summary = wizard.summary_page.text.toPlainText()
    assert "Phường Bình Thuận (02524)" in summary and "Năm: 2025" in summary
    assert "Xã Thái Long vẫn được giữ trong thư mục dữ liệu này" in summary
    with db.session() as session:  # nothing written before Finish
        assert session.scalar(select(Unit.id).where(Unit.code == WARD)) is None
    finish(qtbot, wizard)

    assert (window.ctx.unit.code, window.ctx.year) == (WARD, 2025)
    with db.session() as session:
        owned = {
            u.code: u.valid_until
            for u in session.scalars(select(Unit).where(Unit.is_local, Unit.level_code != "village"))
        }
    assert owned == {THAI_LONG: 2024, WARD: None}
    assert figures(db, THAI_LONG, 2024) == before  # the old commune's year, untouched
    assert [p.label for p in places_for(db, THAI_LONG, ("village",))] == ["Thôn Đông (Xã Thái Long)"]
    assert [p.label for p in places_for(db, WARD, ("village",))] == ["Tổ dân phố số 1 (Phường Bình Thuận)"]
    assert setup.people_of(db, WARD, 2025) == [Person("Nguyễn Văn An", "chair", "tm")]
    assert setup.people_of(db, THAI_LONG, 2024) == [Person("Lê Văn Cường", "chair", "tm")]
    with db.session() as session:
        ward = compute(session, unit_scope(session, WARD), 2025)
    assert FormerUnit(THAI_LONG, "Xã Thái Long") in ward.previous_from
    assert {p.code for p in predecessors.predecessors_of(db, WARD)} == {THAI_LONG, WARD}
    last_year = {code: r["previous"] for code, r in ward.as_json()["indicators"].items()}
    known = {code: value for code, value in last_year.items() if value is not None}
    assert {"solidarity_houses", "other_support"} <= known.keys()
    for code, value in known.items():  # each figure of last year is the old commune's of 2024
        assert value == {k: v for k, v in before[code].items() if k != "previous"}, code
    assert last_year["solidarity_houses"]["amount_vnd"] == 60_000_000
    assert last_year["other_support"]["amount_vnd"] == 5_000_000


def test_a_folder_of_a_unit_of_the_2025_list_keeps_its_unit_locked(qtbot, old_commune_window, shown):
    window = old_commune_window
    db = window.ctx.db
    setup.apply_setup(db, setup.plan_from_catalogue(WARD, 2025))
    window.context_bar.load_units(WARD, 2025)
    window.setup_action.trigger()
    wizard = the_wizard(window)
    wizard.next()
    page = wizard.unit_page
    assert page.finder.chosen() == WARD and not page.year.isEnabled() and not page.successor.isVisible()


def test_a_split_commune_s_office_chooses_its_new_unit(qtbot, data_dir, shown):
    uy_no, thu_lam = "00478", "00475"  # Xã Uy Nỗ went in part to Xã Đông Anh and to Xã Thư Lâm
    db = open_database(data_dir)
    setup.apply_setup(db, setup.plan_from_catalogue(uy_no, 2024))
    ui_app.prepare(ui_app.application(), "vi")
    window = ui_app.open_window(db)
    qtbot.addWidget(window)
    try:
        window.setup_action.trigger()
        wizard = the_wizard(window)
        wizard.next()
        page = wizard.unit_page
        page.year.setValue(2025)
        rows = [page.successor.list.item(i).text() for i in range(page.successor.list.count())]
        assert rows == ["Xã Đông Anh — 00454", "Xã Thư Lâm — 00475"]
        assert page.successor.chosen() == ""  # split: no guess
        assert "Xã Uy Nỗ được chia cho các đơn vị này" in page.successor.split_note.text()
        wizard.next()
        assert wizard.currentId() == UNIT
        assert page.successor_error.text() == "Hãy chọn đơn vị mới mà cơ quan mình nay phục vụ."
        page.successor.list.setCurrentRow(1)
        assert not page.successor_error.isVisible()
        wizard.next()
        assert wizard.currentId() == VILLAGES and wizard.plan().unit_code == thu_lam
    finally:
        window.ctx.undo_stack.clear()
        db.close()
