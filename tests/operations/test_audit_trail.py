"""The audit trail, readable: old → new per field with labels and formatted values, per record and per
unit-year, with year locks and unlocks."""

from __future__ import annotations

import pytest

from emulation_desktop.errors import ReadOnlyError, ValidationError
from emulation_desktop.operations import audit, records, structure


def donation(db):
    return records.create_record(
        db,
        "donation",
        "017",
        {
            "year": 2022,
            "fund_code": "for_the_poor",
            "donor": "Công ty TNHH Bắc Hồng",
            "commune_id": "00454",
            "donation_date": "08/11/2022",
            "amount_vnd": 1_500_000,
        },
        user="lan",
    )


def test_history_of_one_record_shows_old_and_new(db):
    record = donation(db)
    records.update_record(
        db, "donation", record.id, {"amount_vnd": "2.280.000", "commune_id": "00457"}, user="hoa"
    )
    records.delete_record(db, "donation", record.id, user="hoa")
    with db.session() as session:
        lines = audit.record_history(session, "donation", record.id)
    assert [line.action for line in lines] == ["delete", "update", "create"]
    deleted, updated, created = lines
    assert deleted.action_label == "Xóa" and deleted.changes == ()
    assert updated.user == "hoa" and updated.action_label == "Sửa"
    changes = {c.field: (c.label, c.old, c.new) for c in updated.changes}
    assert changes["amount_vnd"] == ("Số tiền", "1.500.000 đồng", "2.280.000 đồng")
    assert changes["commune_id"][1:] == ("Xã Bắc Hồng", "Xã Nguyên Khê")
    assert "Số tiền: 1.500.000 đồng → 2.280.000 đồng" in updated.describe()
    created_text = created.describe()
    assert "Ngày: 08/11/2022" in created_text and "Quỹ “Vì người nghèo”" in created_text
    assert "Ghi chú" not in created_text  # an empty field says nothing
    assert created.record_title == "Công ty TNHH Bắc Hồng"


def test_year_list_has_every_kind_and_the_locks(db):
    record = donation(db)
    records.create_record(db, "pledge", "017", {"year": 2022, "title": "Cờ thi đua"}, user="lan")
    records.create_record(db, "pledge", "017", {"year": 2021, "title": "Năm trước"}, user="lan")
    records.update_record(db, "donation", record.id, {"fund_code": "sea_islands"}, user="lan")
    structure.lock_year(db, "017", 2022, reason="Đã nộp báo cáo", user="hoa")
    with pytest.raises(ReadOnlyError):
        records.update_record(db, "donation", record.id, {"amount_vnd": 1}, user="lan")
    with pytest.raises(ValidationError):
        structure.unlock_year(db, "017", 2022, reason="  ", user="hoa")
    with db.session() as session:
        assert audit.year_lock(session, "017", 2022).locked
        assert audit.year_lock(session, "017", 2022).reason == "Đã nộp báo cáo"
    structure.unlock_year(db, "017", 2022, reason="Sửa số nhà", user="hoa")
    with db.session() as session:
        lines = audit.year_history(session, "017", 2022)
        state = audit.year_lock(session, "017", 2022)
        assert audit.year_history(session, "020", 2022) == []
    assert [line.action for line in lines] == ["unlock", "lock", "update", "create", "create"]
    assert lines[0].describe() == "Lý do: Sửa số nhà" and lines[0].action_label == "Mở khóa sổ năm"
    assert lines[1].reason == "Đã nộp báo cáo"
    assert lines[2].kind_label == "Ủng hộ quỹ" and "Quỹ biển, đảo Việt Nam" in lines[2].describe()
    assert {line.record_title for line in lines[3:]} == {"Cờ thi đua", "Công ty TNHH Bắc Hồng"}
    assert not state.locked and state.revised_after_submission


def test_values_are_formatted_like_the_window():
    from emulation_desktop.domain.record_kinds import KINDS

    target = KINDS["pledge_target"]
    assert audit.format_value(target.field("target_percent"), 855) == "85,5%"
    assert audit.format_value(target.field("target_value"), 12000) == "12.000"
    assert audit.format_value(KINDS["pledge"].field("year"), 2022) == "2022"
    assert audit.format_value(None, None) == ""
    assert audit.format_value(None, "x" * 500).endswith("…")


def test_indicator_codes_read_as_their_names():
    from emulation_desktop.domain.record_kinds import KINDS

    label = audit.format_value(KINDS["pledge_target"].field("indicator_code"), "cremations")
    assert label != "cremations" and "hỏa táng" in label.lower()
