"""Preparing and editing the cluster's criteria set (small tree: cluster T-CUM, Đông Anh 017 ours and
cluster head, Thanh Trì 020 imported; 2021 and 2022)."""

from __future__ import annotations

import pytest
from small_tree import note_received
from sqlalchemy import func, select

from emulation_desktop.domain.base import new_id
from emulation_desktop.domain.models import AuditEntry, Criterion, CriterionGroup
from emulation_desktop.errors import ConflictError, InputError, NotFoundError, ReadOnlyError, ValidationError
from emulation_desktop.operations import structure
from emulation_desktop.review import criteria as rc
from emulation_desktop.review import scores

GROUPS = [
    {
        "code": "I",
        "name": "Công tác vận động",
        "criteria": [
            {
                "code": "1",
                "name": "Vận động xây sửa nhà đại đoàn kết",
                "max_points": 10,
                "indicator_code": "solidarity_houses",
                "target_value": 5,
                "target_text": "đạt 100% chỉ tiêu",
            },
            {"code": "2", "name": "Tuyên truyền", "max_points": "40"},
            {
                "code": "3",
                "name": "Hòa giải",
                "max_points": 20,
                "indicator_code": "mediations",
                "target_value": 800,
            },
        ],
    },
    {
        "code": "II",
        "name": "Điểm thưởng, điểm trừ",
        "criteria": [
            {"code": "4", "name": "Mô hình mới", "kind": "bonus", "max_points": "2,5"},
            {"code": "5", "name": "Chậm báo cáo", "kind": "penalty", "max_points": 5},
        ],
    },
]


def view(db, year=2022):
    with db.session() as session:
        return rc.load_set(session, "T-CUM", year)


def audits(db, table, action):
    with db.session() as session:
        return session.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.table_name == table, AuditEntry.action == action)
        )


@pytest.fixture
def set_id(db):
    return rc.create_criteria_set(db, "T-CUM", 2022, "Bảng tiêu chí chấm điểm thi đua năm 2022", GROUPS)


def test_groups_are_added_renamed_and_removed_when_empty(db, set_id):
    group_id = rc.add_group(db, set_id, "", "Công tác giám sát")
    current = view(db)
    assert [(g.code, g.name) for g in current.groups] == [
        ("I", "Công tác vận động"),
        ("II", "Điểm thưởng, điểm trừ"),
        ("III", "Công tác giám sát"),
    ]
    with pytest.raises(ValidationError, match="Hai nhóm không thể cùng số “II”") as caught:
        rc.add_group(db, set_id, "II", "Trùng số")
    assert set(caught.value.errors) == {"group_code"}
    with pytest.raises(ValidationError) as caught:
        rc.add_group(db, set_id, "IV", "  ")
    assert caught.value.errors == {"group": "Nhóm tiêu chí cần có tên."}

    group = next(g for g in current.groups if g.id == group_id)
    rc.update_group(db, group_id, name="Giám sát và phản biện xã hội", version=group.version)
    with pytest.raises(ConflictError):
        rc.update_group(db, group_id, name="Cũ", version=group.version)
    assert [g.name for g in view(db).groups][-1] == "Giám sát và phản biện xã hội"

    first = current.groups[0]
    with pytest.raises(InputError, match="“Công tác vận động” còn 3 tiêu chí"):
        rc.remove_group(db, first.id)
    rc.remove_group(db, group_id)
    assert [g.code for g in view(db).groups] == ["I", "II"]
    with pytest.raises(NotFoundError):
        rc.remove_group(db, group_id)
    assert (audits(db, "criterion_group", "create"), audits(db, "criterion_group", "update")) == (1, 1)
    assert audits(db, "criterion_group", "delete") == 1


def test_a_criterion_is_added_with_its_target_as_the_indicator_measures_it(db, set_id):
    group = view(db).groups[0]
    rate = rc.add_criterion(
        db,
        set_id,
        group.id,
        {
            "name": "Tang văn minh",
            "max_points": "7,5",
            "indicator_code": "cremations",
            "target_value": "70,5%",
        },
    )
    money = rc.add_criterion(
        db,
        set_id,
        group.id,
        {
            "name": "Quỹ Vì người nghèo",
            "max_points": 5,
            "indicator_code": "fund_for_the_poor",
            "target_value": "1.500.000",
        },
    )
    count = rc.add_criterion(
        db,
        set_id,
        group.id,
        {
            "code": "",
            "name": "Giám sát",
            "max_points": 5,
            "indicator_code": "supervisions",
            "target_value": "12",
        },
    )
    current = view(db)
    by_id = {c.id: c for c in current.criteria}
    assert (by_id[rate].max_tenths, by_id[rate].target_value) == (75, 705)
    assert by_id[money].target_value == 1_500_000 and by_id[count].target_value == 12
    # Unnumbered criteria take their position; they go at the end of their group, before group II.
    assert [c.code for c in current.criteria] == ["1", "2", "3", "6", "7", "8", "4", "5"]
    assert rc.target_input(by_id[rate], "ratio") == "70,5"
    assert rc.target_input(by_id[money], "amount") == "1.500.000"
    assert audits(db, "criterion", "create") == 3

    cases = [
        ({"max_points": "abc"}, "max_points", "“abc” không phải là số điểm; hãy viết như 9,5."),
        ({"max_points": "0"}, "max_points", "Tiêu chí cần có điểm tối đa."),
        ({"indicator_code": "cremations", "target_value": "120"}, "target_value", None),
        ({"indicator_code": "fund_for_the_poor", "target_value": "1,5"}, "target_value", None),
        ({"indicator_code": "supervisions", "target_value": "-3"}, "target_value", None),
        ({"code": "12345678901"}, "code", "Tối đa 10 ký tự (đã nhập 11)."),
    ]
    for change, field, message in cases:
        spec = {"name": "Sai", "max_points": 5, **change}
        with pytest.raises(ValidationError) as caught:
            rc.add_criterion(db, set_id, group.id, spec)
        assert set(caught.value.errors) == {field}, change
        if message:
            assert caught.value.errors[field] == message
    with pytest.raises(ValidationError, match="Hãy chọn một nhóm của bảng tiêu chí này"):
        rc.add_criterion(db, set_id, new_id(), {"name": "Lạc nhóm", "max_points": 1})
    assert len(view(db).criteria) == 8


def test_a_criterion_is_changed_moved_to_another_group_and_reordered(db, set_id):
    current = view(db)
    first, second = current.groups
    c = {x.code: x for x in current.criteria}
    rc.update_criterion(db, c["2"].id, {"name": "Tuyên truyền, vận động", "max_points": "45,5"}, version=1)
    with pytest.raises(ConflictError, match="vừa được sửa ở nơi khác"):
        rc.update_criterion(db, c["2"].id, {"name": "Cũ"}, version=1)
    rc.update_criterion(db, c["1"].id, {"group_id": second.id})
    assert [x.code for x in view(db).by_group[second.id]] == ["4", "5", "1"]

    rc.move_criterion(db, c["3"].id, -1)
    assert [x.code for x in view(db).by_group[first.id]] == ["3", "2"]
    with pytest.raises(InputError, match="“Hòa giải” đã ở đầu nhóm"):
        rc.move_criterion(db, c["3"].id, -1)
    with pytest.raises(InputError, match="đã ở cuối nhóm"):
        rc.move_criterion(db, c["1"].id, 1)
    rc.move_criterion(db, c["1"].id, -1)
    after = view(db)
    assert [x.code for x in after.by_group[second.id]] == ["4", "1", "5"]
    assert [x.code for x in after.criteria] == ["3", "2", "4", "1", "5"]
    changed = {x.code: x for x in after.criteria}["2"]
    assert (changed.name, changed.max_tenths, changed.version) == ("Tuyên truyền, vận động", 455, 3)


def test_a_scored_criterion_cannot_be_removed(db, set_id):
    c = {x.code: x for x in view(db).criteria}
    rc.remove_criterion(db, c["4"].id)
    assert "4" not in [x.code for x in view(db).criteria]
    with db.session() as session:
        assert session.get(Criterion, c["4"].id).deleted  # soft: the row and its history stay

    scores.set_score(db, "self", "017", c["2"].id, 30)
    scores.set_score(db, "cluster", "020", c["3"].id, 10)
    for code in ("2", "3"):
        with pytest.raises(InputError, match="đã có 1 điểm chấm") as caught:
            rc.remove_criterion(db, c[code].id)
        assert "không thể xóa" in caught.value.message
    # Once the score is taken back, the criterion can go.
    scores.set_score(db, "self", "017", c["2"].id, None)
    rc.remove_criterion(db, c["2"].id)
    assert [x.code for x in view(db).criteria] == ["1", "3", "5"]
    assert audits(db, "criterion", "delete") == 2


def test_the_title_and_note_are_changed(db, set_id):
    rc.update_set(db, set_id, title="Bảng tiêu chí năm 2022 (sửa đổi)", note="Thang 100 điểm", version=1)
    current = view(db).set
    assert (current.title, current.note, current.version) == (
        "Bảng tiêu chí năm 2022 (sửa đổi)",
        "Thang 100 điểm",
        2,
    )
    with pytest.raises(ValidationError, match="Bảng tiêu chí cần có tên"):
        rc.update_set(db, set_id, title=" ")
    with pytest.raises(ConflictError):
        rc.update_set(db, set_id, note="Khác", version=1)
    assert audits(db, "criteria_set", "update") == 1


def test_last_years_set_is_copied(db):
    old_id = rc.create_criteria_set(
        db, "T-CUM", 2021, "Bảng tiêu chí chấm điểm thi đua năm 2021", GROUPS, note="Ghi chú"
    )
    with pytest.raises(NotFoundError, match="Cụm chưa có bảng tiêu chí năm 2020 để sao chép"):
        rc.copy_last_year(db, "T-CUM", 2021)
    new_set = rc.copy_last_year(db, "T-CUM", 2022, user="vanthu")
    old, new = view(db, 2021), view(db, 2022)
    assert new.set.id == new_set != old_id
    assert (new.set.title, new.set.note, new.set.year) == (
        "Bảng tiêu chí chấm điểm thi đua năm 2022",
        "Ghi chú",
        2022,
    )

    def shape(v):
        groups = {g.id: g.code for g in v.groups}
        return [
            (
                groups[c.group_id],
                c.code,
                c.name,
                c.kind,
                c.max_tenths,
                c.indicator_code,
                c.target_value,
                c.target_text,
            )
            for c in v.criteria
        ]

    assert shape(new) == shape(old)
    assert not {c.id for c in new.criteria} & {c.id for c in old.criteria}
    assert not {g.id for g in new.groups} & {g.id for g in old.groups}
    assert {c.set_id for c in new.criteria} == {new_set}
    # Scoring this year's set leaves last year's alone; a second copy is refused.
    scores.set_score(db, "self", "017", new.criteria[1].id, 30)
    with pytest.raises(InputError, match="đã có bảng tiêu chí năm 2022"):
        rc.copy_last_year(db, "T-CUM", 2022)
    with db.session() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.record_id == new_set)).one()
    assert (entry.action, entry.user, old_id in entry.new_values) == ("create", "vanthu", True)


def test_a_set_received_from_the_cluster_head_is_read_only_here(db, set_id):
    """The import notes each received row in ImportState; a set noted there is the head's."""
    note_received(db, set_id, "criteria_set")
    current = view(db)
    group, criterion = current.groups[0], current.criteria[0]
    with db.session() as session:
        assert rc.set_source(session, set_id) == "020"
        assert rc.editing_refusal(session, "T-CUM", 2021) is None
        reason = rc.editing_refusal(session, "T-CUM", 2022)
    assert reason == "Bảng tiêu chí này nhận từ Cụm trưởng (Huyện Thanh Trì); chỉ Cụm trưởng sửa được."
    attempts = [
        lambda: rc.update_set(db, set_id, title="Khác"),
        lambda: rc.add_group(db, set_id, "", "Nhóm mới"),
        lambda: rc.update_group(db, group.id, name="Khác"),
        lambda: rc.remove_group(db, current.groups[1].id),
        lambda: rc.add_criterion(db, set_id, group.id, {"name": "Mới", "max_points": 1}),
        lambda: rc.update_criterion(db, criterion.id, {"max_points": 20}),
        lambda: rc.remove_criterion(db, criterion.id),
        lambda: rc.move_criterion(db, current.criteria[1].id, -1),
    ]
    for attempt in attempts:
        with pytest.raises(ReadOnlyError) as caught:
            attempt()
        assert caught.value.message == reason
    after = view(db)
    assert [(c.id, c.version) for c in after.criteria] == [(c.id, c.version) for c in current.criteria]
    assert after.set.title == current.set.title and len(after.groups) == 2
    # Scoring against the received set is not editing it.
    scores.set_score(db, "self", "017", criterion.id, 5)


def test_a_members_installation_does_not_prepare_the_set(db):
    """When the year's head is an imported unit here, the set arrives in the head's package."""
    structure.set_cluster_member(db, "T-CUM", "020", 2022, "head")
    structure.set_cluster_member(db, "T-CUM", "017", 2022, "member")
    message = "Cụm trưởng (Huyện Thanh Trì) xây dựng bảng tiêu chí; bảng tiêu chí được gửi đến trong gói dữ liệu của Cụm trưởng."
    with pytest.raises(ReadOnlyError) as caught:
        rc.create_criteria_set(db, "T-CUM", 2022, "Bảng tiêu chí", GROUPS)
    assert caught.value.message == message
    rc.create_criteria_set(db, "T-CUM", 2021, "Bảng tiêu chí 2021", GROUPS)  # 017 was head in 2021
    with pytest.raises(ReadOnlyError, match="Cụm trưởng \\(Huyện Thanh Trì\\)"):
        rc.copy_last_year(db, "T-CUM", 2022)
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(CriterionGroup)) == 2


def test_a_locked_year_keeps_its_set(db, set_id):
    structure.lock_year(db, "017", 2022, reason="Đã gửi báo cáo")
    current = view(db)
    message = "Năm 2022 của Huyện Đông Anh đã khóa sổ; chỉ sửa được bảng tiêu chí sau khi mở khóa."
    with pytest.raises(ReadOnlyError) as caught:
        rc.update_criterion(db, current.criteria[0].id, {"name": "Khác"})
    assert caught.value.message == message
    with pytest.raises(ReadOnlyError):
        rc.add_group(db, set_id, "", "Nhóm mới")
    structure.unlock_year(db, "017", 2022, reason="Sửa bảng tiêu chí")
    rc.add_group(db, set_id, "", "Nhóm mới")
    assert len(view(db).groups) == 3
