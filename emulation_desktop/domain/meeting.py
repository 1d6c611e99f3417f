"""The cluster's year-end review meeting (hội nghị tổng kết) as it is set up before it is held: its
date, start time and place, who chairs it and who keeps the minutes, the conclusions recorded at it,
and the delegates invited (each with a position and, for a member's delegate, the unit). The meeting
pack, the invitation and the minutes are printed from it (``review/meeting.py`` reads and saves it)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from emulation_desktop.domain.base import Base, RecordMixin

NAME_LENGTH = 120
TITLE_LENGTH = 200
PLACE_LENGTH = 300


class ReviewMeeting(RecordMixin, Base):
    """One cluster's review meeting of one year (the year reviewed)."""

    __tablename__ = "review_meeting"
    __table_args__ = (UniqueConstraint("cluster_id", "year"),)

    cluster_id: Mapped[str] = mapped_column(ForeignKey("cluster.id"))
    year: Mapped[int] = mapped_column(Integer)
    held_on: Mapped[date] = mapped_column(Date)
    starts_at: Mapped[str] = mapped_column(String(5))  # "08:00"
    place: Mapped[str] = mapped_column(String(PLACE_LENGTH))
    chair: Mapped[str] = mapped_column(String(NAME_LENGTH))
    chair_title: Mapped[str] = mapped_column(String(TITLE_LENGTH), default="")
    secretary: Mapped[str] = mapped_column(String(NAME_LENGTH))
    secretary_title: Mapped[str] = mapped_column(String(TITLE_LENGTH), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    conclusions: Mapped[str] = mapped_column(Text, default="")  # one paragraph per line


class MeetingDelegate(RecordMixin, Base):
    """A delegate invited to the meeting, in the order the clerk listed them; one ballot each."""

    __tablename__ = "meeting_delegate"
    __table_args__ = (Index("ix_meeting_delegate_meeting", "meeting_id", "deleted", "sort_order"),)

    meeting_id: Mapped[str] = mapped_column(ForeignKey("review_meeting.id"))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    title: Mapped[str] = mapped_column(String(TITLE_LENGTH), default="")  # chức vụ
    unit_id: Mapped[str | None] = mapped_column(ForeignKey("unit.id"))
