"""Review operations on the small tree (cluster T-CUM: Đông Anh 017 ours, Thanh Trì 020 imported)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from emulation_desktop.domain.models import Ballot, ClusterScore, Election, SelfScore
from emulation_desktop.errors import InputError, ReadOnlyError, ValidationError
from emulation_desktop.review import board as rb
from emulation_desktop.review import elections, scores
from emulation_desktop.review import summary as rs
from emulation_desktop.review.criteria import create_criteria_set, load_set, update_criterion
from emulation_desktop.review.points import show, to_tenths

GROUPS = [
    {
        "code": "I",
        "name": "An sinh xã hội",
        "criteria": [
            {
                "code": "1",
                "name": "Vận động xây sửa nhà đại đoàn kết",
                "max_points": 10,
                "indicator_code": "solidarity_houses",
                "target_value": 4,
                "target_text": "đạt 100% chỉ tiêu",
            },
            {"code": "2", "name": "Tuyên truyền", "max_points": "90"},
        ],
    },
    {
        "code": "II",
        "name": "Điểm thưởng, điểm trừ",
        "criteria": [
            {"code": "3", "name": "Mô hình mới", "kind": "bonus", "max_points": 5},
            {"code": "4", "name": "Chậm báo cáo", "kind": "penalty", "max_points": 5},
        ],
    },
]


@pytest.fixture
def criteria(db):
    create_criteria_set(db, "T-CUM", 2022, "Bảng tiêu chí 2022", GROUPS)
    with db.session() as session:
        view = load_set(session, "T-CUM", 2022)
    return {c.code: c for c in view.criteria}


def test_points_read_as_the_clerk_types_them():
    assert to_tenths("9,5") == 95 and to_tenths(10) == 100 and to_tenths("0.5") == 5
    assert show(95) == "9,5" and show(100) == "10"
    for bad in ("-1", "9,55", "abc", None, True):
        with pytest.raises(InputError):
            to_tenths(bad)


def test_criteria_set_adds_up_and_refuses_bad_criteria(db, criteria):
    with db.session() as session:
        view = load_set(session, "T-CUM", 2022)
    assert [c.code for c in view.criteria] == ["1", "2", "3", "4"]
    assert (view.normal_max, view.bonus_max) == (1000, 50)
    with pytest.raises(InputError, match="đã có bảng tiêu chí"):
        create_criteria_set(db, "T-CUM", 2022, "Lần hai", GROUPS)
    bad = [
        {"name": "Nhóm", "criteria": [{"name": "", "kind": "extra", "max_points": 0, "indicator_code": "x"}]}
    ]
    with pytest.raises(ValidationError) as caught:
        create_criteria_set(db, "T-CUM", 2021, "Bảng 2021", bad)
    assert set(caught.value.errors) == {"name", "kind", "max_points", "indicator_code"}


def test_scores_are_checked_against_the_maximum_and_ownership(db, criteria):
    scores.set_score(db, "self", "017", criteria["2"].id, "85,5", justification="Đủ", evidence="Báo cáo quý")
    with pytest.raises(ValidationError, match="tối đa 90 điểm"):
        scores.set_score(db, "self", "017", criteria["2"].id, 91)
    # Thanh Trì is imported here: its self-scores come in its package, but the cluster scores it.
    with pytest.raises(ReadOnlyError, match="tự chấm điểm trên máy của đơn vị"):
        scores.set_score(db, "self", "020", criteria["2"].id, 80)
    scores.set_score(db, "cluster", "020", criteria["2"].id, 80)
    with db.session() as session:
        own = session.scalars(select(SelfScore)).one()
        assert (own.points_tenths, own.justification) == (855, "Đủ")
        assert scores.evidence_labels(own.evidence) == ["Báo cáo quý"]
        assert session.scalar(select(func.count()).select_from(ClusterScore)) == 1
    with pytest.raises(InputError, match="cao hơn mức điểm tối đa"):
        update_criterion(db, criteria["2"].id, {"max_points": 80})


def test_a_linked_criterion_proposes_its_score(db, criteria):
    with db.session() as session:
        proposal = scores.propose(session, "017", criteria["1"], 2022)
        assert scores.propose(session, "017", criteria["2"], 2022) is None
    assert proposal is not None and proposal.points_tenths == 0  # no houses recorded in the small tree
    assert "4" in proposal.target and "10" not in proposal.explanation.split(":")[0]


def test_equal_totals_share_a_rank_and_are_listed_as_tied(db, criteria):
    for unit in ("017", "020"):
        scores.set_scores(
            db,
            "cluster",
            unit,
            [
                {"criterion_id": criteria["1"].id, "points": 10},
                {"criterion_id": criteria["2"].id, "points": 80 if unit == "017" else 81},
                {"criterion_id": criteria["3"].id, "points": 2 if unit == "017" else 0},
                {"criterion_id": criteria["4"].id, "points": 0 if unit == "017" else 1},
            ],
        )
    with db.session() as session:
        current = rb.board(session, "T-CUM", 2022)
        data = rs.summary(session, "T-CUM", 2022)
    assert [(r.code, r.agreed_total, r.rank, r.tied) for r in current.rows] == [
        ("017", 920, 1, False),
        ("020", 900, 2, False),
    ]
    assert "(đồng hạng)" not in rs.render_table(data)
    # 017: 10 + 80 + 2 bonus = 92; 020: 10 + 81 − 1 penalty = 90. Now make them equal.
    scores.set_score(db, "cluster", "020", criteria["3"].id, 2)
    with db.session() as session:
        current = rb.board(session, "T-CUM", 2022)
        data = rs.summary(session, "T-CUM", 2022)
        table = rs.render_table(data)
    assert [(r.code, r.agreed_total, r.rank, r.tied) for r in current.rows] == [
        ("017", 920, 1, True),
        ("020", 920, 1, True),
    ]
    assert [(x["rank"], x["tied"]) for x in data["ranking"]] == [(1, True), (1, True)]
    assert "đồng hạng" in data["tie_rule"] and "(đồng hạng)" in table and data["tie_rule"] in table


def tally(db, kind="head", **changes):
    values = {"issued": 10, "returned": 9, "valid": 8, "invalid": 1, "votes": {"017": 6, "020": 2}}
    values.update(changes)
    return elections.record_tally(db, "T-CUM", 2022, kind, **values)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"returned": 11, "valid": 10}, "Thu về 11 phiếu nhưng chỉ phát ra 10 phiếu."),
        ({"invalid": 2}, "Số phiếu hợp lệ và không hợp lệ (8 + 2) phải bằng số phiếu thu về (9)."),
        ({"votes": {"017": 9}}, "Huyện Đông Anh được 9 phiếu, nhiều hơn 8 phiếu hợp lệ."),
        (
            {"votes": {"017": 6, "020": 3}},
            "Tổng số phiếu bầu là 9, nhưng 8 phiếu hợp lệ, mỗi phiếu chọn tối đa 1 đơn vị, chỉ cho phép tối đa 8.",
        ),
        ({"votes": {"016": 1}}, "“016” không phải là thành viên của Cụm trong năm nay."),
        ({"issued": "mười"}, "Số phiếu phát ra: hãy nhập số nguyên."),
        ({"valid": -1}, "Số phiếu hợp lệ: số phải từ 0 đến 100.000."),
    ],
)
def test_a_tally_that_does_not_add_up_is_refused_with_its_message(db, changes, message):
    with pytest.raises(ValidationError) as caught:
        tally(db, **changes)
    assert message in caught.value.message
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Election)) == 0
        assert session.scalar(select(func.count()).select_from(Ballot)) == 0


def test_results_need_more_than_half_and_no_tie(db):
    tally(db, "head")
    tally(db, "deputy", votes={"017": 4, "020": 4})
    tally(db, "leading_unit", votes={"017": 4, "020": 3})
    with db.session() as session:
        found = {r.kind: r for r in elections.results(session, "T-CUM", 2022)}
    assert found["head"].status == "elected" and found["head"].winner.code == "017"
    assert found["deputy"].status == "tie" and found["deputy"].winner is None
    assert found["leading_unit"].status == "no_majority"
    with pytest.raises(InputError, match="bỏ phiếu lại"):
        elections.apply_roles(db, "T-CUM", 2022)


def test_next_years_roles_are_set_from_the_elections(db):
    tally(db, "head", votes={"020": 7, "017": 1})
    tally(db, "deputy", votes={"020": 5})
    with pytest.raises(InputError, match="vừa là Cụm trưởng vừa là Cụm phó"):
        elections.apply_roles(db, "T-CUM", 2022)
    tally(db, "deputy", votes={"017": 5, "020": 3})  # a correction replaces the earlier count
    assert elections.apply_roles(db, "T-CUM", 2022) == {"head": "020", "deputy": "017"}
    with db.session() as session:
        roles = elections.next_year_roles(session, "T-CUM", 2022)
        assert session.scalar(select(func.count()).select_from(Election)) == 2
    assert roles["head"]["unit_code"] == "020" and roles["deputy"]["unit_code"] == "017"


def test_readiness_lists_what_is_missing(db, criteria):
    with db.session() as session:
        # No set: the criteria are missing, and so is every later step (none of it is done).
        assert [g.step for g in rb.readiness(session, "T-CUM", 2021)] == [
            "criteria",
            "agreed_scores",
            "packages",
            "elections",
            "elections",
            "elections",
            "proposals",  # (the small tree has its 2022 cluster head and deputy: roles are set)
            "meeting",  # nobody has set the review meeting up
        ]
    scores.set_score(db, "self", "017", criteria["1"].id, 5)
    scores.set_score(db, "cluster", "017", criteria["1"].id, 5)
    with db.session() as session:
        gaps = rb.readiness(session, "T-CUM", 2022)
    messages = [g.message for g in gaps]
    assert "Huyện Thanh Trì chưa gửi gói dữ liệu năm." in messages
    assert "Huyện Thanh Trì chưa tự chấm điểm." in messages
    assert "Huyện Đông Anh chưa tự chấm các tiêu chí: 2." in messages
    assert "Huyện Đông Anh: Cụm chưa chấm các tiêu chí: 2." in messages
    assert {"elections", "roles", "proposals"} <= {g.step for g in gaps}
    rb.propose_commendation(db, "T-CUM", 2022, "017", "Cờ thi đua", "Dẫn đầu")
    with pytest.raises(ValidationError, match="hình thức khen thưởng"):
        rb.propose_commendation(db, "T-CUM", 2022, "017", " ")
    with db.session() as session:
        assert "proposals" not in {g.step for g in rb.readiness(session, "T-CUM", 2022)}
        assert [p.title for p in rb.commendations(session, "T-CUM", 2022)] == ["Cờ thi đua"]


def test_criterion_numbers_are_unique_in_a_set(db, criteria):
    """Self-scores travel between installations by cluster and criterion number."""
    from emulation_desktop.review.criteria import add_criterion

    with pytest.raises(ValidationError, match="Hai tiêu chí không thể cùng số “2”"):
        add_criterion(db, criteria["1"].set_id, None, {"code": "2", "name": "Trùng số", "max_points": 1})
    with pytest.raises(ValidationError, match="cùng số “1”"):
        update_criterion(db, criteria["2"].id, {"code": "1"})
    new_id = add_criterion(db, criteria["1"].set_id, None, {"name": "Không ghi số", "max_points": 1})
    with db.session() as session:
        assert [c.code for c in load_set(session, "T-CUM", 2022).criteria if c.id == new_id] == ["5"]
