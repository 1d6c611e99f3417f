"""The organisation tree, clusters, emulation years and pledges."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.sql.elements import ColumnElement

from emulation_desktop.domain.base import Base, RecordMixin, listing_index


class OrgLevel(Base):
    """A level of the organisation (city, district, commune, village...). Levels are data, not code:
    since 2025 committees sit at commune and province level, and the same app serves them."""

    __tablename__ = "org_level"

    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    depth: Mapped[int] = mapped_column(Integer)


def in_subtree(path: Any, prefix: Any) -> ColumnElement[bool]:
    """The units whose ``path`` column starts with ``prefix`` (a path, or another unit's path column),
    exactly. (``startswith`` is a LIKE, which would read "_" or "%" in a unit code as wildcards and
    ignore the case of ASCII letters.)"""
    length = len(prefix) if isinstance(prefix, str) else func.length(prefix)
    return func.substr(path, 1, length) == prefix


class Unit(RecordMixin, Base):
    """A node of the organisation tree: a committee (city, district, commune) or a village."""

    __tablename__ = "unit"
    __table_args__ = (
        Index("ix_unit_parent", "parent_id"),
        Index("ix_unit_level_path", "level_code", "path"),
    )

    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    unit_type: Mapped[str] = mapped_column(String(40), default="")  # "Xã", "Thị trấn", "Huyện", "Thôn"...
    level_code: Mapped[str] = mapped_column(ForeignKey("org_level.code"))
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("unit.id"))
    # Materialised path of codes ("/01/017/00454/"): a subtree is the paths that start with its own
    # (``in_subtree``).
    path: Mapped[str] = mapped_column(String(255))
    # True when this installation owns the unit and may edit its records; imported units are read-only.
    is_local: Mapped[bool] = mapped_column(Boolean, default=False)
    place_name: Mapped[str] = mapped_column(String(80), default="")  # for "Đông Anh, ngày ..."
    # The years the unit exists in as it is (None: always), so a merger changes the future and never the
    # past: a ward formed on 1 July 2025 is valid from 2025, an old commune it absorbed until 2024.
    valid_from: Mapped[int | None] = mapped_column(Integer)
    valid_until: Mapped[int | None] = mapped_column(Integer)

    parent: Mapped[Unit | None] = relationship(remote_side="Unit.id")


class Cluster(RecordMixin, Base):
    """An emulation cluster (Cụm thi đua) of units, under a parent unit (the city)."""

    __tablename__ = "cluster"

    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    parent_unit_id: Mapped[str | None] = mapped_column(ForeignKey("unit.id"))


class ClusterMember(RecordMixin, Base):
    """Membership and role of a unit in a cluster for one year (roles change every year)."""

    __tablename__ = "cluster_member"
    __table_args__ = (
        UniqueConstraint("cluster_id", "unit_id", "year"),
        CheckConstraint("role IN ('head', 'deputy', 'member')", name="role"),
    )

    cluster_id: Mapped[str] = mapped_column(ForeignKey("cluster.id"))
    unit_id: Mapped[str] = mapped_column(ForeignKey("unit.id"))
    year: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(10), default="member")


class EmulationYear(RecordMixin, Base):
    """A unit's emulation year; locked once submitted (docs/architecture.md, Storage)."""

    __tablename__ = "emulation_year"
    __table_args__ = (UniqueConstraint("unit_id", "year"),)

    unit_id: Mapped[str] = mapped_column(ForeignKey("unit.id"))
    year: Mapped[int] = mapped_column(Integer)
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
    locked_at: Mapped[datetime | None] = mapped_column(DateTime)
    lock_reason: Mapped[str] = mapped_column(Text, default="")
    revised_after_submission: Mapped[bool] = mapped_column(Boolean, default=False)


class Indicator(Base):
    """An emulation content a pledge can target; ``code`` is the stable indicator code."""

    __tablename__ = "indicator"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    measure: Mapped[str] = mapped_column(String(20))  # see indicators.definitions.IndicatorDef


class Pledge(RecordMixin, Base):
    """A unit's emulation registration for a year: the title it strives for."""

    __tablename__ = "pledge"
    __table_args__ = (
        listing_index("pledge"),
        Index("ix_pledge_scope", "unit_id", "year", "deleted"),
    )

    unit_id: Mapped[str] = mapped_column(ForeignKey("unit.id"))
    year: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))  # danh hiệu: "Cờ thi đua của UBND Thành phố"...
    registered_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")


class PledgeTarget(RecordMixin, Base):
    """A target per indicator within a pledge (chỉ tiêu)."""

    __tablename__ = "pledge_target"
    __table_args__ = (
        CheckConstraint("target_value IS NULL OR target_value >= 0", name="target_value"),
        CheckConstraint("target_amount_vnd IS NULL OR target_amount_vnd >= 0", name="target_amount"),
        CheckConstraint(
            "target_percent IS NULL OR (target_percent >= 0 AND target_percent <= 1000)",
            name="target_percent",
        ),
        Index("ix_pledge_target_pledge", "pledge_id"),
    )

    pledge_id: Mapped[str] = mapped_column(ForeignKey("pledge.id"))
    unit_id: Mapped[str] = mapped_column(ForeignKey("unit.id"))
    year: Mapped[int] = mapped_column(Integer)
    indicator_code: Mapped[str] = mapped_column(ForeignKey("indicator.code"))
    target_value: Mapped[int | None] = mapped_column(BigInteger)
    target_amount_vnd: Mapped[int | None] = mapped_column(BigInteger)
    # Ratio targets in tenths of a percent (850 = 85,0%) to stay integer.
    target_percent: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
