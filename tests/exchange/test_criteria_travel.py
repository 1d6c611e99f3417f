"""The cluster head's criteria set travels to the members in the head's signed package; the members'
self-scores come back on the head's criteria. Two (or three) installations on real SQLite files, real
keys and real zip packages."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import func, select

from emulation_desktop.domain import models as m
from emulation_desktop.exchange import criteria_sets, keys
from emulation_desktop.exchange import package_format as pf
from emulation_desktop.exchange.export_package import build_package, export_package
from emulation_desktop.exchange.import_package import import_package
from emulation_desktop.exchange.package_format import PackageRejected
from emulation_desktop.operations import structure
from emulation_desktop.review import scores
from emulation_desktop.review.criteria import (
    add_criterion,
    create_criteria_set,
    load_set,
    remove_criterion,
    remove_group,
    update_criterion,
    update_set,
)
from emulation_desktop.storage.database import Database

from .conftest import CRITERIA_GROUPS, YEAR, db_state, make_installation, resign, rezip, unzip

CLUSTER = "T-CUM"


def _cluster(db: Database, roles: dict[str, str]) -> None:
    structure.add_cluster(db, CLUSTER, "Cụm thử", "01")
    for code, role in roles.items():
        structure.set_cluster_member(db, CLUSTER, code, YEAR, role)


def _card(db: Database) -> keys.KeyCard:
    return keys.read_card(keys.card_bytes(keys.key_card(db)))


@dataclass
class Pair:
    head: Database  # owns 017, the cluster head, prepares the set
    member: Database  # owns 020, a member of the cluster
    set_id: str


@pytest.fixture
def pair(tmp_path) -> Pair:
    head = make_installation(tmp_path / "head", ["017"])
    _cluster(head, {"017": "head", "020": "member"})
    set_id = create_criteria_set(
        head, CLUSTER, YEAR, "Bảng tiêu chí chấm điểm năm 2022", CRITERIA_GROUPS, note="Dự thảo"
    )
    member = make_installation(tmp_path / "member", ["020"])
    _cluster(member, {"017": "head", "020": "member"})
    keys.trust_card(member, _card(head))
    keys.trust_card(head, _card(member))
    yield Pair(head, member, set_id)
    head.close()
    member.close()


def _criteria(db: Database) -> dict[str, tuple]:
    """code → (id, name, kind, max, indicator, group code) of the live criteria of the cluster's set."""
    with db.session() as session:
        view = load_set(session, CLUSTER, YEAR)
        groups = {g.id: g.code for g in view.groups}
        return {
            c.code: (c.id, c.name, c.kind, c.max_tenths, c.indicator_code, groups.get(c.group_id or ""))
            for c in view.criteria
        }


def _ids(db: Database) -> dict[str, str]:
    return {code: values[0] for code, values in _criteria(db).items()}


def _set_version(db: Database, set_id: str) -> int:
    with db.session() as session:
        return session.get(m.CriteriaSet, set_id).version


def _count(db: Database, model) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_the_heads_set_reaches_the_member_and_the_scores_come_back(pair, tmp_path):
    saved = export_package(pair.head, "017", YEAR, tmp_path)
    data = saved.path.read_bytes()
    assert json.loads(unzip(data)[pf.CRITERIA_SETS])["rows"][0]["id"] == pair.set_id

    dry = import_package(pair.member, data, dry_run=True)
    assert dry.new["criteria_set"] == 1 and not dry.rejected and not dry.conflicts
    assert dry.as_json()["by_kind"]["criteria_set"] == {"new": 1, "updated": 0, "deleted": 0, "unchanged": 0}
    assert "Bảng tiêu chí chấm điểm: mới 1; cập nhật 0; không đổi 0." in dry.summary_lines()
    assert _count(pair.member, m.Criterion) == 0  # a dry run writes nothing

    plan = import_package(pair.member, data)
    assert plan.status == "applied"
    assert _criteria(pair.member) == _criteria(pair.head)  # the head's ids, numbers, maxima and links
    with pair.member.session() as session:
        received = session.get(m.CriteriaSet, pair.set_id)
        assert (received.title, received.note) == ("Bảng tiêu chí chấm điểm năm 2022", "Dự thảo")
        assert criteria_sets.received_set_source(session, pair.set_id) == "017"
        audit = session.scalars(
            select(m.AuditEntry).where(
                m.AuditEntry.table_name == "criteria_set", m.AuditEntry.action == "import"
            )
        ).one()
        assert audit.record_id == pair.set_id and json.loads(audit.new_values)["added"] == 3
        assert session.scalar(select(func.count()).select_from(m.ClusterMember)) == 2  # roles untouched
    with pair.head.session() as session:
        assert criteria_sets.received_set_source(session, pair.set_id) is None

    ids = _ids(pair.member)
    scores.set_scores(
        pair.member,
        "self",
        "020",
        [
            {"criterion_id": ids["1"], "points": "9,5", "justification": "Vượt chỉ tiêu"},
            {"criterion_id": ids["2"], "points": "5,5"},
            {"criterion_id": ids["3"], "points": 1},
        ],
    )
    back = build_package(pair.member, "020", YEAR).data
    assert json.loads(unzip(back)[pf.CRITERIA_SETS])["rows"] == []  # a member sends no set
    plan = import_package(pair.head, back)
    assert plan.new["self_score"] == 3 and not plan.rejected and not plan.conflicts
    head_ids = _ids(pair.head)
    with pair.head.session() as session:
        got = {
            row.criterion_id: row.points_tenths
            for row in session.scalars(select(m.SelfScore).join(m.Unit).where(m.Unit.code == "020"))
        }
    assert got == {head_ids["1"]: 95, head_ids["2"]: 55, head_ids["3"]: 10}


def test_reimport_and_an_unchanged_set_write_nothing(pair):
    data = build_package(pair.head, "017", YEAR).data
    import_package(pair.member, data)
    before = db_state(pair.member)
    again = import_package(pair.member, data)
    assert again.status == "unchanged" and db_state(pair.member) == before

    later = import_package(pair.member, build_package(pair.head, "017", YEAR).data)
    assert later.status == "applied"
    assert later.unchanged["criteria_set"] == 1 and not later.new["criteria_set"] and not later.updated
    revision = json.loads(unzip(data)[pf.CRITERIA_SETS])["rows"][0]["version"]
    assert _set_version(pair.member, pair.set_id) == revision  # the head's revision, not rewritten


def test_the_heads_edits_reach_the_member(pair):
    import_package(pair.member, build_package(pair.head, "017", YEAR).data)
    first = _set_version(pair.member, pair.set_id)
    ids = _ids(pair.head)
    update_criterion(pair.head, ids["1"], {"max_points": 12, "name": "Xây nhà đại đoàn kết"})
    with pair.head.session() as session:
        second_group = load_set(session, CLUSTER, YEAR).groups[1].id
    add_criterion(pair.head, pair.set_id, second_group, {"code": "4", "name": "Sáng kiến", "max_points": 1})
    remove_criterion(pair.head, ids["3"])

    plan = import_package(pair.member, build_package(pair.head, "017", YEAR).data)
    assert plan.updated["criteria_set"] == 1 and not plan.rejected and not plan.conflicts
    assert _criteria(pair.member) == _criteria(pair.head)
    assert set(_criteria(pair.member)) == {"1", "2", "4"}
    assert _criteria(pair.member)["1"][1:4] == ("Xây nhà đại đoàn kết", "normal", 120)
    assert _set_version(pair.member, pair.set_id) > first
    with pair.member.session() as session:
        removed = session.get(m.Criterion, ids["3"])
        assert removed.deleted  # soft-deleted, not gone
        audit = session.scalars(
            select(m.AuditEntry).where(
                m.AuditEntry.table_name == "criteria_set", m.AuditEntry.action == "update"
            )
        ).one()
        assert json.loads(audit.new_values) | {"version": 0} == {
            "version": 0,
            "added": 1,
            "changed": 1,
            "removed": 1,
        }

    # The head empties and removes the bonus group, and renames the set: the member follows.
    remove_criterion(pair.head, _ids(pair.head)["4"])
    remove_group(pair.head, second_group)
    update_set(pair.head, pair.set_id, title="Bảng tiêu chí chấm điểm năm 2022 (sửa đổi)")
    plan = import_package(pair.member, build_package(pair.head, "017", YEAR).data)
    assert plan.updated["criteria_set"] == 1 and not plan.rejected
    assert set(_criteria(pair.member)) == {"1", "2"}
    with pair.member.session() as session:
        view = load_set(session, CLUSTER, YEAR)
        assert [g.code for g in view.groups] == ["I"]
        assert view.set.title == "Bảng tiêu chí chấm điểm năm 2022 (sửa đổi)"
        assert session.get(m.CriterionGroup, second_group).deleted


@pytest.mark.parametrize("change", ["lower", "remove"])
def test_an_update_that_would_orphan_a_score_here_is_rejected_whole(pair, change):
    import_package(pair.member, build_package(pair.head, "017", YEAR).data)
    ids = _ids(pair.member)
    scores.set_scores(pair.member, "self", "020", [{"criterion_id": ids["1"], "points": "9,5"}])
    if change == "lower":
        update_criterion(pair.head, ids["1"], {"max_points": 8})
        reason = "Điểm tối đa của tiêu chí “1” sẽ thấp hơn điểm đã chấm ở đây."
    else:
        remove_criterion(pair.head, ids["1"])
        reason = "Tiêu chí “1” sẽ bị bỏ, nhưng ở đây đã có điểm chấm cho tiêu chí này."
    update_criterion(pair.head, ids["2"], {"name": "Quỹ “Vì người nghèo”"})  # a harmless change alongside
    data = build_package(pair.head, "017", YEAR).data

    dry = import_package(pair.member, data, dry_run=True)
    assert [(r.kind, r.record_id, r.reason) for r in dry.rejected] == [("criteria_set", pair.set_id, reason)]
    assert not dry.updated["criteria_set"]
    before = db_state(pair.member)
    with pytest.raises(PackageRejected) as refused:
        import_package(pair.member, data)
    assert reason in refused.value.message
    assert db_state(pair.member) == before  # nothing written, not even the harmless change
    assert _criteria(pair.member)["2"][1] == "Quỹ Vì người nghèo"


def test_a_set_from_a_unit_that_is_not_the_head_here_is_rejected(tmp_path):
    # 020's installation wrongly records 020 as the head and prepares a set of its own.
    rogue = make_installation(tmp_path / "rogue", ["020"])
    _cluster(rogue, {"020": "head", "017": "member"})
    create_criteria_set(rogue, CLUSTER, YEAR, "Bảng khác", CRITERIA_GROUPS)
    data = build_package(rogue, "020", YEAR).data
    head = make_installation(tmp_path / "head", ["017"])
    _cluster(head, {"017": "head", "020": "member"})
    keys.trust_card(head, _card(rogue))

    plan = import_package(head, data, dry_run=True)
    assert [r.reason for r in plan.rejected] == [
        "Bảng tiêu chí không được nhận: theo dữ liệu ở đây, Huyện Thanh Trì không phải Cụm trưởng "
        "của cụm T-CUM năm 2022."
    ]
    before = db_state(head)
    with pytest.raises(PackageRejected):
        import_package(head, data)
    assert db_state(head) == before

    # An office that records no head for the cluster accepts it, and writes no roles.
    city = make_installation(tmp_path / "city", [])
    structure.add_cluster(city, CLUSTER, "Cụm thử", "01")
    keys.trust_card(city, _card(rogue))
    plan = import_package(city, data)
    assert plan.new["criteria_set"] == 1 and _count(city, m.ClusterMember) == 0
    # An office that does not know the cluster refuses it.
    bare = make_installation(tmp_path / "bare", [])
    keys.trust_card(bare, _card(rogue))
    plan = import_package(bare, data, dry_run=True)
    assert [r.reason for r in plan.rejected] == [
        "Bảng tiêu chí của Huyện Thanh Trì cho cụm T-CUM năm 2022 không được nhận: ở đây không có cụm này."
    ]
    for db in (rogue, head, city, bare):
        db.close()


def test_a_set_made_here_for_the_same_cluster_year_is_kept(pair, tmp_path):
    # An office that records no head yet may prepare a set of its own; the head's then conflicts.
    office = make_installation(tmp_path / "office", ["020"])
    _cluster(office, {"020": "member"})
    create_criteria_set(office, CLUSTER, YEAR, "Bảng tự lập", CRITERIA_GROUPS[:1])
    keys.trust_card(office, _card(pair.head))
    mine = _criteria(office)
    plan = import_package(office, build_package(pair.head, "017", YEAR).data)
    assert plan.status == "applied" and not plan.new["criteria_set"]
    assert [(c.kind, c.record_id, c.reason) for c in plan.conflicts] == [
        ("criteria_set", pair.set_id, "Cụm T-CUM đã có bảng tiêu chí năm 2022 ở đây; giữ nguyên bảng này.")
    ]
    assert _criteria(office) == mine
    with office.session() as session:
        assert criteria_sets.received_set_source(session, pair.set_id) is None
        assert session.get(m.CriteriaSet, pair.set_id) is None
    office.close()


def test_the_heads_own_scores_land_on_the_set_of_the_same_package(pair):
    ids = _ids(pair.head)
    scores.set_scores(pair.head, "self", "017", [{"criterion_id": ids["2"], "points": 5}])
    plan = import_package(pair.member, build_package(pair.head, "017", YEAR).data)
    assert plan.new["criteria_set"] == 1 and plan.new["self_score"] == 1 and not plan.rejected
    with pair.member.session() as session:
        score = session.scalars(select(m.SelfScore)).one()
        assert (score.criterion_id, score.points_tenths) == (ids["2"], 50)


def _members(pair: Pair) -> dict[str, bytes]:
    return unzip(build_package(pair.head, "017", YEAR).data)


def _with_set(members: dict[str, bytes], change) -> dict[str, bytes]:
    content = json.loads(members[pf.CRITERIA_SETS])
    change(content["rows"][0])
    return {**members, pf.CRITERIA_SETS: json.dumps(content, ensure_ascii=False).encode("utf-8")}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda s: s.update(secret=1), "trường “secret”"),
        (lambda s: s["criteria"][0].update(weight=2), "trường “weight”"),
        (lambda s: s["groups"][0].pop("position"), "thiếu trường “position”"),
        (lambda s: s["criteria"][0].update(max_tenths="100"), "“criteria_sets.json” không hợp lệ"),
        (lambda s: s["criteria"][0].update(deleted=0), "“criteria_sets.json” không hợp lệ"),
        (lambda s: s.update(groups={}), "“criteria_sets.json” không hợp lệ"),
    ],
)
def test_a_damaged_criteria_member_refuses_the_package(pair, tmp_path, change, message):
    before = db_state(pair.member)
    signed = rezip(resign(_with_set(_members(pair), change), tmp_path / "head"))
    with pytest.raises(PackageRejected) as refused:
        import_package(pair.member, signed, dry_run=True)
    assert message in refused.value.message
    assert db_state(pair.member) == before


def test_a_tampered_criteria_member_fails_its_checksum(pair):
    members = _with_set(_members(pair), lambda s: s["criteria"][0].update(max_tenths=1000))
    with pytest.raises(PackageRejected) as refused:
        import_package(pair.member, rezip(members))
    assert "criteria_sets.json" in refused.value.message


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (
            lambda s: s["criteria"][0].update(kind="extra"),
            "Tiêu chí “1”: Tiêu chí chỉ có thể là tiêu chí thường, điểm thưởng hoặc điểm trừ, "
            "không phải “extra”.",
        ),
        (lambda s: s["criteria"][0].update(max_tenths=0), "Tiêu chí “1”: Tiêu chí cần có điểm tối đa."),
        (
            lambda s: s["criteria"][0].update(max_tenths=10_001),
            "Tiêu chí “1”: Điểm phải từ 0 đến 1.000.",
        ),
        (
            lambda s: s["criteria"][0].update(indicator_code="no_such"),
            "Tiêu chí “1”: Không có chỉ tiêu “no_such”.",
        ),
        (
            lambda s: s["criteria"][0].update(target_value=-3),
            "Tiêu chí “1”: Chỉ tiêu phải là số nguyên lớn hơn 0.",
        ),
        (
            lambda s: s["criteria"][1].update(code="1"),
            "Hai tiêu chí không thể cùng số “1” trong một bảng tiêu chí.",
        ),
        (lambda s: s["criteria"][0].update(name="x" * 401), "Tiêu chí “1”: Tối đa 400 ký tự (đã nhập 401)."),
        (
            lambda s: s["criteria"][0].update(group_id=s["id"]),
            "Tiêu chí “1”: nhóm của tiêu chí không có trong bảng.",
        ),
        (
            lambda s: s["criteria"][2].update(id="not-an-id"),
            "Một nhóm hoặc tiêu chí của bảng không có mã định danh hợp lệ.",
        ),
        (
            lambda s: s.update(year=YEAR + 1),
            "Bảng tiêu chí là của năm 2023, không phải năm 2022 của gói dữ liệu.",
        ),
        (lambda s: s.update(title=" "), "Bảng tiêu chí cần có tên."),
    ],
)
def test_values_that_break_the_editors_rules_are_rejected_with_the_reason(pair, tmp_path, change, reason):
    signed = rezip(resign(_with_set(_members(pair), change), tmp_path / "head"))
    plan = import_package(pair.member, signed, dry_run=True)
    assert [(r.kind, r.reason) for r in plan.rejected] == [("criteria_set", reason)]
    with pytest.raises(PackageRejected):
        import_package(pair.member, signed)
    assert _count(pair.member, m.CriteriaSet) == 0


def test_the_member_is_registered_in_the_format():
    assert pf.CRITERIA_SETS in pf.DATA_MEMBERS and pf.CRITERIA_SETS == criteria_sets.MEMBER
    assert pf.DATA_MEMBERS.index(pf.CRITERIA_SETS) < pf.DATA_MEMBERS.index(pf.SELF_SCORES)


def test_packages_without_the_member_still_import(pair, tmp_path):
    """A package made before sets travelled has no criteria_sets.json."""
    members = _members(pair)
    del members[pf.CRITERIA_SETS]
    manifest = json.loads(members[pf.MANIFEST])
    del manifest["members"][pf.CRITERIA_SETS]
    members[pf.MANIFEST] = json.dumps(manifest).encode("utf-8")
    signed = rezip(resign(members, tmp_path / "head"))
    plan = import_package(pair.member, signed)
    assert plan.status == "applied" and not plan.new["criteria_set"]
    assert Path(tmp_path / "head").is_dir()


def test_a_received_set_changed_here_is_kept_when_the_head_changes_it_too(pair):
    import_package(pair.member, build_package(pair.head, "017", YEAR).data)
    ids = _ids(pair.member)
    with pair.member.transaction() as session:  # a copy changed behind the editor's back
        criterion = session.get(m.Criterion, ids["2"])
        criterion.name, criterion.version = "Quỹ (sửa tại đây)", criterion.version + 1
    update_criterion(pair.head, ids["1"], {"max_points": 12})
    plan = import_package(pair.member, build_package(pair.head, "017", YEAR).data)
    assert [(c.kind, c.record_id) for c in plan.conflicts] == [("criteria_set", pair.set_id)]
    assert _criteria(pair.member)["1"][3] == 100 and _criteria(pair.member)["2"][1] == "Quỹ (sửa tại đây)"


def test_the_dry_run_dialog_lists_the_criteria_set(pair, qtbot):
    """What the member's clerk sees before applying: the set counted, a refusal named as a set."""
    from emulation_desktop.ui.import_dialog import ImportDialog

    export = build_package(pair.head, "017", YEAR)
    dialog = ImportDialog(import_package(pair.member, export.data, dry_run=True))
    qtbot.addWidget(dialog)
    assert ["Bảng tiêu chí chấm điểm", "1", "0", "0"] in dialog.by_kind_model.rows
