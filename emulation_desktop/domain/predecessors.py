"""Which old units a unit was formed from (issue #16, "structure over time"): a ward of 2025 formed from
whole or parts of old communes. ``counted`` says whether the old unit's figures make this unit's "last
year" (a commune split between two successors is counted in one of them, where the clerk says);
``operations/predecessors.py`` writes the rows, ``indicators/compute.py`` sums them.

Units are keyed by code, and a 2025 unit keeps the code of one of the communes it was formed from, so
that commune is the unit's own row: a unit may be its own predecessor (its records before the change
are that old commune's). ``name`` keeps the old name, which the row itself may no longer carry.
"""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from emulation_desktop.domain.base import Base, RecordMixin


class UnitPredecessor(RecordMixin, Base):
    __tablename__ = "unit_predecessor"
    __table_args__ = (
        # One row per pair: taking a predecessor off deletes the row (soft), adding it again revives it.
        UniqueConstraint("unit_id", "predecessor_id"),
        # "Is this old unit counted in another successor already?" reads this index.
        Index("ix_unit_predecessor_predecessor_id", "predecessor_id"),
    )

    unit_id: Mapped[str] = mapped_column(ForeignKey("unit.id"))
    predecessor_id: Mapped[str] = mapped_column(ForeignKey("unit.id"))
    counted: Mapped[bool] = mapped_column(Boolean, default=False)
    name: Mapped[str] = mapped_column(String(120), default="")  # the predecessor's name before the change
    note: Mapped[str] = mapped_column(Text, default="")
