"""The people of a committee for a year: its chairman, vice chairmen, standing members and clerks, and
who of them signs the documents (``operations/setup.py`` writes them, the documents read them)."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from emulation_desktop.domain.base import Base, RecordMixin
from emulation_desktop.domain.records import _in  # the CHECK text every coded column uses
from emulation_desktop.locale.i18n import N_

# Positions in the standing committee (Ban Thường trực) and its office, in the order they are listed.
POSITIONS: dict[str, str] = {
    "chair": N_("Chair"),
    "vice_chair": N_("Vice chair"),
    "standing_member": N_("Standing member"),
    "clerk": N_("Office clerk"),
}
# How a person signs: "tm" the chairman on behalf of the standing committee (TM. BAN THƯỜNG TRỰC /
# CHỦ TỊCH), "kt" a vice chairman for the chairman (KT. CHỦ TỊCH / PHÓ CHỦ TỊCH), "" does not sign.
SIGNS_AS: dict[str, str] = {
    "tm": N_("On behalf of the standing committee (TM.)"),
    "kt": N_("For the chair (KT.)"),
    "": N_("Does not sign"),
}
NAME_LENGTH = 120


class CommitteeMember(RecordMixin, Base):
    """One person of a unit's committee in one year (people change at congresses and in between)."""

    __tablename__ = "committee_member"
    __table_args__ = (
        CheckConstraint(_in("position", tuple(POSITIONS)), name="position"),
        CheckConstraint(_in("signs_as", tuple(SIGNS_AS)), name="signs_as"),
        Index("ix_committee_member_scope", "unit_id", "year", "deleted", "sort_order"),
    )

    unit_id: Mapped[str] = mapped_column(ForeignKey("unit.id"))
    year: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    position: Mapped[str] = mapped_column(String(20))
    signs_as: Mapped[str] = mapped_column(String(4), default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)  # the order the clerk listed them in
