"""The year-end review's workload in the core (small tree: cluster T-CUM, Đông Anh 017 ours, Thanh Trì
020 imported, 2022): the score grid saved in one transaction, the cluster's default criteria as a
template (the same table the meeting pack prints), a step that is done only when its work is, and the
question a tally with no votes at all asks."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from emulation_desktop.domain.audit import AuditEntry
from emulation_desktop.domain.models import ClusterScore, Criterion, SelfScore, Unit
from emulation_desktop.errors import InputError, ReadOnlyError, ValidationError
from emulation_desktop.review import board as rb
from emulation_desktop.review import elections, scores
from emulation_desktop.review.criteria import create_criteria_set, load_set, use_default_criteria
from emulation_desktop.review.default_criteria import DEFAULT_CRITERIA, criterion_name
from emulation_desktop.review.score_grid import cell_key, cell_points, read_grid, save_grid

GROUPS = [
    {
        "code": "I",
        "name": "Công tác vận động",
        "criteria": [
            {"code": "1", "name": "Vận động xây sửa nhà đại đoàn kết", "max_points": 40},
            {"code": "2", "name": "Tuyên truyền", "max_points": 60},
        ],
    }
]


def live_scores(db, model):
    """(criterion id, unit code) → tenths of every live score of ``model``."""
    with db.session() as session:
        rows = session.execute(
            select(model.criterion_id, Unit.code, model.points_tenths)
            .join(Unit, Unit.id == model.unit_id)
            .where(model.deleted.is_(False))
        ).all()
    return {(criterion, code): points for criterion, code, points in rows}


@pytest.fixture
def ids(db):
    create_criteria_set(db, "T-CUM", 2022, "Bảng tiêu chí năm 2022", GROUPS)
    with db.session() as session:
        return {c.code: c.id for c in load_set(session, "T-CUM", 2022).criteria}


def test_the_grid_saves_every_cell_in_one_transaction(db, ids):
    scores.set_score(db, "cluster", "017", ids["1"], 30, note="Biên bản bàn giao")
    with db.session() as session:
        grid = read_grid(session, "T-CUM", 2022, "cluster")
    assert [u.code for u in grid.units] == ["017", "020"] and grid.points == {(ids["1"], "017"): 300}
    count = save_grid(
        db,
        "T-CUM",
        2022,
        "cluster",
        {
            (ids["1"], "017"): "35,5",
            (ids["2"], "017"): "50",
            (ids["1"], "020"): "20.5",
            (ids["2"], "020"): "",
        },
        user="clerk",
    )
    assert count == 4
    agreed = live_scores(db, ClusterScore)
    assert agreed == {(ids["1"], "017"): 355, (ids["2"], "017"): 500, (ids["1"], "020"): 205}
    with db.session() as session:
        kept = session.query(ClusterScore).filter_by(criterion_id=ids["1"]).all()
        assert {s.note for s in kept} == {"Biên bản bàn giao", ""}  # the grid changes points only
        assert session.query(AuditEntry).filter_by(action="score").count() == 3  # 1 + one per unit


def test_one_refused_cell_refuses_the_whole_grid(db, ids):
    with pytest.raises(ValidationError) as caught:
        save_grid(db, "T-CUM", 2022, "cluster", {(ids["1"], "017"): "30", (ids["2"], "020"): "61"})
    assert caught.value.errors == {
        cell_key(ids["2"], "020"): "Huyện Thanh Trì, tiêu chí 2: Tiêu chí “Tuyên truyền” tối đa 60 điểm; "
        "61 điểm là vượt mức."
    }
    assert live_scores(db, ClusterScore) == {}
    # The same check as the single score: a bad number, or the maximum.
    with db.session() as session:
        second = session.get(Criterion, ids["2"])
    assert cell_points(second, " ") is None and cell_points(second, "9,5") == 95
    with pytest.raises(InputError, match="không phải là số điểm"):
        cell_points(second, "chín")


def test_self_scores_of_an_imported_unit_are_not_given_in_the_grid(db, ids):
    with db.session() as session:
        grid = read_grid(session, "T-CUM", 2022, "self")
    refusals = {u.code: u.refusal for u in grid.units}
    assert refusals["017"] is None and "tự chấm điểm trên máy của đơn vị" in refusals["020"]
    with pytest.raises(ReadOnlyError):
        save_grid(db, "T-CUM", 2022, "self", {(ids["1"], "017"): "30", (ids["1"], "020"): "30"})
    assert live_scores(db, SelfScore) == {}


def test_the_default_criteria_become_an_editable_set(db):
    use_default_criteria(db, "T-CUM", 2022, user="clerk")
    with db.session() as session:
        view = load_set(session, "T-CUM", 2022)
    assert view.set.title == "Bảng tiêu chí chấm điểm thi đua năm 2022"
    assert [g.name for g in view.groups] == ["Kết quả thực hiện các chỉ tiêu thi đua"]
    assert [(c.code, c.indicator_code, c.max_tenths) for c in view.criteria] == [
        (str(i), item.indicator_code, item.max_points * 10) for i, item in enumerate(DEFAULT_CRITERIA, 1)
    ]
    assert view.criteria[0].name == criterion_name("solidarity_houses") != "solidarity_houses"
    assert view.normal_max == 1000
    with pytest.raises(InputError, match="đã có bảng tiêu chí năm 2022"):
        use_default_criteria(db, "T-CUM", 2022)


def test_a_step_is_done_only_when_its_work_is(db):
    """With no criteria set, nothing after it is done either: no step is without a gap."""
    with db.session() as session:
        steps = {g.step for g in rb.readiness(session, "T-CUM", 2022)}
    assert {"criteria", "agreed_scores", "elections", "proposals"} <= steps
    create_criteria_set(db, "T-CUM", 2022, "Bảng trống", [])
    with db.session() as session:
        gaps = rb.readiness(session, "T-CUM", 2022)
    assert "Chưa thể chấm điểm khi bảng tiêu chí chưa có tiêu chí nào." in [g.message for g in gaps]


def test_a_tally_with_no_votes_asks_first():
    question = elections.tally_warning("15", {})
    assert question == "Tất cả đơn vị đều 0 phiếu, trong khi có 15 phiếu hợp lệ. Vẫn ghi?"
    assert elections.tally_warning(15, {"017": "0", "020": 0}) == question
    assert elections.tally_warning("15", {"017": "3"}) is None
    assert elections.tally_warning("0", {}) is None
    assert elections.tally_warning("mười", {}) is None  # the tally check refuses it with its message
