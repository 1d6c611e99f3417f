"""The year's other tallies: delegate conferences, funerals, mediation, citizen reception."""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from emulation_desktop.domain.base import Base, RecordMixin, listing_index


class DelegateConference(RecordMixin, Base):
    """A People's delegate conference held in one village or commune (``place_id``)."""

    __tablename__ = "delegate_conference"
    __table_args__ = (
        listing_index("delegate_conference"),
        CheckConstraint("opinions_direct >= 0", name="opinions_direct"),
        CheckConstraint("opinions_forms >= 0", name="opinions_forms"),
        CheckConstraint("attendees >= 0", name="attendees"),
        # Covering: the indicators read the opinions without visiting the table rows.
        Index(
            "ix_delegate_conference_scope",
            "unit_id",
            "year",
            "deleted",
            "place_id",
            "opinions_direct",
            "opinions_forms",
        ),
    )

    unit_id: Mapped[str] = mapped_column(ForeignKey("unit.id"))
    year: Mapped[int] = mapped_column(Integer)
    place_id: Mapped[str] = mapped_column(ForeignKey("unit.id"))
    held_on: Mapped[date | None] = mapped_column(Date)
    attendees: Mapped[int] = mapped_column(Integer, default=0)
    opinions_direct: Mapped[int] = mapped_column(Integer, default=0)
    opinions_forms: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str] = mapped_column(Text, default="")


class _CommuneTally(RecordMixin):
    unit_id: Mapped[str] = mapped_column(ForeignKey("unit.id"))
    year: Mapped[int] = mapped_column(Integer)
    commune_id: Mapped[str] = mapped_column(ForeignKey("unit.id"))
    note: Mapped[str] = mapped_column(Text, default="")


class FuneralTally(_CommuneTally, Base):
    """Deaths and cremations in a commune for a year (tang văn minh)."""

    __tablename__ = "funeral_tally"
    __table_args__ = (
        listing_index("funeral_tally"),
        CheckConstraint("deaths >= 0", name="deaths"),
        CheckConstraint("cremations >= 0 AND cremations <= deaths", name="cremations"),
        UniqueConstraint("commune_id", "year", "period"),
        Index("ix_funeral_tally_scope", "unit_id", "year", "deleted"),
    )

    period: Mapped[str] = mapped_column(String(10), default="year")
    deaths: Mapped[int] = mapped_column(Integer, default=0)
    cremations: Mapped[int] = mapped_column(Integer, default=0)


class MediationTally(_CommuneTally, Base):
    """Grassroots mediation cases in a commune for a year: resolved out of total."""

    __tablename__ = "mediation_tally"
    __table_args__ = (
        listing_index("mediation_tally"),
        CheckConstraint("cases_total >= 0", name="cases_total"),
        CheckConstraint("cases_resolved >= 0 AND cases_resolved <= cases_total", name="cases_resolved"),
        UniqueConstraint("commune_id", "year", "period"),
        Index("ix_mediation_tally_scope", "unit_id", "year", "deleted"),
    )

    period: Mapped[str] = mapped_column(String(10), default="year")
    cases_total: Mapped[int] = mapped_column(Integer, default=0)
    cases_resolved: Mapped[int] = mapped_column(Integer, default=0)


class CitizenReception(_CommuneTally, Base):
    """Citizen reception sessions and petitions handled, per commune (or the district) and year."""

    __tablename__ = "citizen_reception"
    __table_args__ = (
        listing_index("citizen_reception"),
        CheckConstraint("sessions >= 0", name="sessions"),
        CheckConstraint("citizens >= 0", name="citizens"),
        CheckConstraint("petitions_received >= 0", name="petitions_received"),
        CheckConstraint(
            "petitions_resolved >= 0 AND petitions_resolved <= petitions_received",
            name="petitions_resolved",
        ),
        UniqueConstraint("commune_id", "year", "period"),
        Index("ix_citizen_reception_scope", "unit_id", "year", "deleted"),
    )

    period: Mapped[str] = mapped_column(String(10), default="year")
    sessions: Mapped[int] = mapped_column(Integer, default=0)
    citizens: Mapped[int] = mapped_column(Integer, default=0)
    petitions_received: Mapped[int] = mapped_column(Integer, default=0)
    petitions_resolved: Mapped[int] = mapped_column(Integer, default=0)
