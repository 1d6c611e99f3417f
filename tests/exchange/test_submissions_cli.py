"""The completeness board, accept and return on the command line, as a clerk runs them: real processes
over two real data folders (the member 017 and the cluster head 020), in Vietnamese."""

from __future__ import annotations

import json

from run_cli import cli

from emulation_desktop.exchange import keys
from emulation_desktop.exchange.export_package import export_package
from emulation_desktop.exchange.import_package import import_package

from .conftest import YEAR, fill, make_installation
from .test_submissions import REASON, make_head


def test_submissions_accept_and_return_on_the_command_line(tmp_path):
    member = make_installation(tmp_path / "member", ["017"])
    fill(member)
    head = make_head(tmp_path / "head")
    keys.trust_card(head, keys.read_card(keys.card_bytes(keys.key_card(member))))
    keys.trust_card(member, keys.read_card(keys.card_bytes(keys.key_card(head))))
    stick = tmp_path / "stick"
    stick.mkdir()
    member_dir, head_dir = member.folder, head.folder
    member.close()
    head.close()

    board = cli("submissions", "--year", YEAR, "--format", "json", data_dir=head_dir, check=True)
    (unit,) = json.loads(board.stdout)["units"]
    assert (unit["unit"], unit["status"], unit["received_at"], unit["changed_since_accepted"]) == (
        "017",
        "missing",
        None,
        False,
    )

    # Each refusal exits 2 with its reason, and writes nothing.
    refusals = {
        ("accept", "--unit", "017"): "Chưa nhận được số liệu năm 2022 của Huyện Đông Anh",
        ("accept", "--unit", "999"): "999",
        ("accept", "--unit", "020"): "đơn vị của chính văn phòng này",
        ("return", "--unit", "017", "--reason", "  "): "Hãy ghi lý do trả lại số liệu",
    }
    for args, words in refusals.items():
        result = cli(*args, "--year", YEAR, "--out", stick, data_dir=head_dir)
        assert result.returncode == 2, (args, result.stdout, result.stderr)
        assert words in result.stderr, (args, result.stderr)
    result = cli("accept", "--unit", "017", "--year", YEAR - 1, "--out", stick, data_dir=head_dir)
    assert result.returncode == 2 and "không phải là thành viên" in result.stderr
    assert list(stick.iterdir()) == []

    with_member = open_both(member_dir, head_dir)
    sent = export_package(with_member[0], "017", YEAR, stick / "goi-dong-anh.zip", submit=True)
    import_package(with_member[1], sent.path)
    close_both(with_member)

    result = cli(
        "return",
        "--unit",
        "017",
        "--year",
        YEAR,
        "--reason",
        REASON,
        "--out",
        stick,
        data_dir=head_dir,
        check=True,
    )
    assert "tra-lai-017-2022.zip" in result.stdout
    table = cli("submissions", "--year", YEAR, "--format", "table", data_dir=head_dir, check=True).stdout
    assert "Đã trả lại" in table and REASON in table and "goi-dong-anh.zip" in table
    board = json.loads(
        cli("submissions", "--year", YEAR, "--format", "json", data_dir=head_dir, check=True).stdout
    )
    assert (board["units"][0]["status"], board["units"][0]["reason"]) == ("returned", REASON)

    # The member reads the acknowledgement with import-package.
    shown = cli("import-package", stick / "tra-lai-017-2022.zip", data_dir=member_dir, check=True).stdout
    assert f"Cụm trưởng trả lại số liệu năm 2022 của Huyện Đông Anh: {REASON}" in shown
    assert "mở khóa để sửa" in shown

    # A forged acknowledgement exits 2 with the reason.
    forged = stick / "forged.zip"
    data = bytearray((stick / "tra-lai-017-2022.zip").read_bytes())
    data[data.index(REASON.encode()[:6])] ^= 0x20
    forged.write_bytes(bytes(data))
    result = cli("import-package", forged, data_dir=member_dir)
    assert result.returncode == 2 and "Giấy xác nhận bị từ chối" in result.stderr

    # The first stick is lost: the head saves the same signed acknowledgement again, byte for byte,
    # and the member reads it again without a second change.
    first = (stick / "tra-lai-017-2022.zip").read_bytes()
    again = tmp_path / "stick-2"
    again.mkdir()
    saved = cli(
        "acknowledgement", "--unit", "017", "--year", YEAR, "--out", again, data_dir=head_dir, check=True
    )
    assert "tra-lai-017-2022.zip" in saved.stdout
    assert (again / "tra-lai-017-2022.zip").read_bytes() == first
    result = cli("acknowledgement", "--unit", "017", "--year", YEAR - 1, "--out", again, data_dir=head_dir)
    assert result.returncode == 2 and "không có giấy xác nhận" in result.stderr, result.stderr

    # The unit's story at the head: received, returned with the reason; oldest first.
    story = json.loads(
        cli(
            "submissions", "--year", YEAR, "--unit", "017", "--format", "json", data_dir=head_dir, check=True
        ).stdout
    )
    assert [(e["event"], e["package_file"]) for e in story["history"]] == [
        ("applied", "goi-dong-anh.zip"),
        ("returned", "goi-dong-anh.zip"),
    ]
    assert story["history"][1]["reason"] == REASON and story["history"][1]["acknowledgement_id"]
    table = cli("submissions", "--year", YEAR, "--unit", "017", data_dir=head_dir, check=True).stdout
    assert "Đã nhận gói" in table and "Đã trả lại" in table and REASON in table
    result = cli("submissions", "--year", YEAR, "--unit", "016", data_dir=head_dir)
    assert result.returncode == 2 and "016" in result.stderr

    # The cluster agrees another due day: the board says it, and a bad day is refused with the example.
    board = json.loads(
        cli(
            "submissions", "--year", YEAR, "--due", "20/12", "--format", "json", data_dir=head_dir, check=True
        ).stdout
    )
    assert board["due_date"] == f"{YEAR}-12-20"
    result = cli("submissions", "--year", YEAR, "--due", "31/11", data_dir=head_dir)
    assert result.returncode == 2 and "15/12" in result.stderr, result.stderr
    board = json.loads(
        cli("submissions", "--year", YEAR, "--format", "json", data_dir=head_dir, check=True).stdout
    )
    assert board["due_date"] == f"{YEAR}-12-20"


def open_both(*folders):
    from emulation_desktop.storage.database import open_database

    return [open_database(folder) for folder in folders]


def close_both(databases):
    for database in databases:
        database.close()
