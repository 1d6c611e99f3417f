"""Every figure comes from indicators.compute; checked here on hand-made records of a small tree."""

from emulation_desktop.domain.indicators import INDICATORS
from emulation_desktop.indicators.compute import compute
from emulation_desktop.indicators.scope import unit_scope
from emulation_desktop.operations import records, structure
from emulation_desktop.operations.clusters import cluster_scope


def support(kind, value, year=2022, commune="00454"):
    return {
        "year": year,
        "kind": kind,
        "commune_id": commune,
        "household_category": "poor",
        "value_vnd": value,
    }


def figures(db, year=2022, cluster=None, unit="017"):
    with db.session() as session:
        scope = cluster_scope(session, cluster, year) if cluster else unit_scope(session, unit)
        return compute(session, scope, year)


def test_empty_year_gives_zeros_and_place_totals(db):
    report = figures(db)
    assert set(report.results) == {d.code for d in INDICATORS}
    assert report["solidarity_houses"].current.value == 0
    assert report["delegate_conferences_villages"].current.total == 3
    assert report["delegate_conferences_communes"].current.total == 2
    assert report["cremations"].previous is None


def test_support_and_funds(db):
    records.create_records(
        db,
        "support_activity",
        "017",
        [
            support("house_new", "60 triệu"),
            support("house_repair", "30.000.000"),
            support("student", "5.000.000"),
            support("health", "2.000.000", commune="00457"),
            support("house_new", "50 triệu", year=2021),
        ],
    )
    deleted = records.create_record(db, "support_activity", "017", support("house_new", "999 triệu"))
    records.delete_record(db, "support_activity", deleted.id)
    records.create_records(
        db,
        "donation",
        "017",
        [
            {"year": 2022, "fund_code": "sea_islands", "amount_vnd": "2,28 tỷ"},
            {"year": 2022, "fund_code": "for_the_poor", "amount_vnd": "100 triệu"},
        ],
    )
    report = figures(db)
    houses = report["solidarity_houses"]
    assert (houses.current.value, houses.current.amount_vnd) == (
        2,
        90_000_000,
    )  # the deleted one is not counted
    assert (houses.previous.value, houses.previous.amount_vnd) == (1, 50_000_000)
    assert report["other_support"].current.amount_vnd == 7_000_000
    assert report["fund_sea_islands"].current.amount_vnd == 2_280_000_000
    assert report["fund_for_the_poor"].current.amount_vnd == 100_000_000


def test_conferences_ratios_and_supervision(db):
    for place, direct, forms in (("00454-01", 10, 2), ("00454-02", 5, 1), ("00454", 20, 3)):
        records.create_record(
            db,
            "delegate_conference",
            "017",
            {"year": 2022, "place_id": place, "opinions_direct": direct, "opinions_forms": forms},
        )
    records.create_records(
        db,
        "funeral_tally",
        "017",
        [
            {"year": 2022, "commune_id": "00454", "deaths": 60, "cremations": 51},
            {"year": 2022, "commune_id": "00457", "deaths": 40, "cremations": 34},
            {"year": 2021, "commune_id": "00454", "deaths": 100, "cremations": 80},
        ],
    )
    records.create_records(
        db,
        "mediation_tally",
        "017",
        [{"year": 2022, "commune_id": "00454", "cases_total": 25, "cases_resolved": 21}],
    )
    for mode in ("led", "joint", "joint"):
        records.create_record(
            db,
            "supervision",
            "017",
            {"year": 2022, "mode": mode, "kind": "supervision", "field": "land", "subject": "Đất đai"},
        )
    report = figures(db)
    villages, communes = (
        report["delegate_conferences_villages"].current,
        report["delegate_conferences_communes"].current,
    )
    assert (villages.value, villages.total) == (2, 3)
    assert (communes.value, communes.total) == (1, 2)
    assert report["opinions_direct"].current.value == 35
    assert report["opinions_forms"].current.value == 6
    cremations = report["cremations"]
    assert (cremations.current.value, cremations.current.total) == (85, 100)
    assert round(cremations.rate_change_points(), 1) == 5.0
    assert (report["mediations"].current.value, report["mediations"].current.total) == (21, 25)
    assert report["supervisions"].current.value == 3
    assert report["supervisions_joint"].current.value == 2


def test_cluster_scope_sums_its_members_for_the_year(db):
    records.create_records(db, "support_activity", "017", [support("house_new", "60 triệu")])
    structure.set_local(db, ["020"])
    records.create_records(db, "support_activity", "020", [support("house_new", "40 triệu", commune="00640")])
    report = figures(db, cluster="T-CUM")
    assert report.scope.kind == "cluster" and len(report.scope.unit_ids) == 2
    assert report["solidarity_houses"].current.amount_vnd == 100_000_000
    assert report["delegate_conferences_communes"].current.total == 3
    as_json = report.as_json()
    assert as_json["indicators"]["solidarity_houses"] == {
        "value": 2,
        "total": None,
        "amount_vnd": 100_000_000,
        "previous": None,
    }
