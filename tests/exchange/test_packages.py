"""Packages between two real installations: round trip, re-import, updates, deletions, conflicts, and
every way a package is refused with the receiving database left exactly as it was."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile

import pytest
from sqlalchemy import func, select

from emulation_desktop.domain import models as m
from emulation_desktop.errors import ReadOnlyError
from emulation_desktop.exchange import keys
from emulation_desktop.exchange import package_format as pf
from emulation_desktop.exchange.export_package import build_package, export_package
from emulation_desktop.exchange.import_package import import_package
from emulation_desktop.exchange.package_format import PackageRejected
from emulation_desktop.exchange.package_history import history
from emulation_desktop.indicators.compute import compute
from emulation_desktop.indicators.scope import unit_scope
from emulation_desktop.operations import records, structure

from .conftest import YEAR, db_state, make_installation, refusals, resign, rezip, unzip


def live(db, model):
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(model).where(model.deleted.is_(False)))


def figures(db, code="017"):
    with db.session() as session:
        return compute(session, unit_scope(session, code), YEAR).as_json()["indicators"]


def test_round_trip_gives_the_same_figures_and_read_only_copies(source, hub):
    plan = import_package(hub, source.package)
    assert plan.status == "applied"
    assert plan.counts() == {"new": 10, "updated": 0, "unchanged": 1, "conflicts": 0, "rejected": 0}
    mine, theirs = figures(source.db), figures(hub)
    assert {k: {**v, "previous": None} for k, v in mine.items()} == theirs
    with hub.session() as session:
        unit = session.scalar(select(m.Unit).where(m.Unit.code == "017"))
        assert not unit.is_local
        record = session.scalar(
            select(m.SupportActivity).where(m.SupportActivity.beneficiary == "Nguyễn Văn An")
        )
        assert record.search_key and record.version == 1
        assert session.get(m.Donation, source.ids["deleted"]) is None  # a tombstone of an unseen record
        logged = session.scalars(select(m.PackageLog)).all()
        assert [(p.direction, p.status) for p in logged] == [("received", "applied")]
    with pytest.raises(ReadOnlyError):
        records.update_record(hub, "support_activity", record.id, {"beneficiary": "X"})
    assert list((hub.folder / "backups").glob("backup-*-before-import.sqlite3"))


def test_reimport_is_a_no_op_that_says_so(source, hub):
    import_package(hub, source.package)
    before = db_state(hub)
    plan = import_package(hub, source.package)
    assert plan.status == "unchanged" and plan.already_imported_at is not None
    assert any("đã được nhập" in line for line in plan.summary_lines())
    assert db_state(hub) == before


def test_newer_version_replaces_older_and_tombstones_delete(tmp_path, source, hub):
    with source.db.session() as session:
        target = session.scalar(
            select(m.SupportActivity).where(m.SupportActivity.beneficiary == "Lê Thị Bình")
        )
        donation = session.scalar(select(m.Donation).where(m.Donation.deleted.is_(False)))
    other = records.create_record(
        source.db, "donation", "017", {"year": YEAR, "fund_code": "for_the_poor", "amount_vnd": 7}
    )
    first = build_package(source.db, "017", YEAR).data
    late = build_package(source.db, "017", YEAR).data  # made before the changes, arrives after them
    import_package(hub, first)
    records.update_record(source.db, "support_activity", target.id, {"value_vnd": 3_000_000})
    records.update_record(source.db, "donation", other.id, {"amount_vnd": 8})  # an update and a deletion
    records.delete_record(source.db, "donation", donation.id)  # of the same kind in one package
    try:
        plan = import_package(hub, build_package(source.db, "017", YEAR).data)
        assert plan.status == "applied"
        assert sum(plan.updated.values()) == 2 and sum(plan.deleted.values()) == 1
        with hub.session() as session:
            assert session.get(m.SupportActivity, target.id).value_vnd == 3_000_000
            assert session.get(m.Donation, donation.id).deleted
            assert session.get(m.Donation, other.id).amount_vnd == 8
        # The older package, imported late, is refused rather than rolling the data back.
        with pytest.raises(PackageRejected, match="mới hơn"):
            import_package(hub, late)
        assert import_package(hub, first).status == "unchanged"
    finally:
        records.update_record(source.db, "support_activity", target.id, {"value_vnd": 2_000_000})
        records.restore_record(source.db, "donation", donation.id)
        records.delete_record(source.db, "donation", other.id)


def test_a_record_changed_in_two_places_is_a_conflict_not_overwritten(source, hub):
    import_package(hub, source.package)
    with source.db.session() as session:
        target = session.scalar(
            select(m.SupportActivity).where(m.SupportActivity.beneficiary == "Nguyễn Văn An")
        )
    # The cluster office changes its copy (the unit was briefly made local), and so does the owner.
    structure.set_local(hub, ["017"])
    records.update_record(hub, "support_activity", target.id, {"beneficiary": "Sửa ở cụm"})
    structure.set_local(hub, ["017"], is_local=False)
    records.update_record(source.db, "support_activity", target.id, {"beneficiary": "Sửa ở huyện"})
    try:
        plan = import_package(hub, build_package(source.db, "017", YEAR).data)
        assert [c.record_id for c in plan.conflicts] == [target.id]
        assert "phiên bản 1" in plan.conflicts[0].reason
        assert any(line.startswith("Xung đột") for line in plan.summary_lines())
        with hub.session() as session:
            assert session.get(m.SupportActivity, target.id).beneficiary == "Sửa ở cụm"
    finally:
        records.update_record(source.db, "support_activity", target.id, {"beneficiary": "Nguyễn Văn An"})


def test_dry_run_writes_nothing(source, hub):
    before = db_state(hub)
    plan = import_package(hub, source.package, dry_run=True)
    assert plan.status == "planned" and plan.counts()["new"] == 10
    assert any("Chạy thử" in line for line in plan.summary_lines())
    assert db_state(hub) == before


def test_an_empty_local_unit_is_adopted_and_a_unit_with_records_is_refused(tmp_path, source):
    empty = make_installation(tmp_path / "empty", ["017"])
    keys.trust_card(empty, keys.read_card(source.card))
    plan = import_package(empty, source.package)
    assert plan.adopt_unit and plan.status == "applied"
    with empty.session() as session:
        assert not session.scalar(select(m.Unit.is_local).where(m.Unit.code == "00454-01"))
        assert session.scalar(
            select(m.AuditEntry).where(m.AuditEntry.action == "ownership", m.AuditEntry.reason != "")
        )
    empty.close()

    owner = make_installation(tmp_path / "owner", ["017"])
    keys.trust_card(owner, keys.read_card(source.card))  # trusted while the unit was still empty here
    records.create_records(
        owner, "donation", "017", [{"year": YEAR, "fund_code": "sea_islands", "amount_vnd": 5}]
    )
    before = db_state(owner)
    with pytest.raises(PackageRejected, match="máy này quản lý"):
        import_package(owner, source.package)
    assert db_state(owner) == before
    with pytest.raises(keys.KeyRejected):
        keys.trust_card(owner, keys.read_card(source.card), replace=True)
    owner.close()


def test_into_an_installation_without_the_structure(tmp_path, source):
    bare = make_installation(tmp_path / "bare", [], with_tree=False)
    keys.trust_card(bare, keys.read_card(source.card))
    plan = import_package(bare, source.package)
    assert plan.new_units == 7  # city, district, 2 communes, 3 villages
    assert figures(bare)["solidarity_houses"]["value"] == 1
    bare.close()


def test_export_writes_safely_logs_and_submit_locks_the_year(tmp_path, source):
    result = export_package(source.db, None, 2021, tmp_path, submit=True)
    assert result.path.parent == tmp_path and result.path.name == "goi-du-lieu-017-2021.zip"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".tmp")]
    with source.db.session() as session:
        year = session.scalar(select(m.EmulationYear).where(m.EmulationYear.year == 2021))
        assert year.locked
        assert (
            session.scalar(select(m.PackageLog).where(m.PackageLog.package_id == result.package_id)).direction
            == "sent"
        )
    with pytest.raises(ReadOnlyError):
        records.create_records(
            source.db, "donation", "017", [{"year": 2021, "fund_code": "sea_islands", "amount_vnd": 1}]
        )
    structure.unlock_year(source.db, "017", 2021, reason="Bổ sung số liệu")
    manifest = json.loads(unzip(build_package(source.db, "017", 2021).data)[pf.MANIFEST])
    assert manifest["revised_after_submission"] is True


# ------------------------------------------------------------------------------------------ refusals


def _flip(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1 :]


def _member_offset(package: bytes, name: str) -> int:
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        info = archive.getinfo(name)
    # Local header: 30 bytes + name + extra, then the (compressed) data.
    header = package[info.header_offset : info.header_offset + 30]
    name_len, extra_len = int.from_bytes(header[26:28], "little"), int.from_bytes(header[28:30], "little")
    return info.header_offset + 30 + name_len + extra_len


def _stored(source) -> bytes:
    """The real package, stored uncompressed so that a flipped byte changes content, not the stream."""
    return rezip(unzip(source.package), compression=zipfile.ZIP_STORED)


def _bomb(source) -> bytes:
    members = unzip(source.package)
    members[pf.record_member("donation")] = b" " * (50 * 1024 * 1024)
    return rezip(members)


def _duplicate_keys(source) -> bytes:
    members = unzip(source.package)
    members[pf.STRUCTURE] = members[pf.STRUCTURE].replace(b'{"unit":', b'{"unit":null,"unit":', 1)
    return rezip(resign(members, source.folder))


def _unknown_field(source) -> bytes:
    members = unzip(source.package)
    content = json.loads(members[pf.record_member("donation")])
    content["columns"].append("secret")
    content["rows"] = [[*row, 1] for row in content["rows"]]
    members[pf.record_member("donation")] = json.dumps(content).encode()
    return rezip(resign(members, source.folder))


def _nan(source) -> bytes:
    members = unzip(source.package)
    content = members[pf.record_member("funeral_tally")]
    members[pf.record_member("funeral_tally")] = content.replace(b",40,", b",NaN,", 1)
    return rezip(resign(members, source.folder))


def _untrusted(source, tmp_path) -> bytes:
    other = make_installation(tmp_path / "impostor", ["017"])
    records.create_records(
        other, "donation", "017", [{"year": YEAR, "fund_code": "sea_islands", "amount_vnd": 10**12}]
    )
    data = build_package(other, "017", YEAR).data
    other.close()
    return data


def _newer_schema(source) -> bytes:
    return rezip(resign(unzip(source.package), source.folder, schema_version=99))


def _changed(source, name: str, at: int) -> bytes:
    """The package with one byte of a member flipped, zipped again (so the zip itself is sound)."""
    members = unzip(source.package)
    members[name] = _flip(members[name], at)
    return rezip(members)


REFUSALS = {
    "flipped byte in data": (lambda s, t: _changed(s, pf.record_member("donation"), 40), "mã kiểm tra"),
    "flipped byte in structure": (lambda s, t: _changed(s, pf.STRUCTURE, 30), "mã kiểm tra"),
    "flipped byte in manifest": (
        lambda s, t: _changed(s, pf.MANIFEST, unzip(s.package)[pf.MANIFEST].index(b'"year": 2022') + 11),
        "chữ ký",
    ),
    "flipped byte in signature": (lambda s, t: _changed(s, pf.SIGNATURE, 3), "chữ ký"),
    "flipped byte in the zip": (
        lambda s, t: _flip(_stored(s), _member_offset(_stored(s), pf.record_member("donation")) + 5),
        "hỏng",
    ),
    "truncated file": (lambda s, t: s.package[: len(s.package) * 2 // 3], "hỏng"),
    "untrusted key": (lambda s, t: _untrusted(s, t), "chữ ký"),
    "zip-slip name": (
        lambda s, t: rezip([*unzip(s.package).items(), ("../../evil.json", b"[]")]),
        "đường dẫn",
    ),
    "absolute name": (lambda s, t: rezip([("/etc/passwd", b"x"), *unzip(s.package).items()]), "đường dẫn"),
    "backslash name": (
        lambda s, t: rezip([("records\\donation.json", b"[]"), *unzip(s.package).items()]),
        "đường dẫn",
    ),
    "duplicate name": (lambda s, t: rezip([*unzip(s.package).items(), (pf.STRUCTURE, b"{}")]), "hai lần"),
    "zip bomb": (lambda s, t: _bomb(s), "bom"),
    "duplicate JSON keys": (lambda s, t: _duplicate_keys(s), "hai lần"),
    "unknown field": (lambda s, t: _unknown_field(s), "secret"),
    "NaN": (lambda s, t: _nan(s), "không phải là số"),
    "newer schema": (lambda s, t: _newer_schema(s), "mới hơn"),
    "not a zip": (lambda s, t: b"PK\x03\x04 not really", "hỏng"),
    "empty file": (lambda s, t: b"", "hỏng"),
}


@pytest.mark.filterwarnings("ignore:Duplicate name")  # the test writes a zip with a name twice on purpose
@pytest.mark.parametrize("case", list(REFUSALS))
def test_refused_with_a_message_and_the_database_unchanged(case, source, hub, tmp_path):
    make, words = REFUSALS[case]
    data = make(source, tmp_path)
    before = db_state(hub)
    with pytest.raises(PackageRejected) as caught:
        import_package(hub, data)
    assert caught.value.message.startswith("Gói dữ liệu bị từ chối") or "không" in caught.value.message
    assert words.lower() in caught.value.message.lower()
    assert db_state(hub) == before
    assert not list((hub.folder / "backups").glob("*before-import*"))
    # The refusal itself is in the history, once per file however often it is tried.
    digest = hashlib.sha256(data).hexdigest()
    assert [(r[1], r[4]) for r in refusals(hub)] == [(digest, caught.value.message.split("\n")[0])]
    with pytest.raises(PackageRejected):
        import_package(hub, data)
    assert len(refusals(hub)) == 1


def test_a_dry_run_that_is_refused_writes_nothing_at_all(source, hub):
    data = source.package[: len(source.package) // 2]
    with pytest.raises(PackageRejected):
        import_package(hub, data, dry_run=True)
    assert refusals(hub) == []


def test_a_refused_file_is_named_in_the_history_and_an_applied_one_too(source, hub, tmp_path):
    bad = tmp_path / "goi-hong.zip"
    bad.write_bytes(source.package[:-100])
    with pytest.raises(PackageRejected):
        import_package(hub, bad, user="Văn thư")
    good = tmp_path / "goi-du-lieu-017-2022.zip"
    good.write_bytes(source.package)
    import_package(hub, good, user="Văn thư")
    with hub.session() as session:
        entries = [(e.status, e.file_name, e.user) for e in history(session)]
    assert entries == [
        ("applied", "goi-du-lieu-017-2022.zip", "Văn thư"),
        ("rejected", "goi-hong.zip", "Văn thư"),
    ]


def _rule_breaking_package(source) -> bytes:
    """The source's package, authentic (re-signed), whose first funeral tally has more cremations than
    deaths."""
    members = unzip(source.package)
    content = json.loads(members[pf.record_member("funeral_tally")])
    deaths, cremations = content["columns"].index("deaths"), content["columns"].index("cremations")
    content["rows"][0][cremations] = content["rows"][0][deaths] + 1
    members[pf.record_member("funeral_tally")] = json.dumps(content, ensure_ascii=False).encode()
    return rezip(resign(members, source.folder))


def test_rows_breaking_the_rules_are_listed_and_nothing_is_imported(source, hub):
    data = _rule_breaking_package(source)
    plan = import_package(hub, data, dry_run=True)
    assert len(plan.rejected) == 1 and "hỏa táng" in plan.rejected[0].reason.lower()
    before = db_state(hub)
    with pytest.raises(PackageRejected, match="vi phạm") as refused:
        import_package(hub, data)
    assert "Chạy thử" not in refused.value.message  # a real import is no dry run
    assert db_state(hub) == before
    # The package could be read, so its entry says whose and which year it was.
    [(_name, _digest, unit_code, year, reason)] = refusals(hub)
    assert (unit_code, year) == ("017", YEAR) and "vi phạm" in reason


def test_a_key_is_trusted_once_and_replaced_only_explicitly(tmp_path, source, hub):
    card = keys.read_card(source.card)
    assert [r.status for r in keys.trust_card(hub, card)] == ["already"]
    other = make_installation(tmp_path / "other", ["017"])
    new_card = keys.read_card(keys.card_bytes(keys.key_card(other)))
    other.close()
    with pytest.raises(keys.KeyRejected, match="--replace"):
        keys.trust_card(hub, new_card)
    assert [r.status for r in keys.trust_card(hub, new_card, replace=True, user="Chánh VP")] == ["replaced"]
    with hub.session() as session:
        rows = keys.trusted_keys(session)
        assert [(k.active, k.fingerprint) for k in rows] == [
            (True, new_card.fingerprint),
            (False, card.fingerprint),
        ]
        audit = session.scalar(select(m.AuditEntry).where(m.AuditEntry.action == "key_replace"))
        assert card.fingerprint in audit.old_values and audit.user == "Chánh VP"
    # The old key no longer opens packages.
    with pytest.raises(PackageRejected, match="chữ ký"):
        import_package(hub, source.package)


def test_an_altered_key_card_is_refused(source):
    card = json.loads(source.card)
    card["units"][0]["code"] = "018"
    keys.read_card(json.dumps(card).encode())  # the units are not part of the fingerprint...
    card["public_key"] = card["public_key"][:-4] + "AAA="
    with pytest.raises(keys.KeyRejected):
        keys.read_card(json.dumps(card).encode())
    with pytest.raises(keys.KeyRejected):
        keys.read_card(b'{"format": "emulation-desktop-key-card", "format": 1}')


def test_private_key_is_owner_only(source):
    path = keys.key_path(source.folder)
    assert path.exists() and (path.stat().st_mode & 0o077) == 0
    assert path.read_bytes().startswith(b"-----BEGIN PRIVATE KEY-----")


def test_a_history_that_cannot_be_written_does_not_hide_the_refusal(source, hub, monkeypatch):
    from emulation_desktop.errors import StorageError
    from emulation_desktop.exchange import package_history as module

    def full_disk(*_args, **_kwargs):
        raise StorageError("Ổ đĩa đã đầy.")

    monkeypatch.setattr(module, "_write_refusal", full_disk)
    with pytest.raises(PackageRejected, match="Gói dữ liệu bị từ chối"):
        import_package(hub, source.package[:-100])
    assert refusals(hub) == []


def test_the_clerks_check_records_a_package_it_turns_away(source, hub):
    data = _rule_breaking_package(source)
    assert import_package(hub, data, dry_run=True).rejected and refusals(hub) == []  # a plain dry run
    plan = import_package(hub, data, dry_run=True, record_refusal=True, file_name="goi.zip")
    assert plan.status == "planned" and len(plan.rejected) == 1
    [(name, _digest, unit_code, year, reason)] = refusals(hub)
    assert (name, unit_code, year) == ("goi.zip", "017", YEAR) and "vi phạm" in reason
    with pytest.raises(PackageRejected):
        import_package(hub, source.package[:-100], dry_run=True, record_refusal=True)
    assert len(refusals(hub)) == 2
