"""The meeting's set-up is a review step (issue #17): missing until it is saved with its date, time,
place, chair, secretary and a delegate (small tree: cluster T-CUM, 2022), then done; the other steps do
not move with it."""

from __future__ import annotations

from datetime import date

from emulation_desktop.review import board as rb
from emulation_desktop.review.meeting import Delegate, MeetingSetup, save_meeting


def _steps(db):
    with db.session() as session:
        return [g for g in rb.readiness(session, "T-CUM", 2022)]


def test_the_meeting_is_a_step_done_once_it_is_set_up(db):
    before = _steps(db)
    meeting = [g.message for g in before if g.step == "meeting"]
    assert meeting == [
        "Chưa thiết lập hội nghị tổng kết năm 2022 (ngày, giờ, địa điểm, chủ trì, thư ký, đại biểu)."
    ]
    save_meeting(
        db,
        "T-CUM",
        2022,
        MeetingSetup(
            held_on=date(2022, 12, 20),
            starts_at="08:00",
            place="Hội trường Ủy ban MTTQ Việt Nam huyện Đông Anh",
            chair="Nguyễn Văn An",
            secretary="Trần Thị Bình",
            delegates=(Delegate("Lê Văn Cường", "Chủ tịch", "017"),),
        ),
    )
    after = _steps(db)
    assert "meeting" not in {g.step for g in after}
    assert [g for g in before if g.step != "meeting"] == after
    assert "meeting" in rb.STEPS
