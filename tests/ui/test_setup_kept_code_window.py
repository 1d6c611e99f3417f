"""The office of Phường Đội Cấn (02524), whose code the 2025 Phường Bình Thuận kept, goes on to 2025 from
the window (issue #16): File → Unit & people… offers Bình Thuận, its own row, from 2025; Finish renames
the row, its 2024 records stay (the context bar names it Đội Cấn for 2024, Bình Thuận for 2025) and
"last year" of 2025 is Đội Cấn's 2024. As a cluster head, the cluster page of 2025 starts with this office
alone, not with last year's old units. Real widgets, real SQLite files."""

from __future__ import annotations

import pytest
from predecessor_ward import WARD, support
from sqlalchemy import select
from test_setup_wizard import finish, the_wizard

from emulation_desktop.domain.models import Cluster, ClusterMember, Unit
from emulation_desktop.indicators.compute import compute
from emulation_desktop.indicators.scope import unit_scope
from emulation_desktop.operations import records, setup
from emulation_desktop.storage.database import open_database
from emulation_desktop.ui import app as ui_app
from emulation_desktop.ui.setup_wizard import CLUSTER, PEOPLE, PREDECESSORS, SUMMARY, UNIT, VILLAGES

TRANG_DA = "02209"  # Xã Tràng Đà, an old commune of the same town, a member of the cluster in 2024


def window_over(qtbot, db):
    ui_app.prepare(ui_app.application(), "vi")
    window = ui_app.open_window(db)
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def doi_can_db(data_dir):
    db = open_database(data_dir)
    yield db
    db.close()


def figures(db, year):
    with db.session() as session:
        return compute(session, unit_scope(session, WARD), year).as_json()["indicators"]


def to_successor(wizard):
    wizard.next()
    assert wizard.currentId() == UNIT
    page = wizard.unit_page
    assert (page.finder.chosen(), page.year.value(), page.year.isEnabled()) == (WARD, 2024, True)
    assert not page.successor.isVisible()
    page.year.setValue(2025)
    assert page.successor.isVisible() and page.successor.chosen() == WARD
    assert "Phường Bình Thuận — 02524" in page.successor.list.currentItem().text()
    assert "Phường Bình Thuận giữ mã của Phường Đội Cấn" in page.successor.explain.text()
    wizard.next()
    assert wizard.currentId() == VILLAGES and wizard.villages_page.names() == ()


def test_the_old_ward_s_office_goes_on_as_the_unit_that_kept_its_code(qtbot, doi_can_db, shown):
    db = doi_can_db
    setup.apply_setup(db, setup.plan_from_catalogue(WARD, 2024, chair="Lê Văn Cường"))
    records.create_records(db, "support_activity", WARD, [support(2024, "100 triệu")])
    before = figures(db, 2024)
    window = window_over(qtbot, db)
    try:
        assert window.context_bar.unit_combo.currentText() == "Phường Đội Cấn"
        window.setup_action.trigger()
        wizard = the_wizard(window)
        to_successor(wizard)
        wizard.villages_page.text.setPlainText("Tổ dân phố số 1")
        wizard.next()
        assert wizard.currentId() == PEOPLE and wizard.people_page.chair.text() == "Lê Văn Cường"
        wizard.next()
        assert wizard.currentId() == PREDECESSORS
        wizard.next()
        assert "Phường Bình Thuận (02524)" in wizard.summary_page.text.toPlainText()
        finish(qtbot, wizard)

        assert (window.ctx.unit.code, window.ctx.year) == (WARD, 2025)
        with db.session() as session:
            unit = session.scalar(select(Unit).where(Unit.code == WARD))
            assert (unit.name, unit.valid_from, unit.is_local) == ("Phường Bình Thuận", 2025, True)
        assert window.context_bar.unit_combo.currentText().startswith("Phường Bình Thuận")
        window.context_bar.choose(WARD, 2024)
        assert window.context_bar.unit_combo.currentText() == "Phường Đội Cấn"
        assert figures(db, 2024) == before
        last_year = {code: r["previous"] for code, r in figures(db, 2025).items()}
        assert last_year["solidarity_houses"] == {
            k: v for k, v in before["solidarity_houses"].items() if k != "previous"
        }
    finally:
        window.ctx.undo_stack.clear()


def test_the_cluster_page_of_2025_starts_without_last_year_s_old_units(qtbot, doi_can_db, shown):
    db = doi_can_db
    plan = setup.plan_from_catalogue(WARD, 2024, role="cluster-head")
    setup.apply_setup(
        db,
        plan.__class__(
            **{
                **plan.__dict__,
                "cluster_code": "08-CUM1",
                "cluster_name": "Cụm thi đua số 1",
                "cluster_members": (WARD, TRANG_DA),
                "deputy_code": TRANG_DA,
            }
        ),
    )
    window = window_over(qtbot, db)
    try:
        window.context_bar.choose(WARD, 2024)
        window.setup_action.trigger()
        wizard = the_wizard(window)
        assert wizard.role() == "cluster_head"
        to_successor(wizard)
        wizard.next()
        assert wizard.currentId() == PEOPLE
        wizard.next()
        assert wizard.currentId() == CLUSTER
        page = wizard.cluster_page
        assert page.member_codes() == [WARD] and page.head.currentData() == WARD
        assert page.deputy.currentData() == ""
        note = page.reform_note.text()
        assert page.reform_note.isVisible() and "Xã Tràng Đà" in note and "2024" in note
        assert page.name.text() == "Cụm thi đua số 1"
        wizard.back()
        wizard.back()
        wizard.back()
        assert wizard.currentId() == UNIT
        wizard.unit_page.year.setValue(2024)  # back to the old year: last year's members again
        wizard.next()
        wizard.next()
        wizard.next()
        assert wizard.currentId() == CLUSTER
        assert sorted(page.member_codes()) == [TRANG_DA, WARD] and not page.reform_note.isVisible()
        wizard.back()
        wizard.back()
        wizard.back()
        wizard.unit_page.year.setValue(2025)
        wizard.next()
        wizard.next()
        wizard.next()
        assert wizard.currentId() == CLUSTER and page.member_codes() == [WARD]
        wizard.next()
        assert wizard.currentId() == PREDECESSORS  # the page accepted the 2025 members
        wizard.next()
        assert wizard.currentId() == SUMMARY
        finish(qtbot, wizard)
        with db.session() as session:
            cluster = session.scalar(select(Cluster).where(Cluster.code == "08-CUM1"))
            rows = session.execute(
                select(Unit.code, ClusterMember.year, ClusterMember.role)
                .join(ClusterMember, ClusterMember.unit_id == Unit.id)
                .where(ClusterMember.cluster_id == cluster.id, ~ClusterMember.deleted)
            ).all()
        assert sorted(rows) == [(TRANG_DA, 2024, "deputy"), (WARD, 2024, "head"), (WARD, 2025, "head")]
    finally:
        window.ctx.undo_stack.clear()
