"""Evidence files (issue #18, 4): real PDFs and photos attached to real records, carried in real packages
between two data folders, checked by their content and by the signed manifest, kept once, and carried by
backups."""

from __future__ import annotations

import hashlib
import json

import pytest
from evidence_samples import a_pdf, a_photo
from run_cli import cli

from emulation_desktop import paths
from emulation_desktop.domain import evidence as ev
from emulation_desktop.errors import InputError, ReadOnlyError
from emulation_desktop.exchange import keys
from emulation_desktop.exchange import package_format as pf
from emulation_desktop.exchange.evidence_files import save_copy
from emulation_desktop.exchange.export_package import build_package, export_package
from emulation_desktop.exchange.import_package import import_package
from emulation_desktop.exchange.package_format import PackageRejected
from emulation_desktop.operations import evidence, records, structure
from emulation_desktop.storage.backup import restore_backup, take_backup
from emulation_desktop.storage.database import open_database

from .conftest import YEAR, db_state, make_installation, resign, rezip, sqlite_rows, unzip

HOUSE = {
    "year": YEAR,
    "kind": "house_new",
    "beneficiary": "Nguyễn Văn An",
    "household_category": "poor",
    "value_vnd": 50_000_000,
}
SESSION = {"year": YEAR, "mode": "led", "kind": "supervision", "field": "land", "subject": "Quản lý đất đai"}


@pytest.fixture
def district(tmp_path):
    db = make_installation(tmp_path / "district", ["017"])
    yield db
    db.close()


@pytest.fixture
def office(tmp_path, district):
    db = make_installation(tmp_path / "office", [])
    keys.trust_card(db, keys.read_card(keys.card_bytes(keys.key_card(district))))
    yield db
    db.close()


def stored_files(db) -> list[tuple]:
    return sqlite_rows(
        paths.database_path(db.folder), "SELECT sha256, size FROM evidence_file ORDER BY sha256"
    )


# ------------------------------------------------------------------------------ checked by content


def test_a_pdf_and_photos_are_attached_and_read_back(district, tmp_path):
    house = records.create_record(district, "support_activity", "017", HOUSE)
    pdf, png, jpeg = a_pdf(), a_photo(), a_photo("JPEG")
    (tmp_path / "Biên bản.pdf").write_bytes(pdf)
    first = evidence.attach(district, "support_activity", house.id, tmp_path / "Biên bản.pdf", user="Lan")
    evidence.attach(district, "support_activity", house.id, png, file_name="nha.png")
    evidence.attach(district, "support_activity", house.id, jpeg, file_name="C:\\Ảnh\\nha-moi.jpg")
    listed = evidence.list_evidence(district, "support_activity", house.id)
    assert [(e.file_name, e.media_type, e.size) for e in listed] == [
        ("Biên bản.pdf", "application/pdf", len(pdf)),
        ("nha.png", "image/png", len(png)),
        ("nha-moi.jpg", "image/jpeg", len(jpeg)),
    ]
    assert first.sha256 == hashlib.sha256(pdf).hexdigest() and first.added_by == "Lan"
    assert evidence.content_of(district, first.id)[1] == pdf
    with district.session() as session:
        from emulation_desktop.domain.audit import AuditEntry

        actions = [a.action for a in session.query(AuditEntry).filter_by(table_name="evidence_link")]
    assert actions == ["attach"] * 3


@pytest.mark.parametrize(
    ("data", "name", "said"),
    [
        (b"Day la bien ban, go bang Notepad.\n" * 20, "bien-ban.pdf", "là một tệp văn bản"),
        (b"MZ\x90\x00" + bytes(500), "bien-ban.pdf", "chương trình Windows (.exe)"),
        (b"PK\x03\x04" + bytes(200), "bao-cao.pdf", "tệp nén ZIP hoặc tệp Word/Excel"),
        (b"GIF89a" + bytes(100), "anh.png", "ảnh GIF"),
    ],
    ids=["renamed-text", "renamed-exe", "docx", "gif"],
)
def test_a_file_is_refused_by_what_it_is_not_by_its_name(district, data, name, said):
    house = records.create_record(district, "support_activity", "017", HOUSE)
    with pytest.raises(InputError) as refused:
        evidence.attach(district, "support_activity", house.id, data, file_name=name)
    assert said in refused.value.message
    assert "PDF, JPEG, PNG hoặc WebP" in refused.value.message
    assert evidence.list_evidence(district, "support_activity", house.id) == []


def test_a_cut_short_photo_or_pdf_is_refused(district):
    house = records.create_record(district, "support_activity", "017", HOUSE)
    photo, pdf = a_photo("JPEG"), a_pdf()
    with pytest.raises(InputError, match="không đọc được"):
        evidence.attach(district, "support_activity", house.id, photo[: len(photo) // 2], file_name="a.jpg")
    with pytest.raises(InputError, match="hỏng hoặc không trọn vẹn"):
        evidence.attach(district, "support_activity", house.id, pdf[: len(pdf) // 2], file_name="a.pdf")


def test_a_too_big_file_is_refused_before_it_is_read(district, tmp_path):
    house = records.create_record(district, "support_activity", "017", HOUSE)
    big = tmp_path / "scan.pdf"
    with big.open("wb") as handle:
        handle.write(b"%PDF-1.4\n")
        handle.truncate(ev.MAX_FILE_BYTES + 1)
    with pytest.raises(InputError) as refused:
        evidence.attach(district, "support_activity", house.id, big)
    assert "20,0 MB" in refused.value.message and "scan.pdf" in refused.value.message
    assert stored_files(district) == []


def test_a_locked_year_or_a_deleted_record_takes_no_file(district):
    house = records.create_record(district, "support_activity", "017", HOUSE)
    structure.lock_year(district, "017", YEAR, reason="Đã gửi")
    with pytest.raises(ReadOnlyError):
        evidence.attach(district, "support_activity", house.id, a_pdf(), file_name="a.pdf")
    structure.unlock_year(district, "017", YEAR, reason="Sửa số liệu")
    records.delete_record(district, "support_activity", house.id)
    with pytest.raises(InputError, match="thùng rác"):
        evidence.attach(district, "support_activity", house.id, a_pdf(), file_name="a.pdf")


def test_one_file_on_two_records_is_stored_once_and_a_removal_keeps_the_bytes(district):
    house = records.create_record(district, "support_activity", "017", HOUSE)
    visit = records.create_record(district, "supervision", "017", SESSION)
    pdf = a_pdf()
    on_house = evidence.attach(district, "support_activity", house.id, pdf, file_name="bien-ban.pdf")
    evidence.attach(district, "supervision", visit.id, pdf, file_name="bien-ban-giam-sat.pdf")
    with pytest.raises(InputError, match="đã được đính kèm"):
        evidence.attach(district, "support_activity", house.id, pdf, file_name="lan-hai.pdf")
    assert stored_files(district) == [(hashlib.sha256(pdf).hexdigest(), len(pdf))]
    evidence.detach(district, on_house.id, user="Lan")
    assert evidence.list_evidence(district, "support_activity", house.id) == []
    assert len(evidence.list_evidence(district, "supervision", visit.id)) == 1
    assert len(stored_files(district)) == 1


def test_a_copy_is_saved_the_safe_way(district, tmp_path):
    house = records.create_record(district, "support_activity", "017", HOUSE)
    added = evidence.attach(district, "support_activity", house.id, a_photo(), file_name="Ảnh nhà.png")
    stick = tmp_path / "stick"
    stick.mkdir()
    saved = save_copy(district, added.id, stick)
    assert saved.path.name == "anh-nha.png" and saved.path.read_bytes() == a_photo()
    assert [p.name for p in stick.iterdir()] == ["anh-nha.png"]


# ------------------------------------------------------------------------------------- in packages


def attach_three(district):
    """A house with a PDF and a photo, a supervision with the same PDF: two files, three links."""
    house = records.create_record(district, "support_activity", "017", HOUSE)
    visit = records.create_record(district, "supervision", "017", SESSION)
    pdf, png = a_pdf(), a_photo()
    evidence.attach(district, "support_activity", house.id, pdf, file_name="Biên bản bàn giao.pdf")
    photo = evidence.attach(district, "support_activity", house.id, png, file_name="nhà.png")
    evidence.attach(district, "supervision", visit.id, pdf, file_name="Biên bản giám sát.pdf")
    return house, visit, pdf, png, photo


def test_files_travel_once_signed_and_are_kept_once_at_the_other_office(district, office, tmp_path):
    house, visit, pdf, png, photo = attach_three(district)
    stick = tmp_path / "stick"
    stick.mkdir()
    sent = export_package(district, "017", YEAR, stick)
    assert "Dung lượng:" in sent.summary() and sent.evidence_files == 2
    members = unzip(sent.path.read_bytes())
    manifest = json.loads(members[pf.MANIFEST])
    assert manifest["format_version"] == 4
    for data in (pdf, png):
        name = pf.evidence_member(hashlib.sha256(data).hexdigest())
        assert members[name] == data
        assert manifest["members"][name] == {
            "sha256": hashlib.sha256(data).hexdigest(),
            "rows": 1,
            "bytes": len(data),
        }
    assert sum(pf.is_evidence_member(n) for n in members) == 2

    planned = import_package(office, sent.path, dry_run=True)
    assert (planned.evidence_files, planned.evidence_new_files, planned.evidence_added) == (2, 2, 3)
    assert any(line.startswith("Tệp minh chứng: 2 (") for line in planned.summary_lines())
    assert stored_files(office) == []
    import_package(office, sent.path)
    assert evidence.content_of(office, photo.id)[1] == png
    names = {e.file_name for e in evidence.list_evidence(office, "support_activity", house.id)}
    assert names == {"Biên bản bàn giao.pdf", "nhà.png"}
    assert len(evidence.list_evidence(office, "supervision", visit.id)) == 1
    assert len(stored_files(office)) == 2

    # The same files sent again in a newer package: nothing is stored twice.
    again = import_package(office, build_package(district, "017", YEAR).data)
    assert again.status == "applied" and (again.evidence_new_files, again.evidence_added) == (0, 0)
    assert len(stored_files(office)) == 2

    # A removal at the district travels: the link goes, the bytes stay.
    evidence.detach(district, photo.id)
    removed = import_package(office, build_package(district, "017", YEAR).data)
    assert removed.evidence_removed == 1
    assert {e.file_name for e in evidence.list_evidence(office, "support_activity", house.id)} == {
        "Biên bản bàn giao.pdf"
    }
    assert len(stored_files(office)) == 2


def test_a_changed_evidence_file_refuses_the_whole_package(district, office):
    attach_three(district)
    members = unzip(build_package(district, "017", YEAR).data)
    name = next(n for n in members if pf.is_evidence_member(n))
    members[name] = members[name][:-10] + b"0123456789"
    before = db_state(office)
    with pytest.raises(PackageRejected, match="không khớp với mã kiểm tra"):
        import_package(office, rezip(members))
    assert db_state(office) == before
    assert stored_files(office) == []


def test_a_missing_evidence_file_refuses_the_whole_package(district, office):
    attach_three(district)
    members = unzip(build_package(district, "017", YEAR).data)
    name = next(n for n in members if pf.is_evidence_member(n))
    del members[name]
    before = db_state(office)
    with pytest.raises(PackageRejected, match="không khớp với bản kê"):
        import_package(office, rezip(members))
    assert db_state(office) == before


def test_a_signed_package_whose_file_is_not_what_it_says_is_refused(district, office):
    """Even signed by the district's own key: a file must be what the list says, by its bytes."""
    attach_three(district)
    members = unzip(build_package(district, "017", YEAR).data)
    old = next(n for n in members if pf.is_evidence_member(n))
    program = b"MZ" + bytes(300)
    new = pf.evidence_member(hashlib.sha256(program).hexdigest())
    members = {(new if n == old else n): (program if n == old else d) for n, d in members.items()}
    listing = json.loads(members[pf.EVIDENCE])
    for row in listing["rows"]:
        if row[3] == old.removeprefix(pf.EVIDENCE_PREFIX):
            row[3], row[6] = new.removeprefix(pf.EVIDENCE_PREFIX), len(program)
    members[pf.EVIDENCE] = pf.dumps(listing)
    manifest = json.loads(members[pf.MANIFEST])
    del manifest["members"][old]
    manifest["members"][new] = {
        "sha256": hashlib.sha256(program).hexdigest(),
        "rows": 1,
        "bytes": len(program),
    }
    members[pf.MANIFEST] = json.dumps(manifest).encode()
    before = db_state(office)
    with pytest.raises(PackageRejected, match="chương trình Windows"):
        import_package(office, rezip(resign(members, district.folder)))
    assert db_state(office) == before


# -------------------------------------------------------------------------------------- backups


def test_a_backup_carries_the_files(district, tmp_path):
    house = records.create_record(district, "support_activity", "017", HOUSE)
    added = evidence.attach(district, "support_activity", house.id, a_pdf(), file_name="bien-ban.pdf")
    backup = take_backup(paths.database_path(district.folder), paths.backups_dir(district.folder)).path
    evidence.detach(district, added.id)
    folder = district.folder
    district.close()
    restore_backup(paths.database_path(folder), backup)
    restored = open_database(folder)
    try:
        assert evidence.content_of(restored, added.id)[1] == a_pdf()
    finally:
        restored.close()


# ---------------------------------------------------------------------------------- command line


def test_the_command_line_attaches_lists_copies_and_shows_the_package_size(district, tmp_path):
    house = records.create_record(district, "support_activity", "017", HOUSE)
    folder = district.folder
    district.close()
    (tmp_path / "bien-ban.pdf").write_bytes(a_pdf())
    (tmp_path / "bien-ban.txt.pdf").write_text("không phải PDF", encoding="utf-8")
    attached = cli(
        "evidence",
        "attach",
        "--kind",
        "support_activity",
        "--record",
        house.id,
        tmp_path / "bien-ban.pdf",
        data_dir=folder,
        check=True,
    )
    assert "Đã đính kèm “bien-ban.pdf”" in attached.stdout
    refused = cli(
        "evidence",
        "attach",
        "--kind",
        "support_activity",
        "--record",
        house.id,
        tmp_path / "bien-ban.txt.pdf",
        data_dir=folder,
    )
    assert refused.returncode == 2 and "tệp văn bản" in refused.stderr
    listed = cli(
        "evidence",
        "list",
        "--kind",
        "support_activity",
        "--record",
        house.id,
        "--format",
        "json",
        data_dir=folder,
        check=True,
    )
    [item] = json.loads(listed.stdout)
    assert item["file_name"] == "bien-ban.pdf" and item["media_type"] == "application/pdf"
    out = tmp_path / "stick"
    out.mkdir()
    cli("evidence", "export", item["id"], "--out", out, data_dir=folder, check=True)
    assert (out / "bien-ban.pdf").read_bytes() == a_pdf()
    sent = cli("export-package", "--year", YEAR, "--unit", "017", "--out", out, data_dir=folder, check=True)
    assert "Dung lượng:" in sent.stdout and "tệp minh chứng: 1" in sent.stdout
