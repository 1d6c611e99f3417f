"""What a district records during the year: support activities, fund donations, supervision."""

from __future__ import annotations

from datetime import date

from sqlalchemy import BigInteger, CheckConstraint, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from emulation_desktop.domain import vocabulary
from emulation_desktop.domain.base import Base, RecordMixin, listing_index


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class SupportActivity(RecordMixin, Base):
    __tablename__ = "support_activity"
    __table_args__ = (
        listing_index("support_activity"),
        CheckConstraint("value_vnd >= 0", name="value_vnd"),
        CheckConstraint(_in("kind", vocabulary.SUPPORT_KINDS), name="kind"),
        CheckConstraint(_in("household_category", vocabulary.HOUSEHOLD_CATEGORIES), name="household"),
        Index("ix_support_activity_scope", "unit_id", "year", "deleted", "kind", "value_vnd"),
    )

    unit_id: Mapped[str] = mapped_column(ForeignKey("unit.id"))
    year: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    commune_id: Mapped[str | None] = mapped_column(ForeignKey("unit.id"))
    beneficiary: Mapped[str] = mapped_column(String(200), default="")
    household_category: Mapped[str] = mapped_column(String(20), default="other")
    activity_date: Mapped[date | None] = mapped_column(Date)
    value_vnd: Mapped[int] = mapped_column(BigInteger, default=0)
    funding_source: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")


class Fund(Base):
    """A fund the Front raises (Quỹ "Vì người nghèo", Quỹ biển, đảo Việt Nam...)."""

    __tablename__ = "fund"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))


class Donation(RecordMixin, Base):
    __tablename__ = "donation"
    __table_args__ = (
        listing_index("donation"),
        CheckConstraint("amount_vnd >= 0", name="amount_vnd"),
        Index("ix_donation_scope", "unit_id", "year", "deleted", "fund_code", "amount_vnd"),
    )

    unit_id: Mapped[str] = mapped_column(ForeignKey("unit.id"))
    year: Mapped[int] = mapped_column(Integer)
    fund_code: Mapped[str] = mapped_column(ForeignKey("fund.code"))
    commune_id: Mapped[str | None] = mapped_column(ForeignKey("unit.id"))
    donor: Mapped[str] = mapped_column(String(200), default="")
    donation_date: Mapped[date | None] = mapped_column(Date)
    amount_vnd: Mapped[int] = mapped_column(BigInteger, default=0)
    note: Mapped[str] = mapped_column(Text, default="")


class Supervision(RecordMixin, Base):
    """A supervision session, led by the Front or joint with other bodies."""

    __tablename__ = "supervision"
    __table_args__ = (
        listing_index("supervision"),
        CheckConstraint(_in("mode", vocabulary.SUPERVISION_MODES), name="mode"),
        CheckConstraint(_in("kind", vocabulary.SUPERVISION_KINDS), name="kind"),
        CheckConstraint(_in("field", vocabulary.SUPERVISION_FIELDS), name="field"),
        CheckConstraint("end_date IS NULL OR start_date IS NULL OR end_date >= start_date", name="dates"),
        Index("ix_supervision_scope", "unit_id", "year", "deleted", "mode", "kind"),
    )

    unit_id: Mapped[str] = mapped_column(ForeignKey("unit.id"))
    year: Mapped[int] = mapped_column(Integer)
    mode: Mapped[str] = mapped_column(String(10), default="led")
    kind: Mapped[str] = mapped_column(String(30), default="supervision")
    field: Mapped[str] = mapped_column(String(30), default="other")
    subject: Mapped[str] = mapped_column(String(300))
    commune_id: Mapped[str | None] = mapped_column(ForeignKey("unit.id"))
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    findings: Mapped[str] = mapped_column(Text, default="")


class Recommendation(RecordMixin, Base):
    """A recommendation (kiến nghị) made by a supervision, and its follow-up."""

    __tablename__ = "recommendation"
    __table_args__ = (
        CheckConstraint(_in("status", vocabulary.RECOMMENDATION_STATUSES), name="status"),
        Index("ix_recommendation_supervision", "supervision_id"),
        Index("ix_recommendation_scope", "unit_id", "year", "deleted", "status"),
    )

    supervision_id: Mapped[str] = mapped_column(ForeignKey("supervision.id"))
    unit_id: Mapped[str] = mapped_column(ForeignKey("unit.id"))
    year: Mapped[int] = mapped_column(Integer)
    content: Mapped[str] = mapped_column(Text)
    addressee: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(20), default="pending")
    followed_up_on: Mapped[date | None] = mapped_column(Date)
    response: Mapped[str] = mapped_column(Text, default="")
