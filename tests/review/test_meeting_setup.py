"""The review meeting's set-up through the core and the ``meeting`` command, on real data files: saved
whole with its delegates and an audit row, refused whole with a Vietnamese message (exit 2 from the
command line), the invitation printed from it."""

from __future__ import annotations

import subprocess
from datetime import date

import pytest
from run_cli import cli
from sqlalchemy import func, select

from emulation_desktop.domain.models import AuditEntry, MeetingDelegate
from emulation_desktop.errors import ValidationError
from emulation_desktop.review.meeting import (
    Delegate,
    MeetingSetup,
    delegates_from_rows,
    member_units,
    read_meeting,
    save_meeting,
)


def _setup(**changes) -> MeetingSetup:
    values = dict(
        held_on=date(2022, 12, 20),
        starts_at="8h30",
        place="Hội trường Ủy ban MTTQ Việt Nam huyện Đông Anh",
        chair="Nguyễn Văn An",
        secretary="Trần Thị Bình",
        delegates=(Delegate("Lê Văn Cường", "Chủ tịch", "017"), Delegate("Phạm Thị Dung", "Phó Chủ tịch")),
    )
    values.update(changes)
    return MeetingSetup(**values)


def test_the_set_up_is_saved_whole_and_audited(db):
    save_meeting(db, "T-CUM", 2022, _setup(), user="clerk")
    saved = read_meeting(db, "T-CUM", 2022)
    assert saved is not None and saved.starts_at == "08:30"
    assert [d.name for d in saved.delegates] == ["Lê Văn Cường", "Phạm Thị Dung"]
    assert saved.delegates[0].unit_code == "017" and saved.delegates[1].unit_code == ""
    # saved again with one delegate: the other leaves the list, nothing else is written
    save_meeting(db, "T-CUM", 2022, _setup(delegates=(Delegate("Lê Văn Cường", "Chủ tịch", "017"),)))
    assert [d.name for d in read_meeting(db, "T-CUM", 2022).delegates] == ["Lê Văn Cường"]
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(MeetingDelegate)) == 2
        actions = session.scalars(
            select(AuditEntry.action).where(AuditEntry.table_name == "review_meeting")
        ).all()
    assert actions == ["create", "update"]


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"starts_at": "25:00"}, "starts_at", "HH:MM"),
        ({"held_on": date(2023, 3, 1)}, "held_on", "01/03/2023"),
        ({"place": "  "}, "place", "Địa điểm"),
        ({"delegates": ()}, "delegates", "đại biểu"),
        ({"delegates": (Delegate("", "Chủ tịch"),)}, "delegates", "Đại biểu 1"),
        ({"delegates": (Delegate("Lê Văn Cường", "", "999"),)}, "delegates", "999"),
    ],
)
def test_bad_input_is_refused_whole(db, changes, field, words):
    with pytest.raises(ValidationError) as refused:
        save_meeting(db, "T-CUM", 2022, _setup(**changes))
    assert field in refused.value.errors and words in refused.value.errors[field], refused.value.errors
    assert read_meeting(db, "T-CUM", 2022) is None


def test_a_pasted_block_reads_as_delegates(db):
    units = member_units(db, "T-CUM", 2022)
    rows = [
        ["TT", "Họ và tên", "Chức vụ", "Đơn vị"],
        ["1", "Lê Văn Cường", "Chủ tịch", "Đông Anh"],
        ["", "", ""],
    ]
    assert delegates_from_rows(rows[1:], units) == [Delegate("Lê Văn Cường", "Chủ tịch", "017")]
    assert delegates_from_rows([["Họ và tên", "Chức vụ"], *rows[1:]], units)[0].unit_code == "017"


def test_the_command_sets_the_meeting_up_and_refuses_bad_input(demo_copy, tmp_path):
    data_dir = demo_copy.folder
    demo_copy.close()  # the command takes the folder's lock
    delegates = tmp_path / "dai-bieu.csv"
    delegates.write_text(
        "Họ và tên;Chức vụ;Đơn vị\nNguyễn Văn An;Chủ tịch;Đông Anh\nTrần Thị Bình;Phó Chủ tịch;016\n",
        encoding="utf-8",
    )
    args = ["meeting", "--cluster", "HN-CUM3", "--year", "2023", "--date", "15/12/2023", "--time", "14:00"]
    args += ["--place", "Trụ sở Ủy ban MTTQ Việt Nam huyện Sóc Sơn", "--chair", "Đàm Văn Huân"]
    args += ["--secretary", "Lê Thị Cúc", "--delegates-file", delegates]
    done = cli(*args, data_dir=data_dir, check=True)
    assert "2 đại biểu" in done.stdout
    bad = cli(*[a if a != "14:00" else "14 giờ" for a in args], data_dir=data_dir)
    assert bad.returncode == 2 and "HH:MM" in bad.stderr
    late = cli(*[a if a != "15/12/2023" else "15/02/2024" for a in args], data_dir=data_dir)
    assert late.returncode == 2 and "15/02/2024" in late.stderr
    out = tmp_path / "giay-moi.pdf"
    cli(
        "report",
        "review-invitation",
        "--cluster",
        "HN-CUM3",
        "--year",
        "2023",
        "--out",
        out,
        data_dir=data_dir,
        check=True,
    )
    text = " ".join(
        subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout.split()
    )
    assert "14 giờ 00, thứ Sáu, ngày 15 tháng 12 năm 2023" in text
