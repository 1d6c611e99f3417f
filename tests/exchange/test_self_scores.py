"""Self-scores travel in the unit's package and land on the receiver's criterion of the same code."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from emulation_desktop.domain import models as m
from emulation_desktop.exchange import keys
from emulation_desktop.exchange.export_package import build_package
from emulation_desktop.exchange.import_package import import_package
from emulation_desktop.exchange.package_format import PackageRejected
from emulation_desktop.operations import structure
from emulation_desktop.review import scores
from emulation_desktop.review.criteria import create_criteria_set

from .conftest import YEAR, make_installation

GROUPS = [
    {
        "code": "I",
        "name": "Công tác vận động",
        "criteria": [
            {"code": "1", "name": "Nhà đại đoàn kết", "max_points": 10},
            {"code": "2", "name": "Quỹ Vì người nghèo", "max_points": 5},
        ],
    }
]


def _cluster(db, *, criteria=True, role="head"):
    structure.add_cluster(db, "T-CUM", "Cụm thử", "01")
    structure.set_cluster_member(db, "T-CUM", "017", YEAR, role)
    if criteria:
        create_criteria_set(db, "T-CUM", YEAR, "Bảng tiêu chí 2022", GROUPS)


def _criterion_ids(db):
    with db.session() as session:
        return dict(session.execute(select(m.Criterion.code, m.Criterion.id)).all())


def test_self_scores_travel_and_update(tmp_path):
    district = make_installation(tmp_path / "district", ["017"])
    _cluster(district)
    ids = _criterion_ids(district)
    scores.set_scores(
        district,
        "self",
        "017",
        [
            {"criterion_id": ids["1"], "points": "9,5", "justification": "Vượt chỉ tiêu"},
            {"criterion_id": ids["2"], "points": 5},
        ],
    )
    card = keys.read_card(keys.card_bytes(keys.key_card(district)))
    hub = make_installation(tmp_path / "hub", [])
    _cluster(hub)
    keys.trust_card(hub, card)

    plan = import_package(hub, build_package(district, "017", YEAR).data)
    assert plan.new["self_score"] == 2 and not plan.rejected
    hub_ids = _criterion_ids(hub)
    with hub.session() as session:
        got = {
            row.criterion_id: (row.points_tenths, row.justification)
            for row in session.scalars(select(m.SelfScore))
        }
    assert got == {hub_ids["1"]: (95, "Vượt chỉ tiêu"), hub_ids["2"]: (50, "")}

    scores.set_scores(district, "self", "017", [{"criterion_id": ids["1"], "points": 8}])
    plan = import_package(hub, build_package(district, "017", YEAR).data)
    assert plan.updated["self_score"] == 1 and plan.unchanged["self_score"] == 1
    with hub.session() as session:
        assert (
            session.scalar(select(m.SelfScore.points_tenths).where(m.SelfScore.criterion_id == hub_ids["1"]))
            == 80
        )
    district.close()
    hub.close()


def test_scores_for_missing_criteria_are_rejected_with_the_reason(tmp_path):
    # 017 is a plain member here, so its package brings no criteria set (a head's would, see
    # test_criteria_travel) and the receiver has no criterion for its score.
    district = make_installation(tmp_path / "district", ["017"])
    _cluster(district, role="member")
    ids = _criterion_ids(district)
    scores.set_scores(district, "self", "017", [{"criterion_id": ids["2"], "points": 4}])
    card = keys.read_card(keys.card_bytes(keys.key_card(district)))
    package = build_package(district, "017", YEAR).data
    district.close()

    bare = make_installation(tmp_path / "bare", [])
    _cluster(bare, criteria=False)
    keys.trust_card(bare, card)
    plan = import_package(bare, package, dry_run=True)
    assert [(r.kind, "“2”" in r.reason) for r in plan.rejected] == [("self_score", True)]
    assert any(line.startswith("Bị từ chối (Điểm tự chấm") for line in plan.summary_lines())
    with pytest.raises(PackageRejected):
        import_package(bare, package)
    bare.close()
