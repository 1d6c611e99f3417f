"""Accept or return a member's year, with a signed acknowledgement carried back (issue #18): two
installations on real SQLite files, real zips on a "stick" folder. Đông Anh (017) is the member; Thanh
Trì (020) heads the cluster C3 of 2022 and receives."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from emulation_desktop import paths
from emulation_desktop.errors import InputError, ReadOnlyError
from emulation_desktop.exchange import acknowledgement as ack
from emulation_desktop.exchange import keys
from emulation_desktop.exchange.export_package import export_package
from emulation_desktop.exchange.import_package import import_package
from emulation_desktop.operations import records, structure, submission_status, submissions
from emulation_desktop.operations.audit import year_lock
from emulation_desktop.storage import schema
from emulation_desktop.storage.database import open_database
from emulation_desktop.storage.migrations import SCHEMA_VERSION

from .conftest import YEAR, db_state, fill, make_installation, rezip, unzip

CLUSTER = "C3"
REASON = "Thiếu số liệu nhà đại đoàn kết xã Nguyên Khê"


def make_head(folder: Path):
    db = make_installation(folder, ["020"])
    structure.add_cluster(db, CLUSTER, "Cụm thi đua số 3", "01")
    structure.set_cluster_member(db, CLUSTER, "017", YEAR, "member")
    structure.set_cluster_member(db, CLUSTER, "020", YEAR, "head")
    return db


@pytest.fixture
def offices(tmp_path):
    """(member, head, stick): each trusts the other's key card."""
    member = make_installation(tmp_path / "member", ["017"])
    fill(member)
    head = make_head(tmp_path / "head")
    keys.trust_card(head, keys.read_card(keys.card_bytes(keys.key_card(member))))
    keys.trust_card(member, keys.read_card(keys.card_bytes(keys.key_card(head))))
    stick = tmp_path / "stick"
    stick.mkdir()
    yield member, head, stick
    member.close()
    head.close()


def send(member, head, stick, name: str) -> Path:
    """The member submits its year on the stick; the head imports it."""
    result = export_package(member, "017", YEAR, stick / name, submit=True)
    assert import_package(head, result.path).status == "applied"
    return result.path


def status(head) -> submissions.BoardRow:
    (row,) = submissions.board_of(head, YEAR).rows
    assert row.unit_code == "017"
    return row


def test_return_fix_accept_lock_unlock_and_changed_since_accepted(offices):
    member, head, stick = offices
    assert status(head).status == "missing"

    first = send(member, head, stick, "goi-1.zip")
    row = status(head)
    assert (row.status, row.package_file, row.changed_since_accepted) == ("received", "goi-1.zip", False)

    # The head returns it, with a reason typed in another Unicode form (NFD): kept as NFC.
    import unicodedata

    returned = ack.decide(
        head, "017", YEAR, "returned", stick, reason="  " + unicodedata.normalize("NFD", REASON) + " "
    )
    assert returned.path == stick / "tra-lai-017-2022.zip"
    row = status(head)
    assert (row.status, row.reason, row.package_file) == ("returned", REASON, first.name)

    # The member opens it like a package: the year (locked as submitted) is unlocked for correction.
    assert year_lock_of(member).locked
    done = import_package(member, returned.path)
    assert (done.status, done.decision, done.reason, done.year_change) == (
        "applied",
        "returned",
        REASON,
        "unlocked",
    )
    shown = submission_status.member_status_of(member, "017", YEAR)
    assert shown is not None and shown.text(YEAR) == f"Cụm trưởng trả lại số liệu năm 2022: {REASON}"
    assert not year_lock_of(member).locked
    assert import_package(member, returned.path).status == "unchanged"  # the same file twice

    # The member fixes a record and sends again; the head sees a new package to review.
    records.create_record(
        member,
        "support_activity",
        "017",
        {
            "year": YEAR,
            "kind": "house_new",
            "commune_id": "00457",
            "beneficiary": "Trần Văn Cường",
            "household_category": "poor",
            "value_vnd": 60_000_000,
        },
    )
    second = send(member, head, stick, "goi-2.zip")
    row = status(head)
    assert (row.status, row.package_file, row.revised_after_submission) == ("received", second.name, True)

    accepted = ack.decide(head, "017", YEAR, "accepted", stick)
    assert status(head).status == "accepted"
    done = import_package(member, accepted.path)
    assert (done.status, done.year_change) == ("applied", "")  # still locked from the submission
    assert year_lock_of(member).locked
    shown = submission_status.member_status_of(member, "017", YEAR)
    assert shown is not None and shown.text(YEAR).startswith("Cụm trưởng đã tiếp nhận số liệu năm 2022 ngày ")
    with pytest.raises(ReadOnlyError):
        records.create_record(
            member, "donation", "017", {"year": YEAR, "fund_code": "sea_islands", "amount_vnd": 1}
        )

    # A change after acceptance: unlock with a reason, change, send a new version.
    structure.unlock_year(member, "017", YEAR, reason="Bổ sung khoản ủng hộ Quỹ biển, đảo")
    records.create_record(
        member, "donation", "017", {"year": YEAR, "fund_code": "sea_islands", "amount_vnd": 5_000_000}
    )
    third = export_package(member, "017", YEAR, stick / "goi-3.zip")
    import_package(head, third.path)
    row = status(head)
    assert (row.status, row.changed_since_accepted, row.package_file) == ("received", True, "goi-3.zip")
    assert "Sau đó số liệu đã được sửa và gửi lại." in submission_status.member_status_of(
        member, "017", YEAR
    ).text(YEAR)

    # Every step is in both audit trails.
    assert actions(head, "submission_decision") == ["return", "accept"]
    assert actions(member, "submission_decision") == ["acknowledgement", "acknowledgement"]
    assert "unlock" in actions(member, "emulation_year")


def test_an_acceptance_locks_an_unlocked_year(offices):
    member, head, stick = offices
    result = export_package(member, "017", YEAR, stick / "goi.zip")  # not submitted: the year stays open
    import_package(head, result.path)
    assert not year_lock_of(member).locked
    accepted = ack.decide(head, "017", YEAR, "accepted", stick / "ok.zip")
    assert import_package(member, accepted.path, dry_run=True).status == "planned"
    assert not year_lock_of(member).locked  # a dry run changes nothing
    assert import_package(member, accepted.path).year_change == "locked"
    lock = year_lock_of(member)
    assert lock.locked and lock.reason == "Đã được Cụm trưởng tiếp nhận"


def test_an_acknowledgement_of_an_older_package_leaves_the_year_alone(offices):
    member, head, stick = offices
    send(member, head, stick, "goi-1.zip")
    old = ack.decide(head, "017", YEAR, "returned", stick / "old.zip", reason="Sai số liệu")
    structure.unlock_year(member, "017", YEAR, reason="Sửa trước khi nhận giấy")
    export_package(member, "017", YEAR, stick / "goi-2.zip", submit=True)  # sent after the one returned
    done = import_package(member, old.path)
    assert (done.status, done.current, done.year_change) == ("applied", False, "")
    assert year_lock_of(member).locked


def test_forged_or_altered_acknowledgements_are_refused_and_nothing_is_recorded(offices, tmp_path):
    member, head, stick = offices
    send(member, head, stick, "goi.zip")
    genuine = ack.decide(head, "017", YEAR, "returned", stick, reason=REASON).path
    data = genuine.read_bytes()
    before = db_state(member)
    members = unzip(data)

    altered = members[ack.DOCUMENT].replace(REASON.encode(), "Số liệu đúng".encode())
    one_byte = bytearray(data)
    one_byte[data.index(b'"returned"') + 2] ^= 0x01  # "returned" → "reTurned"? a flipped bit in the text
    other = make_installation(tmp_path / "other", ["020"], with_tree=True)  # another computer's key
    forged = (
        members[ack.DOCUMENT]
        .replace(b'"returned"', b'"accepted"')
        .replace(json.dumps(REASON, ensure_ascii=False).encode(), b'""')
    )
    cases = {
        "altered text": rezip({ack.DOCUMENT: altered, ack.SIGNATURE: members[ack.SIGNATURE]}),
        "one byte changed": bytes(one_byte),
        "signed by another key": rezip(
            {ack.DOCUMENT: forged, ack.SIGNATURE: keys.sign(other.folder, forged)}
        ),
        "an extra file": rezip({**members, "note.txt": b"x"}),
        "no signature": rezip({ack.DOCUMENT: members[ack.DOCUMENT]}),
    }
    other.close()
    for case, bad in cases.items():
        path = stick / "forged.zip"
        path.write_bytes(bad)
        with pytest.raises(InputError) as refused:
            import_package(member, path)
        message = refused.value.message
        assert message.startswith("Giấy xác nhận bị từ chối: ") or "bị từ chối" in message, (case, message)
        if case in ("altered text", "signed by another key"):
            assert "chữ ký không khớp với khóa đã tin cậy của 020" in message, case
        assert db_state(member) == before, case
    assert year_lock_of(member).locked


def test_an_acknowledgement_for_another_unit_or_from_a_non_head_is_refused(offices, tmp_path):
    member, head, stick = offices
    send(member, head, stick, "goi.zip")
    path = ack.decide(head, "017", YEAR, "accepted", stick).path
    # The member's data file knows the cluster, and 017 itself heads it: 020 may not decide on it.
    structure.add_cluster(member, CLUSTER, "Cụm thi đua số 3", "01")
    structure.set_cluster_member(member, CLUSTER, "017", YEAR, "head")
    structure.set_cluster_member(member, CLUSTER, "020", YEAR, "member")
    before = db_state(member)
    with pytest.raises(InputError, match="020 không phải là Cụm trưởng"):
        import_package(member, path)
    assert db_state(member) == before
    # At the head, the acknowledgement is not for a unit it keeps.
    with pytest.raises(InputError, match=r"không có dữ liệu ở máy này|chưa có khóa nào được tin cậy"):
        import_package(head, path)


def test_the_receiver_refuses_what_it_cannot_decide_on(offices):
    member, head, stick = offices
    with pytest.raises(InputError, match="Chưa nhận được số liệu năm 2022"):
        ack.decide(head, "017", YEAR, "accepted", stick)
    send(member, head, stick, "goi.zip")
    for reason in ("", "   ", "\n"):
        with pytest.raises(InputError, match="Hãy ghi lý do trả lại"):
            ack.decide(head, "017", YEAR, "returned", stick, reason=reason)
    with pytest.raises(InputError, match="999"):
        ack.decide(head, "999", YEAR, "accepted", stick)
    with pytest.raises(InputError, match="đơn vị của chính văn phòng này"):
        ack.decide(head, "020", YEAR, "accepted", stick)
    with pytest.raises(InputError, match="không phải là thành viên"):
        ack.decide(head, "017", YEAR - 1, "accepted", stick)
    assert list(stick.iterdir()) == [stick / "goi.zip"]  # nothing was written for a refusal
    assert actions(head, "submission_decision") == []


def test_late_units_stand_out_by_the_due_date(offices):
    from datetime import date

    _member, head, _stick = offices
    with head.session() as session:
        assert submissions.due_date(session, YEAR) == date(2022, 12, 15)
    assert submissions.board_of(head, YEAR, today=date(2022, 12, 15)).rows[0].late is False
    assert submissions.board_of(head, YEAR, today=date(2022, 12, 16)).rows[0].late is True
    submissions.set_due_day(head, "20/12")
    assert submissions.board_of(head, YEAR, today=date(2022, 12, 16)).rows[0].late is False
    with pytest.raises(InputError):
        submissions.set_due_day(head, "31/02")


def test_a_file_migrated_from_version_6_matches_a_new_file(data_dir):
    database = open_database(data_dir)
    database.close()
    connection = sqlite3.connect(paths.database_path(data_dir))
    connection.execute("DROP TABLE submission_decision")
    connection.execute("PRAGMA user_version=6")
    connection.commit()
    connection.close()
    migrated = open_database(data_dir)
    with migrated.reading() as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert schema.differences(connection) == []
    migrated.close()


# --------------------------------------------------------------------------------------------- helpers


def year_lock_of(db):
    with db.session() as session:
        return year_lock(session, "017", YEAR)


def actions(db, table: str) -> list[str]:
    with db.reading() as connection:
        return [
            r[0]
            for r in connection.execute(
                "SELECT action FROM audit_log WHERE table_name = ? ORDER BY id", (table,)
            ).fetchall()
        ]
