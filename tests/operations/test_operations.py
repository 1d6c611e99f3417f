"""Core operations on a real SQLite file: valid input is stored clean, bad input is refused whole."""

import json
import unicodedata

import pytest
from sqlalchemy import func, select

from emulation_desktop.domain import models as m
from emulation_desktop.errors import ConflictError, InputError, NotFoundError, ReadOnlyError, ValidationError
from emulation_desktop.operations import records, structure

HOUSE = {
    "year": 2022,
    "kind": "house_new",
    "commune_id": "00454",
    "household_category": "poor",
    "beneficiary": "Nguyễn Văn An",
    "activity_date": "15/03/2022",
    "value_vnd": "60.000.000 đ",
}


def count(db, model):
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(model))


def audit_count(db):
    return count(db, m.AuditEntry)


def test_create_stores_clean_values_and_audits(db):
    record = records.create_record(db, "support_activity", "017", HOUSE, user="cán bộ")
    with db.session() as session:
        stored = session.get(m.SupportActivity, record.id)
        assert stored.value_vnd == 60_000_000
        assert stored.activity_date.isoformat() == "2022-03-15"
        assert stored.version == 1 and not stored.deleted and stored.updated_by == "cán bộ"
        assert len(stored.id) == 36
        entry = session.scalars(select(m.AuditEntry).where(m.AuditEntry.record_id == record.id)).one()
        assert entry.action == "create" and json.loads(entry.new_values)["value_vnd"] == 60_000_000


def test_decomposed_text_is_stored_as_nfc(db):
    nfd = unicodedata.normalize("NFD", "  Nguyễn   Thị Hồng  ")
    assert nfd != unicodedata.normalize("NFC", nfd)
    record = records.create_record(db, "support_activity", "017", {**HOUSE, "beneficiary": nfd})
    with db.session() as session:
        stored = session.get(m.SupportActivity, record.id).beneficiary
    assert stored == "Nguyễn Thị Hồng"
    assert unicodedata.is_normalized("NFC", stored)


@pytest.mark.parametrize(
    ("kind", "values", "field", "words"),
    [
        (
            "mediation_tally",
            {"year": 2022, "commune_id": "00454", "cases_total": 3, "cases_resolved": 5},
            "cases_resolved",
            "không được lớn hơn",
        ),
        (
            "funeral_tally",
            {"year": 2022, "commune_id": "00454", "deaths": 10, "cremations": 11},
            "cremations",
            "không được lớn hơn",
        ),
        (  # the received count left empty is 0: five resolved of nothing received (found by the monkey)
            "citizen_reception",
            {"year": 2022, "commune_id": "00454", "petitions_resolved": 5},
            "petitions_resolved",
            "không được lớn hơn",
        ),
        ("support_activity", {**HOUSE, "value_vnd": "-1.000.000"}, "value_vnd", "âm"),
        ("support_activity", {**HOUSE, "value_vnd": -1_000_000}, "value_vnd", "âm"),
        ("support_activity", {**HOUSE, "value_vnd": 1500000.0}, "value_vnd", "đồng"),
        ("support_activity", {**HOUSE, "value_vnd": "1,500"}, "value_vnd", "1.500"),
        ("support_activity", {**HOUSE, "commune_id": "99999"}, "commune_id", "99999"),
        ("support_activity", {**HOUSE, "commune_id": "00640"}, "commune_id", "00640"),  # another district's
        ("support_activity", {**HOUSE, "activity_date": "31/02/2022"}, "activity_date", "31/02/2022"),
        ("support_activity", {**HOUSE, "kind": "bribe"}, "kind", "bribe"),
        ("supervision", {"year": 2022, "mode": "led", "kind": "supervision", "field": "land"}, "subject", ""),
    ],
)
def test_bad_input_is_refused_with_a_vietnamese_message_and_nothing_written(db, kind, values, field, words):
    before_records, before_audit = count(db, records.KINDS[kind].model), audit_count(db)
    with pytest.raises(ValidationError) as caught:
        records.create_record(db, kind, "017", values)
    message = caught.value.errors[field]
    assert words in message
    assert any(ch in message for ch in "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")
    assert count(db, records.KINDS[kind].model) == before_records
    assert audit_count(db) == before_audit


def test_every_bad_field_is_reported_at_once(db):
    with pytest.raises(ValidationError) as caught:
        records.create_record(
            db, "support_activity", "017", {**HOUSE, "value_vnd": "x", "activity_date": "x"}
        )
    assert set(caught.value.errors) == {"value_vnd", "activity_date"}


def test_unknown_fields_are_refused(db):
    with pytest.raises(InputError):
        records.create_record(db, "support_activity", "017", {**HOUSE, "secret": 1})


def test_update_bumps_version_audits_old_and_new_and_guards_stale_edits(db):
    record = records.create_record(db, "support_activity", "017", HOUSE)
    updated = records.update_record(
        db, "support_activity", record.id, {"value_vnd": "70 triệu"}, expected_version=1
    )
    assert updated.version == 2 and updated.value_vnd == 70_000_000
    with db.session() as session:
        entry = session.scalars(
            select(m.AuditEntry).where(m.AuditEntry.record_id == record.id, m.AuditEntry.action == "update")
        ).one()
    assert json.loads(entry.old_values) == {"value_vnd": 60_000_000}
    assert json.loads(entry.new_values) == {"value_vnd": 70_000_000}
    with pytest.raises(ConflictError):
        records.update_record(db, "support_activity", record.id, {"value_vnd": 1}, expected_version=1)


def test_update_checks_the_merged_record(db):
    tally = records.create_record(
        db,
        "mediation_tally",
        "017",
        {"year": 2022, "commune_id": "00454", "cases_total": 10, "cases_resolved": 8},
    )
    with pytest.raises(ValidationError):
        records.update_record(db, "mediation_tally", tally.id, {"cases_total": 5})
    with db.session() as session:
        assert session.get(m.MediationTally, tally.id).cases_total == 10


def test_soft_delete_and_restore(db):
    record = records.create_record(db, "support_activity", "017", HOUSE)
    records.delete_record(db, "support_activity", record.id)
    with db.session() as session:
        assert session.get(m.SupportActivity, record.id).deleted
    restored = records.restore_record(db, "support_activity", record.id)
    assert not restored.deleted and restored.version == 3


def test_duplicate_tally_for_the_same_commune_and_year_is_refused(db):
    values = {"year": 2022, "commune_id": "00454", "deaths": 10, "cremations": 8}
    records.create_record(db, "funeral_tally", "017", values)
    with pytest.raises(ValidationError) as caught:
        records.create_record(db, "funeral_tally", "017", values)
    assert "Đã có" in caught.value.errors["commune_id"]  # said beside the place, once, by the form
    assert "UNIQUE" not in caught.value.message
    assert count(db, m.FuneralTally) == 1


def test_imported_unit_is_read_only(db):
    with pytest.raises(ReadOnlyError) as caught:
        records.create_record(
            db, "funeral_tally", "020", {"year": 2022, "commune_id": "00640", "deaths": 1, "cremations": 1}
        )
    assert "không được sửa" in caught.value.message


def test_locked_year_is_read_only_until_unlocked_with_a_reason(db):
    record = records.create_record(db, "support_activity", "017", HOUSE)
    structure.lock_year(db, "017", 2022, reason="Đã nộp báo cáo")
    with pytest.raises(ReadOnlyError):
        records.update_record(db, "support_activity", record.id, {"value_vnd": 1})
    with pytest.raises(ReadOnlyError):
        records.create_record(db, "support_activity", "017", HOUSE)
    records.create_record(db, "support_activity", "017", {**HOUSE, "year": 2023})  # other years stay open
    with pytest.raises(ValidationError):
        structure.unlock_year(db, "017", 2022, reason="  ")
    structure.unlock_year(db, "017", 2022, reason="Sửa số liệu theo yêu cầu của Cụm")
    records.update_record(db, "support_activity", record.id, {"value_vnd": 1})
    with db.session() as session:
        year = session.scalars(select(m.EmulationYear).where(m.EmulationYear.year == 2022)).one()
        assert year.revised_after_submission


def test_child_records_inherit_unit_and_year(db):
    session_record = records.create_record(
        db,
        "supervision",
        "017",
        {
            "year": 2022,
            "mode": "joint",
            "kind": "supervision",
            "field": "land",
            "subject": "Quản lý đất đai xã Bắc Hồng",
        },
    )
    rec = records.create_record(
        db,
        "recommendation",
        None,
        {"supervision_id": session_record.id, "content": "Đề nghị rà soát", "status": "pending"},
    )
    assert rec.unit_id == session_record.unit_id and rec.year == 2022
    with pytest.raises(NotFoundError):
        records.create_record(
            db, "recommendation", None, {"supervision_id": "nope", "content": "x", "status": "pending"}
        )


def test_bulk_create_is_all_or_nothing(db):
    good = {"year": 2022, "commune_id": "00454", "cases_total": 10, "cases_resolved": 8}
    bad = {"year": 2021, "commune_id": "00457", "cases_total": 1, "cases_resolved": 2}
    with pytest.raises(ValidationError) as caught:
        records.create_records(db, "mediation_tally", "017", [good, bad])
    assert "Dòng 2" in next(iter(caught.value.errors.values()))
    assert count(db, m.MediationTally) == 0
    assert records.create_records(db, "mediation_tally", "017", [good]) == 1


def test_a_list_counts_its_matches_exactly_up_to_the_cap(db):
    from emulation_desktop.operations.queries import ListQuery, list_records

    for number in range(5):
        beneficiary = f"Hộ nghèo ông Nguyễn Văn {number}" if number < 4 else "Bà Trần Thị Mai"
        records.create_record(db, "support_activity", "017", {**HOUSE, "beneficiary": beneficiary})

    def listed(search, **page):
        with db.session() as session:
            found = list_records(session, ListQuery("support_activity", "017", 2022, search=search, **page))
        return len(found.rows), found.total, found.total_capped

    assert listed("tran thi", limit=2) == (1, 1, False)  # fewer than a page: counted from the page
    assert listed("khong ai", limit=2) == (0, 0, False)
    assert listed("nguyen van", limit=2) == (2, 4, False)  # a full page: the matches are counted
    assert listed("nguyen van", limit=2, offset=2) == (2, 4, False)
    assert listed("nguyen van", limit=2, offset=4) == (0, 4, False)
    assert listed("", limit=2, count_limit=3) == (2, 3, True)  # more than the cap: "more than 3"


def test_a_subtree_is_its_exact_path_prefix_not_a_like_pattern(db):
    """Codes with "_" or of another letter case are not one another's subtree (a LIKE would match them)."""
    from emulation_desktop.indicators.compute import compute
    from emulation_desktop.indicators.scope import unit_scope
    from emulation_desktop.operations.places import places_under

    def district(code, communes):
        return {
            "code": code,
            "name": f"Huyện {code}",
            "level": "district",
            "children": [
                {"code": f"{code}-{n}", "name": f"Xã {code} {n}", "level": "commune"} for n in range(communes)
            ],
        }

    structure.add_units(db, "01", [district("D_1", 2), district("DX1", 3), district("dx1", 4)])
    with db.session() as session:
        assert len(places_under(session, "D_1", ("commune",))) == 2
        assert (
            compute(session, unit_scope(session, "D_1"), 2022)["delegate_conferences_communes"].current.total
            == 2
        )
    structure.set_local(db, ["D_1"])  # owning D_1 owns its own communes, not DX1's or dx1's
    with db.session() as session:
        owned = set(session.scalars(select(m.Unit.code).where(m.Unit.is_local.is_(True))))
    assert {"D_1", "D_1-0", "D_1-1"} <= owned and not owned & {"DX1", "dx1", "DX1-0", "dx1-0"}


def test_all_records_reads_every_page_past_the_count_cap(db):
    from emulation_desktop.operations.queries import ListQuery, all_records

    for number in range(7):
        records.create_record(db, "support_activity", "017", {**HOUSE, "beneficiary": f"Hộ {number}"})
    with db.session() as session:
        found = all_records(session, ListQuery("support_activity", "017", 2022, limit=2, count_limit=3))
    assert sorted(row["beneficiary"] for row in found) == [f"Hộ {n}" for n in range(7)]
