"""The year-end review: the cluster's criteria, the units' self-scores and the agreed scores, the
acclaim and elections with their tallies, and the commendation proposals.

Points are stored in tenths (``95`` = 9,5 points) so sums stay exact on every dialect.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from emulation_desktop.domain.base import Base, RecordMixin

CRITERION_KINDS = ("normal", "bonus", "penalty")
ELECTION_KINDS = ("leading_unit", "head", "deputy")


class CriteriaSet(RecordMixin, Base):
    """The cluster's scoring table (bảng tiêu chí chấm điểm) for one year, prepared by the cluster head."""

    __tablename__ = "criteria_set"
    __table_args__ = (UniqueConstraint("cluster_id", "year"),)

    cluster_id: Mapped[str] = mapped_column(ForeignKey("cluster.id"))
    year: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    note: Mapped[str] = mapped_column(Text, default="")


class CriterionGroup(RecordMixin, Base):
    """A group of criteria ("I. Công tác tuyên truyền...")."""

    __tablename__ = "criterion_group"
    __table_args__ = (Index("ix_criterion_group_set", "set_id", "position"),)

    set_id: Mapped[str] = mapped_column(ForeignKey("criteria_set.id"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    code: Mapped[str] = mapped_column(String(10), default="")  # "I", "II"...
    name: Mapped[str] = mapped_column(String(300))


class Criterion(RecordMixin, Base):
    """A criterion with its maximum points; bonus and penalty criteria add to or take from the total.

    A criterion linked to an indicator (``indicator_code``) proposes its score from the unit's figures:
    full points at ``target_value`` (a count, an amount in đồng, or a rate in tenths of a percent), or at
    the unit's own pledged target when none is set here."""

    __tablename__ = "criterion"
    __table_args__ = (
        CheckConstraint("kind IN ('normal', 'bonus', 'penalty')", name="kind"),
        CheckConstraint("max_tenths >= 0", name="max_tenths"),
        Index("ix_criterion_set", "set_id", "position"),
    )

    set_id: Mapped[str] = mapped_column(ForeignKey("criteria_set.id"))
    group_id: Mapped[str | None] = mapped_column(ForeignKey("criterion_group.id"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    code: Mapped[str] = mapped_column(String(10), default="")  # "1", "1.2"...
    name: Mapped[str] = mapped_column(String(400))
    kind: Mapped[str] = mapped_column(String(10), default="normal")
    max_tenths: Mapped[int] = mapped_column(Integer, default=0)
    indicator_code: Mapped[str | None] = mapped_column(ForeignKey("indicator.code"))
    target_value: Mapped[int | None] = mapped_column(Integer)
    target_text: Mapped[str] = mapped_column(String(200), default="")  # "đạt 100% chỉ tiêu"


class SelfScore(RecordMixin, Base):
    """A unit's own score for a criterion, with its justification and evidence (it travels with the
    unit's year package)."""

    __tablename__ = "self_score"
    __table_args__ = (
        UniqueConstraint("unit_id", "criterion_id"),
        CheckConstraint("points_tenths >= 0", name="points_tenths"),
        Index("ix_self_score_scope", "unit_id", "year", "deleted"),
    )

    unit_id: Mapped[str] = mapped_column(ForeignKey("unit.id"))
    year: Mapped[int] = mapped_column(Integer)
    criterion_id: Mapped[str] = mapped_column(ForeignKey("criterion.id"))
    points_tenths: Mapped[int] = mapped_column(Integer, default=0)
    justification: Mapped[str] = mapped_column(Text, default="")
    evidence: Mapped[str] = mapped_column(Text, default="")  # JSON list of {"label", "ref"}


class ClusterScore(RecordMixin, Base):
    """The score the cluster agreed for a unit and a criterion at the review conference."""

    __tablename__ = "cluster_score"
    __table_args__ = (
        UniqueConstraint("unit_id", "criterion_id"),
        CheckConstraint("points_tenths >= 0", name="points_tenths"),
        Index("ix_cluster_score_criterion", "criterion_id"),
    )

    unit_id: Mapped[str] = mapped_column(ForeignKey("unit.id"))
    year: Mapped[int] = mapped_column(Integer)
    criterion_id: Mapped[str] = mapped_column(ForeignKey("criterion.id"))
    points_tenths: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str] = mapped_column(Text, default="")


class Election(RecordMixin, Base):
    """An acclaim or election held at the review: the leading unit of ``year``, or next year's cluster
    head or deputy. The counted ballots are recorded once the tally adds up."""

    __tablename__ = "election"
    __table_args__ = (
        UniqueConstraint("cluster_id", "year", "kind"),
        CheckConstraint("kind IN ('leading_unit', 'head', 'deputy')", name="kind"),
        CheckConstraint("ballots_returned <= ballots_issued", name="returned"),
        CheckConstraint("ballots_valid + ballots_invalid = ballots_returned", name="valid"),
    )

    cluster_id: Mapped[str] = mapped_column(ForeignKey("cluster.id"))
    year: Mapped[int] = mapped_column(Integer)  # the year reviewed
    kind: Mapped[str] = mapped_column(String(20))
    seats: Mapped[int] = mapped_column(Integer, default=1)
    ballots_issued: Mapped[int] = mapped_column(Integer, default=0)
    ballots_returned: Mapped[int] = mapped_column(Integer, default=0)
    ballots_valid: Mapped[int] = mapped_column(Integer, default=0)
    ballots_invalid: Mapped[int] = mapped_column(Integer, default=0)
    held_on: Mapped[date | None] = mapped_column(Date)
    tellers: Mapped[str] = mapped_column(Text, default="")  # the vote counters, one per line


class Ballot(RecordMixin, Base):
    """The votes a candidate received in an election (one row per candidate)."""

    __tablename__ = "ballot_vote"
    __table_args__ = (
        UniqueConstraint("election_id", "unit_id"),
        CheckConstraint("votes >= 0", name="votes"),
    )

    election_id: Mapped[str] = mapped_column(ForeignKey("election.id"))
    unit_id: Mapped[str] = mapped_column(ForeignKey("unit.id"))
    votes: Mapped[int] = mapped_column(Integer, default=0)


class CommendationProposal(RecordMixin, Base):
    """The cluster proposes a commendation for a unit: which title ("Cờ thi đua", "Bằng khen") and why."""

    __tablename__ = "commendation_proposal"
    __table_args__ = (Index("ix_commendation_proposal_scope", "cluster_id", "year", "deleted"),)

    cluster_id: Mapped[str] = mapped_column(ForeignKey("cluster.id"))
    year: Mapped[int] = mapped_column(Integer)
    unit_id: Mapped[str] = mapped_column(ForeignKey("unit.id"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text, default="")
