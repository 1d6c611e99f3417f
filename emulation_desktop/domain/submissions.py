"""What a receiving office decided on a unit's year: accepted, or returned with a reason (issue #18).

The same row serves both ends. At the receiver (the cluster head, later the city) it is a decision
*made* here, with the signed acknowledgement written for the member; at the member it is the
acknowledgement *received*, verified against the trusted key of the office that signed it. The signed
text and its signature are kept as they travelled, so an auditor can verify them again and a lost stick
can be given the very same file.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from emulation_desktop.domain.base import Base, utcnow

DECISIONS = ("accepted", "returned")
DIRECTIONS = ("made", "received")


class SubmissionDecision(Base):
    """One decision on one package of a unit's year; its id is the acknowledgement's id."""

    __tablename__ = "submission_decision"
    __table_args__ = (
        CheckConstraint("decision IN ('accepted', 'returned')", name="decision"),
        CheckConstraint("direction IN ('made', 'received')", name="direction"),
        Index("ix_submission_decision_scope", "unit_code", "year", "direction", "decided_at"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    direction: Mapped[str] = mapped_column(String(10))
    unit_code: Mapped[str] = mapped_column(String(20))  # the member unit whose year was decided on
    year: Mapped[int] = mapped_column(Integer)
    decision: Mapped[str] = mapped_column(String(10))
    reason: Mapped[str] = mapped_column(Text, default="")  # NFC; required for a return
    package_id: Mapped[str] = mapped_column(String(36))  # the package decided on
    package_sha256: Mapped[str] = mapped_column(String(64), default="")  # of the package file
    package_file: Mapped[str] = mapped_column(String(255), default="")
    package_sequence: Mapped[int | None] = mapped_column(Integer)  # the sender's number (None: format 1)
    issuer_code: Mapped[str] = mapped_column(String(20))  # the office that decided and signed
    issuer_name: Mapped[str] = mapped_column(String(120), default="")
    cluster_code: Mapped[str] = mapped_column(String(20), default="")  # "" when the city decided
    decided_at: Mapped[datetime] = mapped_column(DateTime)
    recorded_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    user: Mapped[str] = mapped_column(String(80), default="")
    document: Mapped[str] = mapped_column(Text)  # the signed acknowledgement (JSON), byte for byte
    signature: Mapped[str] = mapped_column(String(100))  # its Ed25519 signature, base64
