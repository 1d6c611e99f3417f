"""Issue #15, "Trust at the edges", the package findings: a sender's wrong clock, a district that
restored an old backup, and text a signed package carries that no data file can hold. Each is played
between real installations with real packages, backups and the command line."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest
from run_cli import cli
from sqlalchemy import select

from emulation_desktop import paths
from emulation_desktop.domain import models as m
from emulation_desktop.domain.base import utcnow
from emulation_desktop.exchange import keys
from emulation_desktop.exchange import package_format as pf
from emulation_desktop.exchange.export_package import build_package
from emulation_desktop.exchange.import_package import import_package
from emulation_desktop.exchange.package_format import PackageRejected
from emulation_desktop.operations import records
from emulation_desktop.storage.backup import restore_backup, take_backup
from emulation_desktop.storage.database import open_database

from .conftest import YEAR, db_state, made_by_format, make_installation, refusals, resign, rezip, unzip

DONATION = {"year": YEAR, "fund_code": "for_the_poor", "amount_vnd": 1_000_000}


class District:
    """017's own installation, which can take a backup and restore it as a clerk would."""

    def __init__(self, folder):
        self.folder = folder
        self.db = make_installation(folder, ["017"])
        self.card = keys.card_bytes(keys.key_card(self.db))

    def package(self, **options) -> bytes:
        return build_package(self.db, "017", YEAR, **options).data

    def backup(self):
        return take_backup(paths.database_path(self.folder), paths.backups_dir(self.folder)).path

    def restore(self, backup) -> None:
        self.db.close()
        restore_backup(paths.database_path(self.folder), backup)
        self.db = open_database(self.folder)


@pytest.fixture
def district(tmp_path):
    made = District(tmp_path / "district")
    yield made
    made.db.close()


@pytest.fixture
def office(tmp_path, district):
    """The cluster office that receives 017's packages."""
    db = make_installation(tmp_path / "office", [])
    keys.trust_card(db, keys.read_card(district.card))
    yield db
    db.close()


def donation(db, record_id):
    with db.session() as session:
        return session.get(m.Donation, record_id)


def legacy(package: bytes, folder, created_at: str) -> bytes:
    """The package as the previous version made it: format 1, no sequence number, signed."""
    members = made_by_format(unzip(package), pf.LEGACY_FORMAT_VERSION)
    manifest = json.loads(members[pf.MANIFEST])
    manifest.pop("sequence", None)
    manifest.update(format_version=1, created_at=created_at, package_id=manifest["package_id"])
    members[pf.MANIFEST] = json.dumps(manifest).encode()
    return rezip(resign(members, folder))


# ------------------------------------------------------------------ 5. a package dated in the future


def test_a_future_dated_package_does_not_lock_out_the_genuine_ones(district, office):
    records.create_record(district.db, "donation", "017", DONATION)
    wrong_clock = district.package(now=datetime(2030, 1, 1, 8, 0))
    planned = import_package(office, wrong_clock, dry_run=True)
    warning = "Ngày lập gói 01/01/2030 08:00 ở tương lai — đồng hồ máy gửi có thể sai."
    assert warning in planned.summary_lines()
    applied = import_package(office, wrong_clock)
    assert applied.status == "applied" and warning in applied.summary_lines()
    records.create_record(district.db, "donation", "017", dict(DONATION, amount_vnd=2_000_000))
    genuine = import_package(office, district.package())  # the clock was put right
    assert genuine.status == "applied" and genuine.counts()["new"] == 1
    assert not any("tương lai" in line for line in genuine.summary_lines())


def test_packages_are_ordered_by_their_number_not_their_date(district, office):
    early_but_dated_late = district.package(now=datetime(2030, 1, 1))
    later = district.package(now=utcnow() - timedelta(days=1))
    assert json.loads(unzip(later)[pf.MANIFEST])["sequence"] == 2
    import_package(office, later)
    before = db_state(office)
    with pytest.raises(PackageRejected, match=r"mới hơn của 017 năm 2022 \(gói số 2"):
        import_package(office, early_but_dated_late)
    assert db_state(office) == before


def test_the_command_line_warns_and_then_takes_the_genuine_package(district, office, tmp_path):
    wrong = tmp_path / "wrong.zip"
    wrong.write_bytes(district.package(now=datetime(2030, 1, 1)))
    genuine = tmp_path / "genuine.zip"
    genuine.write_bytes(district.package())
    office.close()
    checked = cli("import-package", wrong, "--dry-run", data_dir=office.folder)
    assert checked.returncode == 0 and "ở tương lai" in checked.stdout
    cli("import-package", wrong, data_dir=office.folder, check=True)
    taken = cli("import-package", genuine, data_dir=office.folder)
    assert taken.returncode == 0 and "Đã nhập gói dữ liệu" in taken.stdout, taken.stderr


def test_packages_of_the_previous_version_still_import_by_date(district, office):
    records.create_record(district.db, "donation", "017", DONATION)
    old = legacy(district.package(), district.folder, "2022-12-01T08:00:00")
    older = legacy(district.package(), district.folder, "2022-11-01T08:00:00")
    assert import_package(office, old).status == "applied"
    with pytest.raises(PackageRejected, match="mới hơn"):
        import_package(office, older)
    assert import_package(office, district.package()).status == "applied"
    # A package of the previous version after one of this version is older, whatever its date says.
    late = legacy(district.package(), district.folder, "2031-01-01T08:00:00")
    with pytest.raises(PackageRejected, match="mới hơn"):
        import_package(office, late)


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"sequence": 0}, "số thứ tự của gói không hợp lệ"),
        ({"sequence": "3"}, "số thứ tự của gói không hợp lệ"),
        ({"sequence": True}, "số thứ tự của gói không hợp lệ"),
        ({"format_version": 1}, "trường “sequence” trong “manifest.json” không hợp lệ"),
        ({"format_version": True}, "phiên bản định dạng"),
    ],
    ids=["zero", "text", "bool", "format-1-with-a-number", "bool-format"],
)
def test_a_bad_sequence_is_refused(district, office, changes, reason):
    members = resign(unzip(district.package()), district.folder, **changes)
    before = db_state(office)
    with pytest.raises(PackageRejected, match=reason):
        import_package(office, rezip(members))
    assert db_state(office) == before


def test_the_sequence_survives_restoring_a_backup_at_the_sender(district, office):
    backup = district.backup()
    import_package(office, district.package())
    import_package(office, district.package())
    district.restore(backup)
    assert import_package(office, district.package()).status == "applied"


def test_a_new_key_starts_a_new_series(district, office, tmp_path):
    import_package(office, district.package())
    import_package(office, district.package())
    # The district's computer is replaced: an empty data folder, a new key, trusted again at the office.
    district.db.close()
    district.db = make_installation(tmp_path / "new-computer", ["017"])
    district.folder = tmp_path / "new-computer"
    keys.trust_card(office, keys.read_card(keys.card_bytes(keys.key_card(district.db))), replace=True)
    assert import_package(office, district.package()).status == "applied"


# --------------------------------------------------------------------- 6. a deleted record comes back


def test_a_deletion_of_a_record_never_seen_here_holds(district, office):
    import_package(office, district.package())
    record = records.create_record(district.db, "donation", "017", DONATION)
    backup = district.backup()
    records.delete_record(district.db, "donation", record.id)
    import_package(office, district.package())
    district.restore(backup)  # the district's old copy: the record live, the deletion unknown
    planned = import_package(office, district.package(), dry_run=True)
    assert planned.counts()["new"] == 0
    assert any(
        line.startswith("Bỏ qua") and record.id in line and "đã xóa trước đó" in line
        for line in planned.summary_lines()
    )
    applied = import_package(office, district.package())
    assert applied.status == "applied" and donation(office, record.id) is None


def test_a_deletion_applied_here_is_not_undone_by_an_old_copy(district, office):
    record = records.create_record(district.db, "donation", "017", DONATION)
    import_package(office, district.package())
    backup = district.backup()
    records.delete_record(district.db, "donation", record.id)
    import_package(office, district.package())
    district.restore(backup)
    # Edited once after the restore: the same version number as the deletion, another history.
    records.update_record(district.db, "donation", record.id, {"amount_vnd": 5})
    plan = import_package(office, district.package())
    assert plan.conflicts == [] and [s.record_id for s in plan.skipped] == [record.id]
    assert donation(office, record.id).deleted


def test_a_record_restored_at_the_source_comes_back(district, office):
    record = records.create_record(district.db, "donation", "017", DONATION)
    import_package(office, district.package())
    records.delete_record(district.db, "donation", record.id)
    import_package(office, district.package())
    records.restore_record(district.db, "donation", record.id)  # a newer edit than the deletion
    plan = import_package(office, district.package())
    assert plan.skipped == [] and sum(plan.updated.values()) == 1
    assert not donation(office, record.id).deleted


# ----------------------------------------------------------- 7. text no data file can hold, signed


def _with_text(district, raw: bytes) -> bytes:
    """A signed package whose donor name is ``raw`` (JSON text, escapes and all)."""
    records.create_record(district.db, "donation", "017", dict(DONATION, donor="Công ty Hòa Bình"))
    members = unzip(district.package())
    name = pf.record_member("donation")
    members[name] = members[name].replace("Công ty Hòa Bình".encode(), raw)
    return rezip(resign(members, district.folder))


@pytest.mark.parametrize(
    ("raw", "what"), [(b"\\ud800", "nửa cặp thay thế"), (b"A\\u0000B", "NUL")], ids=["surrogate", "nul"]
)
def test_text_no_data_file_can_hold_is_refused_alike_in_the_check_and_the_import(
    district, office, tmp_path, raw, what
):
    package = tmp_path / "goi.zip"
    package.write_bytes(_with_text(district, raw))
    office.close()
    checked = cli("import-package", package, "--dry-run", data_dir=office.folder)
    imported = cli("import-package", package, data_dir=office.folder)
    assert (checked.returncode, imported.returncode) == (2, 2), (checked.stderr, imported.stderr)
    assert "Tổ chức, cá nhân ủng hộ" in imported.stderr and what in imported.stderr
    assert checked.stderr == imported.stderr
    office = open_database(office.folder)
    try:
        assert [r[0] for r in refusals(office)] == ["goi.zip"]
        assert what in refusals(office)[0][4] or "không lưu được" in refusals(office)[0][4]
        with office.session() as session:
            assert session.scalars(select(m.Donation)).all() == []
    finally:
        office.close()


def test_the_import_dialog_lists_a_skipped_copy_with_its_reason(district, office, qtbot):
    """The window's check before importing shows the skipped record as a row, not only in the summary."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from emulation_desktop.ui.import_dialog import ImportDialog

    import_package(office, district.package())
    record = records.create_record(district.db, "donation", "017", DONATION)
    backup = district.backup()
    records.delete_record(district.db, "donation", record.id)
    import_package(office, district.package())
    district.restore(backup)
    dialog = ImportDialog(import_package(office, district.package(), dry_run=True))
    qtbot.addWidget(dialog)
    rows = dialog.issues_model.rows
    assert [row[0] for row in rows] == ["Bỏ qua"]
    assert rows[0][2] == record.id and "đã xóa trước đó" in rows[0][3]
