"""The Overview's pledge targets: on the first screen, each under its pledge's title, and a house
target showing both its houses and its money."""

from __future__ import annotations

from helpers import reload

from emulation_desktop.operations import records
from emulation_desktop.ui.qt import QApplication, QLabel

HOUSE = {  # one new house, 60.000.000 đ
    "year": 2022,
    "kind": "house_new",
    "commune_id": "00454",
    "household_category": "poor",
    "beneficiary": "Nguyễn Văn An",
    "activity_date": "15/03/2022",
    "value_vnd": "60.000.000 đ",
}


def pledge(db, title, registered_on, *targets):
    made = records.create_record(
        db, "pledge", "017", {"year": 2022, "title": title, "registered_on": registered_on}
    )
    for code, goals in targets:
        records.create_record(
            db, "pledge_target", "017", {"pledge_id": made.id, "indicator_code": code, **goals}
        )


def overview(window):
    reload(window)
    window.tabs.setCurrentWidget(window.dashboard)
    QApplication.processEvents()
    return window.dashboard


def test_pledge_targets_are_on_the_first_screen(qtbot, window, db):
    pledge(db, "Cờ thi đua", "10/01/2022", ("supervisions", {"target_value": 20}))
    dashboard = overview(window)
    (bar,) = dashboard.progress_bars
    assert bar.isVisible()
    # Without scrolling, inside the 1366×768 window: above the indicator cards.
    top = bar.mapTo(dashboard.viewport(), bar.rect().bottomLeft()).y()
    assert 0 < top < dashboard.viewport().height()
    assert dashboard.verticalScrollBar().value() == 0
    assert (
        bar.mapToGlobal(bar.rect().topLeft()).y()
        < dashboard.cards["solidarity_houses"]
        .mapToGlobal(dashboard.cards["solidarity_houses"].rect().topLeft())
        .y()
    )


def test_two_pledges_with_the_same_target_are_told_apart(qtbot, window, db):
    records.create_record(db, "support_activity", "017", HOUSE)  # one house, 60.000.000 đ
    pledge(
        db,
        "Cờ thi đua của Ủy ban MTTQ Việt Nam TP Hà Nội",
        "10/01/2022",
        ("solidarity_houses", {"target_value": 4, "target_amount_vnd": 120_000_000}),
    )
    pledge(db, "Bằng khen của Ủy ban Trung ương", "20/02/2022", ("solidarity_houses", {"target_value": 2}))
    dashboard = overview(window)
    titles = [label.text() for label in dashboard.pledges.findChildren(QLabel, "pledge_title")]
    assert titles == ["Cờ thi đua của Ủy ban MTTQ Việt Nam TP Hà Nội", "Bằng khen của Ủy ban Trung ương"]
    first, second = dashboard.progress_bars
    # The count target and the money target, side by side.
    assert first.format() == "1/4 nhà · 60.000.000/120.000.000 đ (25,0%)"
    assert second.format() == "1/2 nhà (50,0%)"
    assert first.value() == 250
    # Each row says which pledge it belongs to, for the mouse and for a screen reader.
    first_label, second_label = dashboard.progress_labels
    assert first_label.text() == second_label.text() == "Nhà đại đoàn kết xây mới, sửa chữa"
    assert "Cờ thi đua của Ủy ban MTTQ Việt Nam TP Hà Nội" in first_label.toolTip()
    assert "Bằng khen của Ủy ban Trung ương" in second.toolTip()
    # The titles sit above their own rows.
    title_rows = [
        dashboard.pledge_layout.getItemPosition(dashboard.pledge_layout.indexOf(w))[0]
        for w in dashboard.pledges.findChildren(QLabel, "pledge_title")
    ]
    bar_rows = [
        dashboard.pledge_layout.getItemPosition(dashboard.pledge_layout.indexOf(b))[0]
        for b in dashboard.progress_bars
    ]
    assert title_rows[0] < bar_rows[0] < title_rows[1] < bar_rows[1]


def test_a_bar_too_narrow_for_every_goal_shows_how_far_the_target_is_met(qtbot):
    """At 1024 px or 150% a houses target's text was cut at both ends inside its bar."""
    from emulation_desktop.ui.dashboard import FittedBar

    bar = FittedBar("27/24 nhà · 1.260.000.000/1.100.000.000 đ (112,5%)", "112,5%")
    qtbot.addWidget(bar)
    bar.resize(600, 24)
    assert bar.text() == "27/24 nhà · 1.260.000.000/1.100.000.000 đ (112,5%)"
    bar.resize(200, 24)
    assert bar.text() == "112,5%"
