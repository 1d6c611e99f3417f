"""The signed packages a receiving office keeps byte for byte (issue #18).

A cluster head forwards its members' years to the city as each member signed them, so it keeps the
original file of every package it applied; the city keeps them too, as the evidence it verified (and,
when a cluster head forwarded one, that head's acceptance of it). Only what can still be forwarded is
kept per unit and year: the latest package applied and the one last accepted (exchange.forwarding).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Index, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from emulation_desktop.domain.base import Base, utcnow


class ReceivedPackage(Base):
    """One member's package as it came in, and who forwarded it here with which acceptance."""

    __tablename__ = "received_package"
    __table_args__ = (Index("ix_received_package_unit", "unit_code", "year"),)

    package_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    unit_code: Mapped[str] = mapped_column(String(20))
    year: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))  # of ``data``: the package file
    received_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    # At the city: the cluster head whose forwarding package carried it, and when that head accepted it.
    forwarded_by: Mapped[str] = mapped_column(String(20), default="")
    accepted_at: Mapped[datetime | None] = mapped_column(DateTime)
