"""Pledge progress on the Overview (``unit_years.pledge_progress``): each target carries its pledge, a
house target counts both its houses and its money, and pledges keep their targets together."""

from __future__ import annotations

from test_operations import HOUSE

from emulation_desktop.operations import records, unit_years


def pledge(db, title, registered_on):
    return records.create_record(
        db, "pledge", "017", {"year": 2022, "title": title, "registered_on": registered_on}
    )


def target(db, pledge_record, code, **goals):
    return records.create_record(
        db, "pledge_target", "017", {"pledge_id": pledge_record.id, "indicator_code": code, **goals}
    )


def test_a_house_target_counts_houses_and_money(db):
    records.create_record(db, "support_activity", "017", HOUSE)  # one house, 60.000.000 đ
    flag = pledge(db, "Cờ thi đua", "10/01/2022")
    target(db, flag, "solidarity_houses", target_value=4, target_amount_vnd=120_000_000)
    (item,) = unit_years.overview(db, "017", 2022).progress
    assert [(g.unit, g.target, g.achieved) for g in item.goals] == [
        ("count", 4, 1),
        ("amount", 120_000_000, 60_000_000),
    ]
    assert item.ratio == 0.25  # met only as far as its least met goal


def test_each_target_says_which_pledge_it_belongs_to(db):
    later = pledge(db, "Bằng khen của Ủy ban MTTQ Thành phố", "20/02/2022")
    first = pledge(db, "Cờ thi đua", "10/01/2022")
    target(db, later, "solidarity_houses", target_value=3)
    target(db, first, "supervisions", target_value=20)
    target(db, first, "solidarity_houses", target_value=5)
    progress = unit_years.overview(db, "017", 2022).progress
    # Pledge by pledge as registered, each one's targets in the order of the indicator cards.
    assert [(p.pledge_title, p.indicator_code) for p in progress] == [
        ("Cờ thi đua", "solidarity_houses"),
        ("Cờ thi đua", "supervisions"),
        ("Bằng khen của Ủy ban MTTQ Thành phố", "solidarity_houses"),
    ]
    assert {p.pledge_id for p in progress} == {first.id, later.id}
